"""Sentences checked against their page (issue 31): each rule fed a bad sentence and a good one, on the reader
text's lines as `make check` reads them, and on the data where the rule is a data rule."""
from __future__ import annotations

from pathlib import Path

from guidance.data.errors import Collector, Problem
from guidance.data.read import read_all
from guidance.data.rules import check_content
from guidance.data.sentences import (
    country_contradiction,
    doubled_brackets,
    modal_run_on,
    opening_not_a_verb,
    stray_must,
    year_contradiction,
)
from guidance.generated_text import apply_reviewed, page_sentence_problems


def _messages(lines: list[str], allowed: list[str] = ()) -> list[str]:
    return [p.message for p in page_sentence_problems("x.md", lines, list(allowed))]


def test_an_action_must_start_with_its_verb():
    assert opening_not_a_verb("When the meeting opens, ask everyone present to say who they are.") == "When"
    assert opening_not_a_verb("The chair asks everyone present to say who they are.") == "The"
    assert opening_not_a_verb("Ask everyone present, when the meeting opens, to say who they are.") is None
    bad = "The meeting chair should when the meeting opens, ask everyone present to say who they are."
    assert modal_run_on(bad) and any("duty word runs on" in m for m in _messages([f"- {bad}"]))
    assert modal_run_on("The meeting chair should ask everyone present, when the meeting opens, who they are.") is None


def test_a_step_whose_action_opens_with_a_condition_is_refused_in_the_data(project: Path):
    path = project / "data/mappa/steps/1-identification.yaml"
    text = path.read_text(encoding="utf-8")
    old = "action: Log the form and check that it is complete."
    assert old in text
    path.write_text(text.replace(old, "action: When the form arrives, log it and check that it is complete."), encoding="utf-8")
    c = Collector(project)
    check_content(c, read_all(c, project))
    found = [str(p) for p in c.problems if p.field == "action"]
    assert any("starts with 'When'" in p and "verb" in p for p in found), found
    path.write_text(text, encoding="utf-8")
    c = Collector(project)
    check_content(c, read_all(c, project))
    assert not [p for p in c.problems if p.field == "action"]


def test_the_absence_of_a_source_is_not_a_research_finding():
    bad = ["- Validation in Scotland or the UK: none found in the sources held.", "  Basis: research finding"]
    assert any("absence of a source" in m for m in _messages(bad))
    searched = ["- Validation in Scotland or the UK: none found in the sources held.", "  Basis: what the site checked"]
    assert not any("absence of a source" in m for m in _messages(searched))
    finding = ["- Validation in Scotland or the UK: Grubin (2011) reports stable performance.", "  Basis: research finding"]
    assert _messages(finding) == []


def test_not_validated_for_is_kept_apart_from_no_evidence_found():
    bad = ["Not validated for (each group links to the bench guide's passage on it):",
           "- learning disability: The sources used show no validation of the tool for them.",
           "- young people: The scoring guide limits it to people aged 18 or over.",
           "It feeds these decisions: MAPPA risk management.",
           "- Validation in Scotland or the UK: a study was found."]
    found = [m for m in _messages(bad) if "Not validated for" in m]
    assert len(found) == 1 and "show no validation" in found[0]
    assert _messages(["- Not validated for: women, young people.", "- The sources used show no study of it."]) == []


def test_a_title_has_no_doubled_brackets():
    assert doubled_brackets("Offender Assessment System (England and Wales) (OASys)") == "(England and Wales) (OASys)"
    assert any("two bracketed parts" in m for m in _messages(["# Offender Assessment System (England and Wales) (OASys)"]))
    assert doubled_brackets("England and Wales Offender Assessment System (OASys)") is None
    assert _messages(["# England and Wales Offender Assessment System (OASys)"]) == []


def test_must_only_where_style_yaml_allows_it_in_data_and_in_templates():
    assert stray_must("What the report in front of you must supply", [])
    assert any("says 'must'" in m for m in _messages(["| What the report in front of you must supply: The outcome."]))
    assert not stray_must("What to look for in the report", [])
    assert not stray_must('The words "must", should and may are defined on how to read this guidance.', [])
    assert not stray_must("The Highway Code, introduction (rules using MUST and should).", [])
    rule = "include in mappa every restricted patient"
    assert not stray_must("You must include in MAPPA every restricted patient.", [rule])
    assert stray_must("You must include in MAPPA every restricted patient.", [])
    assert _messages(["> Reports must always address risk issues."]) == []  # a quotation from a source


def test_a_fact_may_not_be_contradicted_on_its_own_page():
    assert country_contradiction(["It was developed in North America.", "The country is not stated in the sources used."])
    assert country_contradiction(["It was developed in North America.", "Its samples were men in prison."]) is None
    assert year_contradiction(["Copas and Marshall (1998) built the first version.",
                               "Used by probation in England and Wales since 1996."])
    assert year_contradiction(["Copas and Marshall (1998) built the first version.",
                               "Used by probation in England and Wales since 2001."]) is None


def test_a_reviewed_fault_is_a_warning_and_a_stale_entry_is_named():
    found = [Problem("page", "tools/oasys.md", "title", "'Offender Assessment System (England and Wales) (OASys)' has two")]
    reviewed = [{"page": "tools/oasys.md", "says": "Offender Assessment System (England", "why": "being fixed"},
                {"page": "tools/ogrs.md", "says": "gone", "why": "fixed"}]
    out = apply_reviewed(found, reviewed)
    assert out[0].warning and "being fixed" in out[0].message
    assert out[1].warning and "matches no fault" in out[1].message
    assert not apply_reviewed(found, [])[0].warning


def test_must_spoken_of_as_a_word_is_not_a_duty():
    assert not stray_must("On this site, must marks a duty set by law or by that guidance.", [])
    assert not stray_must("Must is a duty.", [])
    assert stray_must("You must tell the police within three days.", [])
