"""In force: a small label saying whether the law or guidance an item rests on applies today.

An item (a MAPPA step, a standard, a fact) takes the most current status among the legislation and
guidance it cites (in force before unconfirmed before superseded), unless the item says otherwise (`in_force` on the item, e.g. a provision never commenced).
A step whose timing or wording rests on text still awaiting a check is shown as unconfirmed.
"""
from __future__ import annotations

from .. import paths
from ..data import models as m
from ..data.in_force import UNCHECKED_COPY, resting_status
from ..data.sitedata import SiteData
from ..paths import ids, rel_url
from .text import attr, lower_first, md

LABELS = {
    "in force": "In force",
    "not yet in force": "Not yet in force",
    "never commenced": "Never commenced",
    "superseded": "Superseded",
    "unconfirmed": "Status unconfirmed",
}
EXPLAIN = {
    "in force": "The law or guidance this rests on applies today.",
    "not yet in force": "The law this rests on has been made but does not apply yet.",
    "never commenced": "The law this rests on was passed but has never been brought into force.",
    "superseded": "The guidance this rests on has been replaced.",
    "unconfirmed": "The sources read do not settle whether this applies today.",
}


def standing(data: SiteData, item) -> tuple[m.InForce, str | None] | None:
    """(status, id of the source it comes from, or None when the item itself says), or None when the item
    rests on no law or guidance (research, local practice, this site's advice: its basis label says so)."""
    return resting_status(data, item)


def standing_text(data: SiteData, status: m.InForce) -> str:
    """'In force since 2022', 'Superseded by MAPPA: national guidance 2022', 'Never commenced'."""
    text = LABELS[status.state]
    if status.since:
        text += f" since {status.since}"
    if status.by:
        text += f" by {data.sources[status.by].title}"
    return text


def standing_label(data: SiteData, item, src: str = "") -> str:
    """A small HTML label (empty when the item rests on no law or guidance), then the Applies now line."""
    found = standing(data, item)
    if found is None:
        return ""
    status, source_id = found
    tip = EXPLAIN[status.state]
    if source_id:
        tip += f" Source: {data.sources[source_id].title}."
    if status.note:
        tip += f" {status.note}"
    slug = status.state.replace(" ", "-")
    return (f'<small class="in-force in-force-{slug}" title="{attr(tip)}" data-search-exclude>'
            f"{md(standing_text(data, status))}</small> " + applies_now_html(data, item, src))


# ---------------------------------------------------------------- applies now
# One plain line beside every in-force label: does the rule apply now? From the sources' status, or the
# item's own `applies_now` where that status does not settle it (see How to read, #applies-now).

ASK_MAPPA = "Ask your MAPPA co-ordinator."
ASK_STANDARD = "Check the current source before you rely on it."


def _current(data: SiteData, source_id: str) -> str:
    """Follow 'superseded by' to the edition in force now (2014 -> 2016 -> 2022)."""
    seen = set()
    while source_id in data.sources and source_id not in seen:
        seen.add(source_id)
        status = data.sources[source_id].in_force
        if not (status and status.state == "superseded" and status.by):
            break
        source_id = status.by
    return source_id


def applies_now(data: SiteData, item) -> tuple[str, str, str | None] | None:
    """(state, plain text after the state, id of what replaced it or None), or None where no label is shown."""
    found = resting_status(data, item)
    if found is None:
        return None
    own = getattr(item, "applies_now", None)
    if own is not None:
        return own.state, " ".join((own.note or "").split()), own.replaced_by
    status, source_id = found
    # the co-ordinator is not told to ask themselves
    ask = ASK_STANDARD if isinstance(item, m.Standard) or getattr(item, "actor", "") == "coordinator" else ASK_MAPPA
    title = data.sources[source_id].title if source_id else ""
    if status.state == "in force":
        return "yes", "", None
    if status.state == "unconfirmed":
        own_note = source_id is None or status.note == UNCHECKED_COPY
        why = status.note if own_note else f"The sources read do not settle whether {title} still applies."
        return "not confirmed", f"{why} {ask}", None
    if status.state == "superseded":
        now = _current(data, status.by or "")
        return "not confirmed", (f"it rests on {title}, which was replaced by {data.sources[now].title}; the newer "
                                 f"text was not checked for this. {ask}"), None
    if status.state == "never commenced":
        return "no", "the provision it rests on has never been brought into force.", None
    return "no", "the law it rests on does not apply yet.", None


# words that can open the clause after the dash in lower case (anything else, such as a title, keeps its capital)
_RUN_ON = {"the", "a", "an", "it", "its", "as", "this", "these", "our", "your", "ask", "check", "no", "not", "only"}


def run_on(text: str) -> str:
    """The clause after 'Applies now: ... —': its first word in lower case only where it is a common word."""
    first = text.split(" ", 1)[0]
    return lower_first(text) if first.lower() in _RUN_ON else text


def _name_of(data: SiteData, item_id: str) -> str:
    return data.sources[item_id].title if item_id in data.sources else item_id


def applies_now_text(data: SiteData, item) -> str:
    """The line as plain text, for exports: 'Applies now: no — replaced by MAPPA-XX-01.'"""
    got = applies_now(data, item)
    if got is None:
        return ""
    state, text, by = got
    if by:
        return f"Applies now: {state} — replaced by {_name_of(data, by)}." + (f" {text}" if text else "")
    return f"Applies now: {state}" + (f" — {run_on(text)}" if text else ".")


def _link_to(data: SiteData, src: str, item_id: str) -> str:
    """An HTML link to what replaced a rule (raw HTML: the line sits in lists, tables and cards alike)."""
    if not src:
        return attr(_name_of(data, item_id))
    if item_id in data.sources:
        return f'<a href="{attr(rel_url(src, paths.SOURCES, "src-" + item_id))}">{attr(data.sources[item_id].title)}</a>'
    loc = ids(data).get(item_id)
    return f'<a href="{attr(rel_url(src, loc.page, loc.anchor))}">{attr(item_id)}</a>' if loc else attr(item_id)


def applies_now_html(data: SiteData, item, src: str = "") -> str:
    """The Applies now line as HTML, data text escaped (indexed by search: it is part of the rule)."""
    got = applies_now(data, item)
    if got is None:
        return ""
    state, text, by = got
    body = f"<strong>Applies now:</strong> {state}"
    if by:
        body += f" — replaced by {_link_to(data, src, by)}." + (f" {attr(text)}" if text else "")
    else:
        body += f" — {attr(run_on(text))}" if text else "."
    # a plain "yes" adds nothing a search needs (the rule's own words are indexed); a reading with more to say is kept
    plain = state == "yes" and not text and not by
    skip = " data-search-exclude" if plain else ""
    kind = " applies-now-plain" if plain else ""  # print leaves it out: the "In force" label beside it says the same
    return f'<span class="applies-now applies-now-{state.replace(" ", "-")}{kind}"{skip}>{body}</span>'
