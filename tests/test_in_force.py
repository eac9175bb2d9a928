"""In-force status (issue 16): every item that rests on law or guidance shows whether it applies today."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from guidance import paths
from guidance.data import models as m
from guidance.data.status import rule_status
from guidance.render.standing import standing_label


def _rests_on_law_or_guidance(data, item) -> bool:
    return any(data.sources[r.id].kind in m.IN_FORCE_KINDS for r in item.sources)


def test_every_item_resting_on_law_or_guidance_has_a_status(data):
    missing = [item.id for item in [*data.steps, *data.standards] if rule_status(data, item) is None]
    missing += [f.id for f in data.facts.values() if _rests_on_law_or_guidance(data, f) and rule_status(data, f) is None
                and not any(s in f.text for s in ("2014", "2016"))]  # a fact telling what an old edition said is history
    assert not missing


def test_section_10_1_b_shows_never_commenced(data, site_dir):
    fact = data.facts["mappa-law-s10-1-b"]
    assert "Never brought into force" in standing_label(data, fact)
    html = (site_dir / paths.page_url("mappa/legal-basis.md") / "index.html").read_text(encoding="utf-8")
    assert "Never brought into force" in BeautifulSoup(html, "html.parser").get_text(" ")


def test_a_rule_on_replaced_guidance_names_the_edition_at_the_end_of_the_chain(data):
    """2014 was replaced by 2016, itself replaced by 2022: the reason names 2022, never 2016."""
    got = rule_status(data, m.Fact(id="x", topic="t", text="t", sources=[{"id": "mappa-guidance-2014"}]))
    assert got.state == "not settled" and data.sources["mappa-guidance"].title in got.reason
    assert data.sources["mappa-guidance-2016"].title not in got.reason
    assert "Superseded" not in standing_label(data, m.Fact(id="x", topic="t", text="t", sources=[{"id": "mappa-guidance-2016"}]))


def test_status_fields_must_fit_the_state():
    with pytest.raises(ValidationError):
        m.InForce(state="superseded")  # no 'by'
    with pytest.raises(ValidationError):
        m.InForce(state="never commenced", since="2009")
    assert m.InForce(state="in force", since="2022").since == "2022"


def test_built_pages_show_the_labels(data, site_dir):
    """Every stage page shows a label per step resting on guidance; standards pages for theirs."""
    for st in data.mappa.stages:
        soup = BeautifulSoup((site_dir / paths.page_url(paths.stage_page(st.id)) / "index.html").read_text(), "html.parser")
        steps = [s for s in data.steps if s.stage == st.id and _rests_on_law_or_guidance(data, s)]
        assert len(soup.select("article .rule-status")) >= len(steps), st.id
    for area in data.areas:
        soup = BeautifulSoup((site_dir / paths.page_url(paths.area_page(area.id)) / "index.html").read_text(), "html.parser")
        stds = [s for s in data.standards if s.area == area.id and _rests_on_law_or_guidance(data, s)]
        assert len(soup.select("article .rule-status")) >= len(stds), area.id


def test_a_cited_guidance_without_status_is_refused(small_project):
    from guidance.data.loader import DataErrors, load_site

    path = small_project / "data" / "sources" / "general.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: mappa-guidance\n")
    line = text.index("  in_force:", start)
    end = text.index("\n", line) + 1
    path.write_text(text[:line] + text[end:], encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_site(small_project)
    report = err.value.report()
    assert "data/sources/general.yaml" in report and "mappa-guidance" in report and "in_force" in report
