"""Links to the files `make dist` publishes (guidance/downloads.py): the Downloads page list, the home page line."""
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
    """The Downloads page: every file `make dist` adds, by group, each with its edition, date and size."""
    site = data.site
    edition = f"edition {attr(site.version)} of {_day(site.version_date)}"
    out, group = [], None
    for d in made_by_dist(data):
        if d.group != group:
            if group is not None:
                out.append("</ul>\n")
            group = d.group
            # one line a file; the lists of bench notes and handouts repeat names that their own pages carry, so
            # search finds this page by its headings and the whole-guidance files, not by every file name
            skip = "" if d.group == "The whole guidance" else " data-search-exclude"
            out += [f"### {attr(group)}\n", f'<ul class="download-list"{skip}>']
        name = d.path.rsplit("/", 1)[-1]
        what, _sep, rest = d.title.partition(": ")  # "Offline pack: the whole guidance ..." / "Bench note: RM2000"
        whole = d.group == "The whole guidance"
        label = attr(what if whole or not rest else rest)
        about = f"{attr(rest[:1].upper() + rest[1:])}. " if whole and rest else ""
        a = dl_link(src, d, f"{label} ({d.kind})").replace("<a ", f'<a id="{d.anchor}" ', 1)
        out.append(f"<li>{a}: {about}<code>{attr(name)}</code>, {edition}, {size_cell(d)}.</li>")
    out.append("</ul>\n")
    return "\n".join(out) + "\n"


def download_line(data: SiteData, src: str, *keys: str) -> str:
    """One line of download links (plain text around them), e.g. for the home page."""
    known = by_key(data)
    words = {"offline": "Offline pack (zip file), for use without the internet",
             "guidance-pdf": "The whole guidance as one PDF, to print"}
    parts = [dl_link(src, known[k], attr(words.get(k, known[k].title))) for k in keys]
    parts.append(f'<a href="{attr(rel_url(src, DOWNLOADS_PAGE))}">All downloads</a>')
    return '<span class="download-line">' + " · ".join(parts) + "</span>"

