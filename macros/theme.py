"""What the theme (Material for MkDocs, and Zensical's copy of it) calls things in the built HTML.

Engine-neutral code asks here instead of spelling a theme class or file name itself. Names only: this module
imports nothing, so both site/ (the post-build passes) and engines/ read it from below (the layer contract in
pyproject.toml); tests/test_engines.py lets it, and no other module outside macros/engines/, spell them.
"""
from __future__ import annotations

from pathlib import Path

# the element that opens a page's content in the built HTML (both engines)
ARTICLE_OPEN = r'(<article class="md-content__inner md-typeset">)'

# each engine's search index, relative to the built site
SEARCH_INDEX = {"mkdocs": Path("search") / "search_index.json", "zensical": Path("search.json")}

# Zensical's search takes the reader's words as typed. docs/assets/site.js rewrites each query into
# lunr syntax (Material's search) by wrapping the search worker's postMessage; this script, loaded
# before site.js in the generated zensical.yml only, puts the worker's own postMessage back.
ZENSICAL_SEARCH_SHIM_PATH = "assets/engine-zensical.js"
ZENSICAL_SEARCH_SHIM = """/* Generated (macros/theme.py): Zensical build only. Query tidying in site.js is lunr syntax,
   which Zensical's search does not read: give the search worker its own postMessage back. */
(function () {
  if (!window.Worker || !Worker.prototype.postMessage) { return; }
  var own = Worker.prototype.postMessage;
  function restore() { Worker.prototype.postMessage = own; }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', restore); } else { setTimeout(restore, 0); }
})();
"""
