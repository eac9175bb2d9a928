"""What the theme (Material for MkDocs, and Zensical's copy of it) calls things in the built HTML.

Engine-neutral code asks here instead of spelling a theme class or file name itself.
"""
from __future__ import annotations

from pathlib import Path

# the element that opens a page's content in the built HTML (both engines)
ARTICLE_OPEN = r'(<article class="md-content__inner md-typeset">)'

# each engine's search index, relative to the built site
SEARCH_INDEX = {"mkdocs": Path("search") / "search_index.json", "zensical": Path("search.json")}
