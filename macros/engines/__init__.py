"""The engine adapters: the only package under macros/ that knows a site engine (MkDocs with Material,
Zensical). Everything else in macros/ is engine-neutral (tests/test_engines.py scans for it).

- `mkdocs_plugin`: the MkDocs plugin `guidance` (active navigation section of a page outside the
  navigation, the description escaped for the theme, the post-build step under `mkdocs serve`);
- `zensical_links`: raw-HTML links made relative to the source file, as Zensical resolves them;
- `theme`: what the shared Material/Zensical theme calls things in the built HTML and the search index,
  and the script that switches site.js's lunr query tidying off under Zensical;
- `run`: how each engine builds and serves the generated tree.
"""
