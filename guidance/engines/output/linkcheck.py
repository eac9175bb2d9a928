"""Fast check of every internal link and anchor in a built site.

Run by scripts/build.py on every build (`check(site_dir, frozen)`); by hand: python -m guidance.engines.output.linkcheck SITE_DIR
Reads every HTML file once (lxml's HTML parser), collects its ids, then checks that each relative href/src points
to a file in the site and, where it has a #fragment, that the target page has that id. Prints every broken link
and exits 1 if there is any. linkchecker (over HTTP, in the tests) does the same job independently; this one is
fast enough to run on every build of a large site: the site's files are listed once, and each link is resolved
against that list as text, never against the disk.

The kept editions' frozen pages (editions/<version>/) are checked when an edition is cut (`make release` builds
with --check-editions) and by tests/test_editions.py, not on every build: an ordinary build passes their folders
as `frozen`, and checks only that the links into them land (a page there is read only for the anchor a link
names). Their notices link to the current guidance through the same targets as the current edition's forwarding
pages (editions/<current>/id/…), which every build checks.
"""
from __future__ import annotations

import os
import posixpath
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


def _read(page: str) -> _Page:
    """The ids (and <a name>s) of a page, and every href and src on it but its canonical link, in order."""
    with open(page, "rb") as fh:
        raw = fh.read()
    root = etree.fromstring(raw, etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=True)) if raw.strip() else None
    found = _Page()
    if root is None:
        return found
    for el in root.iter(etree.Element):
        attrs = el.attrib
        if not attrs:
            continue
        if attrs.get("id"):
            found.ids.add(attrs["id"])
        if el.tag == "a" and attrs.get("name"):
            found.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and not (el.tag == "link" and key == "href" and "canonical" in (attrs.get("rel") or "")):
                found.links.append(attrs[key])
    return found


class _Files:
    """Every file and folder of the site, listed once: the paths a link may resolve to, as text."""

    def __init__(self, site: str) -> None:
        self.files: set[str] = set()
        self.dirs: set[str] = {site}
        for folder, dirs, names in os.walk(site):
            self.dirs.update(os.path.join(folder, d) for d in dirs)
            self.files.update(os.path.join(folder, n) for n in names)

    def target(self, site: str, page: str, href: str) -> tuple[str | None, str]:
        """The file a link on `page` names (a folder stands for its index.html) and its fragment; None for a link
        to another host or scheme."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
            return None, ""
        path = unquote(parts.path)
        if not path:
            return page, parts.fragment
        base = site if path.startswith("/") else posixpath.dirname(page)
        t = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if t in self.dirs or path.endswith("/"):
            t = posixpath.join(t, "index.html")
        return t, parts.fragment


def _html_files(site: str, frozen: set[str]):
    """Every HTML page of the site outside the frozen folders (never walked into)."""
    for folder, dirs, files in os.walk(site):
        dirs[:] = [d for d in dirs if os.path.join(folder, d) not in frozen]
        yield from (os.path.join(folder, f) for f in files if f.endswith(".html"))


def check(site: Path, frozen: Iterable[str] = ()) -> tuple[int, int, list[str]]:
    """(pages checked, links checked, broken links), each 'page: href (why)'. `frozen`: folders of the site (as
    'editions/2026.12.1/') whose pages are not checked themselves; links into them are."""
    root = str(Path(site).resolve())
    skipped = {posixpath.normpath(posixpath.join(root, f)) for f in frozen}
    listing = _Files(root)
    pages: dict[str, _Page] = {}
    for f in _html_files(root, skipped):
        if f == posixpath.join(root, "404.html"):
            continue  # its links are root-absolute for any depth
        pages[f] = _read(f)
    targets: dict[str, _Page] = {}  # frozen pages a link names an anchor of, each read once
    broken, count = [], 0
    for f, p in pages.items():
        where = posixpath.relpath(f, root)
        for href in p.links:
            target, frag = listing.target(root, f, href)
            if target is None:
                continue
            count += 1
            if target not in listing.files:
                broken.append(f"{where}: {href} (no such file)")
            elif frag and target.endswith(".html"):
                tp = pages.get(target)
                if tp is None and any(target.startswith(s + "/") for s in skipped):
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
