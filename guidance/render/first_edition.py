"""What to cite for a date before the first edition: this guidance did not exist then, so cite its sources.

The first edition and its date come from data/editions.yaml (or, before any edition is kept, the version being
prepared); the editions of the national MAPPA guidance come from the sources' in-force data, following each
'superseded by' link back from the current edition. Nothing here is typed by hand.
"""
from __future__ import annotations

import datetime as dt

from ..data.editions import editions
from ..data.sitedata import SiteData
from ..paths import SOURCES, rel
from .common import cite
from .text import md

CURRENT_GUIDANCE = "mappa-guidance"  # the source id of the national MAPPA guidance in force


def _d(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def first_edition(data: SiteData) -> tuple[str, dt.date]:
    """(version, date) of the first edition of this guidance."""
    eds = editions(data)
    if eds:
        return eds[0].version, eds[0].date
    return data.site.version, data.site.version_date


def guidance_chain(data: SiteData) -> list[str]:
    """The national MAPPA guidance, newest edition first: the current one, then each edition it replaced."""
    chain = [CURRENT_GUIDANCE] if CURRENT_GUIDANCE in data.sources else []
    while chain:
        older = [s.id for s in data.sources.values()
                 if s.in_force and s.in_force.state == "superseded" and s.in_force.by == chain[-1] and s.id not in chain]
        if not older:
            break
        chain.append(older[0])
    return chain


def before_first_edition(data: SiteData, src: str) -> str:
    """A paragraph for the editions and citing pages: what to cite for a date before the first edition."""
    version, date = first_edition(data)
    out = [
        f"This guidance did not exist before {_d(date)}, the date of its first edition ({md(version)}). "
        "No edition of it can tell you what applied on an earlier date. For an earlier date, cite the sources "
        "themselves, as they stood on that date, not this site."
    ]
    chain = guidance_chain(data)
    if chain:
        parts = []
        for sid in chain:
            s = data.sources[sid]
            parts.append(f"{md(s.title)}, dated {md(s.date)} {cite(data, src, sid)}")
        out.append("For the Multi-Agency Public Protection Arrangements (MAPPA), cite the national guidance in force "
                   "on that date. The editions are, newest first: " + "; ".join(parts) + ".")
    out.append(f"The [sources page]({rel(src, SOURCES)}) lists every law, guidance and standard this site rests on, "
               "with its date and whether it still applies.")
    return " ".join(out) + "\n"
