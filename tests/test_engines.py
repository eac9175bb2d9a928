"""One generator, any engine (issue #23): only macros/engines/ knows MkDocs or the Material theme;
the generated tree and the page-HTML pass are engine-neutral."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADAPTER = ROOT / "macros" / "engines"

# what ties code to an engine: importing MkDocs or mkdocs-macros, a Material CSS class, or the theme's
# search worker's message format. (Index file names are data, kept in macros/engines/theme.py; the
# offline pack still names Material's, as it packs a Material build.)
_TIED = {
    "imports mkdocs": re.compile(r"^\s*(?:from|import)\s+(?:mkdocs|mkdocs_macros|material|zensical)\b", re.M),
    "names a Material CSS class": re.compile(r"""(?<![\w-])md-[a-z][\w-]*"""),
    "names the search worker's message format": re.compile(r"\bpostMessage\b|message\.type"),
}


def _modules():
    return sorted(p for p in (ROOT / "macros").rglob("*.py") if ADAPTER not in p.parents)


def test_only_the_adapter_package_knows_an_engine():
    found = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        for what, pattern in _TIED.items():
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line} {what}: {m.group(0).strip()}")
    assert not found, "Engine-specific code outside macros/engines/:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scan is not blind: each pattern catches a line written the way it would be."""
    samples = {
        "imports mkdocs": "from mkdocs.plugins import BasePlugin\n",
        "names a Material CSS class": "x = '<div class=\"md-typeset\">'\n",
        "names the search worker's message format": "if message.type == 2: pass\n",
    }
    for what, line in samples.items():
        assert _TIED[what].search(line), what
    assert not _TIED["names a Material CSS class"].search("cmd-line and html-md-x")
    assert len(_modules()) > 40  # the scan covers the whole package, not a few files


def test_the_adapter_is_small():
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in ADAPTER.rglob("*.py"))
    assert lines <= 300, f"macros/engines/ has grown to {lines} lines: move engine-neutral code out of it"


# ------------------------------------------------------------------ the generated tree


@pytest.fixture(scope="module")
def tree(data):
    from macros.site.source_tree import tree_files

    return tree_files(data, ROOT)


def test_every_page_is_in_the_tree_rendered(tree, data):
    from macros.sitemap import all_pages

    for p in all_pages(data):
        text = tree[f"docs/{p.src}"]
        assert text.startswith("---\n") and "\ncrumbs:\n" in text, p.src
        body = text.split("\n---\n", 1)[1]
        assert "{{" not in body and "{%" not in body, f"{p.src}: a macro call was left unrendered"
        assert "<!-- guidance-page: " in body and 'class="page-about"' in body, p.src


def test_generated_configs_drop_what_the_engine_cannot_run(tree):
    import yaml

    mk = yaml.safe_load(tree["mkdocs.yml"])
    zen = yaml.safe_load(tree["zensical.yml"])
    names = [p if isinstance(p, str) else next(iter(p)) for p in mk["plugins"]]
    assert "macros" not in names and "guidance" in names
    assert [p if isinstance(p, str) else next(iter(p)) for p in zen["plugins"]] == ["search"]
    for cfg in (mk, zen):
        assert "macros.site.page_html" in cfg["markdown_extensions"][-2:]
        abbr = next(e["abbr"] for e in cfg["markdown_extensions"] if isinstance(e, dict) and "abbr" in e)
        assert abbr["glossary"]["MAPPA"].startswith("Multi-Agency Public Protection Arrangements")
        assert cfg["nav"] == mk["nav"]


def test_data_text_is_never_run_as_a_template(data):
    """A macro's output holding '{{' is kept as text: the page is rendered once, never again."""
    from macros.site.docs_render import render_docs_page

    out = render_docs_page(data, "index.md", "{{ site_version }} and {{ '{{ x }}' }}")
    assert out == f"{data.site.version} and {{{{ x }}}}"


def test_an_unknown_name_in_a_page_is_an_error(data):
    from macros.site.docs_render import PageError, render_docs_page

    with pytest.raises(PageError, match="docs/about.md.*no_such_macro"):
        render_docs_page(data, "about.md", "Text {{ no_such_macro() }}")


def test_unchanged_files_are_not_rewritten(data, tmp_path):
    from macros.site.source_tree import write_tree

    first = write_tree(data, ROOT, tmp_path)
    assert first.written and not first.removed
    stale = tmp_path / "docs" / "old-page.md"
    stale.write_text("gone", encoding="utf-8")
    again = write_tree(data, ROOT, tmp_path)
    assert again.written == [] and again.removed == ["docs/old-page.md"]


@pytest.mark.parametrize(("link", "src", "want"), [
    ("../../../id/MAPPA-ID-02/", "mappa/stages/identification.md", "../../id/MAPPA-ID-02/"),
    ("../../../downloads/checklists/x.csv", "mappa/stages/identification.md", "../../downloads/checklists/x.csv"),
    ("../../sources/#src-a", "tools/rm2000.md", "../sources/#src-a"),
    ("../rsvp/", "tools/rm2000.md", "rsvp/"),
    ("#steps", "tools/rm2000.md", "#steps"),
])
def test_zensical_gets_raw_html_links_relative_to_the_source(link, src, want):
    """Zensical resolves every relative link from the source file; MkDocs leaves raw HTML as written."""
    import posixpath

    from macros.engines.zensical_links import source_relative
    from macros.paths import page_url

    got = source_relative(link, src)
    assert got == want
    if not link.startswith("#"):  # both forms lead to the same place
        as_built = posixpath.normpath(posixpath.join(page_url(src), link.split("#")[0]))
        from_source = posixpath.normpath(posixpath.join(posixpath.dirname(src), got.split("#")[0]))
        assert as_built == from_source


def test_the_page_pass_runs_in_any_python_markdown():
    """The page-HTML pass is a plain Python-Markdown extension: notes numbered with the page id, the
    marker removed, tables marked, furniture kept out of search, one tooltip per word."""
    import markdown

    from macros.site.page_html import page_marker

    text = (page_marker("PAGE-X", "x.md") + "# Title\n\nA MAPPA fact ([Src, p 1](s.md#a){ .cite }). MAPPA again.\n\n"
            "| A | B |\n|---|---|\n| 1 | 2 |\n\n*[MAPPA]: Multi-Agency Public Protection Arrangements\n")
    out = markdown.markdown(text, extensions=["abbr", "attr_list", "tables", "macros.site.page_html"])
    assert "guidance-page" not in out
    assert 'id="note-page-x-1"' in out and 'class="note-ref" data-search-exclude' in out
    assert 'data-layout="stack"' in out and 'data-label="B"' in out
    assert out.count("<abbr") == 1
