"""Plain and unambiguous, enforced. The rules on the data (who + when on every step, normative words in
their one sense, no banned phrases, short step sentences, honest gaps for tools) live in
guidance/data/rules.py and run in `make check`; these tests call that same checker, and check the
built pages (reading ease, abbreviations, percentages) that only a build can show."""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString
from conftest import PARSED, text_outside

from guidance.check import check_project
from guidance.data.errors import Collector
from guidance.data.read import read_all
from guidance.data.rules import banned_in, check_content, normative_in, word_count
from guidance.engines.output.readability import prose_from_html, score, syllables
from guidance.paths import page_url, tool_slug
from guidance.sitemap import all_pages

ROOT = Path(__file__).resolve().parents[1]


def test_real_data_keeps_every_writing_rule():
    """The rules themselves live in guidance/data/rules.py and run in `make check` and the build."""
    c = Collector(ROOT)
    records = read_all(c, ROOT)
    check_content(c, records)
    assert [str(p) for p in c.problems] == []
    assert records.steps and records.standards_file and records.tools  # the rules had something to check


def _one_rule_broken(project, edit) -> list[str]:
    """Read a copy of the real data with one edit and return what the writing rules say about it."""
    edit(project)
    c = Collector(project)
    check_content(c, read_all(c, project))
    return [str(p) for p in c.problems]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rules_report_file_line_record_and_field(small_project):
    steps = "data/mappa/steps/4-meeting.yaml"
    problems = _one_rule_broken(small_project, lambda p: _replace(
        p / steps, "action: Ask everyone at the start", "action: Going forward the chair shall ask everyone at the start"))
    line = next(n for n, row in enumerate((small_project / steps).read_text().split("\n"), 1) if "Going forward the chair" in row)
    assert any(x.startswith(f"{steps}:{line} | record MAPPA-MT-01 | field 'action'") and "'shall'" in x
               and "'going forward'" in x for x in problems), problems


def test_banned_phrases_are_whole_words_and_names_are_exempt():
    phrases = ["key", "etc.", "going forward"]
    assert banned_in("This is key.", phrases) == ["key"]
    assert banned_in("Use the keyboard and the key-holder list.", phrases) == []
    assert banned_in("Going  forward, we meet.", phrases) == ["going forward"]
    act = "Management of Offenders etc. (Scotland) Act 2005"
    assert banned_in(f"Under the {act}.", phrases, [act]) == []
    assert banned_in(f"Under the {act}, forms etc.", phrases, [act]) == ["etc."]


def test_normative_words_are_found_in_any_case():
    assert normative_in("You MUST not wait; you may ask. It shall be done.") == ["must not", "may", "shall"]
    assert normative_in("Mustard and mayors are not duties.") == []
    assert word_count("One  two\nthree") == 3


def _article(site_dir, src):
    return (site_dir / page_url(src) / "index.html").read_text(encoding="utf-8")


def test_no_banned_phrases_in_practitioner_pages(site_dir, data):
    phrases = data.style.banned_phrases
    allowed = sorted(data.style.allowed_names, key=len, reverse=True)
    for p in all_pages(data):
        if "practitioners" not in p.audience:
            continue
        art = PARSED(site_dir / page_url(p.src) / "index.html").select_one("article")
        text = text_outside(art, "blockquote, .cite, .cite-this, code, .page-about, .source-notes, .note-ref")
        assert not banned_in(text, phrases, allowed), f"{p.src}: {banned_in(text, phrases, allowed)}"
        assert not re.search(r"\bshall\b", text, re.I), p.src


def test_practitioner_pages_meet_reading_ease_floor(site_dir, data):
    floor = data.style.min_reading_ease
    low = []
    for p in all_pages(data):
        if not p.readability:
            continue
        s = score(prose_from_html(_article(site_dir, p.src)))
        if s.words >= 40 and s.reading_ease < floor:
            low.append((p.src, s.reading_ease))
    assert not low, f"below reading ease {floor}: {low}"


def test_readability_report_published_for_editors(site_dir):
    html = (site_dir / "editors" / "index.html").read_text()
    assert 'id="readability-report"' not in html
    assert "Reading ease" in html and "Mean sentence" in html


def test_every_percentage_on_the_site_is_generated_with_its_context(site_dir):
    """Outside quotations, a percentage appears only inside a generated figure (paired with N in 100)."""
    offenders = []
    for page in site_dir.rglob("index.html"):
        if page.relative_to(site_dir).parts[0] == "editions":
            continue  # kept editions are frozen as published (tests/test_editions.py)
        rel = page.relative_to(site_dir).parts
        if rel[0] in ("id", "search", "print_page"):
            continue
        art = PARSED(page).select_one("article")
        if art is None:
            continue
        text = text_outside(art, ".figure, blockquote, code, .cite, .note-ref, .source-notes")
        for hit in re.finditer(r"\d+(\.\d+)?\s?%", text):
            offenders.append(("/".join(rel), text[max(0, hit.start() - 40): hit.end() + 10]))
    assert not offenders, offenders[:10]


def test_figures_show_both_forms_with_base_rate_and_time(site_dir, data):
    figs = [(t, f) for t in data.tools for f in t.figures]
    assert figs, "no published rates in the data"
    for t, f in figs:
        soup = BeautifulSoup((site_dir / "tools" / tool_slug(t.id) / "index.html").read_text(), "html.parser")
        spans = soup.select(f'.figure[data-figure="{f.id}"]')
        assert spans, f.id
        line = spans[0].parent.get_text(" ")
        assert " in 100" in line or " in 1,000" in line
        assert "%" in line and f.follow_up.lower() in " ".join(line.split()).lower() and "Sample" in line


def test_a_standard_for_one_offence_type_must_say_why(small_project):
    """Recommendation 2 asks for standards for sexual *and* violent offending: a standard naming one type only
    is refused unless it gives applies_to_reason."""
    path = small_project / "data" / "standards.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: RAS-01\n")
    both = text.index("applies_to: [sexual, violent]", start)
    path.write_text(text[:both] + "applies_to: [sexual]" + text[both + len("applies_to: [sexual, violent]"):], encoding="utf-8")
    problems = [str(p) for p in check_project(small_project)[1] if not p.warning]
    assert any("data/standards.yaml:" in x and "RAS-01" in x and "applies_to_reason" in x for x in problems), problems

def test_coverage_view_agrees_with_data(site_dir, data):
    soup = BeautifulSoup((site_dir / "standards" / "coverage" / "index.html").read_text(), "html.parser")
    summary = soup.select_one(".coverage-summary")
    assert int(summary["data-total"]) == len(data.standards)
    assert int(summary["data-sexual"]) == sum("sexual" in s.applies_to for s in data.standards)
    assert int(summary["data-violent"]) == sum("violent" in s.applies_to for s in data.standards)
    rows = soup.select("article table tbody tr")
    assert len(rows) == len(data.standards)
    for row, s in zip(rows, data.standards, strict=True):
        cells = [c.get_text(strip=True) for c in row.select("td")]
        assert s.id in cells[1]
        assert (cells[2] == "Yes") == ("sexual" in s.applies_to)
        assert (cells[3] == "Yes") == ("violent" in s.applies_to)


NOT_PROSE = ("a[href^='http'], .item-id, .cite, code, .permalink, .cite-this, .cite-url, .flow-addresses, a.item-id, svg, "
             ".page-about, .source-notes, .md-source-file")


def _words_with_abbr_unwrapped(art) -> str:
    """The article's text as get_text(" ") gives it with every <abbr> tag taken out (its text kept): text beside
    an abbreviation joins it, so that ids such as TOOL-<abbr>RM2000</abbr> stay one word. Reads a shared, parsed-once
    page without changing it, leaving out the parts that are not prose (NOT_PROSE)."""
    skip = {id(x) for x in art.select(NOT_PROSE)}
    out, last = [], None
    for t in art.find_all(string=True):
        if type(t) is not NavigableString or any(id(node) in skip for node in (t, *t.parents)):
            continue
        node = t.parent if t.parent.name == "abbr" else t  # where the text sits once the tag is taken out
        out.append(("" if last is not None and last.next_sibling is node else " ") + str(t))
        last = node
    return "".join(out)


def test_glossary_covers_abbreviations_used(site_dir, data):
    """Every run of capitals that looks like an abbreviation in practitioner and judiciary pages is in the glossary."""
    known = {t.abbr for t in data.terms} | {"ID", "IDs", "CSV", "JSON", "PDF", "HTML", "A4", "UK", "US", "II", "III", "IV", "IVa", "IVb", "AND", "OR", "N/A"}
    missing: dict[str, str] = {}
    for page in site_dir.rglob("index.html"):
        rel = page.relative_to(site_dir).parts
        if rel[0] in ("id", "search", "print_page", "downloads", "sources", "editions"):
            continue  # the sources page holds bibliographic titles and addresses, quoted as published
        art = PARSED(page).select_one("article")
        if art is None:
            continue
        for token in re.findall(r"[A-Za-z0-9/&-]+", _words_with_abbr_unwrapped(art)):
            w = token.strip("-/")
            if re.fullmatch(r"(MAPPA|RAS|TOOL|REC|PAGE|TERM|Q|FLOW)-[A-Z0-9-]+", w) or w in known:
                continue
            for part in re.split(r"[-/]", w):
                if re.search(r"[a-z]{2}", part):
                    continue  # a name in camel case (PubMed), not an abbreviation
                if sum(ch.isupper() for ch in part) >= 2 and part not in known and part.rstrip("s") not in known:
                    missing.setdefault(part, "/".join(rel))
    assert not missing, f"abbreviations not in the glossary: {missing}"


def test_abbreviations_spelled_out_on_first_use_in_practitioner_pages(site_dir, data):
    """On hand-written practitioner pages, an abbreviation's full form comes before or with its first use."""
    problems = []
    for src, page in data.pages.items():
        if not page.meta.readability:
            continue
        html = (site_dir / page_url(src) / "index.html").read_text(encoding="utf-8")
        art = BeautifulSoup(re.sub(r"</?abbr[^>]*>", "", html), "html.parser").select_one("article")
        for el in art.select(".page-head, .page-about, .source-notes, .note-ref, .cite-this, h1, .cite, .headerlink, table, svg, code, .step-meta"):
            el.decompose()
        text = " ".join(art.get_text(" ").split())
        for term in data.terms:
            first = re.search(rf"(?<![\w/-]){re.escape(term.abbr)}(?![\w/-])", text)
            if not first:
                continue
            before = text[: first.end() + 120].lower()
            words = [w for w in re.findall(r"[a-z]+", term.expansion.lower()) if len(w) > 3][:3]
            if words and not all(w in before for w in words):
                problems.append(f"{src}: {term.abbr}")
    assert not problems, "\n".join(problems)


def test_reading_ease_measure_orders_plain_and_dense_text():
    """The measure itself: short plain sentences score high, long Latinate ones low, close to Flesch's scale."""
    assert [syllables(w) for w in ("risk", "meeting", "probation", "co-ordinator", "MAPPA")] == [1, 2, 3, 5, 2]
    plain = score("You check the form. You send it to the police. They reply within a day.")
    dense = score("Multi-agency arrangements necessitate comprehensive consideration of criminogenic "
                  "characteristics, notwithstanding organisational heterogeneity and administrative complexity.")
    assert plain.reading_ease > 80 > 0 > dense.reading_ease
    assert plain.sentences == 3 and plain.longest_sentence == 6
