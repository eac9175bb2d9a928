"""Labels on readers' pages (review of draft 2026.12.2): one status line per rule, no label said twice, no
editors' record ids or jargon, a note number that never runs on from an id or a number, and permanent links
that keep the section a trainer linked to."""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import PARSED

from guidance import paths
from guidance.data.status import rule_status
from guidance.engines.output.offline_pack import rewrite_page
from guidance.engines.output.permalinks import KEEP_FRAGMENT
from guidance.render.mappa import step_sentence, when_text
from guidance.render.standing import rule_basis_label

EDITORS = ("still-to-check/", "editors/", "print_page/")  # editors' pages, and the print page that joins all
SKIP = ("editions", "id", "downloads")
# words that read as a status or a check of our copies: each one a reader meets must be defined on How to read
STATUS_WORDS = re.compile(r"\b(Unconfirmed|awaiting a check against the official text|Not yet confirmed|Not settled nationally|"
                          r"Stated in the source|Open question|Not settled|Never brought into force|"
                          r"Made, but not in force yet|Superseded)\b")


def _reader_pages(site_dir: Path):
    for f in sorted(site_dir.rglob("*.html")):
        rel = f.relative_to(site_dir).as_posix()
        if rel.split("/")[0] in SKIP or rel.startswith(EDITORS) or rel == "404.html":
            continue
        soup = PARSED(f)  # parsed once a session: read it, never change it
        yield rel, soup.find("article") or soup


def _how_to_read(site_dir: Path) -> str:
    page = BeautifulSoup((site_dir / "how-to-read" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(page.find("article").get_text(" ").split())


def test_a_step_shows_one_status_and_no_check_of_our_copies(site_dir):
    """MAPPA-MT-10 showed 'In force: …' and then 'Unconfirmed: awaiting a check against the official text'."""
    police = BeautifulSoup((site_dir / "mappa" / "agencies" / "police" / "index.html").read_text(encoding="utf-8"),
                           "html.parser").find("article")
    for rid in ("MAPPA-MT-10", "MAPPA-MT-12"):
        labels = police.select(f'[data-rule="{rid}"]')
        assert len(labels) == 1, rid
        item = labels[0].find_parent("li")
        assert "awaiting a check" not in item.get_text(" ") and "Unconfirmed" not in item.get_text(" "), rid
        assert len(item.select(".rule-status")) == 1 and not item.select(".unconfirmed"), rid
    found = [rel for rel, art in _reader_pages(site_dir)
             if art.select(".unconfirmed") or "awaiting a check against the official text" in art.get_text(" ")]
    assert not found, found


def test_every_status_like_label_on_a_readers_page_is_defined_on_how_to_read(site_dir):
    defined = _how_to_read(site_dir)
    seen: dict[str, str] = {}
    for rel, art in _reader_pages(site_dir):
        if rel.startswith("how-to-read/"):
            continue
        for word in STATUS_WORDS.findall(art.get_text(" ")):
            seen.setdefault(word, rel)
    assert "Unconfirmed" not in seen and "awaiting a check against the official text" not in seen, seen
    undefined = {w: rel for w, rel in seen.items() if w.lower() not in defined.lower()}
    assert not undefined, f"labels readers meet that How to read does not define: {undefined}"
    assert "field status" not in defined and "field `status`" not in defined


def test_a_stage_time_limit_is_labelled_in_words_how_to_read_defines(site_dir):
    defined = _how_to_read(site_dir)
    pre = BeautifulSoup((site_dir / "mappa" / "stages" / "pre-meeting" / "index.html").read_text(encoding="utf-8"),
                        "html.parser")
    box = next(b for b in pre.select("article .admonition") if "Time limits" in b.get_text())
    labels = {em.get_text().rstrip(":") for em in box.select("em")}
    assert "Open question" in labels and "Open question" in defined


def test_the_basis_is_not_said_again_by_the_status(site_dir, data):
    """'Basis: this site's recommendation This site's recommendation' on MAPPA-ID-06 and ID-07."""
    for rid in ("MAPPA-ID-06", "MAPPA-ID-07"):
        step = data.step(rid)
        assert rule_status(data, step).state == "recommendation"
        assert rule_basis_label(data, step) == ""
        said = BeautifulSoup(step_sentence(data, step), "html.parser").get_text(" ")
        assert said.count("recommendation") == 1, (rid, said)
    doubled = []
    for rel, art in _reader_pages(site_dir):
        for basis in art.select("small.basis"):
            said = basis.get_text(" ", strip=True).removeprefix("Basis:").strip().lower()
            status = basis.find_next_sibling(class_="rule-status")
            if status is not None and status.get_text(" ", strip=True).lower().startswith(said):
                doubled.append((rel, said))
    assert not doubled, doubled[:10]


def test_a_statute_step_keeps_its_basis_label(data):
    step = next(s for s in data.steps if s.basis == "statute")
    assert "Basis: statute" in rule_basis_label(data, step)


def test_flow_pages_show_no_record_id_without_a_permanent_link(site_dir, data):
    facts = set(data.facts)
    flows = sorted((site_dir / "flows").rglob("index.html"))
    assert flows
    for f in flows:
        art = PARSED(f).find("article")
        text = art.get_text(" ")
        shown_facts = [x for x in facts if re.search(rf"(?<![\w-]){re.escape(x)}(?![\w-])", text)]
        assert not shown_facts, (f, shown_facts)
        for code in art.select("code"):
            assert (site_dir / paths.permalink(code.get_text(strip=True)) / "index.html").exists(), (f, code)
        for example in re.findall(r"for example /(id/[^\s/]+/)", text):
            assert (site_dir / example / "index.html").exists(), (f, example)
        assert "in place of ID" not in text


def test_built_pages_have_no_note_number_glued_to_an_id(site_dir):
    glued = []
    for rel, art in _reader_pages(site_dir):
        for sup in art.select("sup.note-ref"):
            prev = sup.previous_sibling
            if getattr(prev, "name", None) == "code" or (getattr(prev, "name", None) and prev.find("code")):
                glued.append(rel)
    assert not glued, glued[:10]
    page = (site_dir / "standards" / "full-assessment" / "index.html").read_text(encoding="utf-8")
    text = " ".join(BeautifulSoup(page, "html.parser").find("article").get_text("").split())
    assert "at least one tool RAS-05 source" in text


def test_a_timescale_read_only_in_a_copy_is_the_rules_one_status(data):
    step = next(s for s in data.steps if s.when.kind == "timescale")
    copy = step.model_copy(update={"when": step.when.model_copy(update={"confirmed": False})})
    got = rule_status(data, copy)
    assert got.state == "not settled" and step.when.text.rstrip(".") in got.reason
    assert when_text(copy) == when_text(step)


def test_a_permanent_link_keeps_the_section_it_names(site_dir, server, chromium):
    """/id/PAGE-MAPPA-INFO/#sharing-inside-mappa (the example on Citing this guidance) landed at the page top."""
    cite = (site_dir / "training" / "cite" / "index.html").read_text(encoding="utf-8")
    assert "/id/PAGE-MAPPA-INFO/#sharing-inside-mappa" in cite
    stub = (site_dir / "id" / "PAGE-MAPPA-INFO" / "index.html").read_text(encoding="utf-8")
    assert KEEP_FRAGMENT in stub and stub.index(KEEP_FRAGMENT) < stub.index('http-equiv="refresh"')
    ctx = chromium.new_context()
    try:
        page = ctx.new_page()
        page.goto(server + "id/PAGE-MAPPA-INFO/#sharing-inside-mappa")
        page.wait_for_url(re.compile(r"/mappa/information-sharing/#sharing-inside-mappa$"), timeout=10000)
        assert page.locator("#sharing-inside-mappa").count() == 1
        page.goto(server + "id/PAGE-MAPPA-INFO/")
        page.wait_for_url(re.compile(r"/mappa/information-sharing/$"), timeout=10000)
    finally:
        ctx.close()


def test_the_offline_pack_keeps_the_fragment_keeper_pointing_at_a_file(site_dir):
    stub = (site_dir / "id" / "PAGE-MAPPA-INFO" / "index.html").read_text(encoding="utf-8")
    out = rewrite_page(stub, site_dir / "id" / "PAGE-MAPPA-INFO")
    assert KEEP_FRAGMENT in out
    assert '<link rel="canonical" href="../../mappa/information-sharing/index.html">' in out
