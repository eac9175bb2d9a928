"""Three things a reader meets on the built site: the tool pages' "At a glance" table says something in every
row (never a bare dash), the decision-flow map stays readable on a phone, and the traceability matrix fits a
phone without losing a page. Built-HTML checks here; the chromium measures are in test_reader_pages_phone.py."""
from __future__ import annotations

from conftest import PARSED

from guidance import paths
from guidance.paths import page_url


def _glance_rows(site_dir, tool_id: str) -> dict[str, str]:
    page = site_dir / page_url(paths.tool_page(tool_id)) / "index.html"
    table = PARSED(page).select_one("h2#at-a-glance ~ table")
    assert table is not None, f"{page}: no At a glance table"
    rows = {}
    for tr in table.select("tbody tr"):
        cells = [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
        rows[cells[0]] = cells[1]
    return rows


def test_every_tool_glance_row_says_something(site_dir, data):
    """On a phone each glance row is a card read alone ("Feeds these decisions / This tool: ..."): a row the
    record holds nothing for says what is true in words, never a bare dash."""
    bare = []
    for t in data.tools:
        rows = _glance_rows(site_dir, t.id)
        assert "Feeds these decisions" in rows, t.id
        bare += [f"{t.id}: {k}" for k, v in rows.items() if len(v.strip(" —-.")) < 2]
    assert not bare, "glance rows showing only a dash: " + "; ".join(bare)


def test_every_tool_question_says_what_the_site_holds_in_words(site_dir, data):
    """The questions table on each tool page: a question the record holds nothing for says so in a sentence
    (the record's reason), or says "Nothing held", which the table's lead-in explains once; never a bare dash."""
    bare = []
    for t in data.tools:
        page = site_dir / page_url(paths.tool_page(t.id)) / "index.html"
        soup = PARSED(page)
        rows = soup.select(".tool-questions table tbody tr")
        assert len(rows) == len(data.judiciary.questions), t.id
        if any("Nothing held" in tr.get_text() for tr in rows):
            assert 'Where a row says "Nothing held"' in soup.get_text(), f"{t.id}: 'Nothing held' is not explained"
        for tr in rows:
            cells = [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
            if len(cells[1].strip(" —-.")) < 2:
                bare.append(f"{t.id}: {cells[0][:40]}")
    assert not bare, "questions answered with only a dash: " + "; ".join(bare[:10])


def test_feeds_these_decisions_names_decisions_or_says_none_is_named(site_dir, data):
    for t in data.tools:
        text = _glance_rows(site_dir, t.id)["Feeds these decisions"]
        if t.decisions:
            assert "sources used" not in text, (t.id, text)
        elif t.comparator:
            assert text == "None: Scotland does not use it.", (t.id, text)
        else:
            assert text.startswith(("No decision in Scotland named", "The sources held name who uses it")), (t.id, text)


def test_each_flow_map_is_drawn_wide_and_narrow_and_read_once(site_dir, data):
    """A phone shows the narrow drawing, a wide screen the wide one (docs/assets/flows.css): every map figure
    holds both, and a reader (the reader text, search) meets the drawing's words once, not twice."""
    from guidance.data.flows import all_flows
    from guidance.site.reader_html import html_lines

    for flow in all_flows(data):
        art = PARSED(site_dir / "flows" / flow.id / "map" / "index.html").select_one("article")
        figures = art.select("figure.flow-map")
        assert figures, flow.id
        for fig in figures:
            wide, narrow = fig.select("svg.flow-svg-wide"), fig.select("svg.flow-svg-narrow")
            assert len(wide) == len(narrow) == 1, flow.id
            box = narrow[0].parent
            assert box.has_attr("data-alt-layout") and box.has_attr("data-search-exclude"), flow.id
            read = html_lines(str(fig))
            assert read and read == html_lines(str(wide[0])), flow.id
