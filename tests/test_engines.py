"""One generator, any engine (issue #23): only guidance/engines/ knows MkDocs or the Material theme;
the generated tree and the page-HTML pass are engine-neutral."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADAPTER = ROOT / "guidance" / "engines"

# what ties code to an engine: importing MkDocs, mkdocs-macros, Material or Zensical (in any spelling: `from`,
# `import os, mkdocs`, importlib.import_module("mkdocs..."), __import__), a Material CSS class, or the theme's
# search worker's message format. The theme's names are data, kept in guidance/theme.py (below site/ and engines/,
# so both read them); the offline pack still names Material's index, as it packs a Material build.
_ENGINE = r"(?:mkdocs|mkdocs_macros|material|zensical)\b"
_TIED = {
    "imports mkdocs": re.compile(
        rf"^\s*(?:from\s+{_ENGINE}|import\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*{_ENGINE})"
        rf"|\b(?:import_module|__import__)\(\s*[\"']{_ENGINE}", re.M),
    "names a Material CSS class": re.compile(r"""(?<![\w-])md-[a-z][\w-]*"""),
    "names the search worker's message format": re.compile(r"\bpostMessage\b|message\.type"),
}
THEME_NAMES = ROOT / "guidance" / "theme.py"
# scripts that may name an engine, and why
SCRIPTS_ALLOWED = {
    # times plain MkDocs on the same pages (the baseline of `make bench`) and types into the theme's search box
    "scripts/bench.py": {"imports mkdocs"},
    "scripts/bench_site.py": {"names a Material CSS class"},
}


def _adapters() -> list[Path]:
    """The adapters: the modules of guidance/engines/ itself; its output/ (what runs on the built folder) is engine-neutral."""
    return sorted(ADAPTER.glob("*.py"))


def _modules():
    return sorted(p for p in (ROOT / "guidance").rglob("*.py") if p not in _adapters() and p != THEME_NAMES)


def _scripts():
    return sorted((ROOT / "scripts").rglob("*.py"))


def _tied(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    rel = path.relative_to(ROOT).as_posix()
    found = []
    for what, pattern in _TIED.items():
        if what in SCRIPTS_ALLOWED.get(rel, ()):
            continue
        for m in pattern.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.append(f"{rel}:{line} {what}: {m.group(0).strip()}")
    return found


def test_only_the_adapter_package_knows_an_engine():
    found = [f for path in _modules() for f in _tied(path)]
    assert not found, "Engine-specific code outside guidance/engines/:\n" + "\n".join(found)


def test_scripts_leave_engines_to_the_adapter_package():
    """The command-line layer calls guidance.engines; it never imports an engine itself (bench's baseline aside)."""
    found = [f for path in _scripts() for f in _tied(path)]
    assert not found, "Engine-specific code in scripts/:\n" + "\n".join(found)


def test_theme_names_are_names_only():
    """guidance/theme.py may spell the theme's names, but imports nothing: no engine, no other module."""
    text = THEME_NAMES.read_text(encoding="utf-8")
    assert not _TIED["imports mkdocs"].search(text)
    assert re.findall(r"(?m)^(?:from|import) (\S+)", text) == ["__future__", "pathlib"]


@pytest.mark.parametrize("line", [
    "from mkdocs.plugins import BasePlugin\n",
    "import mkdocs\n",
    "import os, mkdocs\n",
    "import os as o, material.plugins\n",
    "    import zensical\n",
    "m = importlib.import_module(\"mkdocs.config\")\n",
    "m = importlib.import_module('material')\n",
    "m = __import__('zensical')\n",
])
def test_the_scan_finds_every_way_to_import_an_engine(line):
    assert _TIED["imports mkdocs"].search(line), line


def test_the_scan_finds_what_it_looks_for():
    """The scan is not blind: each pattern catches a line written the way it would be."""
    samples = {
        "names a Material CSS class": "x = '<div class=\"md-typeset\">'\n",
        "names the search worker's message format": "if message.type == 2: pass\n",
    }
    for what, line in samples.items():
        assert _TIED[what].search(line), what
    assert not _TIED["names a Material CSS class"].search("cmd-line and html-md-x")
    assert not _TIED["imports mkdocs"].search("import os, mkdocsish\nfrom materials import x\n# see mkdocs.yml\n")
    assert len(_modules()) > 40 and len(_scripts()) > 10  # the scan covers the whole package and scripts/
    assert ADAPTER / "output" / "postbuild.py" in _modules()  # what runs on the engine's output is scanned too


def test_the_adapter_is_small():
    """Engine code stays a thin layer. 560 lines: the two engines' page naming and link fix, MkDocs' plugin, and
    the dirty rebuild of `make serve` (mkdocs_dirty.py, which keeps MkDocs' own objects between rebuilds;
    mkdocs_live.py, MkDocs' live server inside `make serve`'s process with its configuration, not_in_nav and
    theme listing kept between rebuilds, issue #30)."""
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in _adapters())
    assert lines <= 560, f"guidance/engines/ has grown to {lines} lines: move engine-neutral code out of it"


# ------------------------------------------------------------------ the generated tree


@pytest.fixture(scope="module")
def tree(data):
    from guidance.site.source_tree import tree_files

    return tree_files(data, ROOT)


def test_every_page_is_in_the_tree_rendered(tree, data):
    from guidance.sitemap import all_pages

    for p in all_pages(data):
        text = tree[f"docs/{p.src}"]
        assert text.startswith("---\n") and "\ncrumbs:\n" in text, p.src
        body = text.split("\n---\n", 1)[1]
        assert "{{" not in body and "{%" not in body, f"{p.src}: a macro call was left unrendered"
        assert 'class="page-about"' in body, p.src


def test_each_page_is_named_by_its_front_matter_not_by_a_comment(tree, data):
    """Which page a Markdown file is lives in its front matter (`id`), which every engine hands to the
    page-HTML pass; no page carries an HTML comment naming it (the old `<!-- guidance-page: ID SRC -->`)."""
    import yaml

    from guidance.sitemap import all_pages

    pages = all_pages(data)
    assert len(pages) > 100
    for p in pages:
        front, body = tree[f"docs/{p.src}"].removeprefix("---\n").split("\n---\n", 1)
        assert str(yaml.safe_load(front)["id"]) == p.id, p.src
        comments = re.findall(r"<!--(.*?)-->", body, re.S)
        assert not [c for c in comments if "guidance-page" in c or p.id in c or p.src in c], (p.src, comments)


def test_generated_configs_drop_what_the_engine_cannot_run(tree):
    import yaml

    mk = yaml.safe_load(tree["mkdocs.yml"])
    zen = yaml.safe_load(tree["zensical.yml"])
    names = [p if isinstance(p, str) else next(iter(p)) for p in mk["plugins"]]
    assert "macros" not in names and "guidance" in names
    assert [p if isinstance(p, str) else next(iter(p)) for p in zen["plugins"]] == ["search"]
    for cfg in (mk, zen):
        assert "guidance.site.page_html" in cfg["markdown_extensions"][-2:]
        # the adapter that names the page being converted to the page pass: MkDocs' is the plugin
        assert ("guidance.engines.zensical_page" in cfg["markdown_extensions"]) == (cfg is zen)
        abbr = next(e["abbr"] for e in cfg["markdown_extensions"] if isinstance(e, dict) and "abbr" in e)
        assert abbr["glossary"]["MAPPA"].startswith("Multi-Agency Public Protection Arrangements")
        assert cfg["nav"] == mk["nav"]


def test_data_text_is_never_run_as_a_template(data):
    """A macro's output holding '{{' is kept as text: the page is rendered once, never again."""
    from guidance.site.docs_render import render_docs_page

    out = render_docs_page(data, "index.md", "{{ site_version }} and {{ '{{ x }}' }}")
    assert out == f"{data.site.version} and {{{{ x }}}}"


def test_an_unknown_name_in_a_page_is_an_error(data):
    from guidance.site.docs_render import PageError, render_docs_page

    with pytest.raises(PageError, match="docs/about.md.*no_such_macro"):
        render_docs_page(data, "about.md", "Text {{ no_such_macro() }}")


def test_unchanged_files_are_not_rewritten(data, tmp_path):
    from guidance.site.source_tree import write_tree

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

    from guidance.engines.zensical_links import source_relative
    from guidance.paths import page_url

    got = source_relative(link, src)
    assert got == want
    if not link.startswith("#"):  # both forms lead to the same place
        as_built = posixpath.normpath(posixpath.join(page_url(src), link.split("#")[0]))
        from_source = posixpath.normpath(posixpath.join(posixpath.dirname(src), got.split("#")[0]))
        assert as_built == from_source


_PAGE_TEXT = ("# Title\n\nA MAPPA fact ([Src, p 1](s.md#a){ .cite }). MAPPA again.\n\n"
              "| A | B |\n|---|---|\n| 1 | 2 |\n\n*[MAPPA]: Multi-Agency Public Protection Arrangements\n")
_PAGE_EXTENSIONS = ["abbr", "attr_list", "tables", "toc", "guidance.site.page_html"]


def test_the_page_pass_runs_in_any_python_markdown():
    """The page-HTML pass is a plain Python-Markdown extension: notes numbered with the id of the page
    being converted, tables marked, furniture kept out of search, one tooltip per word."""
    import markdown

    from guidance.site.page_html import converting, current_page, page_ref

    with converting(page_ref("PAGE-X", "x.md")):
        out = markdown.markdown(_PAGE_TEXT, extensions=_PAGE_EXTENSIONS)
    assert current_page() is None  # named for the conversion only
    assert 'id="note-page-x-1"' in out and 'class="note-ref" data-search-exclude' in out
    assert 'data-layout="stack"' in out and 'data-label="B"' in out
    assert out.count("<abbr") == 1


def test_a_conversion_naming_no_page_still_works():
    """A stray conversion (no page named) numbers its notes under the id "page"; a page with no front matter
    id is named by its source path; a page named in one thread is not seen by a conversion in another."""
    import threading

    import markdown

    from guidance.site.page_html import converting, page_ref

    assert 'id="note-page-1"' in markdown.markdown(_PAGE_TEXT, extensions=_PAGE_EXTENSIONS)
    assert page_ref(None, "tools/rm2000.md").id == "tools-rm2000.md"
    seen = []
    with converting(page_ref("PAGE-X", "x.md")):
        worker = threading.Thread(target=lambda: seen.append(markdown.markdown(_PAGE_TEXT, extensions=_PAGE_EXTENSIONS)))
        worker.start()
        worker.join()
        here = markdown.markdown(_PAGE_TEXT, extensions=_PAGE_EXTENSIONS)
    assert 'id="note-page-1"' in seen[0] and 'id="note-page-x-1"' in here
