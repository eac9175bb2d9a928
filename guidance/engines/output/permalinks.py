"""Permanent links: /id/<ID>/ leads to wherever the item lives now, on any plain static host.

Each permalink is a tiny HTML page with a meta refresh and a visible link (works without
JavaScript and without server rewrite rules). Retired ids get a tombstone page instead.
"""
from __future__ import annotations

import html
from pathlib import Path

from ...data.loader import SiteData
from ...data.register import read_register
from ...paths import ids, page_url, permalink
from ...sitemap import all_pages

# A meta refresh drops the fragment of the address it was opened at (/id/PAGE-MAPPA-INFO/#a-section): this
# script, run before the refresh, goes to the canonical target with that fragment. Its text never changes, so
# one hash in the content security policy (deploy/nginx/guidance-headers.conf) allows it on every page.
KEEP_FRAGMENT = ("<script>(function(){var h=location.hash,c=document.querySelector('link[rel=canonical]');"
                 "if(h&&h.length>1&&c){location.replace(c.getAttribute('href').split('#')[0]+h);}})();</script>")


def forward_head(target: str) -> str:
    """The head of a page that forwards to target: canonical link, the fragment keeper, then the refresh."""
    t = html.escape(target)
    return f'<link rel="canonical" href="{t}">{KEEP_FRAGMENT}<meta http-equiv="refresh" content="0; url={t}">'


def _page(title: str, body: str, refresh: str | None) -> str:
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>{forward_head(refresh) if refresh else ''}"
        '<meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1">'
        "</head><body><main>" + body + "</main></body></html>\n"
    )


def item_title(item_id: str, title: str) -> str:
    """The tab and bookmark title of a permanent link: the item's own title, never its id twice."""
    title = " ".join(str(title).split())
    if not title or title == item_id:
        return item_id
    if title.startswith(item_id):  # "RAS-01: Title" already names the id
        return title
    return f"{title} ({item_id})"


def write_permalinks(data: SiteData, site_dir: Path) -> int:
    count = 0
    for item_id, loc in ids(data).items():
        target = "../../" + page_url(loc.page) + (f"#{loc.anchor}" if loc.anchor else "")
        title = item_title(item_id, loc.title)
        body = f"<p>{html.escape(item_id)}: <a href=\"{html.escape(target)}\">{html.escape(title)}</a></p>"
        _write(site_dir, item_id, _page(title, body, target))
        count += 1
    known = ids(data)
    for p in all_pages(data):  # a generated page (agency, stage, flow, tool) names its id in its cite box too
        if p.id and p.id not in known:
            target = "../../" + page_url(p.src)
            body = f"<p>{html.escape(p.id)}: <a href=\"{html.escape(target)}\">{html.escape(p.title)}</a></p>"
            _write(site_dir, p.id, _page(item_title(p.id, p.title), body, target))
            count += 1
    for entry in read_register(data.root).values():
        if entry.get("status") != "retired":
            continue
        item_id = entry["id"]
        successor = entry.get("successor")
        succ = ""
        if successor:
            succ = f' It was replaced by <a href="../{html.escape(successor)}/">{html.escape(successor)}</a>.'
        body = (
            f"<h1>{html.escape(item_id)} has been retired</h1>"
            f"<p>Retired in version {html.escape(str(entry.get('retired_in', '')))}. "
            f"Reason: {html.escape(str(entry.get('reason', '')))}.{succ}</p>"
        )
        _write(site_dir, item_id, _page(f"{item_id} (retired)", body, None))
        count += 1
    return count


def _write(site_dir: Path, item_id: str, text: str) -> None:
    out = site_dir / permalink(item_id) / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
