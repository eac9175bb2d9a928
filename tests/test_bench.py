"""The bench gets the answer first (issue 14): band pairs, unknowns said once, question tables that
answer, group links both ways, basis labels, and the second fact check's corrections. Built HTML and data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PARSED
from pydantic import ValidationError

from guidance.data import models as m
from guidance.paths import tool_slug
from guidance.render.standing import rule_basis_label

TELLS, NOT_TELLS = "It tells you ", "It does not tell you "
# caution items that report a search or a plain fact about use, never a research finding (guidance/render/tool_text.py)
UNLABELLED_CAUTIONS = ("Validation in Scotland or the UK: no validation study was found", "No evidence of validation found",
                       "This tool is used in England and Wales", "Groups it is not validated for: none named")
REPEATED = re.compile(r"not known|sources used|not published", re.IGNORECASE)
TOOL_TYPES = {x.lower() for x in m.ToolType.__args__}


def soup(path: Path) -> BeautifulSoup:
    """The page parsed once per session (conftest.PARSED): callers must not change it."""
    return PARSED(path)


def article(path: Path):
    return soup(path).find("article")


def page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def _section_tables(art, heading_id: str):
    """Tables between the h2 with this id and the next h2."""
    h = art.find(id=heading_id)
    tables = []
    for el in h.find_all_next():
        if el.name == "h2":
            break
        if el.name == "table":
            tables.append(el)
    return tables


def _pair_ok(cell) -> bool:
    text = cell.get_text(" ", strip=True)
    return TELLS in text and NOT_TELLS in text and len(text) > len(TELLS + NOT_TELLS) + 20


# ---------------------------------------------------------------- band pairs


def test_every_band_row_on_every_tool_page_has_its_pair(site_dir, data):
    checked = 0
    for t in data.tools:
        art = article(page(site_dir, f"tools/{tool_slug(t.id)}"))
        tables = _section_tables(art, "output-and-bands")
        if isinstance(t.bands, m.NotKnown):
            assert not tables
            pair = art.find(id="output-and-bands").find_next(class_="band-reading")
            assert pair is not None and _pair_ok(pair), t.id
            assert pair.find_previous("h2").get("id") == "output-and-bands", t.id
            continue
        rows = tables[0].find("tbody").find_all("tr")
        assert len(rows) == len(t.bands), t.id
        # the reading every band shares is said once, above the table, never in each row
        shared = tables[0].find_previous(class_="band-reading-note")
        assert shared is not None and _pair_ok(shared), t.id
        assert shared.find_previous("h2").get("id") == "output-and-bands", t.id
        tool_pair = shared.select_one(".band-reading").get_text(" ", strip=True)
        for tr in rows:
            assert tool_pair not in tr.get_text(" ", strip=True), f"{t.id}: the shared reading repeated in a row"
            checked += 1
    assert checked >= 30


def test_a_band_with_its_own_reading_says_it_in_its_row(site_dir, data):
    from guidance.render.bands import own_reading
    found = 0
    for t in data.tools:
        if not isinstance(t.bands, list):
            continue
        rows = _section_tables(article(page(site_dir, f"tools/{tool_slug(t.id)}")), "output-and-bands")[0].find("tbody").find_all("tr")
        for b, tr in zip(t.bands, rows, strict=True):
            assert _pair_ok(tr) == own_reading(t, b), f"{t.id} {b.label}"
            found += own_reading(t, b)
    assert found >= 0


def test_band_table_has_a_pair_on_every_band_and_one_line_per_tool(site_dir, data):
    art = article(page(site_dir, "judiciary/bands"))
    rows = [tr for tr in art.select("table tbody tr")]
    assert len(rows) == sum(len(t.bands) for t in data.tools if isinstance(t.bands, list))
    for t in data.tools:
        head = art.find(id=tool_slug(t.id))
        assert head is not None, f"no section for {t.id} on the band table"
        shared = head.find_next(class_="band-reading-note")
        assert shared is not None and _pair_ok(shared), t.id
    # tools with no band rates say so once, in one line, not in each row
    assert "Not published in the sources used" not in art.get_text()


def test_every_bench_note_carries_the_pair(site_dir, data):
    for t in data.tools:
        art = article(page(site_dir, f"bench-notes/{tool_slug(t.id)}"))
        note = art.select_one(".band-reading")
        assert note is not None and _pair_ok(note), t.id


def test_static99r_bench_note_shows_the_five_levels_with_score_ranges(site_dir):
    text = article(page(site_dir, "bench-notes/static-99r")).get_text(" ", strip=True)
    for level, scores in (("Level I", "-3 or -2"), ("Level II", "-1 or 0"), ("Level III", "1 to 3"),
                          ("Level IVa", "4 or 5"), ("Level IVb", "6 or more")):
        assert f"{level} (score {scores})" in text, level
    for label in ("very low risk", "below average risk", "average risk", "above average risk", "well above average risk"):
        assert label in text


# ---------------------------------------------------------------- unknowns said once


def _judge_pages(site: Path) -> list[Path]:
    pages = list((site / "tools").glob("*/index.html")) + list((site / "bench-notes").glob("*/index.html"))
    pages += list((site / "judiciary").rglob("index.html"))
    return pages


def test_judge_pages_do_not_repeat_unknown_boilerplate(site_dir):
    counts = {p: len(REPEATED.findall(article(p).get_text(" "))) for p in _judge_pages(site_dir)}
    assert len(counts) >= 40
    worst = {str(p.relative_to(site_dir)): n for p, n in counts.items() if n > 15}
    assert not worst, f"pages repeating 'not known / sources used / not published' more than 15 times: {worst}"


def test_each_tool_page_has_one_what_we_could_not_find_disclosure(site_dir, data):
    for t in data.tools:
        art = article(page(site_dir, f"tools/{tool_slug(t.id)}"))
        boxes = [d for d in art.find_all("details") if "What we could not find" in d.get_text()]
        assert len(boxes) <= 1, t.id
        if isinstance(t.follow_up, m.NotKnown):
            assert len(boxes) == 1 and t.follow_up.not_known.split()[0] in boxes[0].get_text(), t.id


# ---------------------------------------------------------------- question tables


def _question_cells(art):
    table = _section_tables(art, "questions-to-ask")[-1]
    return [tr.find_all("td") for tr in table.find("tbody").find_all("tr")]


def test_question_tables_answer_or_point_to_the_gap(site_dir, data):
    list_fields = {"not_validated_for", "bands", "does_not_tell", "used_in_scotland", "decisions"}
    for t in data.tools:
        rows = _question_cells(article(page(site_dir, f"tools/{tool_slug(t.id)}")))
        assert len(rows) == len(data.judiciary.questions)
        for q, cells in zip(data.judiciary.questions, rows, strict=True):
            cell = cells[1]
            text = cell.get_text(" ", strip=True)
            where = f"{t.id} {q.id}: {text[:80]!r}"
            assert text.lower().strip(" .") not in TOOL_TYPES, "bare tool type " + where
            assert ".;" not in text and ".." not in text and ". ." not in text, "flattened list " + where
            if q.tool_field == "none":  # the table's lead-in says once what "Nothing held" means
                assert text == "Nothing held.", where
            if text.startswith("Not found;"):  # a pointer to the one account of a gap, which the page has
                assert cell.find("a", href="#at-a-glance"), where
            if q.tool_field in list_fields and not cell.find(class_="not-known"):  # a gap is a sentence, not a list
                items = cell.find_all("li")
                assert items, "list shown as a string " + where
                assert not any(";" in li.get_text() and li.get_text().count(":") > 1 for li in items), where
            # the report column always says what the report must supply
            assert cells[2].get_text(strip=True), where


def test_a_question_cannot_be_mapped_to_the_tool_type():
    base = dict(id="Q-99", question="Q?", why="Why.", report_must_supply="It.", sources=["x"])
    for bad in ("type", "limitations"):
        with pytest.raises(ValidationError):
            m.BenchQuestion(tool_field=bad, **base)
    assert m.BenchQuestion(tool_field="none", **base).tool_field == "none"


# ---------------------------------------------------------------- groups link both ways


def test_group_cautions_link_to_the_bench_guide_and_back(site_dir, data):
    guide = article(page(site_dir, "judiciary/reading-a-risk-assessment"))
    anchors = {"women": "fit-women", "young people": "fit-young-people",
               "learning disability": "fit-learning-disability", "minority ethnic groups": "fit-minority-ethnic-groups"}
    for t in data.tools:
        groups = [g.group for g in t.not_validated_for] if isinstance(t.not_validated_for, list) else []
        groups += t.also_see_groups
        art = article(page(site_dir, f"tools/{tool_slug(t.id)}"))
        hrefs = {a["href"] for a in art.find_all("a", href=True)}
        for g in groups:
            if g not in anchors:
                continue
            assert any(h.endswith(f"reading-a-risk-assessment/#{anchors[g]}") for h in hrefs), (t.id, g)
            # and the passage lists the tool
            heading = guide.find(id=anchors[g])
            passage = []
            for el in heading.find_all_next():
                if el.name in ("h2", "h3"):
                    break
                passage.append(el)
            links = {a["href"].rstrip("/").split("/")[-1] for el in passage if el.name == "a" and el.has_attr("href") for a in [el]}
            assert tool_slug(t.id) in links, f"{g} passage does not list {t.id}"
    lscmi = article(page(site_dir, "tools/ls-cmi"))
    assert lscmi.find("a", href=re.compile(r"#fit-women$")), "the LS/CMI page must link to the passage on women"


# ---------------------------------------------------------------- basis labels


def test_every_step_standard_and_caution_shows_its_basis(site_dir, data):
    for stage in data.mappa.stages:
        art = article(page(site_dir, f"mappa/stages/{stage.id}"))
        steps = [s for s in data.steps if s.stage == stage.id]
        for s in steps:
            heading = art.find(id=s.id.lower())
            assert heading is not None, s.id
        labels = art.select(".basis")
        # a step whose one status already names its basis (this site's recommendation, local practice, a research
        # finding) carries no second label: its status line, shown on the page, says it
        in_status = [s for s in steps if not rule_basis_label(data, s) and art.select_one(f'[data-rule="{s.id}"]')]
        assert len(labels) + len(in_status) >= len(steps), \
            f"stage {stage.id}: {len(labels)} labels and {len(in_status)} statuses for {len(steps)} steps"
    for area in data.areas:
        art = article(page(site_dir, f"standards/areas/{area.id}"))
        for s in [x for x in data.standards if x.area == area.id]:
            quote = art.find(id=s.id.lower()).find_next("blockquote")
            label = quote.select_one(".basis")
            if rule_basis_label(data, s):
                assert label is not None and label.get_text(strip=True).startswith("Basis:"), s.id
            else:  # the one status line names the basis
                assert label is None and quote.select_one(f'[data-rule="{s.id}"]') is not None, s.id
    for t in data.tools:
        for url in (f"tools/{tool_slug(t.id)}", f"bench-notes/{tool_slug(t.id)}"):
            box = article(page(site_dir, url)).select_one(".admonition.warning")
            items = box.find_all("li")
            # what was searched and not found, and where a tool is used, are not findings: they carry no label
            searched = [li for li in items if li.get_text(" ").strip().startswith(UNLABELLED_CAUTIONS)]
            assert not [li for li in searched if li.select_one(".basis")], url
            assert items and all(li.select_one(".basis") for li in items if li not in searched), url
    how = " ".join(article(page(site_dir, "how-to-read")).get_text(" ").replace("\u2019", "'").split())
    for word in ("statute", "national guidance", "RMA standard", "research finding", "local practice",
                 "this site's recommendation"):
        assert word in how


def test_basis_is_required_and_checked_on_standards_and_steps(data):
    raw = data.standards[0].model_dump()
    raw.pop("basis")
    with pytest.raises(ValidationError):
        m.Standard(**raw)
    raw["basis"] = "hunch"
    with pytest.raises(ValidationError):
        m.Standard(**raw)


# ---------------------------------------------------------------- the second fact check


def test_fact_check_corrections_are_in_the_data(data):
    s99 = data.tool("TOOL-STATIC-99R")
    assert not isinstance(s99.follow_up, m.NotKnown) and "10-year" in s99.follow_up
    assert {f.follow_up for f in s99.figures} >= {"5 years", "10 years"}
    for t in (s99, data.tool("TOOL-SARA")):
        ids = {c.id for c in t.sources}
        if t.validation.rated == "not known":
            assert not any(i.startswith("rated-") and i.endswith("-validated") for i in ids), t.id
    erasor = data.tool("TOOL-ERASOR")
    assert "Curwen" in erasor.authors and "2001" in erasor.year
    assert not isinstance(data.tool("TOOL-OGRS").developed_on, m.NotKnown)
    ras17 = next(s for s in data.standards if s.id == "RAS-17")
    assert ras17.basis == "site recommendation"
    for rec in (s99, ras17, data.tool("TOOL-OGRS"), erasor):
        assert any(h.date.isoformat() > "2026-11-25" for h in rec.history), rec.id
    assert "2022" in data.sources["mappa-guidance"].title


def test_nothing_says_2022_or_2023_and_no_doubled_names(site_dir):
    for p in site_dir.rglob("*.html"):
        if p.relative_to(site_dir).parts[0] == "editions":
            continue  # kept editions are frozen as published (tests/test_editions.py)
        text = p.read_text(encoding="utf-8")
        assert "2022 or 2023" not in text, p
    for p in _judge_pages(site_dir):
        text = article(p).get_text(" ")
        doubled = [x for x in re.findall(r"([\w/-]+) \(([\w/-]+)\)", text) if x[0] == x[1]]
        assert not doubled, (p, doubled)
        assert ".;" not in text and not re.search(r"[a-z]\.\.(?!\.)", text), p
