"""The editions page: every kept edition with its dates and what changed, newest first."""
from __future__ import annotations

import datetime as dt

from ..data.editions import current_release, editions, is_draft
from ..data.sitedata import SiteData
from ..paths import CHANGE_FEED, CHANGES, HOME, edition_root, rel, rel_url
from .text import attr, md


def _d(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def editions_list(data: SiteData, src: str) -> str:
    site = data.site
    eds = editions(data)
    current = current_release(data)
    rows = ["| Edition | Current from | Current until | What changed |", "|---|---|---|---|"]
    if is_draft(data):  # being prepared: listed, never as current, until `make release` keeps it
        rows.append(f"| {md(site.version)} (draft, not yet published) | not yet | | "
                    f"Being prepared. See [what changed]({rel(src, CHANGES)}). |")
    elif site.version not in {e.version for e in eds}:  # the build `make release` is freezing
        rows.append(f"| [{site.version}]({rel(src, HOME)}) (current) | {_d(site.version_date)} | now | "
                    f"See [what changed]({rel(src, CHANGES)}). |")
    for i, ed in reversed(list(enumerate(eds))):
        if current and ed.version == current[0]:
            link, until = f"[{ed.version}]({rel(src, HOME)}) (current)", "now"
        else:
            link = f'<a href="{attr(rel_url(src, edition_root(ed.version)))}">{md(ed.version)}</a>'
            nxt = eds[i + 1].date if i + 1 < len(eds) else site.version_date
            until = _d(nxt)
        rows.append(f"| {link} | {_d(ed.date)} | {until} | {md(ed.summary)} |")
    feed = f'<a href="{attr(rel_url(src, CHANGE_FEED))}" type="application/atom+xml">change feed (Atom)</a>'
    return "\n".join(rows) + f"\n\nTo hear of each new edition, subscribe to the {feed} in a feed reader.\n"
