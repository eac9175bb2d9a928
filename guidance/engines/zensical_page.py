"""Zensical: the page-HTML pass told which page Zensical converts.

Zensical converts each page with a Markdown instance of its own, and hands it the page (its URL, its source
path and its front matter) through its context extension. This Markdown extension (listed only in the
generated zensical.yml) reads that page before any other step runs and names it to the page-HTML pass
(guidance/site/page_html.py `set_page`): the front matter `id` for the source notes' anchors, the source
path for the raw-HTML link rewrite (guidance/engines/zensical_links.py). The name stays until the next page
is read: the postprocessors run more than once per page (the table of contents runs them on each heading),
so no postprocessor can tell that a page is done.
"""
from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor
from zensical.extensions.context import ContextPreprocessor

from ..site.page_html import page_ref, set_page


class _Name(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        context = ContextPreprocessor.from_markdown(self.md)
        page = context.page if context is not None else None
        set_page(page_ref(page.meta.get("id"), page.path) if page is not None else None)
        return lines


class ZensicalPage(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_Name(md), "guidance_zensical_page", 1000)  # first of all


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return ZensicalPage(**kwargs)
