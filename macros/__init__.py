"""The generator of the guidance site, in layers (each imports only from the layers above it):

- data/      read data/*.yaml and docs/ front matter, validate (models, loader), the id register;
- paths.py   where every page lives and where every id points (the only place a path is spelled);
- sitemap.py every page, hand-written or generated, with its metadata;
- render/    turn validated records into Markdown (data text is always escaped, never a template);
- site/      the page macros, the generated source tree, the page-HTML pass, the post-build step, exports,
             permanent links, print links, link check (engine-neutral);
- engines/   the only package that knows a site engine (MkDocs with Material, Zensical).
"""
