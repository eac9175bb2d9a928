"""Running the tests on several workers (pytest-xdist: `make test` runs PYTEST_WORKERS of them, `--dist
loadgroup`): the groups that keep a costly fixture on one worker, the order that starts the longest first, and the
builds the workers share."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from _pytest.nodeid import coerce_node_id
from filelock import FileLock

# Under pytest-xdist (`make test`: PYTEST_WORKERS, `--dist loadgroup`) each worker is a process of its own with its
# own session fixtures. Tests sharing a costly fixture that holds a result in memory (a walk, a linkchecker run, a
# module's own fixture) form a group that one worker runs, so it is computed once; builds on disk are shared
# between workers (built_once). Groups, by the first fixture on this list a test uses; then a test using a
# module-scoped fixture is grouped with its module.
GROUPS = ("phone_walk", "dist_site", "linkchecker_run", "pack", "zensical_site")
# The order in which the scheduler hands out work: the longest groups first (each is one worker's unit), then the
# tests marked slow, then the rest, so that no long unit starts last. From `--durations`: the phone walk at each
# width about 85 s, make dist 66 s, linkchecker 60 s.
FIRST = ("phone-390", "dist_site", "phone-320", "linkchecker_run", "pack", "zensical_site")


def group_of(item) -> str | None:
    """The xdist group of a test: see GROUPS."""
    names = getattr(item, "fixturenames", ())
    for fixture in GROUPS:
        if fixture in names:
            if fixture == "phone_walk":  # a width a worker: the tests of one width, or 390 px (the default)
                callspec = getattr(item, "callspec", None)
                return f"phone-{callspec.params.get('width', 390) if callspec else 390}"
            return fixture
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    if any(d and d[-1].scope == "module" for d in defs.values()):
        return item.path.name
    return None


def _name_group(item, group: str) -> None:
    """Put the group in the test's node id, as `<id>@<group>`, which `--dist loadgroup` schedules by. pytest-xdist
    3.8 does this from the `xdist_group` mark by setting `item._nodeid`, which pytest 9.2 no longer reads (it
    keeps the id in `item._id`), so every test would be a unit of its own; this sets the id pytest reads."""
    if not item.nodeid.endswith(f"@{group}"):
        item._id = coerce_node_id(f"{item.nodeid}@{group}")


def group_and_order(items: list, config) -> None:
    """Mark each test of a group `xdist_group` (on a loadgroup worker, name the group in its id too) and put the
    longest units first (FIRST), then the tests marked slow, then the rest, each in the collection's order. Run
    alone, pytest keeps this order too."""
    loadgroup = getattr(config.option, "loadgroup", False)  # set by pytest-xdist on its workers
    for item in items:
        group = group_of(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
            if loadgroup:
                _name_group(item, group)

    def rank(item) -> int:
        group = group_of(item)
        if group in FIRST:
            return FIRST.index(group)
        return len(FIRST) + (0 if item.get_closest_marker("slow") else 1)

    items.sort(key=rank)  # stable


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder `build(folder)` fills, made once for the whole run. Alone, in a new temporary folder; under
    pytest-xdist, in a folder beside the workers' own, shared by them: the first worker to ask builds it while the
    others wait on a lock, then every worker reads the same folder (pytest-xdist's "making session-scoped
    fixtures execute only once")."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name
    done = folder.with_name(f"{name}.built")
    with FileLock(str(folder.with_name(f"{name}.lock"))):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed on another worker is tried again
            folder.mkdir()
            build(folder)
            done.touch()
    return folder
