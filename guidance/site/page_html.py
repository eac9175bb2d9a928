"""The page-HTML pass, as a Python-Markdown extension that every engine loads (`markdown_extensions:`).

It runs last on each page's converted HTML (the page content only, never the theme around it), in
the same order the MkDocs plugin used: numbered source notes, tables marked for phones, furniture
marked `data-search-exclude` (before the engine indexes the page, so furniture stays out of search),
and abbreviation tooltips on first use only.

The source notes' anchors (`note-<page id>-N`) need the page being converted. Its identity is its front
matter (`id`, and its source path), which the Markdown being converted does not carry, so whoever
converts a page names it first (`set_page`): the MkDocs plugin and the Zensical extension
(guidance/engines/) from the engine's own page, the reader text (guidance/site/reader_text.py) for each
page it reads. The name is kept per thread of execution (a context variable), so pages converted side by
side never see each other's. A conversion with no page named still works, with the id "page".
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from markdown import Extension
from markdown.postprocessors import Postprocessor

from .abbr_first import first_use_only
from .page_search import mark_furniture
from .phone_tables import mark_tables
from .source_notes import number_sources


@dataclass(frozen=True)
class PageRef:
    """The page being converted: its id (as it appears in HTML ids) and its source path under docs/."""

    id: str
    src: str


_PAGE: ContextVar[PageRef | None] = ContextVar("guidance_page", default=None)


def page_ref(page_id: object, src: str) -> PageRef:
    """A page's identity from its front matter `id` (its source path when it has none) and source path."""
    return PageRef(re.sub(r"[^A-Za-z0-9_.-]", "-", str(page_id or src)), src)


def set_page(page: PageRef | None) -> None:
    """Name the page the following conversions belong to (None: no page, as for a stray conversion)."""
    _PAGE.set(page)


def current_page() -> PageRef | None:
    """The page being converted, as last named by `set_page` (None when none is)."""
    return _PAGE.get()


@contextmanager
def converting(page: PageRef):
    """Name the page for the conversions inside the `with` block, and the page named before after it."""
    token = _PAGE.set(page)
    try:
        yield page
    finally:
        _PAGE.reset(token)


def page_html(text: str) -> str:
    """One page's content HTML, finished: notes, phone tables, furniture, first-use tooltips."""
    page = current_page()
    text = mark_tables(number_sources(text, page.id if page else "page"))
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
