"""PDFs with headless Debian chromium (print to PDF): the whole guidance, one bench note per tool and one
handout per training path.

Usage: python scripts/make_pdf.py (a thin wrapper over this module) [--site site] [--out pdf] [--layout pdf|downloads] [--only PATH]
Serves the built site on 127.0.0.1, prints pages with Playwright driving /usr/bin/chromium
(Playwright cannot download a browser here), and writes tagged A4 PDFs. Links in a PDF lead to the
public address (PUBLIC_URL, see guidance/public_url.py), never to the local server that printed it; without
PUBLIC_URL they name the path from the site root. `--layout downloads` writes the files where `make dist`
publishes them (guidance/downloads.py: downloads/bench-notes/<tool>.pdf, ...); the default keeps pdf/.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from ... import downloads
from ...data.loader import load_site
from ...options import BuildOptions
from ...paths import tool_slug
from ...site.serve import make_server
from .whole_pdf import footer, whole_document

ROOT = Path(__file__).resolve().parents[3]  # the project folder (guidance/engines/output/ is three below it)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage"]

# every link to the local server becomes the same address on the public site (also the address the print
# style sheet prints after a link's text, data-print-href, set by docs/assets/site.js)
PUBLIC_LINKS = """([local, pub]) => {
  document.querySelectorAll('a[href]').forEach(a => {
    if (a.href.startsWith(local)) { a.setAttribute('href', pub + a.href.slice(local.length)); }
  });
  document.querySelectorAll('[data-print-href]').forEach(a => {
    const v = a.getAttribute('data-print-href');
    if (v.startsWith(local)) { a.setAttribute('data-print-href', pub + v.slice(local.length)); }
  });
  document.querySelectorAll('.cite-url, [data-abs-path] code, [data-abs-path]:not(:has(code))').forEach(el => {
    const t = el.firstChild;  // the address starts in the first text node (the id may follow in its own span)
    if (t && t.nodeType === 3 && t.data.startsWith(local)) { t.data = pub + t.data.slice(local.length); }
  });
}"""


# the job that prints the whole guidance: not a page of the site, a document assembled from its pages
WHOLE = "(the whole guidance)"


def jobs_for(data, out: Path, layout: str = "pdf") -> list[tuple[str, Path]]:
    """(site path to print, PDF to write) for every PDF the site offers."""

    if layout == "downloads":
        return [(WHOLE, out / downloads.guidance_pdf(data.site.version))] + [
            (f"bench-notes/{tool_slug(t.id)}/", out / downloads.bench_note_pdf(t.id)) for t in data.tools
        ] + [(f"training/paths/{p.id}/", out / downloads.handout_pdf(p.id)) for p in data.training]
    return [(WHOLE, out / "guidance.pdf")] + [
        (f"bench-notes/{tool_slug(t.id)}/", out / "bench-notes" / f"{tool_slug(t.id)}.pdf") for t in data.tools
    ] + [(f"training/paths/{p.id}/", out / f"training-{p.id}.pdf") for p in data.training]


def print_pdfs(site: Path, jobs: list[tuple[str, Path]], public: str | None, log=print) -> list[Path]:
    """Print each (site path, target) of a built site to an A4 PDF; returns the files written.

    Nothing here waits a fixed time: each page is printed when it has loaded, however long a busy machine
    takes (issue #32: a 30 s limit failed `make dist` on a loaded machine)."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        raise SystemExit("Debian chromium is missing: run `make browser`.")
    srv = make_server(str(site), 0)
    port = srv.server_address[1]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page()
            page.set_default_timeout(0)  # wait for readiness, not for a clock
            for path, target in jobs:
                target.parent.mkdir(parents=True, exist_ok=True)
                if path == WHOLE:
                    _print_whole(page, site, base, public, target)
                else:
                    page.goto(base + path, wait_until="load")
                    page.evaluate(PUBLIC_LINKS, [base, public or "/"])
                    page.emulate_media(media="print")
                    page.pdf(path=str(target), format="A4", print_background=True, outline=True, tagged=True)
                written.append(target)
                log(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            browser.close()
    finally:
        srv.shutdown()
    return written


def _print_whole(page, site: Path, base: str, public: str | None, target: Path) -> None:
    """The whole guidance (guidance/engines/output/whole_pdf.py): a table of contents, bookmarks by part and page, and
    the edition, its date and the page number at the foot of every sheet."""
    data = load_site(ROOT, BuildOptions(public_url=public))
    page.set_content(whole_document(site, data, public or "/", base), wait_until="load")
    page.emulate_media(media="print")
    page.pdf(path=str(target), format="A4", print_background=True, outline=True, tagged=True,
             display_header_footer=True, header_template="<span></span>", footer_template=footer(data),
             margin={"top": "12mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})


def main(argv: list[str] | None = None, options: BuildOptions | None = None) -> int:
    """`make pdf` (scripts/make_pdf.py gives the build options: the public address the PDFs name)."""
    options = options or BuildOptions()
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--out", default=str(ROOT / "pdf"))
    ap.add_argument("--layout", choices=("pdf", "downloads"), default="pdf")
    ap.add_argument("--only", action="append", help="print only this page (site path, e.g. bench-notes/rm2000/)")
    args = ap.parse_args(argv)
    site, out = Path(args.site), Path(args.out)
    if not (site / "index.html").exists():
        print(f"No built site in {site}: run `make build` first.", file=sys.stderr)
        return 1


    public = options.public_url
    if not public:
        print("Note: PUBLIC_URL is not set, so links in these PDFs name paths, not a host.", file=sys.stderr)
    jobs = jobs_for(load_site(ROOT, options), out, args.layout)
    if args.only:
        jobs = [j for j in jobs if j[0] in args.only]
    print_pdfs(site, jobs, public)
    return 0

