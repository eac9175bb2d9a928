"""The change feed (Atom, RFC 4287): one entry per release and one per changed item.

Built from the same history the "What changed" page shows (every record's `history` list) and from
data/editions.yaml. Every id and link is the item's permanent address inside its edition, so an entry
keeps pointing at the words that changed.
"""
from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..data.editions import editions, is_draft, version_key
from ..data.register import change_kind
from ..data.sitedata import SiteData
from ..paths import CHANGE_FEED, CHANGES, edition_permalink, edition_root, ids, page_url
from ..render.site import history_items

ATOM = "http://www.w3.org/2005/Atom"


# the words that tell a feed reader what kind of change an entry records
FEED_LABELS = {"meaning": " The meaning changed.", "wording": " Wording only: the meaning is the same."}


def _stamp(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _releases(data: SiteData, by_version: dict) -> list[tuple[str, dt.date, str]]:
    """(version, date, summary) of every release, newest first."""
    out = {e.version: (e.date, e.summary) for e in editions(data)}
    site = data.site
    if not is_draft(data):
        out.setdefault(site.version, (site.version_date, "The current edition."))
    for version, entries in by_version.items():
        out.setdefault(version, (max(h.date for h, _ in entries), f"Edition {version}."))
    return sorted(((v, d, s) for v, (d, s) in out.items()), key=lambda r: version_key(r[0]), reverse=True)


def _addresses(public: str | None):
    """(id of, link to) a site path: the public address, or without PUBLIC_URL a link relative to the
    feed (downloads/changes.atom) and a name-based UUID as the entry's id (Atom ids must be absolute)."""
    if public:
        return (lambda path: public + path), (lambda path: public + path)
    up = "../" * CHANGE_FEED.count("/")
    return (lambda path: uuid.uuid5(uuid.NAMESPACE_URL, "guidance:" + path).urn), (lambda path: up + path)


def change_feed(data: SiteData) -> str:
    ident, href = _addresses(data.options.public_url)
    locs = ids(data)
    by_version: dict[str, list] = defaultdict(list)
    draft = data.site.version if is_draft(data) else None  # a draft's changes are not published yet
    for h, item in history_items(data):
        if h.version != draft:
            by_version[h.version].append((h, item))
    releases = _releases(data, by_version)

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", f"{data.site.title}: what changed")
    _sub(feed, "subtitle", "Every release of the guidance and every step, standard or tool that changed in it.")
    _sub(feed, "id", ident(CHANGE_FEED))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=href(CHANGE_FEED))
    _sub(feed, "link", rel="alternate", type="text/html", href=href(page_url(CHANGES)))
    _sub(feed, "updated", _stamp(max(d for _v, d, _s in releases)))
    _sub(_sub(feed, "author"), "name", data.site.publisher)

    for version, date, summary in releases:
        entries = sorted(by_version.get(version, []), key=lambda e: e[1])
        entry = _sub(feed, "entry")
        _sub(entry, "id", ident(edition_root(version)))
        _sub(entry, "title", f"Edition {version}")
        _sub(entry, "updated", _stamp(date))
        _sub(entry, "link", rel="alternate", type="text/html", href=href(edition_root(version)))
        _sub(entry, "category", term=version, label=f"Edition {version}")
        n = len(entries)
        _sub(entry, "summary", f"{summary} {n} item{'s' if n != 1 else ''} changed or first published.")
        seen: dict[str, int] = defaultdict(int)
        for h, item in entries:
            seen[item] += 1
            path = edition_permalink(version, item)
            entry = _sub(feed, "entry")
            _sub(entry, "id", ident(path + (f"#change-{seen[item]}" if seen[item] > 1 else "")))
            title = locs[item].title if item in locs else item
            _sub(entry, "title", f"{item} ({title}), edition {version}" if title != item else f"{item}, edition {version}")
            _sub(entry, "updated", _stamp(h.date))
            _sub(entry, "link", rel="alternate", type="text/html", href=href(path))
            _sub(entry, "category", term=version, label=f"Edition {version}")
            label = FEED_LABELS.get(change_kind(data, item, h), "")
            if label:
                _sub(entry, "category", term=f"change-{change_kind(data, item, h)}", label=label.strip().rstrip("."))
            _sub(entry, "summary", h.change + label)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
