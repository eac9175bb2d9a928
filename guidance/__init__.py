"""The generator of the guidance site, in layers (lowest first; each imports only from the layers before it).
The contract is import-linter's, in pyproject.toml; README.md ("How it is built") draws it.

- labels.py, public_url.py, theme.py: words, the public address's shape, the theme's names (import nothing);
- options.py one build's options (made by the command line, scripts/build_options.py; carried as data.options);
- data/      read data/*.yaml and docs/ front matter, validate (models, loader), the id register;
- paths.py   where every page lives and where every id points (the only place a path is spelled);
- downloads.py, sitemap.py: the files readers download; every page, hand-written or generated, with its metadata;
- checks/    checks that need page paths or the sitemap;
- render/    turn validated records into Markdown (data text is always escaped, never a template);
- site/      the page macros, the generated source tree, the page-HTML pass, the post-build step, exports,
             permanent links, print links, link check (engine-neutral);
- docs_check.py, generated_text.py: the editors' check of docs/ pages and of the generated sentences;
- engines/   the only package that knows a site engine (MkDocs with Material, Zensical); check.py: `make check`.
"""
