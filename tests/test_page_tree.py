"""The in-page passes on Python-Markdown's element tree (issue #30): Markdown in, elements out, through the
site's own extensions (tests/page_passes.py). Each pass has a case a regex over serialized HTML got wrong
or could not see."""
from __future__ import annotations

from page_passes import convert, page, words

CITE_A = "[Source A, page 5](../sources.md#src-a){ .cite }"
CITE_B = "[Source B](../sources.md#src-b){ .cite }"
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
