"""Tables that fit a phone: one pass over a page's element tree marks each table for the stylesheet.

- A record-like table (the default) gets `data-layout="stack"`; each body cell gets its column
  heading as `data-label`. Below 600 px the stylesheet shows each row as a card ("label: value"),
  with a cell that is nothing but a link to another page (the row's action) moved first.
- A wide comparison view, a table placed inside `<div class="wide-table">` (or the sortable tools
  comparison, `<div class="sortable-table">`), gets
  `data-layout="wide"`: it keeps its columns where the screen allows, scrolls sideways with the first
  column fixed and a visible cue before it on a mid-sized screen, and on a phone becomes one card per
  row headed by its first cell (each body cell gets its column heading as `data-label` here too).
The table keeps no class of its own, so the theme's table styles still apply.

The pass runs on the tree Python-Markdown builds (guidance/site/page_html.py registers it), after the source
notes, so a cell's length counts its note numbers, not its citations' words.
"""
from __future__ import annotations

from typing import Protocol
from xml.etree.ElementTree import Element

CUE = "This table is wide: swipe it sideways to see every column. The first column stays in place."
WIDE = ("wide-table", "sortable-table")  # a comparison view: a table inside <div class="wide-table"> (or the tools')
SHORT = 120  # characters: a cell this short shares its line with its label on a phone card
COMPACT = 30  # characters: a comparison whose every cell after the first is this short sets them side by side


class Text(Protocol):
    """Reads the tree's raw-HTML placeholders back (guidance/site/page_html.py `PageText`)."""

    def text_of(self, el: Element) -> str: ...  # an element's words
    def element(self, el: Element) -> Element: ...  # the element with its raw HTML read as elements


def mark_tables(root: Element, text: Text) -> None:
    """Mark every table of the page for the stylesheet (the tree is changed in place)."""
    parents = {c: p for p in root.iter() for c in p}
    for table in list(root.iter("table")):
        if "data-layout" in table.attrib:
            continue
        heads = [_words(th, text) for th in table.iter("th")]
        holder = parents.get(table)
        if holder is not None and _wide(holder, table):
            # short cells (counts, a status) sit side by side on a phone card: "Status: answered · MAPPA guidance: 17 pages"
            table.set("data-layout", "wide")
            if _short_cells(table, text):
                table.set("data-compact", "1")
            cue = Element("p", {"class": "scroll-cue", "data-search-exclude": None})
            cue.text, cue.tail = CUE, "\n"
            holder.insert(list(holder).index(table), cue)
        else:
            table.set("data-layout", "stack")
            if len(heads) == 2:
                table.set("data-cols", "2")  # a two-column table reads "label: value"
        for row in table.iter("tr"):
            _label_row(row, heads, text)


def _words(el: Element, text: Text) -> str:
    return " ".join(text.text_of(el).split())


def _wide(holder: Element, table: Element) -> bool:
    """True when the table opens a comparison view (nothing before it in the div but an empty paragraph)."""
    if holder.tag != "div" or not set(holder.get("class", "").split()) & set(WIDE) or (holder.text or "").strip():
        return False
    before = list(holder)[:list(holder).index(table)]
    if len(before) != 1:
        return not before
    p = before[0]
    return p.tag == "p" and not len(p) and not (p.text or "").strip() and not (p.tail or "").strip()


def _short_cells(table: Element, text: Text) -> bool:
    """True when every body cell after the first of its row holds a short text."""
    cells = [_words(td, text) for row in table.iter("tr") for td in row.findall("td")[1:]]
    return bool(cells) and all(len(c) <= COMPACT for c in cells)


def _only_link(cell: Element) -> bool:
    """True when the cell holds nothing but one link to a page of this site (perhaps in bold): the row's action."""
    el = cell
    for _ in range(2):
        if (el.text or "").strip() or len(el) != 1 or (el[0].tail or "").strip():
            return False
        el = el[0]
        if el.tag == "a":
            href = el.get("href")
            return href is not None and el.get("class") != "cite" and not href.startswith(("http:", "https:", "#"))
        if el.tag != "strong":
            return False
    return False


def _label_row(row: Element, heads: list[str], text: Text) -> None:
    for col, td in enumerate(row.findall("td")):
        label = heads[col] if col < len(heads) else ""
        if label:
            td.set("data-label", label)
        if col and _only_link(text.element(td)):
            td.set("data-cell", "action")
        words = _words(td, text)
        if not words:
            td.set("data-cell", "empty")
        elif col and label and len(words) <= SHORT:
            td.set("data-short", None)  # on a phone card the label runs on: "Who: Meeting chair"
