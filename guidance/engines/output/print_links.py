"""Repair links on the print page (mkdocs-print-site) that point at pages it does not include.

print-site turns every internal link into an anchor on the print page ("#tools-rm2000"), also for
pages it leaves out (generated pages kept out of the navigation, pages excluded on purpose, and the kept
editions' folders).
Those anchors do not exist. This rewrites each such link back to the page's own address.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...data.editions import shown_editions
from ...data.loader import SiteData
from ...paths import edition_root, page_url
from ...sitemap import all_pages

_HREF = re.compile(r'href="#([^"]+)"')
_ID = re.compile(r'\sid="([^"]+)"')


def repair(data: SiteData, site_dir: Path) -> int:
    path = site_dir / "print_page" / "index.html"
    if not path.exists():
        return 0
    html = path.read_text(encoding="utf-8")
    present = set(_ID.findall(html))
    keys = {}
    for p in all_pages(data):
        url = page_url(p.src)
        keys[(url.strip("/").replace("/", "-") or "index")] = url
    for ed, _until in shown_editions(data):  # a kept edition's folder (the draft notice links the current one)
        keys[edition_root(ed.version).strip("/").replace("/", "-")] = edition_root(ed.version)
    ordered = sorted(keys, key=len, reverse=True)
    fixed = 0

    def swap(m: re.Match) -> str:
        nonlocal fixed
        frag = m.group(1)
        if frag in present:
            return m.group(0)
        for key in ordered:
            if frag == key or frag.startswith(key + "-"):
                anchor = frag[len(key) + 1:]
                fixed += 1
                return f'href="../{keys[key]}' + (f"#{anchor}" if anchor else "") + '"'
        return m.group(0)

    path.write_text(_HREF.sub(swap, html), encoding="utf-8")
    return fixed
