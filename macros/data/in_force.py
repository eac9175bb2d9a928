"""Checks of in-force statuses: every law or guidance that a step, standard or fact rests on says
whether it applies today, and a 'superseded by' names a source that exists."""
from __future__ import annotations

from . import models as m
from .errors import Collector
from .sitedata import SiteData


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
