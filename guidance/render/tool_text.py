"""Small text helpers for the tool pages: not-known values, dashes, sentences, links, figures, the caution box."""
from __future__ import annotations

from .. import paths
from ..data import models as m
from ..data.loader import SiteData
from ..paths import rel
from .basis import basis_label
from .common import cite_list
from .text import attr, in_100, join_words, lower_first, md, pct


def known(value, fmt=md) -> str:
    if isinstance(value, m.NotKnown):
        return f'<span data-search-exclude="1" class="not-known">Not known: {md(value.not_known)}</span>'
    return fmt(value)


def is_known(value) -> bool:
    return not isinstance(value, m.NotKnown)


# a cell with nothing specific: a dash, with the reason in a tooltip (the reasons are listed once per page)
NOTHING_TITLE = "Nothing specific held for this tool; see What we could not find on the tool page"


def dash(title: str = NOTHING_TITLE) -> str:
    return f'<span class="nothing" title="{attr(title)}">—</span>'


def known_or_dash(value, fmt=md) -> str:
    return dash() if isinstance(value, m.NotKnown) else fmt(value)


# where a tool page's tables meet a field the record holds no value for: the record's reason is given once, in
# the page's "What we could not find" box under At a glance (not_found_box); the tables point to it
NOT_FOUND_BELOW = "Not found; see What we could not find, below."
NOT_FOUND_ABOVE = "Not found; see [What we could not find](#at-a-glance), under At a glance."


def not_known_text(value, fmt=md, pointer: str = NOT_FOUND_BELOW) -> str:
    """A value, or where the record holds none, a pointer to the one place on the page that gives the record's
    reason: never a bare dash (on a phone each row is read alone), never the reason again in every table."""
    if isinstance(value, m.NotKnown):
        return f'<span data-search-exclude="1" class="not-known">{pointer}</span>'
    return fmt(value)


# what a tool page's questions table ("What the site holds for this tool") says where the record holds nothing
# for a question: a plain sentence, never a bare dash
NOTHING_HELD = {
    "none": "Nothing held.",  # the table's lead-in says once what this means (render/tools.py)
    "not_validated_for": "This site records no group it was not built or validated for.",
    "base_rate": "This site holds no base rate for it.",
    "intervals": "This site holds no published range for its rates.",
}


def nothing_held(t: m.Tool, field: str) -> str:
    """Where a field is not known, a pointer to the page's one account of it; else the plain sentence for that
    question."""
    value = getattr(t, field, None)
    if field == "validation" or isinstance(value, m.NotKnown):  # validation: neither a study nor a RATED status
        return f'<span data-search-exclude="1" class="not-known">{NOT_FOUND_ABOVE}</span>'
    return f'<span data-search-exclude="1" class="not-known">{NOTHING_HELD[field]}</span>'


def not_used_in_scotland(t: m.Tool) -> bool:
    """A tool kept for comparison only: used in England and Wales, recorded as used by no one in Scotland."""
    uses = t.used_in_scotland
    return t.comparator or (isinstance(uses, list) and all(u.agency == "none in Scotland" for u in uses))


def decisions_text(data: SiteData, src: str, t: m.Tool, decisions: dict[str, tuple[str, str]]) -> str:
    """Which Scottish decisions the tool feeds, linked; where the record names none, a sentence saying what is
    true of the sources used (never a bare dash)."""
    if t.decisions:
        return join_words([page_link(data, src, decisions[d][0], decisions[d][1]) for d in t.decisions])
    if not_used_in_scotland(t):
        return '<span data-search-exclude="1" class="not-known">None: Scotland does not use it.</span>'
    if isinstance(t.used_in_scotland, m.NotKnown):
        return '<span data-search-exclude="1" class="not-known">No decision in Scotland named in the sources held.</span>'
    page = paths.tool_page(t.id)
    where = "#use-in-scotland" if src == page else rel(src, page, "use-in-scotland")
    return ('<span data-search-exclude="1" class="not-known">The sources held name who uses it in Scotland, but no particular '
            f"decision it feeds. See [Who uses it in Scotland, and when]({where}).</span>")


def sentences(items: list[str]) -> str:
    """Join plain-text items as sentences: a full stop is added only where an item has no end punctuation."""
    out = []
    for x in items:
        x = " ".join(str(x).split())
        if x and x[-1] not in ".?!":
            x += "."
        if x:
            out.append(x)
    return " ".join(out)


def html_list(items: list[str]) -> str:
    """Items already rendered as inline Markdown, as a compact HTML list (safe inside a table cell)."""
    return '<ul class="cell-list">' + "".join(f"<li>{x}</li>" for x in items) + "</ul>"


NO_RATES_LINE = "No published reoffending rates for these bands in the sources held."
# a tool with published rates, none of them for a band: say so without denying the rates it has
RATES_NOT_BY_BAND = "The sources held give no reoffending rate for each band. The rates they do publish for {abbr} are under {link}."


def no_band_rates_line(src: str, t: m.Tool) -> str:
    """The one line under a band list with no rate in any band: never 'no published rates' when the tool has some,
    nor when the record says where rates are published (band_rates_note)."""
    if t.band_rates_note:
        return md(sentences([t.band_rates_note]))
    if not t.figures:
        return NO_RATES_LINE
    page = paths.tool_page(t.id)
    link = "[Published rates](#published-rates)" if src == page else f"[Published rates]({rel(src, page, 'published-rates')})"
    return RATES_NOT_BY_BAND.format(abbr=md(t.abbr), link=link)


def _as_object(item: str) -> str:
    """A list item written as the object of 'tell you' ('How serious ...', 'The chance ...'), lower-cased to run on."""
    item = " ".join(str(item).split())
    return lower_first(item)


def tells_sentence(item: str) -> str:
    """'where the score places ...' -> 'It tells you where the score places ...' (a sentence that stands alone)."""
    return sentences(["It tells you " + _as_object(item)])


def not_tell_sentence(item: str) -> str:
    """'Whether risk is low. A low level ...' -> 'It does not tell you whether risk is low. A low level ...'."""
    return sentences(["It does not tell you " + _as_object(item)])

# what a tool record could not say, in one place per page: (field label, reason)
_UNKNOWN_FIELDS = (
    ("authors", "Authors"), ("year", "Year"), ("follow_up", "Follow-up period"),
    ("developed_on", "Who it was developed on"), ("not_validated_for", "Groups it is not validated for"),
    ("bands", "Bands"), ("who_may_use", "Who may use it"), ("used_in_scotland", "Use in Scotland"),
)


def unknowns(t: m.Tool) -> list[tuple[str, str]]:
    found = [(label, getattr(t, f).not_known) for f, label in _UNKNOWN_FIELDS if isinstance(getattr(t, f), m.NotKnown)]
    if isinstance(t.validation.scotland_or_uk, m.NotKnown):
        found.append(("Validation in Scotland or the UK", t.validation.scotland_or_uk.not_known))
    if t.validation.rated == "not known":
        found.append(("Status in RATED", t.validation.rated_note or "Not found in the directory's published lists."))
    if isinstance(t.bands, list) and not any(b.figure for b in t.bands):
        found.append(("Reoffending rates for each band",
                      t.band_rates_note or "No rate for any band was found in the sources held."))
    if isinstance(t.bands, list):
        scales = [b.shared_scale for b in t.bands]
        if all(isinstance(x, m.NotKnown) for x in scales):
            found.append(("Place on a shared scale", "None of its bands is placed on a shared scale in the sources held."))
    return found


def not_found_box(t: m.Tool) -> str:
    items = unknowns(t)
    if not items:
        return ""
    lines = ['??? note "What we could not find"', "    The sources listed at the foot of this page do not give:\n"]
    lines.extend(f"    - **{md(label)}**: {md(reason)}" for label, reason in items)
    return "\n".join(lines) + "\n"


def tool_link(src: str, t: m.Tool, text: str | None = None) -> str:
    return f"[{md(text or t.abbr)}]({rel(src, paths.tool_page(t.id))})"


def page_link(data: SiteData, src: str, label: str, target: str) -> str:
    return f"[{md(label)}]({rel(src, target)})" if target in data.pages else md(label)


# ---------------------------------------------------------------- numbers


def figure_text(data: SiteData, src: str, f: m.Figure, with_source: bool = True) -> str:
    """A rate as 'about 8 in 100 (7.6%)' with group, outcome, follow-up and sample, never bare."""
    interval = ""
    if f.interval:
        interval = f", published range {pct(f.interval[0])} to {pct(f.interval[1])}"
    base = " This is the base rate: the rate for the whole sample." if f.base_rate else ""
    src_txt = f" ({cite_list(data, src, list(f.sources))})" if with_source else ""
    return (
        f'<span class="figure" data-figure="{attr(f.id)}"><strong>{in_100(f.percent)} ({pct(f.percent)}{interval})</strong>'
        f"</span> of {md(lower_first(f.describes))} had {md(lower_first(f.outcome))} within {md(lower_first(f.follow_up))}. "
        f"Sample: {md(f.sample)}.{base}{src_txt}"
    )


def figure(data: SiteData, src: str, figure_id: str) -> str:
    try:
        _t, f = data.figure(figure_id)
    except KeyError:
        raise ValueError(f"figure(): unknown figure '{figure_id}' on page {src}") from None
    return figure_text(data, src, f)


# ---------------------------------------------------------------- caution box


GROUP_ANCHORS = {
    "women": "fit-women", "young people": "fit-young-people", "people under 16": "fit-young-people",
    "learning disability": "fit-learning-disability",
    "minority ethnic groups": "fit-minority-ethnic-groups",
}
BENCH_GUIDE = paths.BENCH_GUIDE


def group_link(src: str, group: str) -> str:
    """A 'not validated for' group, linked to the bench guide's passage on that group where there is one."""
    if group in GROUP_ANCHORS:
        return f"[{md(group)}]({rel(src, BENCH_GUIDE, GROUP_ANCHORS[group])})"
    return md(group)


def not_validated(t: m.Tool) -> list[m.NotValidated]:
    """Groups a source says the tool was not built, or is not valid, for."""
    return [g for g in t.not_validated_for if g.basis == "not built for"] if isinstance(t.not_validated_for, list) else []


def no_evidence(t: m.Tool) -> list[m.NotValidated]:
    """Groups for which the sources held give no evidence either way: a search result, never a finding."""
    return [g for g in t.not_validated_for if g.basis == "no evidence found"] if isinstance(t.not_validated_for, list) else []


NO_EVIDENCE_LEAD = "No evidence of validation found in the sources held for"
# said of a search, not as a finding: what was searched, then the record's own account of what was (not) found
NO_VALIDATION_FOUND = (
    "Validation in Scotland or the UK: no validation study was found in the sources listed at the foot of this page."
)
# the same search, said on a page that does not list the sources (the bench note): point to the page that does
NO_VALIDATION_FOUND_ELSEWHERE = (
    "Validation in Scotland or the UK: no validation study was found in the sources on the [full tool page]({link})."
)


def no_validation_line(src: str, t: m.Tool) -> str:
    """What was searched and not found, true of the page it is on: only the tool page lists its sources."""
    page = paths.tool_page(t.id)
    return NO_VALIDATION_FOUND if src == page else NO_VALIDATION_FOUND_ELSEWHERE.format(link=rel(src, page, "sources"))


def caution_items(data: SiteData, src: str, t: m.Tool) -> list[tuple[str, bool]]:
    """The 'Read this first' items, each with whether it carries the tool's basis label. What was searched and
    not found, and a plain fact about where a tool is used, carry no label: they are not research findings."""
    items: list[tuple[str, bool]] = []
    if isinstance(t.not_validated_for, m.NotKnown):
        where = ("see What we could not find" if src == paths.tool_page(t.id)
                 else f"the [full tool page]({rel(src, paths.tool_page(t.id))}) says what the sources do not give")
        items.append((f"Groups it is not validated for: none named in the sources held; {where}.", False))
    if not_validated(t):
        items.append(("Not validated for: " + join_words([group_link(src, g.group) for g in not_validated(t)]) + ".", True))
    if no_evidence(t):
        items.append((f"{NO_EVIDENCE_LEAD}: " + join_words([group_link(src, g.group) for g in no_evidence(t)]) + ".", False))
    items.append((" ".join(md(not_tell_sentence(x)) for x in t.does_not_tell[:2]), True))
    if is_known(t.validation.scotland_or_uk):
        items.append(("Validation in Scotland or the UK: " + md(sentences([t.validation.scotland_or_uk])), True))
    else:
        items.append((no_validation_line(src, t), False))
    rated = t.validation.rated
    if rated != "not known":
        items.append((
            "Status in the Risk Management Authority's tools directory (RATED): " + md(rated)
            + (f". {md(sentences([t.validation.rated_note]))}" if t.validation.rated_note else "."), True))
    if t.comparator:
        items.insert(0, ("This tool is used in England and Wales, not in Scotland. It is here for comparison.", False))
    return items


def caution_box(data: SiteData, src: str, t: m.Tool) -> str:
    lines = [f'!!! warning "Read this first: limits of {md(t.abbr)}"']
    lines.extend(f"    - {x} {basis_label(t.caution_basis)}" if labelled else f"    - {x}"
                 for x, labelled in caution_items(data, src, t))
    return "\n".join(lines) + "\n"
