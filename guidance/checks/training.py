"""Checks of data/training.yaml that need the published ids: every learning item names one."""
from __future__ import annotations

from ..data.errors import Collector, closest
from ..data.sitedata import SiteData
from ..paths import all_ids


def check_training(c: Collector, data: SiteData) -> None:
    """Training items point at published ids; checked once every id is known."""
    known = all_ids(data)
    for tp in data.training:
        for i, item in enumerate(tp.items):
            if item.id not in known:
                c.at(tp, tp.id, f"items[{i}].id", f"unknown id '{item.id}'. Use a published id (see the id "
                     f"register page).{closest(item.id, known)}")
