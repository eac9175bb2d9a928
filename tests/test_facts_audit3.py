"""The third fact check (reference/verification.md §9) stays applied: each corrected fact is pinned here, on the
data and on the built pages readers see. Cheap: data from the session `data` fixture, pages from `site_dir`."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _text(page: Path) -> str:
    """The readable text of a built page's article, tags stripped, spaces folded."""
    raw = page.read_text(encoding="utf-8")
    art = re.search(r"<article.*?</article>", raw, re.S)
    body = re.sub(r"<[^>]+>", " ", art.group(0) if art else raw)
    return re.sub(r"\s+", " ", html.unescape(body))


AUDIT_3_EDITION = "2026.12.1"  # the edition that applied the third fact check


def _changed_in_this_edition(record) -> list:
    """History entries from the third fact check's edition on (a later edition must not undo the pin)."""
    return [h for h in record.history if h.version == AUDIT_3_EDITION]


# ---------------------------------------------------------------- 9.1.1 the date of the current guidance


def test_current_guidance_date_is_31_march_2022_from_a_local_report(data):
    g = data.sources["mappa-guidance"]
    assert "31 March 2022" in g.date and "local report" in g.date
    assert g.in_force.state == "in force" and g.in_force.since == "31 March 2022"
    local = data.sources["local-south-lanarkshire-report-2022"]
    assert local.kind == "local" and "southlanarkshire.gov.uk" in local.url
    fact = data.facts["mappa-guidance-date"]
    assert "31 March 2022" in fact.text and "local report" in fact.text
    assert {r.id for r in fact.sources} >= {"local-south-lanarkshire-report-2022", "mappa-guidance"}


def test_no_record_or_page_keeps_the_old_vague_date():
    for path in [*ROOT.joinpath("data").rglob("*.yaml"), *ROOT.joinpath("docs").rglob("*.md")]:
        if path.name == "id-register.yaml":  # keeps earlier wording on purpose
            continue
        assert "after 8 January 2021" not in path.read_text(encoding="utf-8"), path


def test_the_date_gap_names_its_local_source(data):
    gap = next(g for g in data.gaps if g.id == "mappa-guidance-date-conflict")
    assert "31 March 2022" in gap.statement and "local report" in gap.statement
    assert "local-south-lanarkshire-report-2022" in {r.id for r in gap.sources}


@pytest.mark.parametrize("page", ["mappa/legal-basis", "mappa", "mappa/documents", "about"])
def test_guidance_date_shown_where_readers_look(site_dir, page):
    text = _text(site_dir / page / "index.html")
    assert "published on 31 March 2022" in text
    assert "South Lanarkshire" in text


# ---------------------------------------------------------------- 9.1.2 who leads: the council


def test_council_lead_rule_is_the_narrower_one(data):
    council = data.agency("council")
    lead = next(s for s in council.shared if s.role == "lead-authority")
    assert "every case where the police do not lead" not in lead.when
    assert "statutory supervision in the community" in lead.when
    assert "shares the case with the police" in lead.when
    assert "prison" in lead.when  # the prison service leads while the person is in custody
    cited = {(r.id, r.at) for r in lead.sources}
    assert ("mappa-guidance-2016", "paras 2.5 and 2.7, page 2") in cited
    sps = data.agency("sps")
    assert any(s.role == "lead-authority" and "in prison" in s.when for s in sps.shared)


def test_council_page_shows_the_narrower_rule(site_dir):
    text = _text(site_dir / "mappa" / "agencies" / "council" / "index.html")
    assert "leads for a person under its statutory supervision in the community" in text
    assert "every case where the police do not lead" not in text


# ---------------------------------------------------------------- 9.1.7 who sends the notification forms


@pytest.mark.parametrize("step_id", ["MAPPA-ID-06", "MAPPA-ID-07"])
def test_notification_steps_say_the_sender_is_not_named_nationally(data, step_id):
    """9.1.7, as the fourth check (10.1.8) settled it: the sender is this site's recommendation, and the note
    says national guidance names only the co-ordinator who receives the form."""
    step = next(s for s in data.steps if s.id == step_id)
    assert step.basis == "site recommendation" and "co-ordinator" in step.action
    assert "receives" in step.note and "recommendation" in step.note
    assert any(h.version == "2026.12.2" and h.kind == "meaning" for h in step.history)


def test_restricted_patient_form_step_names_health_boards_as_lead(data):
    step = next(s for s in data.steps if s.id == "MAPPA-ID-07")
    assert "Health boards are the lead agency for restricted patients" in step.note
    assert "mappa-overview-2021-22-health" in {r.id for r in step.sources}


# ---------------------------------------------------------------- 9.1.8 and 9.1.13 FRAME


def test_youth_frame_is_superseded_and_no_adult_standard_cites_it(data):
    youth = data.sources["frame-local-authorities"]
    assert youth.in_force.state == "superseded" and youth.in_force.by == "youth-rame-2021"
    assert "November 2014" in youth.date
    for s in data.standards:
        assert "frame-local-authorities" not in {r.id for r in s.sources}, s.id
    for sid in ("RAS-10", "RAS-15", "RAS-17", "RAS-19", "RAS-29"):
        std = next(s for s in data.standards if s.id == sid)
        assert "rma-frame" in {r.id for r in std.sources}, sid
        assert _changed_in_this_edition(std), sid


def test_ras29_cites_current_chapter_19_and_quality_assurance_is_not_tiered(data):
    std = next(s for s in data.standards if s.id == "RAS-29")
    assert ("mappa-guidance", "chapter 19, para 19.2 (gov.scot page 20)") in {(r.id, r.at) for r in std.sources}
    assert "mappa-guidance-2016" not in {r.id for r in std.sources}
    for sid in ("RAS-15", "RAS-29"):
        rationale = next(s for s in data.standards if s.id == sid).rationale
        assert "every tier" not in rationale and "not built" in rationale, sid


# ---------------------------------------------------------------- 9.1.9 Static-99R rates


def test_static99r_rates_are_per_score_and_the_ratio_only_at_the_median(data):
    tool = data.tool("TOOL-STATIC-99R")
    assert "published for each score" in tool.follow_up and "5 and 10 years" in tool.follow_up
    assert "median score (2)" in tool.follow_up
    rates = {f.follow_up: f.percent for f in tool.figures}
    assert rates == {"5 years": 4.58, "10 years": 7.2}
    for f in tool.figures:
        assert "several countries" not in f.sample


def test_static99r_page_reads_the_corrected_rates(site_dir):
    text = _text(site_dir / "tools" / "static-99r" / "index.html")
    assert "Reoffending rates are published for each score, for fixed follow-ups of 5 and 10 years" in text
    assert "At the median score (2), the 10-year rate is about one and a half times the 5-year rate" in text
    assert "(4.6%)" in text and "(7.2%)" in text
    assert "several countries" not in text


# ---------------------------------------------------------------- 9.1.10 to 9.1.14 authors and glossary sources


def test_ogrs_names_its_authors(data):
    authors = data.tool("TOOL-OGRS").authors
    for name in ("Copas", "Marshall", "Howard", "Francis", "Soothill", "Humphreys"):
        assert name in authors


def _term(data, abbr):
    return next(t for t in data.terms if t.abbr == abbr)


def _cited(term) -> set[str]:
    return {c if isinstance(c, str) else c.id for c in term.sources}


def test_glossary_erasor_and_pcl_r_cite_the_right_sources(data):
    erasor = _term(data, "ERASOR")
    assert "Worling and Curwen (2001, version 2.0)" in erasor.definition
    assert "frame-youth-footnote-erasor" in _cited(erasor)
    assert _cited(_term(data, "PCL-R")) == {"rated-pcl-r"}


def test_savry_credits_saprof_yv_and_drops_the_spam_copy(data):
    savry = data.tool("TOOL-SAVRY")
    assert "savry-overview" not in data.sources
    assert "iresearchnet-savry" in {s if isinstance(s, str) else s.id for s in savry.sources}
    dutch = next(s for s in savry.strengths if "Dutch" in s)
    assert "SAPROF-YV" in dutch and "separate tool" in dutch
    assert "iresearchnet-savry" in _cited(_term(data, "SAVRY"))


# ---------------------------------------------------------------- restricted patients: conditional discharge


def test_conditional_discharge_is_on_the_restricted_patients_page(site_dir):
    text = _text(site_dir / "mappa" / "restricted-patients" / "index.html")
    assert "Conditional discharge" in text
    assert "Only the Mental Health Tribunal for Scotland can order the conditional discharge" in text
    assert "Scottish Ministers" in text
    assert "What MAPPA does after a conditional discharge" in text  # answered since the source hunt (issue #29)
    # the level box lives on Stage 2, and the page links there rather than saying "on this page"
    raw = (site_dir / "mappa" / "restricted-patients" / "index.html").read_text(encoding="utf-8")
    assert 'href="../stages/level-referral/"' in raw
    assert '"Which level, and who decides" on this page' not in text


def test_search_synonyms_send_conditional_discharge_to_restricted_patients(data):
    search = yaml.safe_load((ROOT / "data" / "search.yaml").read_text(encoding="utf-8"))
    words = [w for s in search["synonyms"] if s["id"] == "PAGE-MAPPA-RESTRICTED" for w in s["words"]]
    assert "conditional discharge" in words and "conditional" in words


# ---------------------------------------------------------------- dates before the first edition


def _first_edition_date() -> str:
    eds = yaml.safe_load((ROOT / "data" / "editions.yaml").read_text(encoding="utf-8"))
    d = eds[0]["date"]
    return f"{d.day} {d.strftime('%B %Y')}"


@pytest.mark.parametrize("page", ["training/editions", "training/cite"])
def test_pages_say_what_to_cite_before_the_first_edition(site_dir, page):
    text = _text(site_dir / page / "index.html")
    first = _first_edition_date()
    assert f"This guidance did not exist before {first}" in text
    assert "cite the sources themselves" in text
    assert "national guidance 2016" in text  # the guidance in force on an earlier date is named


def test_every_cite_box_points_to_dates_before_the_first_edition(site_dir):
    raw = (site_dir / "tools" / "static-99r" / "index.html").read_text(encoding="utf-8")
    box = raw[raw.index('class="cite-this"'):]
    assert f"This guidance began on {_first_edition_date()}" in box
    assert "#before-the-first-edition" in box
