"""In force: a small label saying whether the law or guidance an item rests on applies today.

An item (a MAPPA step, a standard, a fact) takes the most current status among the legislation and
guidance it cites (in force before unconfirmed before superseded), unless the item says otherwise (`in_force` on the item, e.g. a provision never commenced).
A step whose timing or wording rests on text still awaiting a check is shown as unconfirmed.
"""
from __future__ import annotations

from ..data import models as m
from ..data.sitedata import SiteData
from .text import attr, md

LABELS = {
    "in force": "In force",
    "not yet in force": "Not yet in force",
    "never commenced": "Never commenced",
    "superseded": "Superseded",
    "unconfirmed": "Status unconfirmed",
}
# when an item cites several laws or guidance documents, the status that applies today wins
_PREFERENCE = ["in force", "unconfirmed", "not yet in force", "superseded", "never commenced"]
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
    own = getattr(item, "in_force", None)
    if own is not None:
        return own, None
    when = getattr(item, "when", None)
    if when is not None and getattr(when, "confirmed", True) is False:
        return m.InForce(state="unconfirmed", note="Its wording or timing awaits a check against the guidance."), None
    found = [(data.sources[r.id].in_force, r.id) for r in item.sources
             if data.sources[r.id].kind in m.IN_FORCE_KINDS and data.sources[r.id].in_force is not None]
    # an item that cites a replaced edition beside the one in force rests on the one in force
    return min(found, key=lambda f: _PREFERENCE.index(f[0].state)) if found else None


def standing_text(data: SiteData, status: m.InForce) -> str:
    """'In force since 2022', 'Superseded by MAPPA: national guidance 2022', 'Never commenced'."""
    text = LABELS[status.state]
    if status.since:
        text += f" since {status.since}"
    if status.by:
        text += f" by {data.sources[status.by].title}"
    return text


def standing_label(data: SiteData, item) -> str:
    """A small HTML label (empty when the item rests on no law or guidance)."""
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
            f"{md(standing_text(data, status))}</small>")
