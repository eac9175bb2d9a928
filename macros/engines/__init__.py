"""The engine adapters: the only package under macros/ that knows a site engine (MkDocs with Material,
Zensical). Everything else in macros/ is engine-neutral (tests/test_engines.py scans for it).

- `mkdocs_plugin`: the MkDocs plugin `guidance` (active navigation section of a page outside the
  navigation, the description escaped for the theme, the post-build step under `mkdocs serve`);
- `theme`: what the shared Material/Zensical theme calls things in the built HTML and the search index.
- `run`: how each engine is started on the generated tree.
"""
