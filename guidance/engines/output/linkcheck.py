"""Fast check of every internal link and anchor in a built site (standard library only).

Run by scripts/build.py on every build (`check(site_dir, frozen)`); by hand: python -m guidance.engines.output.linkcheck SITE_DIR
Reads every HTML file once, collects its ids, then checks that each relative href/src points to
a file in the site and, where it has a #fragment, that the target page has that id. Prints every
broken link and exits 1 if there is any. linkchecker (over HTTP, in the tests) does the same job
independently; this one is fast enough to run on every build of a large site.

The kept editions' frozen pages (editions/<version>/) are checked when an edition is cut (`make release` builds
with --check-editions) and by tests/test_editions.py, not on every build: an ordinary build passes their folders
as `frozen`, and checks only that the links into them land (a page there is read only for the anchor a link
names). Their notices link to the current guidance through the same targets as the current edition's forwarding
pages (editions/<current>/id/…), which every build checks.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and key == "href" and "canonical" in (a.get("rel") or "")):
                self.links.append(a[key])


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    base = site if path.startswith("/") else page.parent
    t = (base / path.lstrip("/")).resolve()
    if t.is_dir() or path.endswith("/"):
        t = t / "index.html"
    return t, parts.fragment


def _read(page: Path) -> _Page:
    p = _Page()
    p.feed(page.read_text(encoding="utf-8", errors="replace"))
    return p


def _html_files(site: Path, frozen: set[Path]):
    """Every HTML page of the site outside the frozen folders (never walked into)."""
    for folder, dirs, files in os.walk(site):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in frozen]
        yield from (here / f for f in files if f.endswith(".html"))


def check(site: Path, frozen: Iterable[str] = ()) -> tuple[int, int, list[str]]:
    """(pages checked, links checked, broken links), each 'page: href (why)'. `frozen`: folders of the site (as
    'editions/2026.12.1/') whose pages are not checked themselves; links into them are."""
    site = site.resolve()
    skipped = {(site / f).resolve() for f in frozen}
    pages: dict[Path, _Page] = {}
    for f in _html_files(site, skipped):
        if f.name == "404.html" and f.parent == site:
            continue  # its links are root-absolute for any depth
        pages[f.resolve()] = _read(f)
    targets: dict[Path, _Page] = {}  # frozen pages a link names an anchor of, each read once
    broken, count = [], 0
    for f, p in pages.items():
        for href in p.links:
            target, frag = _target(site, f, href)
            if target is None:
                continue
            count += 1
            where = f.relative_to(site).as_posix()
            if not target.exists():
                broken.append(f"{where}: {href} (no such file)")
            elif frag and target.suffix == ".html":
                tp = pages.get(target)
                if tp is None and any(target.is_relative_to(s) for s in skipped):
                    tp = targets.get(target) or targets.setdefault(target, _read(target))
                if tp is not None and frag not in tp.ids and unquote(frag) not in tp.ids:
                    broken.append(f"{where}: {href} (no anchor #{frag})")
    return len(pages), count, broken


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    t = time.perf_counter()
    n_pages, n_links, broken = check(site)
    for b in broken:
        print(b)
    print(f"{n_pages} pages, {n_links} internal links and anchors checked in {time.perf_counter() - t:.2f} s: "
          f"{len(broken)} broken.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
