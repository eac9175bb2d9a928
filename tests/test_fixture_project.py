"""The small fixture project (tests/fixtures/project) is a complete project the editors' check accepts."""
from __future__ import annotations

from conftest import FIXTURE_PROJECT

from macros.check import check_project
from macros.paths import ids


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
