"""The in-page passes on Python-Markdown's element tree (issue #30): Markdown in, elements out, through the
site's own extensions (tests/page_passes.py). Each pass has a case a regex over serialized HTML got wrong
or could not see."""
from __future__ import annotations

from page_passes import convert, page, words

from guidance.data.models.base import NotKnown
from guidance.render.common import permalink_line
from guidance.render.site import sources_list
from guidance.render.svg import icon_array_svg, pathway_svg
from guidance.render.tool_text import known

CITE_A = "[Source A, page 5](../sources.md#src-a){ .cite }"
CITE_B = "[Source B](../sources.md#src-b){ .cite }"
PERMALINK = '<span class="permalink" data-search-exclude><a class="permalink-link" href="id/RAS-05/">Permanent link</a></span>'
ABOUT = '\n\n<details class="page-about" markdown="1">\n<summary>About this page</summary>\n\nPage ID\n</details>\n'


# ---------------------------------------------------------------- source notes


def test_bracketed_citations_become_one_superscript_and_one_list_before_the_about_panel():
    s = page(f"# T\n\nA fact ({CITE_A}; {CITE_A}; {CITE_B}).\n\n| X | Y |\n|---|---|\n| 1 | Cell {CITE_B} |\n\n"
             f"**Sources:** {CITE_A}{ABOUT}")
    first = s.p
    sup = first.find("sup", class_="note-ref")
    assert words(first) == "A fact1,2."  # the number sits on the word; the brackets went with the citations
    assert [a["href"] for a in sup.find_all("a")] == ["#note-page-x-1", "#note-page-x-2"]
    assert sup.a["title"] == "Source A, page 5" and sup.has_attr("data-search-exclude")
    cell = s.find_all("td")[-1]
    assert not cell.select("a.cite") and cell.sup.a["href"] == "#note-page-x-2"  # no source link in a cell
    assert s.find("strong", string="Sources:").find_next_sibling("a")["class"] == ["cite"]  # a "Sources:" line stays links
    notes = s.find("section", class_="source-notes")
    assert notes.find_next_sibling("details")["class"] == ["page-about"]
    assert [li["id"] for li in notes.find_all("li")] == ["note-page-x-1", "note-page-x-2"]
    assert notes.li.a["href"] == "../sources.md#src-a" and words(notes.li.a) == "Source A, page 5"


def test_a_note_number_never_runs_on_from_an_id_or_a_number():
    s = page(f"At least one tool [`RAS-05`](#r) ({CITE_A}).\n\nMAPPA began in 2007 ({CITE_A}).\n\n"
             f"It began in spring ({CITE_A}).")
    one, two, three = s.find_all("p")
    assert words(one) == "At least one tool RAS-05 source 1." and "note-after-id" in one.sup["class"]
    assert one.sup.find_previous_sibling().name == "a"  # a space, then the number, after the badge
    assert words(two) == "MAPPA began in 2007 source 1."
    assert words(three) == "It began in spring1."


def test_a_citation_shaped_text_in_code_or_raw_html_is_left_alone_and_a_label_keeps_its_tooltip():
    """Text that looks like a citation in a code span stays as written; a citation's words keep their
    markup (the abbreviation) in the list of notes; a reference such as &amp; in two copies of one
    citation is still one source."""
    s = page('Write `(<a class="cite" href="x">X</a>)` as shown.\n\n'
             "Two copies ([RSO &amp; MAPPA](s.md#c){ .cite }; [RSO &amp; MAPPA](s.md#c){ .cite }).")
    assert s.code.get_text() == '(<a class="cite" href="x">X</a>)'
    assert len(s.select("sup.note-ref a")) == 1
    item = s.select_one(".source-notes li a.cite")
    assert words(item) == "RSO & MAPPA" and item.abbr is not None
    assert s.select_one("sup.note-ref a")["title"] == "RSO & MAPPA"


def test_a_page_that_cites_nothing_is_unchanged_and_notes_carry_the_page_id():
    assert convert("No sources here.") == "<p>No sources here.</p>"
    assert page(f"A ({CITE_A}).", "TOOL-RM2000").select_one("section.source-notes li")["id"] == "note-tool-rm2000-1"


# ---------------------------------------------------------------- tables for phones

TABLE = "| Category | Pathway |\n|---|---|\n| RSO | [Pathway](../p.md) |\n"


def test_a_table_becomes_cards_with_labels_and_the_row_action_first():
    s = page(TABLE)
    table = s.table
    assert table["data-layout"] == "stack" and table["data-cols"] == "2" and not table.has_attr("class")
    first, action = s.find_all("td")
    assert first["data-label"] == "Category" and not first.has_attr("data-cell")
    assert action["data-label"] == "Pathway" and action["data-cell"] == "action" and action.has_attr("data-short")


def test_a_table_in_a_wide_view_scrolls_with_a_cue_and_short_cells_side_by_side():
    s = page(f'<div class="wide-table" markdown>\n\n{TABLE}\n</div>')
    cue = s.find("p", class_="scroll-cue")
    assert cue.find_next_sibling() is s.table and cue.has_attr("data-search-exclude")
    assert s.table["data-layout"] == "wide" and s.table["data-compact"] == "1"
    assert s.find_all("td")[1]["data-label"] == "Pathway"  # a phone shows the comparison as one card per row
    other = page(f'<div class="wide-table" markdown>\n\nFirst a sentence.\n\n{TABLE}\n</div>')
    assert other.table["data-layout"] == "stack"  # a table further down the div is not the comparison view


def test_only_a_cell_holding_one_link_is_the_row_action():
    """The regex took a cell of several links ("MAPPA-ID-06, MAPPA-ID-01") for one link, since `.*?</a>`
    ran on to the last one: on a phone that list was moved first in bold with its label hidden. A link in
    raw HTML is a link too; an empty cell is folded away; a web address or a citation is no action."""
    s = page("| Step | Used in | Link | Web | Note |\n|---|---|---|---|---|\n"
             "| a | [`MAPPA-ID-06`](x.md), [`MAPPA-ID-01`](y.md) | "
             '<a class="handout-link" href="../id/X/"><code>/id/X/</code></a> | [site](https://example.org) | |\n')
    cells = {td["data-label"]: td for td in s.find_all("td")}
    assert not cells["Used in"].has_attr("data-cell") and cells["Used in"].has_attr("data-short")
    assert cells["Link"]["data-cell"] == "action"
    assert not cells["Web"].has_attr("data-cell")
    assert cells["Note"]["data-cell"] == "empty"


def test_a_heading_with_markup_labels_its_column_in_plain_words():
    s = page("| Who (RSO) | What *you* do |\n|---|---|\n| police | register &amp; check |\n")
    first, second = s.find_all("td")
    assert first["data-label"] == "Who (RSO)" and second["data-label"] == "What you do"
    assert words(second) == "register & check"


# ---------------------------------------------------------------- first-use tooltips


def test_an_abbreviation_keeps_its_tooltip_on_its_first_use_outside_headings_only():
    s = page("## RSO pathway\n\nThe RSO and the RSO, *RSO* again.\n\n### MAPPA and RSO\n\nMAPPA.\n")
    assert not s.select("h2 abbr, h3 abbr") and s.h2.get_text().startswith("RSO pathway")
    first, second = s.find_all("p")
    assert [a.get_text() for a in first.find_all("abbr")] == ["RSO"] and first.abbr["title"].startswith("Registered")
    assert words(first) == "The RSO and the RSO, RSO again." and first.em.get_text() == "RSO"
    assert [a.get_text() for a in second.find_all("abbr")] == ["MAPPA"]  # first use in running text, after the heading


def test_a_tooltip_moved_with_its_citation_to_the_foot_counts_where_it_lands():
    """The notes are numbered first: a citation's words leave the running text, so the first use of a word
    in the text keeps its tooltip, and the list of notes at the foot does not take it away."""
    s = page("A fact ([MAPPA guidance, page 4](s.md#m){ .cite }). Then MAPPA acts.\n")
    assert s.p.abbr.get_text() == "MAPPA"
    assert s.select_one(".source-notes a.cite abbr") is None  # a later use, at the foot


# ---------------------------------------------------------------- furniture out of search


def test_furniture_python_markdown_makes_is_marked_on_the_tree():
    s = page(f"# T\n\n`RAS-05` {PERMALINK}\n\n`RAS-05` is the standard on method.\n\n`ras-05` {PERMALINK}\n\n"
             f"Read <https://www.gov.scot/a?b=1&c=2> or [the guidance](https://www.gov.scot/a) or "
             f"[see https://x.org](https://x.org).\n\nA fact ({CITE_A}).\n\n**Sources:** {CITE_B}{ABOUT}")
    marked = [el for el in s.find_all(True) if el.get("data-search-exclude") == "1"]  # "1": the theme drops it once read
    row, bare, cite, note = marked
    assert row.name == "p" and row.code.string == "RAS-05"  # the id-and-permalink row
    assert bare.name == "a" and bare.string == "https://www.gov.scot/a?b=1&c=2"  # a bare web address
    assert cite["class"] == ["cite"] and words(cite) == "Source B"  # the "Sources:" line
    assert note.find_parent("section", class_="source-notes") and words(note) == "Source A, page 5"
    # not furniture: an id in a sentence, a lower-case code before a permalink, a link with words of its own
    assert all(el not in marked for el in s.find_all("p")[1:3])


def test_furniture_the_renderers_write_carries_its_mark(data):
    s = page("\n\n".join([
        f"`RAS-05` {permalink_line(data, 'x.md', 'RAS-05')}", sources_list(data, "sources.md"),
        icon_array_svg("ia", "Title", "Desc", {"clear": 3}), pathway_svg("pw", "Title", "Desc", [("Row", [("a", "b")])], "wide"),
        f"| A | B |\n|---|---|\n| x | {known(NotKnown(not_known='the sources do not say'))} |"]))
    for kind in ("button.copy-cite", "ul.sources a[rel=noopener]", "svg.icon-array", "svg.pathway", "span.not-known"):
        found = s.select(kind)
        assert found and all(el.get("data-search-exclude") == "1" for el in found), kind
    assert s.select_one("span.permalink").has_attr("data-search-exclude")
