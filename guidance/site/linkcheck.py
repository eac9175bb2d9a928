"""Fast check of every internal link and anchor in a built site (standard library only).

Run by scripts/build.py on every build (`check(site_dir)`); by hand: python -m guidance.site.linkcheck SITE_DIR
Reads every HTML file once, collects its ids, then checks that each relative href/src points to
a file in the site and, where it has a #fragment, that the target page has that id. Prints every
broken link and exits 1 if there is any. linkchecker (over HTTP, in the tests) does the same job
independently; this one is fast enough to run on every build of a large site.
"""
from __future__ import annotations

import sys
import time
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


def check(site: Path) -> tuple[int, int, list[str]]:
    site = site.resolve()
    pages: dict[Path, _Page] = {}
    for f in site.rglob("*.html"):
        if f.name == "404.html" and f.parent == site:
            continue  # its links are root-absolute for any depth
        p = _Page()
        p.feed(f.read_text(encoding="utf-8", errors="replace"))
        pages[f.resolve()] = p
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
