"""The small fixture project (tests/fixtures/project) is a complete project the editors' check accepts."""
from __future__ import annotations

from conftest import FIXTURE_PROJECT

from guidance.check import check_project
from guidance.paths import ids


def test_the_fixture_project_passes_the_check():
    data, problems = check_project(FIXTURE_PROJECT)
    assert data is not None
    assert [str(p) for p in problems if not p.warning] == []


def test_the_fixture_project_has_a_little_of_everything():
    data, _ = check_project(FIXTURE_PROJECT)
    assert data.sources and data.facts and data.gaps and data.terms and data.training and data.search.synonyms
    assert {s.stage for s in data.steps} == {st.id for st in data.mappa.stages}  # a step in every stage
    assert 3 <= len(data.standards) <= 10 and 2 <= len(data.tools) <= 5
    assert len(ids(data)) < 400


def test_the_fixture_project_builds(small_site):
    """The fixture project goes through the whole build (check, generation, MkDocs, post-build step, kept
    editions, link check): build tests that do not need the real site can start from it."""
    from guidance.paths import page_url

    small, _ = check_project(FIXTURE_PROJECT)
    for page in small.pages.values():
        assert (small_site / page_url(page.src) / "index.html").is_file(), page.src
    assert (small_site / "id").is_dir() and (small_site / "search" / "search_index.json").is_file()
