"""The page-HTML pass, as a Python-Markdown extension that every engine loads (`markdown_extensions:`).

It finishes each page's content (never the theme around it) on the element tree Python-Markdown builds
(a treeprocessor, registered after every tree step of Python-Markdown, its extensions and the engines:
abbreviations at 7, table of contents at 5, MkDocs' links at 0): numbered source notes (source_notes.py),
tables marked for phones (phone_tables.py), abbreviation tooltips on first use only (abbr_first.py), and
the furniture Python-Markdown makes marked `data-search-exclude` (page_search.py; before the engine indexes
the page, so furniture stays out of search), in that order. Raw HTML waits in the tree as placeholders
until the postprocessors put it back; `PageText` reads it back where a pass needs its words or its links.
The furniture the renderers write as raw HTML they mark themselves (page_search.py).

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
from html.parser import HTMLParser
from xml.etree.ElementTree import Element, TreeBuilder

from markdown import Extension, Markdown
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

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


class _Words(HTMLParser):
    """The words of a fragment of raw HTML (its tags dropped, its character references read)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words.append(data)


class _Tree(HTMLParser):
    """A fragment of HTML read into elements (void elements closed at once)."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = TreeBuilder()
        self.builder.start(tag, {})

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.builder.start(tag, {k: v for k, v in attrs})
        if tag in self.VOID:
            self.builder.end(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data)

    def element(self, tag: str) -> Element:
        self.close()
        self.builder.end(tag)
        return self.builder.close()


class PageText:
    """An element's words and a fragment's HTML, with Python-Markdown's raw-HTML placeholders read back.

    Raw HTML in a page (an inline tag, a character reference, a block without `markdown`) waits in the
    tree as a placeholder until the postprocessors put it back; here a placeholder counts as its words."""

    def __init__(self, md: Markdown | None = None) -> None:
        self.stash = md.htmlStash.rawHtmlBlocks if md is not None else []  # None: a tree built by hand, no raw HTML

    def _raw(self, index: int) -> str | Element:
        return self.stash[index] if index < len(self.stash) else ""

    def resolve(self, text: str) -> str:
        """The text with each placeholder replaced by the raw HTML it stands for."""
        def back(m) -> str:
            raw = self._raw(int(m.group(1)))
            return raw if isinstance(raw, str) else ""
        return HTML_PLACEHOLDER_RE.sub(back, text)

    def words(self, text: str) -> str:
        """The text with each placeholder replaced by the words of the raw HTML it stands for."""
        def back(m) -> str:
            raw = self._raw(int(m.group(1)))
            if not isinstance(raw, str):
                return self.text_of(raw)
            parser = _Words()
            parser.feed(raw)
            parser.close()
            return "".join(parser.words)
        return HTML_PLACEHOLDER_RE.sub(back, text) if "\x02" in text else text

    def text_of(self, el: Element) -> str:
        """The words of an element and everything in it (not its tail)."""
        return self.words("".join(el.itertext()))

    def element(self, el: Element) -> Element:
        """The element itself, or (when raw HTML waits in it) a copy with that HTML read as elements."""
        inner = (el.text or "") + "".join(to_html_string(c) for c in el)
        if "\x02" not in inner:
            return el
        parser = _Tree(el.tag)
        parser.feed(self.resolve(inner))
        return parser.element(el.tag)


class _PageTree(Treeprocessor):
    """The passes on the element tree: numbered source notes, tables marked for phones, first-use tooltips,
    furniture marked out of search."""

    def run(self, root: Element) -> None:
        page = current_page()
        text = PageText(self.md)
        number_sources(root, page.id if page else "page", text)
        mark_tables(root, text)
        first_use_only(root)
        mark_furniture(root, text)


class GuidancePageExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # after every tree step of Python-Markdown, its extensions and the engines (MkDocs' links at 0)
        md.treeprocessors.register(_PageTree(md), "guidance_page_tree", -10)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return GuidancePageExtension(**kwargs)
