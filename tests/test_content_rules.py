"""Plain and unambiguous, enforced: who + when on every step, normative words in their one sense,
no banned phrases, short step sentences, reading ease, sources everywhere, honest gaps for tools."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.data import models as m
from macros.site.readability import prose_from_html, score

NORMATIVE = re.compile(r"\b(must not|must|should not|should|may|shall)\b", re.I)


ALLOWED: list[str] = []


def banned_in(text: str, phrases: list[str]) -> list[str]:
    text = " ".join(text.split())
    for name in ALLOWED:
        text = text.replace(name, " ")
    found = []
    for p in phrases:
        pat = r"(?<![\w-])" + re.escape(p) + (r"(?![\w-])" if p[-1].isalnum() else "")
        if re.search(pat, text, re.I):
            found.append(p)
    return found


def data_texts(data):
    """(where, text) for every free-text field that is not a quotation or a title of a source."""
    for s in data.steps:
        yield s.id + ".action", s.action
        yield s.id + ".when", s.when.text
        if s.note:
            yield s.id + ".note", s.note
    for s in data.standards:
        yield s.id + ".rationale", s.rationale
        for e in s.evidence:
            yield s.id + ".evidence", e
    for r in data.mappa.roles:
        yield r.id + ".description", r.description
    for c in data.mappa.categories:
        for e in c.entry_criteria:
            yield c.id + ".entry_criteria", e
    for lv in data.mappa.levels:
        yield f"level {lv.number}", lv.description
    for st in data.mappa.stages:
        yield st.id + ".summary", st.summary
    for f in data.facts.values():
        yield f.id, f.text
    for g in data.gaps:
        yield g.id, g.statement
    for t in data.terms:
        yield t.id, t.definition


def test_every_step_names_who_what_and_when(data):
    role_ids = {r.id for r in data.mappa.roles}
    for s in data.steps:
        assert s.actor in role_ids, s.id
        assert s.action[0].isupper() and s.action.split()[0].isalpha(), f"{s.id}: action starts with a verb: {s.action!r}"
        assert s.when.text.strip(), s.id
        assert s.normative in {w.word for w in data.style.normative_words}, s.id


def test_step_sentences_are_short(data):
    limit = data.style.max_step_words
    for s in data.steps:
        n = len(s.action.split())
        assert n <= limit, f"{s.id}: action has {n} words (limit {limit})"


def test_normative_words_only_in_their_defined_place(data):
    """Steps carry their duty in `normative`; standards say it once in the statement; nowhere else."""
    for where, text in data_texts(data):
        hit = NORMATIVE.search(text)
        assert not hit, f"{where}: normative word {hit.group(0)!r} outside a step's or standard's duty: {text!r}"


def test_each_standard_has_exactly_one_normative_word_matching_its_field(data):
    for s in data.standards:
        words = [w.lower() for w in NORMATIVE.findall(s.statement)]
        assert words == [s.normative], f"{s.id}: normative words {words} in statement, field says {s.normative!r}"


@pytest.fixture(autouse=True)
def _allowed_names(data):
    ALLOWED[:] = sorted(data.style.allowed_names, key=len, reverse=True)


def test_no_banned_phrases_in_data(data):
    phrases = data.style.banned_phrases
    for where, text in data_texts(data):
        assert not banned_in(text, phrases), f"{where}: {banned_in(text, phrases)} in {text!r}"
    for s in data.standards:
        assert not banned_in(s.statement, phrases), s.id


def _article(site_dir, src):
    from macros.paths import page_url

    return (site_dir / page_url(src) / "index.html").read_text(encoding="utf-8")


def test_no_banned_phrases_in_practitioner_pages(site_dir, data):
    from macros.sitemap import all_pages

    phrases = data.style.banned_phrases
    for p in all_pages(data):
        if "practitioners" not in p.audience:
            continue
        soup = BeautifulSoup(_article(site_dir, p.src), "html.parser")
        art = soup.select_one("article")
        for el in art.select("blockquote, .cite, .cite-this, code, .page-about, .source-notes, .note-ref"):
            el.decompose()
        text = art.get_text(" ")
        assert not banned_in(text, phrases), f"{p.src}: {banned_in(text, phrases)}"
        assert not re.search(r"\bshall\b", text, re.I), p.src


def test_practitioner_pages_meet_reading_ease_floor(site_dir, data):
    from macros.sitemap import all_pages

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


def test_every_fact_bearing_record_cites_a_source(data):
    for rec in list(data.steps) + list(data.standards) + list(data.tools) + list(data.facts.values()) + list(data.gaps):
        assert rec.sources, getattr(rec, "id", rec)


def test_every_tool_section_is_filled_or_explicitly_unknown(data):
    for t in data.tools:
        for name, _info in m.Tool.model_fields.items():
            value = getattr(t, name)
            if name in ("figures", "decisions", "comparator"):
                continue
            if isinstance(value, m.NotKnown):
                assert len(value.not_known) > 10, f"{t.id}.{name}: give a reason"
                continue
            assert value not in (None, "", []), f"{t.id}.{name} is empty; use not_known with a reason"


def test_no_percentage_typed_by_hand_in_tool_data(data):
    for t in data.tools:
        for name in ("assesses", "output", "developed_on", "who_may_use"):
            v = getattr(t, name)
            if isinstance(v, str):
                assert not re.search(r"\d\s?%|per ?cent", v), f"{t.id}.{name}: use a figure record"
        for x in t.does_not_tell + t.strengths + t.limitations + t.questions:
            assert not re.search(r"\d\s?%|per ?cent", x), f"{t.id}: {x!r}"


def test_every_percentage_on_the_site_is_generated_with_its_context(site_dir):
    """Outside quotations, a percentage appears only inside a generated figure (paired with N in 100)."""
    offenders = []
    for page in site_dir.rglob("index.html"):
        rel = page.relative_to(site_dir).parts
        if rel[0] in ("id", "search", "print_page"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        art = soup.select_one("article")
        if art is None:
            continue
        for el in art.select(".figure, blockquote, code, .cite, .note-ref, .source-notes"):
            el.decompose()
        text = art.get_text(" ")
        for hit in re.finditer(r"\d+(\.\d+)?\s?%", text):
            offenders.append(("/".join(rel), text[max(0, hit.start() - 40): hit.end() + 10]))
    assert not offenders, offenders[:10]


def test_figures_show_both_forms_with_base_rate_and_time(site_dir, data):
    figs = [(t, f) for t in data.tools for f in t.figures]
    assert figs, "no published rates in the data"
    for t, f in figs:
        from macros.paths import tool_slug

        soup = BeautifulSoup((site_dir / "tools" / tool_slug(t.id) / "index.html").read_text(), "html.parser")
        spans = soup.select(f'.figure[data-figure="{f.id}"]')
        assert spans, f.id
        line = spans[0].parent.get_text(" ")
        assert " in 100" in line or " in 1,000" in line
        assert "%" in line and f.follow_up.lower() in " ".join(line.split()).lower() and "Sample" in line


def test_standards_cover_both_offence_types(data):
    both = [s for s in data.standards if {"sexual", "violent"} <= set(s.applies_to)]
    assert len(both) >= 0.8 * len(data.standards)
    for s in data.standards:
        if len(s.applies_to) == 1:
            assert s.applies_to_reason


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


def test_glossary_covers_abbreviations_used(site_dir, data):
    """Every run of capitals that looks like an abbreviation in practitioner and judiciary pages is in the glossary."""
    known = {t.abbr for t in data.terms} | {"ID", "IDs", "CSV", "JSON", "PDF", "HTML", "A4", "UK", "US", "II", "III", "IV", "IVa", "IVb", "AND", "OR", "N/A"}
    missing: dict[str, str] = {}
    for page in site_dir.rglob("index.html"):
        rel = page.relative_to(site_dir).parts
        if rel[0] in ("id", "search", "print_page", "downloads", "sources"):
            continue  # the sources page holds bibliographic titles and addresses, quoted as published
        # drop abbr tags (keep their text) so that ids such as TOOL-RM2000 stay one word
        soup = BeautifulSoup(re.sub(r"</?abbr[^>]*>", "", page.read_text(encoding="utf-8")), "html.parser")
        art = soup.select_one("article")
        if art is None:
            continue
        for el in art.select("a[href^='http'], .item-id, .cite, code, .permalink, .cite-this, a.item-id, svg, .page-about, .source-notes, .md-source-file"):
            el.decompose()
        for token in re.findall(r"[A-Za-z0-9/&-]+", art.get_text(" ")):
            w = token.strip("-/")
            if re.fullmatch(r"(MAPPA|RAS|TOOL|REC|PAGE|TERM|Q)-[A-Z0-9-]+", w) or w in known:
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
        from macros.paths import page_url

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
    from macros.site.readability import score, syllables

    assert [syllables(w) for w in ("risk", "meeting", "probation", "co-ordinator", "MAPPA")] == [1, 2, 3, 5, 2]
    plain = score("You check the form. You send it to the police. They reply within a day.")
    dense = score("Multi-agency arrangements necessitate comprehensive consideration of criminogenic "
                  "characteristics, notwithstanding organisational heterogeneity and administrative complexity.")
    assert plain.reading_ease > 80 > 0 > dense.reading_ease
    assert plain.sentences == 3 and plain.longest_sentence == 6
