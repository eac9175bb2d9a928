"""The offline pack's search against the online build's: the same index, and a part of the reader query set typed
into the pack's search box from file:// (the whole set is typed online: tests/test_search.py)."""
from __future__ import annotations

import json

import pytest
from conftest import ARTIFACTS
from test_offline import _search


def _file_location(location: str) -> str:
    """An online search location as a page opened from disk names it: 'mappa/#x' -> 'mappa/index.html#x'."""
    path, hash_, fragment = location.partition("#")
    return (path + "index.html" if path == "" or path.endswith("/") else path) + hash_ + fragment


def test_the_packs_search_index_is_the_online_one(pack, site_dir):
    """The pack searches the online build's own index: the same settings and documents, in the same order, each
    location a file one. The same search code on the same index ranks as online, where the whole query set is
    typed (tests/test_search.py); from disk, the part of it below is typed."""
    online = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    packed = json.loads((pack["root"] / "search" / "search_index.js").read_text(encoding="utf-8")
                        .removeprefix("var __index = "))
    assert packed["config"] == online["config"]
    assert packed["docs"] == [dict(d, location=_file_location(d["location"])) for d in online["docs"]]
    assert len(packed["docs"]) > 100


def queries_from_disk() -> list[dict]:
    """The part of the reader query set typed from disk: every query that must open at a section (the landing
    from file:// is the pack's own), and the first query of each kind."""
    from test_search import CLASSES, QUERIES

    chosen = [q for q in QUERIES if q.get("section")]
    for kind in sorted(CLASSES):
        if not any(q["class"] == kind for q in chosen):
            chosen.append(next(q for q in QUERIES if q["class"] == kind))
    return chosen


@pytest.mark.browser
def test_reader_query_set_from_disk(disk):
    """A part of the reader query set (queries_from_disk), typed into the pack's search from file://: as online,
    at least HIT_RATE in the top 3, no internal word in any result, and each result opens at its section."""
    from test_search import CLASSES, HIT_RATE, run_query_set

    queries = queries_from_disk()
    assert {q["class"] for q in queries} == CLASSES and sum(1 for q in queries if q.get("section")) >= 8
    page, home, _requests, _blocked, _errors = disk
    page.goto(home + "index.html")
    rate, report, misses, faults = run_query_set(lambda pg, query: _search(pg, home, query, fresh=False), page,
                                                 queries=queries)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-hits-offline.txt").write_text("offline: " + report)
    assert rate >= HIT_RATE, report.splitlines()[0] + "\n" + "\n".join(misses)
    assert not faults, "\n".join(faults[:20])
