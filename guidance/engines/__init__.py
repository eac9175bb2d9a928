"""The engine adapters: the only package under guidance/ that knows a site engine (MkDocs with Material,
Zensical). The theme's names are data in guidance/theme.py, below site/ and engines/. Everything else in guidance/ is engine-neutral (tests/test_engines.py scans for it).

- `mkdocs_plugin`: the MkDocs plugin `guidance` (active navigation section of a page outside the
  navigation, the description escaped for the theme, the post-build step under `mkdocs serve`);
- `zensical_page`: the page Zensical converts (front matter `id`, source path), named to the page-HTML pass;
- `zensical_links`: raw-HTML links made relative to the source file, as Zensical resolves them;
- `run`: how each engine builds and serves the generated tree;
- `output/`: what runs on the folder an engine built (the post-build step, permanent links, search index, kept
  editions), engine-neutral itself (it imports no engine and no adapter; pyproject.toml, `engines-output`).
"""
