"""Sources as numbered notes: one pass over a page's HTML turns citation links into superscript
note numbers and lists the sources at the foot of the page.

Citations reach the HTML as `<a class="cite" href="…/sources/#src-…">Title, page 5</a>` (render/common.py
`cite_ref`, used by generated and hand-written pages alike). Here:
- a bracketed run of citations, "(A; B)", becomes a superscript "1,2" after the word before it;
- every citation in a table cell becomes a note number too, so no cell holds a source link;
- an unbracketed run outside tables (a "Sources:" line) stays a list of links: it already is one.
The same source (same title and place) keeps one number on the page. The list of notes is placed
before the page's "About this page" panel, or at the end. Note ids carry the page id, so the print
page, which joins every page, keeps them unique.
"""
from __future__ import annotations

import html
import re

_CITE = r'<a\b[^>]*\bclass="cite"[^>]*>.*?</a>'
_RUN = re.compile(rf"(?P<open>\(\s*)?(?P<run>{_CITE}(?:\s*;\s*{_CITE})*)(?P<close>\s*\))?", re.S)
_ONE = re.compile(r'<a\b(?P<attrs>[^>]*\bclass="cite"[^>]*)>(?P<label>.*?)</a>', re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')
_CELL = re.compile(r"<(td|th)\b[^>]*>.*?</\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# an id badge (`<code>`, perhaps inside its link) just before a citation run
_AFTER_ID = re.compile(r"</code>(?:</a>)?\s*(?:\(\s*)?$")
FOOT_MARK = '<details class="page-about"'


def _slug(page_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", page_id.lower()).strip("-") or "page"


def number_sources(text: str, page_id: str) -> str:  # long: one pass over the page's note marks, kept whole
    """Return the page HTML with numbered source notes (unchanged when it cites nothing)."""
    if 'class="cite"' not in text:
        return text
    prefix = f"note-{_slug(page_id)}-"
    cells = [(m.start(), m.end()) for m in _CELL.finditer(text)]
    notes: dict[tuple[str, str], int] = {}
    entries: list[tuple[str, str]] = []

    def in_cell(pos: int) -> bool:
        return any(a <= pos < b for a, b in cells)

    def number(href: str, label: str) -> int:
        key = (href, label)
        if key not in notes:
            notes[key] = len(notes) + 1
            entries.append(key)
        return notes[key]

    def replace(m: re.Match) -> str:
        bracketed = bool(m.group("open") and m.group("close"))
        if not bracketed and not in_cell(m.start("run")):
            return m.group(0)
        nums: list[int] = []
        for one in _ONE.finditer(m.group("run")):
            href = html.unescape(_HREF.search(one.group("attrs")).group(1))
            n = number(href, one.group("label").strip())
            if n not in nums:
                nums.append(n)
        nums.sort()
        refs = ",".join(
            f'<a href="#{prefix}{n}" title="{html.escape(_plain(entries[n - 1][1]), quote=True)}">{n}</a>' for n in nums
        )
        sup = f'<sup class="note-ref" data-search-exclude>{refs}</sup>'
        if _runs_on(text, m.start()):
            # after an id badge ("RAS-05") or a number ("2022") the note would read as part of it: keep a
            # space, and say 'source' to a screen reader and in the page's text
            word = "sources" if len(nums) > 1 else "source"
            space = "" if text[m.start() - 1:m.start()].isspace() else " "
            sup = (f'{space}<sup class="note-ref note-after-id" data-search-exclude><span class="visually-hidden">{word} '
                   f"</span>{refs}</sup>")
        # a lone bracket that does not close the run is ordinary text: keep it
        before = m.group("open") if m.group("open") and not bracketed else ""
        after = m.group("close") if m.group("close") and not bracketed else ""
        return before + sup + after

    out = _RUN.sub(replace, text)
    if not entries:
        return out
    items = "".join(
        f'<li id="{prefix}{i}"><a class="cite" href="{html.escape(href, quote=True)}">{label}</a></li>'
        for i, (href, label) in enumerate(entries, start=1)
    )
    block = (
        f'<section class="source-notes" data-search-exclude aria-labelledby="{prefix}head">'
        f'<h2 id="{prefix}head">Sources for this page</h2><ol>{items}</ol></section>\n'
    )
    # a word followed by a space and then the note number: pull the number up to the word
    out = re.sub(r'\s+(<sup class="note-ref")', r"\1", out)
    at = out.find(FOOT_MARK)
    return out + block if at < 0 else out[:at] + block + out[at:]


def _runs_on(text: str, at: int) -> bool:
    """True when a note number placed at `at` would run on from an id badge or a number before it."""
    before = text[max(0, at - 300):at]
    if _AFTER_ID.search(before):
        return True
    words = _plain(before).rstrip(" (")
    return bool(words) and words[-1].isdigit()


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", fragment)).split())
