"""Site data layer and renderers for the high-risk offender guidance site.

Modules:
- yamlio: safe YAML loading that rejects duplicate keys and keeps line numbers.
- models: typed pydantic models for every kind of record in data/.
- loader: loads data/ and page front matter, validates, checks references, reports all errors.
- render_*: turn validated records into Markdown/HTML (data text is always escaped).
- main: the mkdocs-macros entry point (macros for hand-written pages).
- hooks: the MkDocs hooks (generated pages, recommendation banners, exports, permalinks).
"""
