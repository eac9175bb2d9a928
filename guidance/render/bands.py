"""Band readings for the tools: what each band tells you and does not, band tables with reported rates."""
from __future__ import annotations

from ..data import models as m
from ..data.loader import SiteData
from ..paths import tool_slug
from .text import md
from .tool_text import (
    dash,
    figure_text,
    is_known,
    known_or_dash,
    no_band_rates_line,
    not_tell_sentence,
    sentences,
    tells_sentence,
    tool_link,
)

# an actuarial tool whose output is a percentage is read as a percentage, never as a label
_PERCENT_READING = (
    "how often people with similar inputs reoffended, as the tool counts reoffending, within its follow-up period "
    "in the samples it was built and tested on",
    "the chance for this one person, how soon any new offence might happen, or how serious it would be",
)

_DEFAULT_READING = {
    "actuarial": (
        "where the score places the person compared with the group the tool was built on",
        "the chance for this one person, how soon, or how serious any new offence would be",
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


def band_reading(t: m.Tool, b: m.Band | None = None) -> tuple[str, str]:
    """The fixed pair for a band (or for the tool when b is None), each a sentence that stands on its own:
    ('It tells you ...', 'It does not tell you ...')."""
    tells, not_tell = _PERCENT_READING if t.output_kind == "percentage" else _DEFAULT_READING[t.type]
    if t.band_reading:
        tells, not_tell = t.band_reading.tells_you, t.band_reading.does_not_tell_you
    if b is not None:
        tells = b.tells_you or tells
        not_tell = b.does_not_tell_you or not_tell
    return tells_sentence(tells), not_tell_sentence(not_tell)


def reading_html(t: m.Tool, b: m.Band | None = None) -> str:
    tells, not_tell = band_reading(t, b)
    return f'<span class="band-reading">{md(tells)} {md(not_tell)}</span>'


def own_reading(t: m.Tool, b: m.Band) -> bool:
    """True when the band says something of its own, not the reading shared by every band of the tool."""
    return band_reading(t, b) != band_reading(t)


def shared_reading_md(t: m.Tool) -> str:
    """The reading every band shares, said once above the bands."""
    bands = isinstance(t.bands, list) and t.bands
    lead = "For every band: " if bands and not any(own_reading(t, b) for b in t.bands) else (
        "For every band unless the band says otherwise: " if bands else "")
    return f'<p class="band-reading-note" markdown="span">{md(lead)}{reading_html(t)}</p>\n'


def _reading_cell(t: m.Tool, b: m.Band) -> str:
    return reading_html(t, b) if own_reading(t, b) else dash("The reading above the table applies to this band")


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
        return "No bands are described in the sources held.\n\n" + shared_reading_md(t)
    with_rates = any(b.figure for b in t.bands)
    with_own = any(own_reading(t, b) for b in t.bands)
    head = ["Band", "What it means"] + (["What this band tells you, and what it does not"] if with_own else [])
    head += ["Reported rate"] if with_rates else []
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for b in t.bands:
        cells = [md(b.label), md(b.meaning)] + ([_reading_cell(t, b)] if with_own else [])
        if with_rates:
            cells.append(_rate_cell(data, src, t, b))
        rows.append("| " + " | ".join(cells) + " |")
    out = shared_reading_md(t) + "\n" + "\n".join(rows) + "\n"
    if not with_rates:
        out += "\n" + no_band_rates_line(src, t) + "\n"
    return out



def band_table(data: SiteData, src: str) -> str:
    """One short section per tool: its bands, each with its 'tells you / does not tell you' pair."""
    out = []
    for t in data.tools:
        out.append(f"### {md(t.abbr)} {{ #{tool_slug(t.id)} }}\n")
        out.append(f"{tool_link(src, t, 'Full page for ' + t.abbr)}. {md(sentences([t.output]))}\n")
        if isinstance(t.bands, m.NotKnown):
            out.append("No bands are described in the sources held.\n\n" + shared_reading_md(t))
            continue
        with_rates = any(b.figure for b in t.bands)
        with_scale = any(is_known(b.shared_scale) for b in t.bands)
        with_own = any(own_reading(t, b) for b in t.bands)
        out.append(shared_reading_md(t))
        head = ["Band", "What it means"] + (["What this band tells you, and what it does not"] if with_own else [])
        head += ["Reported rate (with base rate and follow-up)"] if with_rates else []
        head += ["Place on a shared scale"] if with_scale else []
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for b in t.bands:
            cells = [md(b.label), md(b.meaning)] + ([_reading_cell(t, b)] if with_own else [])
            if with_rates:
                cells.append(_rate_cell(data, src, t, b))
            if with_scale:
                cells.append(known_or_dash(b.shared_scale) if is_known(b.shared_scale) else dash("Not on a shared scale"))
            rows.append("| " + " | ".join(cells) + " |")
        out.append("\n".join(rows) + "\n")
        if not with_rates:
            out.append(no_band_rates_line(src, t) + "\n")
    return "\n".join(out) + "\n"
