"""The fourth fact check on the tool pages (reference/verification.md §10.1.18-10.1.33 and the tool sentences of
§10.2) stays applied: each corrected fact or sentence is pinned here, on the data, on the renderers and on the
built pages a sheriff reads (tool pages, bench notes, "What a band means", the bench guide)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from guidance.data import models as m
from guidance.data.errors import Collector
from guidance.data.read import read_all
from guidance.data.rules import check_content
from guidance.render.bands import band_reading, band_table
from guidance.render.tool_text import NO_VALIDATION_FOUND, caution_box, no_evidence, not_validated
from guidance.render.tools import bench_note_page, tool_page, tools_not_validated_for

ROOT = Path(__file__).resolve().parent.parent
CHANGED = ("TOOL-RM2000", "TOOL-LS-CMI", "TOOL-OGRS", "TOOL-OASYS", "TOOL-VRAG-R", "TOOL-PCL-R", "TOOL-STABLE-2007",
           "TOOL-ACUTE-2007", "TOOL-RSVP", "TOOL-STATIC-99R", "TOOL-HCR-20-V3", "TOOL-SAVRY", "TOOL-YLS-CMI",
           "TOOL-SVR-20", "TOOL-ERASOR", "TOOL-AIM")


def _text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    art = re.search(r"<article.*?</article>", raw, re.S)
    body = re.sub(r"<[^>]+>", " ", art.group(0) if art else raw)
    return re.sub(r"\s+", " ", html.unescape(body))


def _plain(markdown: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"<[^>]+>", " ", markdown)))


# ---------------------------------------------------------------- 10.1.18 no 'must' in the question table


def test_question_table_header_says_needs_to_show_not_must(data):
    for t in data.tools:
        page = tool_page(data, "tools/x.md", t.id)
        assert "What the report in front of you needs to show" in page, t.id
        assert "must supply" not in page, t.id


def test_no_renderer_of_the_tool_pages_writes_must():
    for name in ("tools.py", "tool_text.py", "bands.py", "tools_az.py"):
        code = (ROOT / "guidance" / "render" / name).read_text(encoding="utf-8")
        strings = re.findall(r'"([^"\n]*)"', code)
        assert not [s for s in strings if re.search(r"\bmust\b", s)], name


# ---------------------------------------------------------------- 10.1.19 a search is not a research finding


def _validation_line(box: str) -> str:
    return next(ln for ln in box.splitlines() if "Validation in Scotland or the UK" in ln)


def test_validation_not_found_is_said_as_a_search_with_no_basis_label(data):
    t = data.tool("TOOL-SAVRY")
    assert isinstance(t.validation.scotland_or_uk, m.NotKnown)
    line = _validation_line(caution_box(data, "tools/savry.md", t))
    assert NO_VALIDATION_FOUND in line and "Basis:" not in line
    assert "none found in the sources held" not in line
    # the good case: a known validation keeps its basis label
    known = t.model_copy(update={"validation": t.validation.model_copy(update={"scotland_or_uk": "A UK study found X."})})
    assert "Basis: research finding" in _validation_line(caution_box(data, "tools/savry.md", known))


def test_a_comparator_line_is_a_fact_about_use_not_a_research_finding(data):
    box = caution_box(data, "tools/ogrs.md", data.tool("TOOL-OGRS"))
    line = next(ln for ln in box.splitlines() if "used in England and Wales, not in Scotland" in ln)
    assert "Basis:" not in line


@pytest.mark.parametrize("tool_id", ["TOOL-OGRS", "TOOL-OASYS"])
def test_england_and_wales_development_is_the_uk_evidence(data, tool_id):
    v = data.tool(tool_id).validation.scotland_or_uk
    assert isinstance(v, str) and "England and Wales" in v and "UK evidence" in v


# ---------------------------------------------------------------- 10.1.20 not built for, apart from no evidence


def test_no_evidence_notes_are_never_listed_as_not_validated(data):
    weak = re.compile(r"no evidence|show no validation|little UK evidence", re.I)
    for t in data.tools:
        for g in not_validated(t):
            assert not weak.search(g.note), (t.id, g.group, g.note)


@pytest.mark.parametrize("tool_id,group", [("TOOL-STATIC-99R", "minority ethnic groups"),
                                           ("TOOL-STATIC-99R", "learning disability"),
                                           ("TOOL-HCR-20-V3", "minority ethnic groups"),
                                           ("TOOL-LS-CMI", "minority ethnic groups"),
                                           ("TOOL-RM2000", "learning disability")])
def test_groups_with_no_evidence_are_shown_apart(data, tool_id, group):
    t = data.tool(tool_id)
    assert group in [g.group for g in no_evidence(t)]
    caution = caution_box(data, "tools/x.md", t)
    not_line = next((ln for ln in caution.splitlines() if "Not validated for:" in ln), "")
    assert group not in not_line
    assert any("No evidence of validation found in the sources held for" in ln and group in ln
               for ln in caution.splitlines())


# ---------------------------------------------------------------- 10.1.21 LS/CMI


def test_ls_cmi_is_not_for_under_16s_with_the_yls_cmi_as_an_alternative(data):
    t = data.tool("TOOL-LS-CMI")
    groups = {g.group: g for g in not_validated(t)}
    assert "young people" not in groups and "people under 16" in groups
    assert "16 or older" in groups["people under 16"].note and "alternative" in groups["people under 16"].note
    assert "Canada and North America" not in t.developed_on
    assert "supplementary norms for the UK" in t.validation.scotland_or_uk
    assert t.validation.rated == "validated" and "override" in t.output
    assert data.sources["lscmi-in-practice"].title.startswith("Level of Service/Case Management Inventory in Practice")


def test_bench_guide_no_longer_says_covers_women_read_this_passage(data):
    women = _plain(tools_not_validated_for(data, "judiciary/reading-a-risk-assessment.md", "women"))
    assert "covers women; read this passage with its result" not in women
    assert "LS/CMI: its norms include women." in women
    young = _plain(tools_not_validated_for(data, "judiciary/reading-a-risk-assessment.md", "young people"))
    assert "LS/CMI: not validated for people under 16." in young


# ---------------------------------------------------------------- 10.1.22 RM2000


def test_rm2000_never_says_there_are_no_published_rates(data):
    t = data.tool("TOOL-RM2000")
    assert "section 11" in t.band_rates_note
    for text in (tool_page(data, "tools/rm2000.md", t.id), bench_note_page(data, "bench-notes/rm2000.md", t.id)):
        assert "No published reoffending rates" not in text and "section 11" in text
    section = band_table(data, "judiciary/bands.md").split("### RM2000")[1].split("### ")[0]
    assert "No published reoffending rates" not in section and "section 11" in section
    assert "no agreed meaning in numbers" not in section


def test_rm2000_step_two_rule_covers_two_three_and_four_factors(data):
    out = data.tool("TOOL-RM2000").output
    assert "two or three" in out and "all four" in out
    assert "Two of them raise the category by one level" not in out


# ---------------------------------------------------------------- 10.1.23 Stable-2007 total score vs combined levels


def test_stable_2007_combined_levels_read_apart_from_the_total_score(data):
    t = data.tool("TOOL-STABLE-2007")
    total, *levels = t.bands
    assert len(levels) == 5
    combined = band_reading(t, levels[0])
    assert "reoffending estimates" in combined[0] and "Dynamic Supervision Project" in combined[0]
    assert "reoffending rate" not in combined[1]
    assert all(band_reading(t, b) == combined for b in levels)
    assert "a risk level or a reoffending rate" in band_reading(t, total)[1]
    assert "STABLE-2000" in " ".join(t.strengths)
    assert "ACUTE-2000" in " ".join(data.tool("TOOL-ACUTE-2007").strengths)


# ---------------------------------------------------------------- 10.1.24-10.1.31 single facts


def test_vrag_r_names_no_country_and_its_figure_reads_plainly(data):
    t = data.tool("TOOL-VRAG-R")
    texts = [g.note for g in t.not_validated_for] + [t.developed_on]
    assert not any("developed in North America" in x for x in texts)
    assert "all of whom" not in t.figures[0].describes


def test_pcl_r_cross_national_comparison_is_said_as_disputed_research(data):
    t = data.tool("TOOL-PCL-R")
    lim = next(x for x in t.limitations if "compared directly" in x)
    assert lim.startswith("Some research finds") and "Cooke, Michie, Hart and Clark" in lim and "dispute" in lim
    assert "cooke-2005-bjpsych" in {s.id for s in t.sources}


def test_ogrs_first_described_1998_used_from_1996_with_one_and_two_year_predictions(data):
    t = data.tool("TOOL-OGRS")
    assert t.authors.startswith("First described") and "built the first version" not in t.authors
    assert "from 1996" in t.year and "since 1996" not in t.year
    assert "1-year" in t.follow_up and "2 years" in t.follow_up
    assert "ogrs3-2009" in {s.id for s in t.sources} and "one-year" in data.sources["ogrs3-2009"].note


def test_oasys_second_pilot_follow_up_and_rates(data):
    t = data.tool("TOOL-OASYS")
    assert "24 months" in t.follow_up and "1999" in t.follow_up
    assert {f.id: f.percent for f in t.figures} == {"oasys-pilot2-low": 26, "oasys-pilot2-medium": 58, "oasys-pilot2-high": 87}
    assert all(f.sources[0].id == "howard-2006-oasys-pilot" for f in t.figures)
    note = bench_note_page(data, "bench-notes/oasys.md", t.id)
    assert "Reported rate:" in note and "26 in 100" in note


def test_rsvp_drops_the_causal_clause_and_the_garbled_item(data):
    t = data.tool("TOOL-RSVP")
    assert "which led to" not in t.validation.rated_note
    assert not any("with certainty" in x for x in t.does_not_tell)
    assert "executive summary" in t.validation.scotland_or_uk


def test_aim_question_cell_says_only_aim_under_12s_is_listed(data):
    page = tool_page(data, "tools/aim.md", "TOOL-AIM")
    row = next(ln for ln in page.splitlines() if "RATED: awaiting validation." in ln)
    assert "AIM Under 12s" in row


@pytest.mark.parametrize("tool_id", ["TOOL-SAVRY", "TOOL-YLS-CMI"])
def test_youth_tools_speak_of_how_risk_will_develop(data, tool_id):
    items = data.tool(tool_id).does_not_tell
    assert not any(x.startswith("Where the young person will be") for x in items)
    assert any(x.startswith("How the young person's risk will develop") for x in items)


def test_svr_20_authors_and_yls_cmi_year(data):
    assert data.tool("TOOL-SVR-20").authors == "Boer, Hart, Kropp and Webster"
    yls = data.tool("TOOL-YLS-CMI")
    assert yls.year.startswith("2002") and "iresearchnet-yls-cmi-2" in {s.id for s in yls.sources}


def test_erasor_and_aim_do_not_tell_you_a_prediction(data):
    for tid in ("TOOL-ERASOR", "TOOL-AIM"):
        assert not any(re.match(r"(An accurate|A) prediction", x) for x in data.tool(tid).does_not_tell), tid


# ---------------------------------------------------------------- 10.1.32 one bracket per title


def test_every_tool_title_has_one_bracket_at_most(data):
    for t in data.tools:
        first = bench_note_page(data, "bench-notes/x.md", t.id).split("used ", 1)[1].split(". [Full tool page]")[0]
        assert first.count("(") <= 1, (t.id, first)
    for tid in ("TOOL-OGRS", "TOOL-OASYS", "TOOL-VRAG-R"):
        assert "(" not in data.tool(tid).name, tid


# ---------------------------------------------------------------- 10.1.33 and the history rule


def test_bands_page_readings_are_true_for_the_rows_beside_them():
    text = (ROOT / "docs" / "judiciary" / "bands.md").read_text(encoding="utf-8")
    assert "Yet bands are what tools such as the Historical Clinical Risk Management-20" not in text
    assert "No score lies behind that rating" in text
    assert "We found no use of it in Scotland" not in text


def test_every_corrected_tool_names_the_edition_in_its_history(data):
    for tid in CHANGED:
        assert any(h.version == "2026.12.2" for h in data.tool(tid).history), tid


# ---------------------------------------------------------------- the built pages a sheriff reads


def test_built_tool_pages_read_right(site_dir):
    for slug in ("rm2000", "ls-cmi", "ogrs", "oasys", "vrag-r", "stable-2007"):
        text = _text(site_dir / "tools" / slug / "index.html")
        assert "must supply" not in text and "needs to show" in text, slug
        assert "none found in the sources held. Basis: research finding" not in text, slug
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", (site_dir / "tools" / slug / "index.html").read_text(encoding="utf-8"), re.S)
        assert re.sub(r"<[^>]+>", "", h1.group(1)).count("(") <= 1, slug
    lscmi = _text(site_dir / "bench-notes" / "ls-cmi" / "index.html")
    assert "Not validated for: people under 16" in lscmi and "Not validated for: young people" not in lscmi
    bands = _text(site_dir / "judiciary" / "bands" / "index.html")
    assert "Reported rate" in bands and "section 11" in bands


# ---------------------------------------------------------------- the check that keeps 10.1.20 fixed


def _content_problems(project: Path) -> list[str]:
    c = Collector(project)
    check_content(c, read_all(c, project))
    return [str(p) for p in c.problems]


def test_check_refuses_a_no_evidence_note_listed_as_not_validated(project):
    path = project / "data" / "tools" / "rm2000.yaml"
    text = path.read_text(encoding="utf-8")
    assert not [p for p in _content_problems(project) if "not_validated_for" in p]  # the good case passes
    old = "    basis: no evidence found\n    note: A 2013 review"
    assert old in text
    path.write_text(text.replace(old, "    note: The sources used show no validation for them. A 2013 review", 1), encoding="utf-8")
    problems = [p for p in _content_problems(project) if "not_validated_for[3]" in p]
    assert problems and "TOOL-RM2000" in problems[0] and "basis: no evidence found" in problems[0]


# ---------------------------------------------------------------- AIM2 outcomes say what they mean


def test_aim2_outcomes_each_say_their_own_levels_and_the_gap_is_said_once(data):
    t = data.tool("TOOL-AIM")
    aim2 = [b for b in t.bands if b.label.endswith("(AIM2)")]
    assert len(aim2) == 4 and len({b.meaning for b in aim2}) == 4
    for b in aim2:  # "High concern, low strength (AIM2)": the meaning names the same two levels
        concern, strength = (w.split()[0].lower() for w in b.label.removesuffix(" (AIM2)").split(", "))
        worry = {"high": "much to worry about", "low": "little to worry about"}[concern]
        good = {"high": ("strong positive", "much that is positive"), "low": ("little in the young person", "few positive")}
        assert worry in b.meaning and any(g in b.meaning for g in good[strength]), b.label
        assert not any(g in b.meaning for g in good["low" if strength == "high" else "high"]), b.label
        assert "supervision" not in b.meaning and "does not say" not in b.meaning  # the gap is said once, not per band
    assert "do not say which outcome leads to which response" in t.output and "assessor who completed" in t.output
    rag = next(b for b in t.bands if "AIM Under 12s" in b.label)
    assert all(x in rag.meaning for x in ("14 to 20 is red", "6 to 12 is amber", "0 to 4 is green"))
    assert "do not give" not in rag.meaning
