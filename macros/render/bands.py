"""Band readings for the tools: what each band tells you and does not, band tables with reported rates."""
from __future__ import annotations

from ..data import models as m
from ..data.loader import SiteData
from ..paths import tool_slug
from .text import md
from .tool_text import NO_RATES_LINE, dash, figure_text, is_known, known_or_dash, sentences, tool_link

_DEFAULT_READING = {
    "actuarial": (
        "where the score places the person compared with the group the tool was built on",
        "the chance for this one person, how soon, or how serious any new offence would be; "
        "the label has no agreed meaning in numbers",
    ),
    "risk and need": (
        "how the person's likelihood of reoffending compares with others assessed with the tool, "
        "and which needs to work on",
        "how serious any harm would be, how soon it might happen, or the chance for this one person",
    ),
    "dynamic": (
        "how the person's current, changeable risk factors compare with others assessed with the tool",
        "a reoffending rate, or how serious any new offence would be",
    ),
    "structured professional judgement": (
        "the assessor's overall judgement after weighing the tool's factors; it is not a score total",
        "a reoffending rate or the chance for this one person; ask for the reasons behind the judgement",
    ),
    "clinical rating scale": (
        "where the person's score sits against the thresholds used in research",
        "a risk of reoffending on its own, or the chance for this one person",
    ),
    "assessment framework": (
        "the assessor's structured view of concerns and strengths",
        "a reoffending rate or the chance for this one person",
    ),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def band_reading(t: m.Tool, b: m.Band | None = None) -> tuple[str, str]:
    """The fixed pair for a band (or for the tool when b is None): (tells you, does not tell you)."""
    tells, not_tell = _DEFAULT_READING[t.type]
    if t.band_reading:
        tells, not_tell = t.band_reading.tells_you, t.band_reading.does_not_tell_you
    if b is not None:
        tells = b.tells_you or tells
        not_tell = b.does_not_tell_you or not_tell
    return sentences([_cap(tells)]), sentences([_cap(not_tell)])


def reading_html(t: m.Tool, b: m.Band | None = None) -> str:
    tells, not_tell = band_reading(t, b)
    # a band row that repeats the tool's own pair is searched once, on the tool's note, not in every row
    repeat = " data-search-exclude" if b is not None and (tells, not_tell) == band_reading(t) else ""
    return (
        f'<span class="band-reading"{repeat}><strong>It tells you:</strong> {md(tells)} '
        f"<strong>It does not tell you:</strong> {md(not_tell)}</span>"
    )


def _rate_cell(data: SiteData, src: str, t: m.Tool, b: m.Band) -> str:
    figs = {f.id: f for f in t.figures}
    if not b.figure:
        return dash("No rate for this band in the sources held")
    rate = figure_text(data, src, figs[b.figure], with_source=False)
    base = next((f for f in t.figures if f.base_rate), None)
    if base and base.id != b.figure:
        rate += " Base rate: " + figure_text(data, src, base, with_source=False)
    return rate


def bands_md(data: SiteData, src: str, t: m.Tool) -> str:
    if isinstance(t.bands, m.NotKnown):
        return ("No bands are described in the sources held. " + reading_html(t)) + "\n"
    with_rates = any(b.figure for b in t.bands)
    head = "| Band | What it means | What it tells you, and what it does not |" + (" Reported rate |" if with_rates else "")
    rows = [head, "|---|---|---|" + ("---|" if with_rates else "")]
    for b in t.bands:
        row = f"| {md(b.label)} | {md(b.meaning)} | {reading_html(t, b)} |"
        if with_rates:
            row += f" {_rate_cell(data, src, t, b)} |"
        rows.append(row)
    out = "\n".join(rows) + "\n"
    if not with_rates:
        out += "\n" + NO_RATES_LINE + "\n"
    return out



def band_table(data: SiteData, src: str) -> str:
    """One short section per tool: its bands, each with its 'tells you / does not tell you' pair."""
    out = []
    for t in data.tools:
        out.append(f"### {md(t.abbr)} {{ #{tool_slug(t.id)} }}\n")
        out.append(f"{tool_link(src, t, 'Full page for ' + t.abbr)}. {md(sentences([t.output]))}\n")
        if isinstance(t.bands, m.NotKnown):
            out.append(f"No bands are described in the sources held. {reading_html(t)}\n")
            continue
        with_rates = any(b.figure for b in t.bands)
        with_scale = any(is_known(b.shared_scale) for b in t.bands)
        head = ["Band", "What it means", "What it tells you, and what it does not"]
        head += ["Reported rate (with base rate and follow-up)"] if with_rates else []
        head += ["Place on a shared scale"] if with_scale else []
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for b in t.bands:
            cells = [md(b.label), md(b.meaning), reading_html(t, b)]
            if with_rates:
                cells.append(_rate_cell(data, src, t, b))
            if with_scale:
                cells.append(known_or_dash(b.shared_scale) if is_known(b.shared_scale) else dash("Not on a shared scale"))
            rows.append("| " + " | ".join(cells) + " |")
        out.append("\n".join(rows) + "\n")
        if not with_rates:
            out.append(NO_RATES_LINE + "\n")
    return "\n".join(out) + "\n"
