"""A page's content HTML read as a reader hears it: one sentence or list item per line, in reading order.

Headings keep their Markdown marks (`## What it assesses`), quotations `> `, list items start `- ` (or `1. `), table cells
start `| ` with their column's name where the table gives one (`| Band: High`), and the status and basis
lines (`Basis: research finding`, the page's status and review lines) stand on lines of their own. Text
is split into sentences; a list item's or a cell's later sentences are indented under its first.
Furniture that is not words (section link marks, buttons, scripts) is left out. Used by
guidance/site/reader_text.py.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary", "caption", "figcaption",
    "pre", "div", "ul", "ol", "table", "tr", "thead", "tbody", "details", "blockquote", "section", "figure",
    "dl", "hr", "br", "text", "title", "desc", "nav", "aside", "header", "footer",
})
# inline elements that stand on a line of their own: the status and basis lines
_BLOCK_CLASSES = frozenset({"basis", "draft-notice", "page-status", "page-updated", "band-reading", "applies-now"})
_SKIP = frozenset({"script", "style", "button", "template"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"})
# a full stop after these is not the end of a sentence
_NO_END = frozenset({"e.g", "i.e", "para", "paras", "no", "dr", "st", "vs", "cf", "al", "etc", "mr", "mrs", "ms",
                     "p", "pp", "s", "ss", "ch", "sch", "art", "fig", "vol", "ed", "eds", "approx", "c"})
_END = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[A-Z0-9\"“‘(\[])")


def sentences(text: str) -> list[str]:
    """A block's text split into sentences (not after 'e.g.', 'para.', 'et al.' or an initial)."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        word = re.search(r"(\S+)[.!?]$", text[start:m.start()])
        last = word.group(1).lower() if word else ""
        if last in _NO_END or (len(last) == 1 and last.isalpha()):
            continue
        out.append(text[start:m.end(1)].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.prefix = ""
        self.skip = 0
        self.open: list[tuple[str, bool]] = []  # (tag, stands on its own line)
        self.lists: list[list] = []  # [kind, count] of each open list

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        self.buf.clear()
        if not text:
            return
        inside = sum(t in ("li", "td", "th") for t, _b in self.open)  # a later paragraph of an item or a cell
        first = self.prefix or "  " * inside
        indent = "  " * max(inside, 1) if self.prefix else first
        quote = "> " * sum(t == "blockquote" for t, _b in self.open)  # words quoted from a source
        for i, s in enumerate(sentences(text)):
            self.lines.append(quote + (first if i == 0 else indent) + s)
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if self.skip:
            self.skip += tag not in _VOID
            return
        # data-alt-layout: the same content drawn again for another screen width (the flow map's narrow
        # drawing, guidance/render/flow_map.py); a reader meets one of the two, so it is read once
        if tag in _SKIP or (tag == "a" and "headerlink" in classes) or "data-alt-layout" in a:
            self.skip = 1
            return
        block = tag in _BLOCKS or bool(classes & _BLOCK_CLASSES)
        if block:
            self.flush()
        if tag not in _VOID:
            self.open.append((tag, block))
        self._mark(tag, a)

    def _mark(self, tag: str, a: dict) -> None:
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            kind, depth = (self.lists[-1][0], len(self.lists)) if self.lists else ("ul", 1)
            if self.lists:
                self.lists[-1][1] += 1
            mark = f"{self.lists[-1][1]}. " if kind == "ol" and self.lists else "- "
            self.prefix = "  " * (depth - 1) + mark
        elif re.fullmatch(r"h[1-6]", tag):
            self.prefix = "#" * int(tag[1]) + " "
        elif tag in ("td", "th"):
            label = a.get("data-label")
            self.prefix = "| " + (f"{label}: " if label else "")
        elif tag == "img" and a.get("alt"):
            self.buf.append(f" {a['alt']} ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if not any(t == tag for t, _b in self.open):
            return  # a stray end tag
        while self.open:
            t, block = self.open.pop()
            if block:
                self.flush()
                self.prefix = ""
            if t in ("ul", "ol") and self.lists:
                self.lists.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buf.append(data)


def html_lines(html: str) -> list[str]:
    """The words of a page's content HTML, one sentence or list item per line."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.flush()
    return reader.lines
