"""PDFs with headless Debian chromium (print to PDF): the whole guidance and one bench note per tool.

Usage: python scripts/make_pdf.py [--site site] [--out pdf]
Serves the built site on 127.0.0.1, prints pages with Playwright driving /usr/bin/chromium
(Playwright cannot download a browser here), and writes tagged A4 PDFs. Links in a PDF lead to the
public address (public_url in data/site.yaml), never to the local server that printed it.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage"]

# every link to the local server becomes the same address on the public site
PUBLIC_LINKS = """([local, pub]) => {
  document.querySelectorAll('a[href]').forEach(a => {
    if (a.href.startsWith(local)) { a.setAttribute('href', pub + a.href.slice(local.length)); }
  });
}"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--out", default=str(ROOT / "pdf"))
    ap.add_argument("--only", action="append", help="print only this page (site path, e.g. bench-notes/rm2000/)")
    args = ap.parse_args()
    site, out = Path(args.site), Path(args.out)
    if not (site / "print_page" / "index.html").exists():
        print(f"No built site in {site}: run `make build` first.", file=sys.stderr)
        return 1
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("Debian chromium is missing: run `make browser`.", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    from macros.data.loader import load_site
    from macros.paths import tool_slug
    from macros.site.serve import make_server

    data = load_site(ROOT)
    srv = make_server(str(site), 0)
    port = srv.server_address[1]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    (out / "bench-notes").mkdir(parents=True, exist_ok=True)
    jobs = [("print_page/", out / "guidance.pdf")] + [
        (f"bench-notes/{tool_slug(t.id)}/", out / "bench-notes" / f"{tool_slug(t.id)}.pdf") for t in data.tools
    ] + [(f"training/paths/{p.id}/", out / f"training-{p.id}.pdf") for p in data.training]
    if args.only:
        jobs = [j for j in jobs if j[0] in args.only]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page()
        for path, target in jobs:
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.evaluate(PUBLIC_LINKS, [base, data.site.public_url])
            page.emulate_media(media="print")
            page.pdf(path=str(target), format="A4", print_background=True, outline=True, tagged=True)
            print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        browser.close()
    srv.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
