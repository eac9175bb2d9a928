"""The answers practitioners could not find (issue #29, the source hunt) stay on the pages where they look.

Each question is pinned on the built page: the answer's words and the source it cites (the source's title in the
page's list of sources), or, where no public source read settles it, the plain sentence that says so and who can
answer (never "ask your MAPPA co-ordinator" for a question about a Tribunal or Ministers' matter). Also pinned: a youth
justice worker reaches the under-18 page from the home page in one click; a member of the public searching
"sex offender living near me" is sent to the page on Keeping Children Safe. Cheap: pages from `site_dir`.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest


def _text(page: Path) -> str:
    """The readable text of a built page's article, tags stripped, spaces folded."""
    raw = page.read_text(encoding="utf-8")
    art = re.search(r"<article.*?</article>", raw, re.S)
    body = re.sub(r"<[^>]+>", " ", art.group(0) if art else raw)
    return re.sub(r"\s+", " ", html.unescape(body))


def _page(site_dir: Path, path: str) -> str:
    return _text(site_dir / path / "index.html")


# (page, words of the answer, title of the source it cites)
ANSWERS = [
    # (1) the tests for each level: national basis, and local descriptions that name their area
    ("mappa/levels", "The level is set from the most current risk assessment",
     "MAPPA: national guidance 2022"),
    ("mappa/levels", "In Lanarkshire, Level 1 is for a person whose risks one agency can manage",
     "how are offenders managed? (South Lanarkshire Council)"),
    ("mappa/levels", "In Lanarkshire, Level 2 is for cases, usually high risk, where more than one agency",
     "MAPPA annual report 2022 (South Lanarkshire Council), page 3"),
    ("mappa/levels", "In Lanarkshire, Level 3 is for the critical few", "how are offenders managed?"),
    ("mappa/levels", "In Angus, the co-ordinator decides whether a referral meets the criteria",
     "MAPPA in operation (Angus Council)"),
    # (2) who chairs: what is known, and that no public source names the chair
    ("mappa/levels", "In Moray, Level 3 panels are made up of senior managers", "MAPPA (Moray Council)"),
    ("mappa/levels", "It cannot give the national tests for Level 2 and Level 3, or say who chairs a meeting",
     "MAPPA: national guidance 2022"),
    # (3) who leads for a Category 3 person in the community
    ("mappa/levels", "is the lead responsible authority for a Category 3",
     "national overview report 2022-2023, section 9 (Social Work Scotland)"),
    ("mappa/agencies/council", "and it is the lead authority for a Category 3",
     "national overview report 2022-2023, section 9 (Social Work Scotland)"),
    # (4) when pre-release work starts
    ("mappa/prison", "No public source we read says how many weeks or months before release this work starts",
     "national overview report 2023-24, section 7 (Scottish Prison Service)"),
    ("mappa/prison", "ICM Practice Guidance Manual", "MAPPA: national guidance 2022"),
    # (5) conditional discharge
    ("mappa/restricted-patients", "MAPPA reviews and scrutinises the risk management plan that it produces",
     "Memorandum of Procedure"),
    ("mappa/restricted-patients", "which level is usual after a conditional discharge", "MAPPA in operation (Angus Council)"),
    # (6) under-18s
    ("mappa/young-people", "They are very rarely managed through MAPPA",
     "National Guidance for Child Protection in Scotland 2021, paras 2.206 to 2.207"),
    ("mappa/young-people", "A lead professional, who is a qualified social worker", "National Guidance for Child Protection"),
    ("mappa/young-people", "Every registered sex offender is in MAPPA Category 1 automatically",
     "MAPPA: national guidance 2022, paras 5.3 to 5.5"),
    ("mappa/young-people", "apply only to young people convicted in the criminal courts",
     "Arrangements for juvenile sex offenders: FOI release (FOI/17/01765)"),
    ("mappa/young-people", "can be managed under child protection procedures or Care and Risk Management",
     "Managing the risk of serious harm presented by young people"),
    # (7) the public
    ("public", "There is no public sex offender register in the UK", "Understanding the sex offender register"),
    ("public", "a parent, carer or guardian of a child under 18 can ask Police Scotland",
     "Sex offender community disclosure scheme: overview"),
    ("mappa/information-sharing", "a parent, carer or guardian of a child under 18 can ask the police",
     "Sex offender community disclosure scheme: overview"),
    ("public", "call Police Scotland on 101 at any time and say the call is about Keeping Children Safe",
     "The Sex Offender Community Disclosure Scheme (Keeping Children Safe)"),
    ("", "there is no public sex offender register", "The Sex Offender Community Disclosure Scheme"),
]


@pytest.mark.parametrize("path,words,source", ANSWERS, ids=[f"{a[0] or 'home'}:{a[1][:30]}" for a in ANSWERS])
def test_answer_is_on_its_page_with_its_source(site_dir, path, words, source):
    text = _page(site_dir, path)
    assert words in text, f"/{path}: the answer is gone: {words!r}"
    assert source in text, f"/{path}: the answer's source is not cited: {source!r}"


def test_unsettled_answers_name_who_can_answer(site_dir, data):
    gaps = {g.id: g.statement for g in data.gaps}
    cd = gaps["mappa-rp-conditional-discharge"]
    assert "Ask your MAPPA co-ordinator" not in cd
    assert "health board's MAPPA lead" in cd and "Scottish Ministers" in cd
    assert "ICM case manager" in gaps["mappa-no-pre-release-timescale"]
    assert "MAPPA unit" in gaps["mappa-chair-who"]
    council = next(s for a in data.mappa.agencies if a.id == "council" for s in a.shared if s.role == "lead-authority")
    assert "co-ordinator" not in council.when and "orsh" in council.categories
    rp = _page(site_dir, "mappa/restricted-patients")
    assert "The sources we read do not say what MAPPA does" not in rp


def test_youth_justice_worker_reaches_under_18_page_in_one_click(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="mappa/young-people/(index\.html)?"', home), "the home page does not link to the under-18 page"
    assert "Young people under 18" in _text(site_dir / "index.html")


def test_home_page_tells_the_public_where_to_go(site_dir):
    home = _text(site_dir / "index.html")
    for words in ("Worried about someone near you?", "Not working in MAPPA?", "Keeping Children Safe", "call 101",
                  "call 999", "Anyone else who is worried"):
        assert words in home, words
    assert re.search(r'href="public/(index\.html)?"', (site_dir / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("query,location", [
    ("sex offender living near me", "public/"),
    ("Sarah's law", "public/"),
    ("under 18", "mappa/young-people/"),
    ("16 year old", "mappa/young-people/"),
    ("young person MAPPA", "mappa/young-people/"),
    ("child MAPPA", "mappa/young-people/"),
    ("level 2 criteria", "mappa/levels/"),
])
def test_public_and_youth_searches_have_their_best_bet(site_dir, query, location):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    bets = {d["location"]: d.get("bestbet", "") for d in docs if d.get("bestbet")}
    assert query.lower() in bets.get(location, "").lower(), f"{query!r} is not a best bet of /{location}"


def test_new_facts_each_cite_a_source_that_exists(data):
    new = [f for f in data.facts.values() if f.id.startswith("ans-")]
    assert len(new) >= 20
    for f in new:
        assert f.sources and all(s.id in data.sources for s in f.sources), f.id
        if f.text.startswith("In ") and any(a in f.text.split(",")[0] for a in ("Lanarkshire", "Moray", "Angus")):
            assert all(data.sources[s.id].kind == "local" for s in f.sources), f"{f.id}: local practice cites a non-local source"


def test_worried_public_line_comes_before_the_practitioners_cards(site_dir):
    home = _text(site_dir / "index.html")
    assert home.index("Worried about someone near you?") < home.index("Start here")


def test_co_ordinator_and_chair_questions_never_go_back_to_the_co_ordinator(site_dir):
    """A co-ordinator (who may chair) asks the Strategic Oversight Group, never 'your co-ordinator'."""
    levels = _page(site_dir, "mappa/levels")
    assert "ask your area's co-ordinator" not in levels
    assert "Strategic Oversight Group" in levels
    for path in ("mappa/roles/chair", "mappa/agencies/coordinator"):
        text = _page(site_dir, path)
        assert "Ask your Multi-Agency Public Protection Arrangements (MAPPA) co-ordinator" not in text, path


def test_pages_do_not_promise_what_the_levels_page_cannot_give(site_dir):
    for path in ("", "mappa"):
        text = _page(site_dir, path)
        assert "The tests for each level, who chairs" not in text and "Levels and who chairs" not in text, path
