"""Kept editions: data/editions.yaml lists every released edition and the archive that freezes it.

An edition is the site exactly as published at a release: its built HTML, zipped under editions/.
The list is validated like the rest of data/: every problem at once, in plain words.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, TypeAdapter, ValidationError

from . import models as m
from .loader import DataErrors, Problem
from .sitedata import SiteData, per_data
from .yamlio import YamlProblem, load_file

EDITIONS_FILE = "data/editions.yaml"


class Edition(m.Strict):
    version: m.CalVer
    date: dt.date = Field(description="the day this edition became the current guidance")
    summary: m.Text = Field(description="one line: what changed in this edition, for readers")
    archive: Annotated[str, StringConstraints(pattern=r"^editions/\d{4}\.\d{1,2}\.\d+\.zip$")] = Field(
        description="the frozen built site, editions/<version>.zip (made by `make release`)"
    )


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def next_version(current: str, day: dt.date) -> str:
    """The calendar version after `current` for an edition started on `day`."""
    year, month, n = version_key(current)
    if (year, month) == (day.year, day.month):
        return f"{year}.{month}.{n + 1}"
    if (day.year, day.month) < (year, month):  # a clock behind the last edition: keep counting in its month
        return f"{year}.{month}.{n + 1}"
    return f"{day.year}.{day.month}.0"


def load_editions(root: Path, site: m.SiteInfo) -> list[Edition]:
    """Every kept edition, oldest first; raises DataErrors listing every problem."""
    path = Path(root) / EDITIONS_FILE
    if not path.exists():
        return []
    try:
        raw = load_file(path)
    except YamlProblem as exc:
        raise DataErrors([Problem(EDITIONS_FILE, "", "", str(exc))]) from None
    try:
        eds = TypeAdapter(list[Edition]).validate_python(raw or [])
    except ValidationError as exc:
        problems = [Problem(EDITIONS_FILE, _where(raw, e["loc"]), ".".join(str(x) for x in e["loc"][1:]), e["msg"])
                    for e in exc.errors()]
        raise DataErrors(problems) from None
    problems = check_editions(Path(root), eds, site)
    if problems:
        raise DataErrors(problems)
    return eds


def _where(raw, loc) -> str:
    try:
        return str(raw[loc[0]].get("version", f"#{loc[0] + 1}"))
    except (TypeError, KeyError, IndexError, AttributeError):
        return ""


def check_editions(root: Path, eds: list[Edition], site: m.SiteInfo) -> list[Problem]:
    out: list[Problem] = []

    def bad(ed: Edition, field: str, msg: str):
        out.append(Problem(EDITIONS_FILE, ed.version, field, msg))

    for prev, ed in zip(eds, eds[1:], strict=False):
        if version_key(ed.version) <= version_key(prev.version):
            bad(ed, "version", f"editions must be listed oldest first: {ed.version} comes after {prev.version}")
        if ed.date <= prev.date:
            bad(ed, "date", f"an edition must become current after the one before it ({prev.version}, {prev.date})")
    for ed in eds:
        if ed.archive != f"editions/{ed.version}.zip":
            bad(ed, "archive", f"the archive of edition {ed.version} must be editions/{ed.version}.zip")
        elif not (root / ed.archive).is_file():
            bad(ed, "archive", f"{ed.archive} is missing: cut the edition with `make release`")
        if version_key(ed.version) > version_key(site.version):
            bad(ed, "version", f"edition {ed.version} is newer than the site version {site.version} in data/site.yaml")
        if ed.version == site.version and ed.date != site.version_date:
            bad(ed, "date", f"must equal version_date in data/site.yaml ({site.version_date}) for the current edition")
    return out


@per_data
def editions(data: SiteData) -> list[Edition]:
    """The kept editions of a data set (read once per data set)."""
    return load_editions(data.root, data.site)


def is_draft(data: SiteData) -> bool:
    """True while the site's version is an edition being prepared: not yet kept by `make release`."""
    if data.options.release:  # the one build scripts/release.py freezes is the released edition
        return False
    return data.site.version not in {e.version for e in editions(data)}


def current_release(data: SiteData) -> tuple[str, dt.date] | None:
    """(version, date) of the edition readers have now: the site's own version once released, else the
    last released edition (None before the first release). A draft is never the current edition."""
    if not is_draft(data):
        return data.site.version, data.site.version_date
    eds = editions(data)
    return (eds[-1].version, eds[-1].date) if eds else None


def shown_editions(data: SiteData) -> list[tuple[Edition, dt.date | None]]:
    """The editions a build shows under /editions/<version>/: the older ones, each with the day it stopped
    being current, and, in a draft build, the edition readers have now (None: still current), so that a
    reviewer can open the live words beside the draft."""
    out: list[tuple[Edition, dt.date | None]] = list(older_editions(data))
    eds = editions(data)
    if is_draft(data) and eds:
        out.append((eds[-1], None))
    return out


def older_editions(data: SiteData) -> list[tuple[Edition, dt.date]]:
    """Editions that are no longer current, each with the day it stopped being current. While a draft
    is being prepared the last released edition is still current, so it is not among them."""
    eds = editions(data)
    current = current_release(data)
    out = []
    for i, ed in enumerate(eds):
        if current and ed.version == current[0]:
            continue
        until = eds[i + 1].date if i + 1 < len(eds) else data.site.version_date
        out.append((ed, until))
    return out
