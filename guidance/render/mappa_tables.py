"""MAPPA reference tables for hand-written pages: categories, levels, stages, roles, documents, time limits."""
from __future__ import annotations

from .. import paths
from ..data.loader import SiteData
from ..labels import with_abbr
from ..paths import rel
from .common import cite_list
from .mappa import _cats, _step_link, agencies_of_role, limit_label, stages_in_order, step_sentence, step_title_link, when_text
from .text import md


def categories_table(data: SiteData, src: str) -> str:
    rows = ["| Category | Who is in it | Legal basis | Levels used | Pathway |", "|---|---|---|---|---|"]
    for c in data.mappa.categories:
        crit = "<br>".join(md(x) for x in c.entry_criteria)
        levels = ", ".join(str(n) for n in c.levels)
        rows.append(
            f"| **{md(with_abbr(c.name, c.short))}** | {crit} | {md(c.legal_basis)} ({cite_list(data, src, list(c.sources))}) "
            f"| {levels} | [Pathway]({rel(src, paths.pathway_page(c.id))}) |"
        )
    # the wrapper lets print give the long "who is in it" column its room (MAPPA in one page: two sides of A4)
    return '<div class="categories-table" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def levels_table(data: SiteData, src: str) -> str:
    rows = ["| Level | Name | What it means |", "|---|---|---|"]
    for lv in sorted(data.mappa.levels, key=lambda x: x.number):
        rows.append(f"| {lv.number} | {md(lv.name)} | {md(lv.description)} ({cite_list(data, src, list(lv.sources))}) |")
    return "\n".join(rows) + "\n"


def stages_list(data: SiteData, src: str) -> str:
    out = []
    for st in sorted(data.mappa.stages, key=lambda x: x.number):
        n = len([s for s in data.steps if s.stage == st.id])
        out.append(
            f"{st.number}. **[{md(st.name)}]({rel(src, paths.stage_page(st.id))})**: {md(st.summary)} "
            f"({n} step{'s' if n != 1 else ''})"
        )
    return "\n".join(out) + "\n"


def roles_table(data: SiteData, src: str) -> str:
    rows = ["| Role | Agency | What they do | Steps |", "|---|---|---|---|"]
    for r in data.mappa.roles:
        n = len([s for s in data.steps if s.actor == r.id])
        where = "; ".join(f"[{md(a.name)}: all its steps]({rel(src, paths.agency_page(a.id))})" for a in agencies_of_role(data, r.id))
        cell = f"{n} named" + (f"; {where}" if where else "")
        rows.append(
            f"| [{md(r.name)}]({rel(src, paths.role_page(r.id))}) | {md(r.agency)} | {md(r.description)} | {cell} |"
        )
    return "\n".join(rows) + "\n"


def documents_table(data: SiteData, src: str) -> str:
    rows = ["| No. | Document | What it is for | Used in steps |", "|---|---|---|---|"]
    for d in data.mappa.documents:
        used = [s for s in data.steps if d.id in s.documents]
        links = ", ".join(_step_link(src, s) for s in used) or "–"
        rows.append(f"| {md(d.number)} | {md(d.name)} | {md(d.purpose)} ({cite_list(data, src, list(d.sources))}) | {links} |")
    return "\n".join(rows) + "\n"


def timescales_table(data: SiteData, src: str) -> str:
    chosen = [s for s in data.steps if s.when.kind == "timescale"]
    out = []
    if not chosen:
        out.append("No step in the sources used sets a timescale.\n")
    else:
        rows = ["| Step | Who | What | Time limit | Applies to |", "|---|---|---|---|---|"]
        for s in chosen:
            rows.append(
                f"| {step_title_link(src, s)} <small>{s.id}</small> | {md(data.role(s.actor).name)} | {step_sentence(data, s, src=src)} "
                f"| {when_text(s)} | {_cats(data, s)} |"
            )
        out.append("\n".join(rows) + "\n")
    stated = [(st, lim) for st in stages_in_order(data) for lim in st.time_limits]
    if stated:
        out.append("Time limits stated for a stage, outside any step:\n")
        out.extend(
            f"- [Stage {st.number}: {md(st.name)}]({rel(src, paths.stage_page(st.id))}). "
            f"*{limit_label(lim)}:* {md(lim.text)} "
            f"({cite_list(data, src, list(lim.sources))})"
            for st, lim in stated
        )
        out.append("")
    return "\n".join(out) + "\n"
