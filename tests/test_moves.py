"""A registered sex offender moves into (or out of) an area: the police offender manager finds what the person has
to do and by when (the law), who leads in the new area and what justice social work does (guidance), each with its
source; where the sources are silent the page says so once and names who can answer, by role.

Cheap: the data and the generated Markdown of the police agency page and the RSO pathway, no site build.
"""
from __future__ import annotations

from pathlib import Path

from guidance.render.agencies import agency_page
from guidance.render.mappa import pathway_page

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "mappa" / "moving-area.md"


def _cites(data, fact_id: str) -> set[str]:
    return {s.id for s in data.facts[fact_id].sources}


def test_the_persons_own_time_limit_rests_on_the_statute(data):
    assert "within 3 days of moving" in data.facts["ans-move-rso-3-days"].text
    assert _cites(data, "ans-move-rso-3-days") == {"soa-2003-s84"}
    assert "7 days or more" in data.facts["ans-move-7-days"].text
    assert "soa-2003-s84" in _cites(data, "ans-move-7-days")
    assert data.sources["soa-2003-s84"].kind == "legislation"
    assert "legislation.gov.uk" in str(data.sources["soa-2003-s84"].url)


def test_who_leads_and_what_social_work_does_rest_on_the_guidance(data):
    for fid in ("ans-move-lead-police", "ans-move-lead-council", "ans-move-jsw-manages", "ans-move-police-consulted"):
        assert "mappa-guidance" in _cites(data, fid), fid
    annex = [s.at for s in data.facts["ans-move-jsw-manages"].sources]
    assert any("Annex 7" in (a or "") for a in annex)


def test_the_page_shows_every_move_fact_and_its_silence_once():
    text = PAGE.read_text(encoding="utf-8")
    for fid in ("ans-move-rso-3-days", "ans-move-in-person", "ans-move-in-advance", "ans-move-7-days",
                "ans-move-lead-police", "ans-move-lead-council", "ans-move-jsw-manages", "ans-move-visor"):
        assert f'fact("{fid}")' in text, fid
    assert text.count("{{ gaps_here() }}") == 1


def test_the_silence_names_who_can_answer_by_role_not_the_coordinator(data):
    gap = next(g for g in data.gaps if g.id == "mappa-move-police-timescale")
    assert gap.kind == "silent" and gap.pages == ["mappa/moving-area.md"]
    assert "sergeant or inspector" in gap.statement
    assert "co-ordinator" not in gap.statement
    assert "3 days" in gap.statement and "no national time limit" in gap.statement


def test_police_agency_page_and_rso_pathway_link_to_the_page(data):
    police = agency_page(data, "mappa/agencies/police.md", "police")
    assert "## Also for you" in police and "(../moving-area.md)" in police
    rso = pathway_page(data, "mappa/pathways/rso.md", "rso")
    assert "(../moving-area.md)" in rso
    orsh = pathway_page(data, "mappa/pathways/orsh.md", "orsh")
    assert "moving-area.md" not in orsh, "the RSO moves page is linked only where it answers"


def test_searches_for_a_move_land_on_the_page(data):
    bets = {b.query.lower(): b.id for b in data.search.best_bets}
    for q in ("moved into area", "new address", "transfer"):
        assert bets.get(q) == "PAGE-MAPPA-MOVES", q
    words = next(s.words for s in data.search.synonyms if s.id == "PAGE-MAPPA-MOVES")
    assert "moved into my area" in words and "change of address" in words


def test_a_link_to_a_page_that_does_not_exist_is_refused_by_name(project):
    from guidance.check import check_project

    path = project / "data" / "mappa" / "structure.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{id: PAGE-MAPPA-MOVES,", "{id: PAGE-MAPPA-MOVE,", 1),
                    encoding="utf-8")
    _data, problems = check_project(project)
    msgs = [str(p) for p in problems if not p.warning]
    hit = next(m for m in msgs if "PAGE-MAPPA-MOVE'" in m)
    assert "see_also[0].id" in hit and "unknown page 'PAGE-MAPPA-MOVE'" in hit and "Did you mean 'PAGE-MAPPA-MOVES'?" in hit, hit
