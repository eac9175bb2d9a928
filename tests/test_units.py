"""Unit tests for the small helpers every page relies on: paths and links, text escaping, numbers, CSV."""
from __future__ import annotations

from pathlib import Path

import pytest

from guidance import paths
from guidance.engines.output.linkcheck import check
from guidance.render.text import in_100, join_words, lower_first, md, pct
from guidance.site.exports import _flat, to_csv

# ------------------------------------------------------------------ paths: the one place for locations


@pytest.mark.parametrize("src, url", [
    ("index.md", ""),
    ("mappa/index.md", "mappa/"),
    ("tools/rm2000.md", "tools/rm2000/"),
    ("glossary.md", "glossary/"),
])
def test_page_url_uses_directory_urls(src, url):
    assert paths.page_url(src) == url


@pytest.mark.parametrize("frm, to, anchor, want", [
    ("mappa/stages/meeting.md", "mappa/roles/chair.md", "", "../roles/chair.md"),
    ("index.md", "tools/rm2000.md", "", "tools/rm2000.md"),
    ("tools/rm2000.md", "sources.md", "src-x", "../sources.md#src-x"),
    ("mappa/index.md", "mappa/index.md", "a", "index.md#a"),
])
def test_rel_is_a_relative_markdown_target(frm, to, anchor, want):
    assert paths.rel(frm, to, anchor) == want


@pytest.mark.parametrize("frm, to, anchor, want", [
    ("mappa/stages/meeting.md", "downloads/checklists/meeting.csv", "", "../../../downloads/checklists/meeting.csv"),
    ("index.md", "id/RAS-01/", "", "id/RAS-01/"),
    ("tools/rm2000.md", "tools/rm2000.md", "bands", "#bands"),
    ("mappa/index.md", "index.md", "", "../"),
    ("glossary.md", "mappa/stages/meeting.md", "x", "../mappa/stages/meeting/#x"),
])
def test_rel_url_is_relative_to_the_built_page(frm, to, anchor, want):
    assert paths.rel_url(frm, to, anchor) == want


def test_generated_page_paths_follow_the_id():
    assert paths.rec_page(3) == "recommendations/rec-03.md"
    assert paths.tool_page("TOOL-STATIC-99R") == "tools/static-99r.md"


def test_renderers_spell_no_page_path_of_their_own():
    """Every link target in the renderers comes from guidance/paths.py (issue: one place for links)."""
    offenders = []
    for f in sorted((Path(paths.__file__).parent / "render").glob("*.py")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if (".md'" in line or '.md"' in line or "downloads/" in line) and not line.lstrip().startswith("#"):
                offenders.append(f"{f.name}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


# ------------------------------------------------------------------ text


def test_md_escapes_markup_templates_and_table_pipes():
    out = md("<b>bold</b> {{ x }} *a* | [l](u) #h")
    assert "<b>" not in out and "{{" not in out and "|" not in out.replace("&#124;", "")
    assert "\\*a\\*" in out and "\\[l\\]" in out
    assert md("two\n  lines") == "two lines"


@pytest.mark.parametrize("percent, want", [
    (7.6, "about 8 in 100"), (8, "8 in 100"), (0, "0 in 100"), (0.4, "about 4 in 1,000"), (50.5, "about 50 in 100"),
])
def test_in_100_gives_a_natural_frequency(percent, want):
    assert in_100(percent) == want


@pytest.mark.parametrize("percent, want", [(7.6, "7.6%"), (8.0, "8%"), (12.25, "12.2%")])
def test_pct_drops_trailing_zeros(percent, want):
    assert pct(percent) == want


def test_join_words_and_lower_first():
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert join_words(["a", ""]) == "a"
    assert lower_first("Sexual reoffending") == "sexual reoffending"
    assert lower_first("MAPPA level") == "MAPPA level"


# ------------------------------------------------------------------ exports


def test_flat_and_csv_keep_nested_values_readable():
    assert _flat({"a": 1, "b": None, "c": [1, 2]}) == "a: 1; c: 1 | 2"
    text = to_csv([{"id": "X", "tags": ["a", "b"]}, {"id": "Y", "tags": []}])
    lines = text.strip().splitlines()
    assert lines[0].split(",")[:2] == ["id", "tags"]
    assert lines[1].startswith("X,a | b")


# ------------------------------------------------------------------ link checker


def test_link_checker_finds_missing_pages_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b/">b</a><a href="../b/#here">ok</a><a href="../b/#gone">x</a>'
        '<a href="../c/">c</a><a href="/b/#here">root</a><a href="https://example.org/">ext</a>'
        '<a href="../b/#%68ere">encoded</a>', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h2 id="here">Here</h2><a name="old"></a>', encoding="utf-8")
    _pages, links, broken = check(tmp_path)
    assert links == 6
    assert sorted(broken) == ["a/index.html: ../b/#gone (no anchor #gone)", "a/index.html: ../c/ (no such file)"]


def test_link_checker_reads_elements_not_text(tmp_path):
    """An id or a link written in a script, a comment or the page's words is not one; an <a name>, upper-case
    markup, a folder link without its slash and a link that leaves the site are read as a browser reads them."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<H2 ID="up">x</H2><A NAME="named"></A><p>id="prose" href="../nope/"</p>'
                                               '<!-- <a id="commented" href="../gone/"> --><script>var s = \'<a id="js"'
                                               ' href="../js/">\';</script>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://x.invalid/elsewhere/"><a href="b/#up">1</a><a href="b#named">2</a>'
        '<a href="b/#prose">3</a><a href="b/#commented">4</a><a href="b/#js">5</a><a href="../../outside/">6</a>'
        '<img src="b/missing.png" alt="">', encoding="utf-8")
    n_pages, links, broken = check(tmp_path)
    assert n_pages == 2 and links == 7, (n_pages, links)
    assert sorted(broken) == ["index.html: ../../outside/ (no such file)", "index.html: b/#commented (no anchor #commented)",
                              "index.html: b/#js (no anchor #js)", "index.html: b/#prose (no anchor #prose)",
                              "index.html: b/missing.png (no such file)"], broken


def test_text_outside_leaves_the_tree_unchanged():
    from bs4 import BeautifulSoup
    from conftest import text_outside

    s = BeautifulSoup("<article><p>Keep <code>drop</code> this</p><!-- no --><div class='x'>gone</div></article>", "html.parser")
    before = str(s)
    assert " ".join(text_outside(s.article, "code, .x").split()) == "Keep this"
    assert str(s) == before


def test_md_table_writes_header_rule_and_rows():
    from guidance.render.text import md_table

    assert md_table(["A", "B"], [[1, "x"], ["y", ""]]) == "| A | B |\n|---|---|\n| 1 | x |\n| y |  |\n"
    assert md_table(["Only"], []) == "| Only |\n|---|\n"
