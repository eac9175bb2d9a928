"""The page-HTML pass, as a Python-Markdown extension that every engine loads (`markdown_extensions:`).

It runs last on each page's converted HTML (the page content only, never the theme around it), in
the same order the MkDocs plugin used: numbered source notes, tables marked for phones, furniture
marked `data-search-exclude` (before the engine indexes the page, so furniture stays out of search),
and abbreviation tooltips on first use only. The generator writes the page id as the first line of
each page (`page_marker`); it is read here and removed.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

from .abbr_first import first_use_only
from .phone_tables import mark_tables
from .search_index import mark_furniture
from .source_notes import number_sources

_MARK = re.compile(r"<!-- guidance-page: (?P<id>\S*?) (?P<src>\S*?) -->\n?")


def page_marker(page_id: str, src: str) -> str:
    """The first line of a generated page: which page this is (its id and its source path)."""
    clean = re.sub(r"[^A-Za-z0-9_.-]", "-", page_id)
    return f"<!-- guidance-page: {clean} {re.sub(r'[^A-Za-z0-9_./-]', '-', src)} -->\n\n"


def marked_source(text: str) -> str | None:
    """The source path named by the page marker in text, if any."""
    m = _MARK.search(text)
    return m.group("src") if m else None


def page_html(text: str) -> str:
    """One page's content HTML, finished: notes, phone tables, furniture, first-use tooltips."""
    m = _MARK.search(text)
    page_id = m.group("id") if m else "page"
    if m:
        text = text[:m.start()] + text[m.end():]
    text = mark_tables(number_sources(text, page_id))
    text = mark_furniture(text)
    return first_use_only(text)


class _PagePass(Postprocessor):
    def run(self, text: str) -> str:
        return page_html(text)


class GuidancePageExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(_PagePass(md), "guidance_page", 1)  # after raw HTML (30) and the rest


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return GuidancePageExtension(**kwargs)
