"""Links to the files `make dist` publishes (macros/downloads.py): the Downloads page list, the home page line."""
from __future__ import annotations

import datetime as dt

from ..data.loader import SiteData
from ..downloads import DOWNLOADS_PAGE, by_key, made_by_dist, size_cell
from ..downloads import link as dl_link
from ..paths import rel_url
from .text import attr


def _day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def publications_list(data: SiteData, src: str) -> str:
    """The Downloads page: every file `make dist` adds, with its edition, date and size."""
    site = data.site
    edition = f"{attr(site.version)}, {_day(site.version_date)}"
    rows = ["<table>", "<thead><tr><th>File</th><th>What it is</th><th>Edition and date</th><th>Size</th></tr></thead>",
            "<tbody>"]
    for d in made_by_dist(data):
        name = d.path.rsplit("/", 1)[-1]
        a = dl_link(src, d, f"{attr(name)} ({d.kind})").replace("<a ", f'<a id="{d.anchor}" ', 1)
        rows.append(f"<tr><td>{a}</td><td>{attr(d.title)}</td><td>{edition}</td><td>{size_cell(d)}</td></tr>")
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows) + "\n"


def download_line(data: SiteData, src: str, *keys: str) -> str:
    """One line of download links (plain text around them), e.g. for the home page."""
    known = by_key(data)
    words = {"offline": "Offline pack (ZIP), for use without the internet",
             "guidance-pdf": "The whole guidance as one PDF, to print"}
    parts = [dl_link(src, known[k], attr(words.get(k, known[k].title))) for k in keys]
    parts.append(f'<a href="{attr(rel_url(src, DOWNLOADS_PAGE))}">All downloads</a>')
    return '<span class="download-line">' + " · ".join(parts) + "</span>"

