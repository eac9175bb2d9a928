"""Words a reader can trust (issue #21): sentences that stand alone, no contradiction between pages,
"Applies now" beside every in-force label, one meaning of must, should and may, and the records the
third fact check corrected (verification 9.1.3 to 9.1.6)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from guidance.data.errors import Collector
from guidance.data.read import read_all
from guidance.data.rules import check_content
from guidance.data.sentences import bare_that, capital_articles, meta_phrases
from guidance.data.status import rule_status
from guidance.generated_text import REVIEWED, check_generated, contradictions, text_problems
from guidance.site.reader_text import reader_pages

ROOT = Path(__file__).resolve().parents[1]
META = ["said once on the page", "not in every band"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _content_problems(project: Path) -> list[str]:
    c = Collector(project)
    check_content(c, read_all(c, project))
    return [str(p) for p in c.problems]


def _load_problems(project: Path) -> list[str]:
    from guidance.data.loader import DataErrors, load_site
    try:
        load_site(project)
    except DataErrors as exc:
        return [str(p) for p in exc.problems]
    return []


def _article(site_dir: Path, url: str) -> BeautifulSoup:
    soup = BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.find("article") or soup


def _text(site_dir: Path, url: str) -> str:
    return " ".join(_article(site_dir, url).get_text(" ", strip=True).split())


# ---------------------------------------------------------------- the sentence rules, bad and good


def test_bare_that_is_refused_and_whether_is_not():
    assert bare_that("That risk of serious harm is low. A low level does not rule it out.")
    assert bare_that("That the scenarios will happen.")
    assert not bare_that("Whether risk of serious harm is low. A low level does not rule it out.")
    assert not bare_that("The chance for this one person.")


def test_capital_article_mid_sentence_is_refused_but_not_a_title_after_a_semicolon():
    assert capital_articles("It lists every MAPPA step that The local council (justice social work) takes.")
    assert capital_articles("Others who act at this stage: the court, The responsible authorities.")
    assert not capital_articles("It lists every MAPPA step that the local council (justice social work) takes.")
    assert not capital_articles("New risk category labels for Static-99R; A five-level risk and needs system.")
    assert not capital_articles("The court acts. The council acts.")


def test_meta_text_about_the_page_is_refused():
    bad = "That no rate is published for the bands is said once on the page, not in every band."
    assert meta_phrases(bad, META) == META
    assert meta_phrases("No published reoffending rates for these bands in the sources held.", META) == []


def test_generated_text_faults_are_found_in_a_bad_page_and_not_in_a_good_one():
    bad = ("It does not tell you: That risk of serious harm is low.\n"
           "- That the scenarios will happen.\n"
           "It lists every MAPPA step that The local council takes. It is said once on the page, not in every band.")
    good = ("It does not tell you whether risk of serious harm is low.\n"
            "- It does not tell you whether the scenarios will happen.\n"
            "It lists every MAPPA step that the local council takes.")
    found = [p.message for p in text_problems("x.md", bad, META)]
    assert sum("bare 'That" in m for m in found) == 2 and any("capitals" in m for m in found)
    assert any("page itself" in m for m in found)
    assert text_problems("x.md", good, META) == []


def test_real_generated_pages_have_no_fault_and_no_contradiction(data):
    reviewed = yaml.safe_load((ROOT / REVIEWED).read_text(encoding="utf-8"))  # known faults being fixed (issue 31)
    assert [str(p) for p in check_generated(data, reader_pages(data, ROOT), reviewed) if not p.warning] == []


def test_a_tool_with_rates_said_to_have_none_or_a_percentage_read_as_a_label_is_refused(data):
    tools = {t.id: t for t in data.tools}
    said = "No published reoffending rates for these bands in the sources held."
    assert contradictions(data, "bench-notes/static-99r.md", "TOOL-STATIC-99R", said, tools)
    assert not contradictions(data, "bench-notes/stable-2007.md", "TOOL-AIM", said, tools)  # AIM has no rates
    label = "It does not tell you the chance for this one person; the label has no agreed meaning in numbers."
    assert contradictions(data, "tools/ogrs.md", "TOOL-OGRS", label, tools)
    assert not contradictions(data, "tools/rm2000.md", "TOOL-RM2000", label, tools)


def test_data_rule_refuses_a_bare_that_item(project):
    _replace(project / "data/tools/ls-cmi.yaml", "  - Whether risk of serious harm is low.", "  - That risk of serious harm is low.")
    problems = _content_problems(project)
    assert any("TOOL-LS-CMI" in p and "does_not_tell[1]" in p and "Whether" in p for p in problems), problems


def test_data_rule_refuses_a_capital_article_and_page_meta_text(project):
    _replace(project / "data/tools/aim.yaml", "Whether the sources give a rate for the bands is\n      now said once, under the bands.",
             "That no rate is published for the bands is\n      said once on the page, not in every band.")
    _replace(project / "data/facts/mappa.yaml", "It is not the MAPPA law.", "It is not The law of MAPPA.")
    problems = _content_problems(project)
    assert any("TOOL-AIM" in p and "history" in p and "page itself" in p for p in problems), problems
    assert any("mappa-law-not-2019-act" in p and "capitals" in p and "The law" in p for p in problems), problems


# ---------------------------------------------------------------- one meaning of must, should and may


def test_must_on_a_basis_its_meaning_excludes_is_refused(project):
    _replace(project / "data/standards.yaml",
             "statement: You should record the reasons for each risk judgement",
             "statement: You must record the reasons for each risk judgement")
    text = (project / "data/standards.yaml").read_text()
    i = text.index("  - id: RAS-17")
    j = text.index("normative: should", i)
    (project / "data/standards.yaml").write_text(text[:j] + "normative: must" + text[j + len("normative: should"):])
    problems = _content_problems(project)
    assert any("RAS-17" in p and "'must' cannot rest on 'site recommendation'" in p for p in problems), problems


def test_must_on_an_rma_standard_outside_a_risk_assessment_report_is_refused(project):
    steps = project / "data/mappa/steps/4-meeting.yaml"
    text = steps.read_text()
    i = text.index("- id: MAPPA-MT-16")
    j = text.index("normative: should", i)
    steps.write_text(text[:j] + "normative: must" + text[j + len("normative: should"):])
    problems = _content_problems(project)
    assert any("MAPPA-MT-16" in p and "Risk Assessment Report" in p for p in problems), problems


def test_should_on_local_practice_is_refused(project):
    steps = list((project / "data/mappa/steps").glob("*.yaml"))
    for path in steps:
        text = path.read_text()
        m = re.search(r"normative: may\n(\s*)basis: local practice", text)
        if m:
            path.write_text(text[:m.start()] + "normative: should" + text[m.start() + len("normative: may"):])
            break
    else:
        pytest.fail("no 'may' step on local practice to break")
    problems = _content_problems(project)
    assert any("'should' cannot rest on 'local practice'" in p for p in problems), problems


def test_real_rules_keep_their_meaning(data):
    words = {w.word: w for w in data.style.normative_words}
    for item in [*data.steps, *data.standards]:
        assert item.basis in words[item.normative].bases, item.id
    assert "accredited assessors" in words["must"].meaning


def test_the_same_definitions_on_how_to_read_the_standards_index_and_the_legal_basis_page(site_dir, data):
    tables = []
    for url in ("how-to-read", "standards", "mappa/legal-basis"):
        box = _article(site_dir, url).select_one(".normative-words table")
        assert box is not None, url
        tables.append(" ".join(box.get_text("", strip=False).split()))  # abbreviation markup aside, the same words
    assert tables[0] == tables[1] == tables[2]
    for w in data.style.normative_words:
        assert " ".join(w.meaning.split()) in tables[0]
    # the retyped definitions are gone
    assert "Should marks what the guidance expects" not in _text(site_dir, "mappa/legal-basis")
    assert "section 10(6)" in _text(site_dir, "mappa/legal-basis")


# ---------------------------------------------------------------- the records the third fact check corrected


def test_corrected_records(data):
    steps = {s.id: s for s in data.steps}
    stds = {s.id: s for s in data.standards}
    mt15, mt16 = steps["MAPPA-MT-15"], steps["MAPPA-MT-16"]
    assert (mt15.normative, mt15.basis) == ("must", "statute") and "2003" in mt15.note
    assert (mt16.normative, mt16.basis) == ("should", "RMA standard") and "record of progress" in mt16.action
    ras16 = stds["RAS-16"]
    assert ras16.normative == "should" and any(r.id == "mappa-guidance" and "4.4" in (r.at or "") for r in ras16.sources)
    assert rule_status(data, ras16).state == "in force"
    assert stds["RAS-11"].basis == "site recommendation" and "6B" in stds["RAS-11"].rationale
    for rid in ("RAS-05", "RAS-09"):
        assert (stds[rid].normative, stds[rid].basis) == ("must", "RMA standard")
        assert "Risk Assessment Report" in stds[rid].statement
    for item in (mt15, mt16, ras16, stds["RAS-11"]):
        assert any(h.version == "2026.12.1" and h.normative for h in item.history), item.id


# ---------------------------------------------------------------- applies now


def test_a_rule_resting_only_on_replaced_guidance_must_say_what_applies_now(project):
    _replace(project / "data/standards.yaml", '    applies_now: {state: not confirmed, note: "The 2016 guidance (para 4.5)', '    x_note: {state: not confirmed, note: "The 2016 guidance (para 4.5)')
    _replace(project / "data/standards.yaml", "    x_note:", "    # x_note:")
    problems = _load_problems(project)
    assert any("RAS-03" in p and "applies_now" in p and "replaced" in p for p in problems), problems


def test_applies_now_replaced_by_must_name_a_known_id(project):
    _replace(project / "data/standards.yaml", '    applies_now: {state: not confirmed, note: "The 2016 guidance (para 4.5) set out the levels; the 2022 wording was not checked. Ask your MAPPA co-ordinator."}',
             "    applies_now: {state: no, replaced_by: RAS-99}")
    problems = _load_problems(project)
    assert any("RAS-03" in p and "RAS-99" in p for p in problems), problems


# the one status per rule, on every page and in the exports: tests/test_rule_status.py


# ---------------------------------------------------------------- the built pages read right


def test_the_pages_named_in_the_issue_now_read_right(site_dir):
    lscmi = _text(site_dir, "bench-notes/ls-cmi")
    assert "It does not tell you whether risk of serious harm is low." in lscmi
    assert "That risk of serious harm is low" not in lscmi
    assert "It does not tell you whether the scenarios will happen." in _text(site_dir, "tools/rsvp")
    assert "every MAPPA step that the local council (justice social work) takes" in _text(site_dir, "mappa/agencies/council")
    assert "every MAPPA step that health boards take" in _text(site_dir, "mappa/agencies/health")
    for url in ("tools/ogrs", "bench-notes/ogrs"):
        assert "no agreed meaning in numbers" not in _text(site_dir, url)
    for url in ("tools/static-99r", "bench-notes/static-99r", "judiciary/bands"):
        assert "No published reoffending rates for these bands" not in _text(site_dir, url).split("### Stable")[0] or url == "judiciary/bands"
    s99 = _article(site_dir, "judiciary/bands").find(id="static-99r")
    section = []
    for el in s99.find_all_next():
        if el.name == "h3":
            break
        section.append(el)
    words = " ".join(e.get_text(" ", strip=True) for e in section if e.name in ("p", "table"))
    assert words.count("It tells you how this score compares") == 1
    assert "No published reoffending rates" not in words and "Published rates" in words
    for url in ("tools/ls-cmi", "tools/stable-2007", "tools/aim"):
        assert "said once on the page" not in _text(site_dir, url)


def test_a_rule_resting_on_an_unchecked_copy_is_in_force_for_readers_and_open_for_editors(data):
    """The state of our own copies is not a reader's status: a rule whose in-force citation was read only in a
    copy shows the source in force, and the copy is an open item on the editors' page."""
    from guidance.data.status import open_checks
    fact = data.facts["mappa-prison-one-plan"]
    assert any("not yet checked" in (r.at or "") for r in fact.sources)
    assert rule_status(data, fact).text == "In force: MAPPA: national guidance 2022"
    assert any(i.item_id == fact.id and "copy" in i.what for i in open_checks(data))
