"""`make test` on two workers (pytest-xdist, tests/parallel.py): the tests sharing a walk run on one worker, a
width a worker for the phone walk, and a build both workers need is made once. Run on a small project of its own."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

CONFTEST = f"""
import json, os, sys, time
import pytest
sys.path.insert(0, {str(TESTS)!r})
from parallel import built_once, group_and_order


def pytest_collection_modifyitems(items, config):
    group_and_order(items, config)


def _build(folder):
    with open(os.environ["BUILDS"], "a") as f:
        f.write("built\\n")
    time.sleep(1)
    (folder / "index.html").write_text("site")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    return built_once(tmp_path_factory, "built", _build)


@pytest.fixture(scope="session")
def phone_walk():
    return {{}}


@pytest.fixture(scope="session")
def linkchecker_run():
    return []


@pytest.fixture
def record(request):
    yield
    with open(os.environ["RAN"], "a") as f:
        f.write(json.dumps([os.environ.get("PYTEST_XDIST_WORKER"), request.node.nodeid]) + "\\n")
"""

TESTS_A = """
import time
import pytest


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("n", range(3))
def test_phone(phone_walk, record, width, n):
    time.sleep(0.1)


def test_links_a(linkchecker_run, record):
    time.sleep(0.1)


def test_links_b(linkchecker_run, record):
    time.sleep(0.1)


@pytest.mark.parametrize("n", range(8))
def test_built(site_dir, record, n):
    assert (site_dir / "index.html").read_text() == "site"
    time.sleep(0.2)
"""


def test_groups_run_on_one_worker_and_a_shared_build_is_made_once(tmp_path):
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_a.py").write_text(TESTS_A, encoding="utf-8")
    ran, builds = tmp_path / "ran.jsonl", tmp_path / "builds.txt"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "--dist",
                           "loadgroup", "--no-loadscope-reorder", "--basetemp", str(tmp_path / "tmp")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "RAN": str(ran), "BUILDS": str(builds), "PYTEST_ADDOPTS": ""})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "16 passed" in proc.stdout
    rows = [json.loads(line) for line in ran.read_text().splitlines()]
    workers: dict[str, set[str]] = {}
    for worker, nodeid in rows:
        group = nodeid.rpartition("@")[2] if "@" in nodeid else None
        workers.setdefault(group, set()).add(worker)
    # each group on one worker, under its own name; the width groups as parallel.py names them
    assert {g for g in workers if g} == {"phone-320", "phone-390", "linkchecker_run"}, sorted(workers, key=str)
    assert all(len(w) == 1 for g, w in workers.items() if g), workers
    # the build both workers used was made once, and both workers ran tests of it
    built_on = {w for w, nodeid in rows if "test_built" in nodeid}
    assert built_on == {"gw0", "gw1"}, built_on
    assert builds.read_text().splitlines() == ["built"]
    # the longest groups first: the first test run is a phone walk's
    assert "test_phone" in rows[0][1] or "test_phone" in rows[1][1]
