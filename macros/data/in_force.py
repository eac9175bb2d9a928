"""Checks of in-force statuses: every law or guidance that a step, standard or fact rests on says
whether it applies today, and a 'superseded by' names a source that exists."""
from __future__ import annotations

from collections.abc import Callable

from . import models as m
from .sitedata import SiteData


def check_in_force(data: SiteData, add: Callable[[object, str, str, str], None]) -> None:
    """Report each problem through add(file, record, field, message)."""
    for source in data.sources.values():
        status = source.in_force
        if status and status.by and status.by not in data.sources:
            add(data.file_of.get(source.id, "data/sources/"), source.id, "in_force.by",
                f"unknown source '{status.by}'. Name the source id of what replaced it.")
    cited: dict[str, str] = {}  # source id -> the first item that rests on it
    items = [*data.steps, *data.standards, *data.facts.values()]
    for item in items:
        for ref in item.sources:
            cited.setdefault(ref.id, item.id)
    for source_id, item_id in sorted(cited.items()):
        source = data.sources.get(source_id)
        if source and source.kind in m.IN_FORCE_KINDS and source.in_force is None:
            add(data.file_of.get(source_id, "data/sources/"), source_id, "in_force",
                f"this {source.kind} is cited by {item_id} (and perhaps others), so say whether it is in force: "
                "in_force: {state: in force, since: '...'}, or never commenced, not yet in force, superseded "
                "(with by: <source id>), or unconfirmed.")
