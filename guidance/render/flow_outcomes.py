"""The bodies of outcomes made from other records: the bench sheet (a tool, a band, the person) and the
checklist of standards for a report. Words come from the tool and standard records; none are typed here."""
from __future__ import annotations

from .. import paths
from ..data.flow_make import GROUP_WORDS, bands_of, groups_of
from ..data.models.flows import FlowOutcome
from ..data.sitedata import SiteData
from ..paths import anchor_of, rel
from .bands import band_reading
from .standards import statement_md
from .standing import rule_basis_label, standing_label
from .text import md


def bench_body(data: SiteData, src: str, o: FlowOutcome) -> str:
    t = data.tool(o.rests_on[0])
    band = bands_of(t)[o.band - 1] if o.band else None
    tells, not_tell = band_reading(t, band)
    out = []
    if band is not None:
        out.append(f"**Reading this band.** {md(tells)} {md(not_tell)}\n\n")
    cautions = [g for g in groups_of(t) if g.group in o.groups]
    out.append("## Cautions for this person\n\n")
    if cautions:
        out.append("\n".join(f"- **{md(GROUP_WORDS[g.group][1])}.** {_caution_lead(t.abbr, g)} {md(g.note)}"
                             for g in cautions) + "\n\n")
    else:
        out.append("On what you said, no caution about whom the tool fits applies to this person. "
                   "The limits below apply to everyone.\n\n")
    out.append(f"## What the {md(t.abbr)} does not tell you\n\n" + "\n".join(f"- {md(x)}" for x in t.does_not_tell) + "\n\n")
    out.append("## Questions to ask\n\n" + "\n".join(f"1. {md(q)}" for q in t.questions) + "\n\n")
    out.append(f"Full pages: [{md(t.abbr)}, the tool]({rel(src, paths.tool_page(t.id))}) · "
               f"[bench note]({rel(src, paths.bench_note_page(t.id))}) · "
               f"[what a band means]({rel(src, paths.BANDS)}).\n\n")
    return "".join(out)


# a group as the object of 'built for' / 'works for'
_PEOPLE = {"young people": "people under 18", "learning disability": "people with a learning disability",
           "minority ethnic groups": "people from minority ethnic groups"}


def _caution_lead(abbr: str, g) -> str:
    """Why a group is a caution, in the bench's terms: what the tool's sources say, or what was not found in them."""
    who = md(_PEOPLE.get(g.group, g.group))
    if g.basis == "no evidence found":
        return f"No evidence was found, in the sources this guidance used, that {md(abbr)} works for {who}."
    return f"The published sources say {md(abbr)} was not built for {who}."


def checklist_body(data: SiteData, src: str, o: FlowOutcome) -> str:
    chosen = set(o.rests_on)
    out = ["## Checklist\n\nTick each standard the report meets. Each links to its full text.\n\n"
           '<div class="flow-rules flow-checklist" markdown>\n\n']
    for area in data.areas:
        items = [s for s in data.standards if s.area == area.id and s.id in chosen]
        if not items:
            continue
        out.append(f"### {md(area.title)}\n\n")
        out.append("\n".join(
            f'- <span class="flow-box" aria-hidden="true">☐</span> [`{s.id}`]({rel(src, paths.area_page(s.area), anchor_of(s.id))}) '
            f'**{md(s.title)}.** <span class="flow-statement">{statement_md(s)} {rule_basis_label(data, s)}</span> '
            f"{standing_label(data, s, src)}" for s in items) + "\n\n")
    return "".join(out) + "</div>\n\n"
