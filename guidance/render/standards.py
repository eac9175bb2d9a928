"""Risk-assessment standards: area pages, index, coverage view and self-audit checklist."""
from __future__ import annotations

import re

from .. import paths
from ..data import models as m
from ..data.loader import SiteData
from ..labels import join_items, numbers
from ..paths import anchor_of, rel, rel_url
from .common import cite_list, gaps_here, permalink_line
from .standing import rule_basis_label, standing_label
from .text import attr, md
from .wording import earlier_wording

SELF_AUDIT_CSV = paths.SELF_AUDIT_CSV
OFFENCE_LABEL = {"sexual": "sexual offending", "violent": "violent offending"}


def applies_label(s: m.Standard) -> str:
    return " and ".join(OFFENCE_LABEL[x] for x in ("sexual", "violent") if x in s.applies_to)


def statement_md(s: m.Standard) -> str:
    """The statement with its normative word in bold (first whole-word match only)."""
    text = md(s.statement)
    pattern = re.compile(rf"\b({re.escape(s.normative)})\b", re.IGNORECASE)
    return pattern.sub(lambda mt: f"**{mt.group(1)}**", text, count=1)


def _std_link(src: str, s: m.Standard) -> str:
    return f"[`{s.id}`]({rel(src, paths.area_page(s.area), anchor_of(s.id))})"


def standard_block(data: SiteData, src: str, s: m.Standard) -> str:
    out = [
        f"## `{s.id}`: {md(s.title)} {{ #{anchor_of(s.id)} }}\n",
        f'<p class="applies-to"><strong>Applies to:</strong> {attr(applies_label(s))}</p>\n',
        f"> {statement_md(s)} {rule_basis_label(data, s)} {standing_label(data, s, src)}\n",
        '<p class="wording" data-search-exclude markdown="span">'
        f"*Wording: {'the site’s own words' if s.wording == 'site' else 'quoted from the source'}.*</p>\n",
        (f"*Why one offence type only: {md(s.applies_to_reason)}*\n" if s.applies_to_reason else ""),
        f"**Why:** {md(s.rationale)}\n",
        "**What a manager checks:**\n",
        "\n".join(f"- {md(e)}" for e in s.evidence) + "\n",
    ]
    links = []
    if s.mappa_steps:
        steps = [data.step(x) for x in s.mappa_steps]
        links.append("MAPPA steps: " + ", ".join(
            f"[`{x.id}`]({rel(src, paths.stage_page(x.stage), anchor_of(x.id))})" for x in steps))
    if s.tools:
        links.append("Tools: " + ", ".join(
            f"[{md(data.tool(t).abbr)}]({rel(src, paths.tool_page(t))})" for t in s.tools))
    links.append("Answers: " + ", ".join(
        f"[Recommendation {n}]({rel(src, paths.rec_page(n))})" for n in numbers(s.recommendations)))
    out.append(" · ".join(links) + "\n")
    out.append(f"**Sources:** {cite_list(data, src, list(s.sources))}\n")
    out.append("**History:** " + join_items(f"{h.version}: {md(h.change)}" for h in s.history) + "\n")
    out.append(earlier_wording(data, s.id))
    out.append(permalink_line(data, src, s.id) + "\n")
    return "\n".join(out)


def area_page(data: SiteData, src: str, area_id: str) -> str:
    area = next(a for a in data.areas if a.id == area_id)
    stds = [s for s in data.standards if s.area == area_id]
    out = [
        f"{md(area.intro)}\n",
        "Each standard says who it applies to, what you do, why, and what a manager checks. "
        f"The words **must**, **should** and **may** are defined on [how to read this guidance]({rel(src, paths.HOW_TO_READ)}).\n",
    ]
    out.extend(standard_block(data, src, s) for s in stds)
    g = gaps_here(data, src)
    if g:
        out.append("## Where the sources are silent or disagree\n\n" + g)
    return "\n".join(out) + "\n"


def standards_index(data: SiteData, src: str) -> str:
    out = []
    for a in data.areas:
        stds = [s for s in data.standards if s.area == a.id]
        out.append(f"### [{md(a.title)}]({rel(src, paths.area_page(a.id))})\n")
        out.append("| ID | Standard | Applies to |\n|---|---|---|")
        out.extend(f"| {_std_link(src, s)} | {md(s.title)} | {applies_label(s)} |" for s in stds)
        out.append("")
    return "\n".join(out) + "\n"


def coverage_rows(data: SiteData) -> list[tuple[m.Standard, bool, bool]]:
    return [(s, "sexual" in s.applies_to, "violent" in s.applies_to) for s in data.standards]


def coverage_table(data: SiteData, src: str) -> str:
    rows = coverage_rows(data)
    both = sum(1 for _, a, b in rows if a and b)
    sexual = sum(1 for _, a, _b in rows if a)
    violent = sum(1 for _, _a, b in rows if b)
    one_only = [(s, a, b) for s, a, b in rows if not (a and b)]
    out = [
        f'<p class="coverage-summary" data-total="{len(rows)}" data-both="{both}" data-sexual="{sexual}" data-violent="{violent}">'
        f"{len(rows)} standards: {sexual} cover sexual offending, {violent} cover violent offending, "
        f"{both} cover both.</p>\n",
    ]
    if one_only:
        out.append('!!! warning "Standards that cover one offence type only"')
        for s, a, _b in one_only:
            which = "sexual offending" if a else "violent offending"
            out.append(f"    - {_std_link(src, s)} covers {which} only. Reason: {md(s.applies_to_reason or '')}")
        out.append("")
    else:
        out.append('!!! success "Every standard covers both sexual and violent offending"\n')
    out.append("| Area | Standard | Sexual offending | Violent offending |\n|---|---|---|---|")
    for s, a, b in rows:
        area = next(x for x in data.areas if x.id == s.area)
        out.append(
            f"| {md(area.title)} | {_std_link(src, s)} {md(s.title)} | {'Yes' if a else '**No**'} | {'Yes' if b else '**No**'} |"
        )
    return "\n".join(out) + "\n"


def self_audit(data: SiteData, src: str) -> str:
    csv = rel_url(src, SELF_AUDIT_CSV)
    out = [
        f'<a href="{attr(csv)}" download>Download the self-audit checklist (CSV)</a>\n',
        "Case reference: ______________________ Manager: ______________________ Date: ____________\n",
        "| Met? | Standard | What to check | Evidence seen |",
        "|---|---|---|---|",
    ]
    for s in data.standards:
        checks = "<br>".join("☐ " + md(e) for e in s.evidence)
        out.append(f"| Yes / No / N/A | {_std_link(src, s)} {md(s.title)} | {checks} | |")
    return "\n".join(out) + "\n"


def standards_for_tool(data: SiteData, tool_id: str) -> list[m.Standard]:
    return [s for s in data.standards if tool_id in s.tools]


def standards_for_step(data: SiteData, step_id: str) -> list[m.Standard]:
    return [s for s in data.standards if step_id in s.mappa_steps]

