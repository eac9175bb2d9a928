"""Checks of in-force statuses: every law or guidance that a step, standard or fact rests on says
whether it applies today, and a 'superseded by' names a source that exists.

What applies now: an item takes the most current status among the laws and guidance it cites
(`resting_status`); a normative item (a step or a standard) that rests only on replaced guidance must say
itself what applies now (`applies_now` on the item), or `make check` refuses it.
"""
from __future__ import annotations

import re

from . import models as m
from .errors import Collector
from .sitedata import SiteData

# when an item cites several laws or guidance documents, the status that applies today wins
PREFERENCE = ["in force", "unconfirmed", "not yet in force", "superseded", "never commenced"]
UNCHECKED_WHEN = "Its wording or timing awaits a check against the guidance."
# a citation whose place says the text was read only in copies, 'not yet checked', does not make the item in force
UNCHECKED_AT = re.compile(r"\bnot yet checked\b", re.I)
UNCHECKED_COPY = "It rests on a copy of the guidance that awaits a check against the official text."


def _ref_status(data: SiteData, ref: m.SourceRef) -> m.InForce | None:
    source = data.sources.get(ref.id)
    if source is None or source.kind not in m.IN_FORCE_KINDS or source.in_force is None:
        return None
    if source.in_force.state == "in force" and ref.at and UNCHECKED_AT.search(ref.at):
        return m.InForce(state="unconfirmed", note=UNCHECKED_COPY)
    return source.in_force


def resting_status(data: SiteData, item) -> tuple[m.InForce, str | None] | None:
    """(status, id of the source it comes from, or None when the item itself says), or None when the item
    rests on no law or guidance (research, local practice, this site's advice: its basis label says so)."""
    own = getattr(item, "in_force", None)
    if own is not None:
        return own, None
    when = getattr(item, "when", None)
    if when is not None and getattr(when, "confirmed", True) is False:
        return m.InForce(state="unconfirmed", note=UNCHECKED_WHEN), None
    found = [(status, r.id) for r in item.sources if (status := _ref_status(data, r)) is not None]
    # an item that cites a replaced edition beside the one in force rests on the one in force
    # (among equals, a copy awaiting a check is named first: it says what a reader can do)
    return min(found, key=lambda f: (PREFERENCE.index(f[0].state), f[0].note != UNCHECKED_COPY)) if found else None


def check_in_force(c: Collector, data: SiteData) -> None:
    for source in data.sources.values():
        status = source.in_force
        if status and status.by and status.by not in data.sources:
            c.at(source, source.id, "in_force.by", f"unknown source '{status.by}'. Name the source id of what replaced it.")
    cited: dict[str, str] = {}  # source id -> the first item that rests on it
    for item in [*data.steps, *data.standards, *data.facts.values()]:
        for ref in item.sources:
            cited.setdefault(ref.id, item.id)
    for source_id, item_id in sorted(cited.items()):
        source = data.sources.get(source_id)
        if source and source.kind in m.IN_FORCE_KINDS and source.in_force is None:
            c.at(source, source_id, "in_force",
                 f"this {source.kind} is cited by {item_id} (and perhaps others), so say whether it is in force: "
                 "in_force: {state: in force, since: '...'}, or never commenced, not yet in force, superseded "
                 "(with by: <source id>), or unconfirmed.")
    check_applies_now(c, data)


def check_applies_now(c: Collector, data: SiteData) -> None:
    """A rule resting only on replaced guidance says what applies now; a 'replaced by' names a known item."""
    known = set(data.sources) | {s.id for s in data.steps} | {s.id for s in data.standards} | set(data.facts)
    for item in [*data.steps, *data.standards, *data.facts.values()]:
        own = item.applies_now
        if own is not None and own.replaced_by and own.replaced_by not in known:
            c.at(item, item.id, "applies_now.replaced_by", f"unknown id '{own.replaced_by}'. Name the step, "
                 "standard, fact or source that replaced it.")
        if own is not None or not hasattr(item, "normative"):
            continue
        found = resting_status(data, item)
        if found and found[0].state == "superseded" and found[1] is not None:
            by = found[0].by
            c.at(item, item.id, "applies_now",
                 f"'{item.normative}' rests only on {data.sources[found[1]].title}, which has been replaced"
                 + (f" by {data.sources[by].title}" if by in data.sources else "")
                 + ". Say what applies now: applies_now: {state: not confirmed, note: '...'} (what the old text "
                 "said and whom to ask), {state: no, replaced_by: <id>}, or {state: yes, note: '...'} with the "
                 "current source cited.")
