"""Recommendation pages, the recommendations index and the traceability matrix."""
from __future__ import annotations

from .. import paths
from ..data.loader import SiteData
from ..paths import rel
from ..sitemap import SECTIONS, pages_answering, section_of
from .common import cite_ref, id_badge, permalink_line
from .text import join_words, md, md_table

STATUS_CLASS = {"answered": "status-answered", "partly answered": "status-partly", "not addressed": "status-none"}


def _status(status: str) -> str:
    return f'<span class="rec-status {STATUS_CLASS[status]}">{status}</span>'


def recommendation_page(data: SiteData, src: str, number: int) -> str:
    r = data.recs[number]
    rep = data.report
    out = [
        f"{id_badge(r.id)} {permalink_line(data, src, r.id)}\n",
        f"**Addressed to:** {md(join_words(r.addressed_to))}  ",
        f"**Status on this site:** {_status(r.status)}" + (" · one of the three recommendations this site answers first" if r.primary else "") + "\n",
        "## What the report recommends\n",
        f"> {md(r.text)}\n>\n> Recommendation {r.number} of *{md(rep.title)}*, "
        f"{md(join_words(rep.bodies))}, {rep.published.day} {rep.published.strftime('%B %Y')} "
        f"({cite_ref(data, src, rep.source)}). Quoted exactly.\n",
    ]
    if r.status_note:
        out.append(f"## How far this site answers it\n\n{md(r.status_note)}\n")
    pages = pages_answering(data, number)
    pages = [p for p in pages if p.src != src]
    out.append("## Pages that answer it\n")
    if pages:
        out.append('<div class="rec-pages" data-search-exclude markdown>\n')  # each line repeats a page search holds
        by_section: dict[str, list] = {}
        for p in pages:
            by_section.setdefault(section_of(p.src), []).append(p)
        for section in _section_order():
            items = by_section.get(section)
            if not items:
                continue
            out.append(f"**{section}**\n")
            out.extend(f"- [{md(p.title)}]({rel(src, p.src)})" for p in sorted(items, key=lambda p: p.title))
            out.append("")
        out.append("</div>\n")
    else:
        out.append("No page on this site answers this recommendation yet.\n")
    return "\n".join(out) + "\n"


def _section_order() -> list[str]:
    seen: list[str] = []
    for v in SECTIONS.values():
        if v not in seen:
            seen.append(v)
    return seen


def recommendations_index(data: SiteData, src: str) -> str:
    rows = []
    for r in data.recs.values():
        title = f"[{md(r.title)}]({rel(src, paths.rec_page(r.number))})"
        if r.primary:
            title += " **(primary)**"
        rows.append([r.number, title, md(join_words(r.addressed_to)), _status(r.status)])
    return md_table(["No.", "Recommendation", "Addressed to", "Status on this site"], rows)


def traceability_matrix(data: SiteData, src: str) -> str:
    sections = [s for s in _section_order() if s not in ("Recommendations",)]
    head = "| Recommendation | Status | " + " | ".join(sections) + " |"
    rows = [head, "|" + "---|" * (len(sections) + 2)]
    for r in data.recs.values():
        cells = []
        pages = [p for p in pages_answering(data, r.number) if not p.src.startswith("recommendations/")]
        for s in sections:
            n = len([p for p in pages if section_of(p.src) == s])
            # a section with no page: a dash in the grid; a phone card leaves it out (docs/assets/phone.css)
            cells.append(f"{n} page{'s' if n != 1 else ''}" if n else '<span class="rec-none">–</span>')
        link = f"[{r.number}. {md(r.title)}]({rel(src, paths.rec_page(r.number))})"
        rows.append(f"| {link} | {_status(r.status)} | " + " | ".join(cells) + " |")
    notes = [
        f"- **{r.number}.** {md(r.status_note)}" for r in data.recs.values() if r.status != "answered" and r.status_note
    ]
    # a comparison view (guidance/site/phone_tables.py): the grid on a wide screen; on a phone one short card per
    # recommendation, its status and only the sections that answer it on one wrapped line (docs/assets/phone.css)
    out = ("A dash (–) means that no page in that section answers the recommendation. "
           "On a phone, those sections are left out of the recommendation's card.\n\n")
    out += '<div class="wide-table rec-matrix" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"
    if notes:
        out += "\n## Why some recommendations are not fully answered\n\n" + "\n".join(notes) + "\n"
    return out

