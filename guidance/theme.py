"""What the theme (Material for MkDocs, and Zensical's copy of it) calls things in the built HTML.

Engine-neutral code asks here instead of spelling a theme class or file name itself. Names only: this module
imports nothing, so both site/ (the post-build passes) and engines/ read it from below (the layer contract in
pyproject.toml); tests/test_engines.py lets it, and no other module outside guidance/engines/, spell them.
"""
from __future__ import annotations

from pathlib import Path

# the element that opens a page's content in the built HTML (both engines)
ARTICLE_OPEN = r'(<article class="md-content__inner md-typeset">)'

# the page's content wrapper and article, as the theme writes them (the whole-guidance PDF rebuilds them)
CONTENT_OPEN = '<div class="md-content{extra}"{attrs}><article class="md-content__inner md-typeset">'
TYPESET = "md-typeset"
# the theme's page furniture that means nothing on paper
THEME_FURNITURE = ".md-content__button, .md-source-file"

# each engine's search index, relative to the built site
SEARCH_INDEX = {"mkdocs": Path("search") / "search_index.json", "zensical": Path("search.json")}

# Zensical's search reads titles and text and wants every word. docs/assets/site.js rewrites each query into
# lunr syntax for Material's search; this script, loaded before site.js in the generated zensical.yml only, asks
# it for plain words instead (small words dropped, readers' phrases and ids replaced by the title they name).
ZENSICAL_SEARCH_SHIM_PATH = "assets/engine-zensical.js"
# ranks the index itself, with its keys, best bets and boosts (site.js answers the theme's queries with it)
ZENSICAL_SEARCH_RANKED_PATH = "assets/search-ranked.js"
ZENSICAL_SEARCH_SHIM = """/* Generated (guidance/theme.py): Zensical build only. Its search reads titles and text and wants
   every word: site.js gives it plain words, not lunr syntax. */
window.__plainSearch = true;
"""
