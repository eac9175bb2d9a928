"""`make dist`: the publishable folder dist/site/, for any static host or CDN.

Usage: PUBLIC_URL=https://guidance.example.scot/ python scripts/dist.py [--out dist] [--built ISO-TIME]

1. Refuse to start without the public address (PUBLIC_URL, guidance/public_url.py).
2. Build the site exactly as `make build` does (scripts/build.py: the editors' check, strict MkDocs build,
   kept editions, link and anchor check), with that address.
3. Print the PDFs from that build (guidance/engines/output/pdfs.py): the whole guidance, one per bench note and one
   per training handout; then the offline pack from the same build, PDFs inside (guidance/engines/output/offline_pack.py).
4. Put them under downloads/ (paths in guidance/downloads.py), point every download link at its file,
   fill in the sizes on the Downloads page, and write downloads/manifest.json.
5. Refuse to finish if any download is missing or unlinked, if any link or anchor is broken, or if any
   page, feed, sitemap, export or PDF of the current edition names a host other than the public one, or
   a host that no editor wrote (in data/, docs/ or the theme settings).
6. Only then replace dist/site/.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from ...data.editions import shown_editions
from ...data.loader import load_site
from ...downloads import by_key, finish_links, keys_linked, made_by_dist
from ...options import BuildOptions
from ...paths import edition_root
from ...public_url import ENV
from .linkcheck import check as check_links
from .nginx_preview import csp_problems
from .offline_pack import build_pack, parse_built
from .pdfs import jobs_for, print_pdfs

ROOT = Path(__file__).resolve().parents[3]

# hosts the theme and the file formats name (namespaces, the theme's credit), not addresses of this site
FORMAT_HOSTS = {"www.w3.org", "www.sitemaps.org", "json-schema.org", "squidfunk.github.io", "purl.org",
                "schema.org", "ns.adobe.com"}
_URL = re.compile(r"https?://([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])(?::\d+)?[^\s\"'<>()\[\]{}]*")
CHECKED = (".html", ".xml", ".atom", ".json", ".csv", ".txt")


def editor_hosts(root: Path = ROOT) -> set[str]:
    """Every host an editor wrote: data/, docs/ (pages), mkdocs.yml and overrides/."""
    hosts = set(FORMAT_HOSTS)
    files = [*root.glob("data/**/*.yaml"), *root.glob("docs/**/*.md"), root / "mkdocs.yml", *root.glob("overrides/**/*.html")]
    for f in files:
        hosts.update(h.lower() for h in _URL.findall(f.read_text(encoding="utf-8")))
    return hosts


def pdf_links(pdf: Path) -> str:
    """The target of every link in a PDF (its /URI entries), one a line."""
    return "\n".join(u.decode("latin-1") for u in re.findall(rb"/URI\s*\(([^)]*)\)", pdf.read_bytes()))


def pdf_text(pdf: Path) -> str:
    """The printed text of a PDF (pdftotext from poppler-utils), an address broken at a line end joined up."""
    exe = shutil.which("pdftotext")
    if not exe:
        raise SystemExit("pdftotext is missing: install poppler-utils (make browser installs it).")
    text = subprocess.run([exe, str(pdf), "-"], capture_output=True, text=True).stdout
    return _BROKEN.sub(r"\1", text)


# hosts that are never a published site: placeholders, test and local names, the printing machine
_NOT_PUBLIC = re.compile(r"(?:^|\.)(?:invalid|example|test|local|localhost|internal)$|^127\.|^0\.0\.0\.0$|^\[?::1")


_BROKEN = re.compile(r"(https?://\S*[^\s.,;:)])\n(?=[A-Za-z0-9./#-])")


def host_problems(site: Path, public: str, older: list[str], allowed: set[str]) -> list[str]:
    """Every address in the current edition's pages, feeds, sitemaps, exports and PDFs that names this site
    anywhere but at its public address, or names a host no editor wrote."""
    own = urlsplit(public).hostname
    skip = tuple(edition_root(v) for v in older)
    problems = []
    for f in sorted(site.rglob("*")):
        rel = f.relative_to(site).as_posix()
        if not f.is_file() or rel.startswith(skip) or rel.startswith("assets/"):
            continue
        printed = ""
        if f.suffix in CHECKED:
            text = html.unescape(f.read_text(encoding="utf-8", errors="replace"))
        elif f.suffix == ".pdf":
            # links: every host checked. Printed text: a narrow table cell breaks an address anywhere, and
            # pdftotext interleaves cells, so the text is searched for hosts that are never public.
            text, printed = pdf_links(f), pdf_text(f)
        else:
            continue
        for m in _URL.finditer(printed):
            host = m.group(1).lower()
            if host != own and _NOT_PUBLIC.search(host) and not own.startswith(host):
                problems.append(f"{rel}: prints {m.group(0)}, which is not the public address")
        for m in _URL.finditer(text):
            host, url = m.group(1).lower(), m.group(0)
            if host == own:
                if not url.startswith(public):
                    problems.append(f"{rel}: {url} is on the public host but not under {public}")
            elif host not in allowed:
                problems.append(f"{rel}: {url} names a host other than the public one ({own})")
    return problems


def _sha256(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def publish(site: Path, data, public: str, built: dt.datetime, log=print) -> dict:
    """Steps 3 to 5 on a site built with the public address; returns the manifest."""
    work = site.parent
    pdf_root = work / "pdf"
    t0 = time.perf_counter()
    print_pdfs(site, jobs_for(data, pdf_root, "downloads"), public, log=lambda _m: None)
    t_pdf = time.perf_counter() - t0
    files = made_by_dist(data)
    pdfs = {d.key: (d.path, pdf_root / d.path) for d in files if d.kind == "PDF" and (pdf_root / d.path).is_file()}
    stats = build_pack(work / "pack", built, None, site_src=site, downloads=pdfs, base_url=public)
    offline = by_key(data)["offline"]
    (site / offline.path).parent.mkdir(parents=True, exist_ok=True)
    shutil.move(stats["zip"], site / offline.path)
    for _key, (rel, src) in pdfs.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, site / rel)

    missing = [d.path for d in files if not (site / d.path).is_file()]
    if missing:
        raise SystemExit("make dist stopped: these downloads were not made:\n  " + "\n  ".join(missing))
    present = {d.key: (d.path, (site / d.path).stat().st_size) for d in files}
    older = [ed.version for ed, _until in shown_editions(data)]
    skip = tuple(edition_root(v) for v in older)
    linked: set[str] = set()
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(skip):
            continue
        text = page.read_text(encoding="utf-8")
        linked |= keys_linked(text)
        new, changed = finish_links(text, rel, present)
        if changed or new != text:
            page.write_text(new, encoding="utf-8")
    unlinked = [d.path for d in files if d.key not in linked]
    if unlinked:
        raise SystemExit("make dist stopped: no page links these downloads:\n  " + "\n  ".join(unlinked))

    manifest = {
        "edition": data.site.version, "edition_date": data.site.version_date.isoformat(),
        "built": built.strftime("%Y-%m-%dT%H:%M:%SZ"), "public_url": public,
        "files": [{"key": d.key, "path": d.path, "url": public + d.path, "title": d.title, "kind": d.kind,
                   "bytes": present[d.key][1], "sha256": _sha256(site / d.path)} for d in files],
    }
    (site / "downloads" / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    # the current pages and every link into the kept editions, as the build checked them before the download
    # links were pointed at their files; the editions' frozen pages were checked when each was cut
    _pages, _links, broken = check_links(site, skip)
    if broken:
        raise SystemExit("make dist stopped: broken links or anchors:\n  " + "\n  ".join(broken[:50]))
    blocked = csp_problems(site)
    if blocked:
        raise SystemExit("make dist stopped: the server's content security policy would block scripts:\n  "
                         + "\n  ".join(blocked[:20]))
    problems = host_problems(site, public, older, editor_hosts())
    if problems:
        raise SystemExit("make dist stopped: addresses that are not the public one:\n  " + "\n  ".join(problems[:50]))
    manifest["pdf_seconds"] = round(t_pdf, 1)
    return manifest


def main(argv: list[str] | None, options: BuildOptions) -> int:
    """`make dist`: scripts/dist.py reads PUBLIC_URL into the build options and gives them here."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "dist"), help="folder that receives site/ (default: dist/)")
    ap.add_argument("--built", help="build time shown in the offline pack, ISO 8601 (default: now)")
    args = ap.parse_args(argv)
    public = options.public_url
    if not public:
        print(f"make dist needs the site's public address, the address readers will use. Give it as {ENV}, e.g.\n"
              f"  make dist {ENV}=https://guidance.example.scot/\n"
              "Every citation, copied link, PDF, the feed and the sitemap name it.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".dist-", dir=out))
    try:
        site = work / "site"
        build = [sys.executable, str(ROOT / "scripts" / "build.py"), "--site", str(site), "--tree", str(work / "src"),
                 "--public-url", public]  # its own source tree: never the checkout's build/src/
        if subprocess.run(build, cwd=ROOT).returncode:
            print("make dist stopped: the site did not build (see above). dist/site/ was left as it was.", file=sys.stderr)
            return 1
        try:
            manifest = publish(site, load_site(ROOT, options), public, parse_built(args.built))
        except SystemExit as exc:
            print(f"{exc}\ndist/site/ was left as it was.", file=sys.stderr)
            return 1
        target = out / "site"
        if target.exists():
            shutil.rmtree(target)
        site.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(f["bytes"] for f in manifest["files"])
    print(f"Wrote {target} for {public} in {time.perf_counter() - start:.0f} s: {len(manifest['files'])} downloads "
          f"({total / 1e6:.1f} MB; PDFs printed in {manifest['pdf_seconds']} s). Copy the folder to the web server "
          "(README.md, \"Publishing\"); `make preview` serves it as the server would.")
    return 0
