"""Tables that fit a phone: one pass over a page's HTML marks each table for the stylesheet.

- A record-like table (the default) gets `data-layout="stack"`; each body cell gets its column
  heading as `data-label`. Below 600 px the stylesheet shows each row as a card ("label: value"),
  with a cell that is nothing but a link to another page (the row's action) moved first.
- A wide comparison view, a table placed inside `<div class="wide-table">` (or the sortable tools
  comparison, `<div class="sortable-table">`), gets
  `data-layout="wide"`: it keeps its columns where the screen allows, scrolls sideways with the first
  column fixed and a visible cue before it on a mid-sized screen, and on a phone becomes one card per
  row headed by its first cell (each body cell gets its column heading as `data-label` here too).
The table keeps no class of its own, so the theme's table styles still apply.
"""
from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table\b(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
_TD = re.compile(r"<td\b(?P<attrs>[^>]*)>(?P<inner>.*?)</td>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_ONLY_LINK = re.compile(r'^\s*(?:<strong>)?\s*<a\b(?![^>]*class="cite")[^>]*href="(?!https?:|#)[^"]*"[^>]*>.*?</a>\s*(?:</strong>)?\s*$', re.S)
# a comparison view: inside <div class="wide-table"> (or the sortable tools comparison)
_WIDE_BEFORE = re.compile(r'<div\b[^>]*class="[^"]*\b(?:wide-table|sortable-table)\b[^"]*"[^>]*>\s*(?:<p>\s*</p>\s*)?$', re.S)

CUE = ('<p class="scroll-cue" data-search-exclude>This table is wide: swipe it sideways to see every column. '
       "The first column stays in place.</p>\n")


SHORT = 120  # characters: a cell this short shares its line with its label on a phone card


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def mark_tables(text: str) -> str:
    if "<table" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _TABLE.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        if "data-layout=" in m.group("attrs"):
            out.append(m.group(0))
            continue
        wide = bool(_WIDE_BEFORE.search(text[max(0, m.start() - 300):m.start()]))
        heads = [_text(h) for h in _TH.findall(m.group("body"))]
        if wide:
            # short cells (counts, a status) sit side by side on a phone card: "Status: answered · MAPPA guidance: 17 pages"
            compact = ' data-compact="1"' if _short_cells(m.group("body")) else ""
            out.append(CUE + f'<table{m.group("attrs")} data-layout="wide"{compact}>{_label_rows(m.group("body"), heads)}</table>')
            continue
        cols = f' data-cols="{len(heads)}"' if len(heads) == 2 else ""  # a two-column table reads "label: value"
        out.append(f'<table{m.group("attrs")} data-layout="stack"{cols}>{_label_rows(m.group("body"), heads)}</table>')
    out.append(text[pos:])
    return "".join(out)


def _short_cells(body: str, limit: int = 30) -> bool:
    """True when every body cell after the first holds a short text."""
    rows = [_TD.findall(rm.group(2)) for rm in _ROW.finditer(body)]
    cells = [_text(c[1]) for r in rows for c in r[1:]]
    return bool(cells) and all(len(c) <= limit for c in cells)


def _label_rows(body: str, heads: list[str]) -> str:
    def row(rm: re.Match) -> str:
        col = 0

        def cell(cm: re.Match) -> str:
            nonlocal col
            label = heads[col] if col < len(heads) else ""
            first = col == 0
            col += 1
            attrs = cm.group("attrs")
            extra = f' data-label="{html.escape(label, quote=True)}"' if label else ""
            if not first and _ONLY_LINK.match(cm.group("inner")):
                extra += ' data-cell="action"'
            if not _text(cm.group("inner")):
                extra += ' data-cell="empty"'
            elif not first and label and len(_text(cm.group("inner"))) <= SHORT:
                extra += " data-short"  # on a phone card the label runs on: "Who: Meeting chair"
            return f"<td{attrs}{extra}>{cm.group('inner')}</td>"

        return rm.group(1) + _TD.sub(cell, rm.group(2)) + rm.group(3)

    return _ROW.sub(row, body)
