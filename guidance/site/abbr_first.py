"""Abbreviation and concept tooltips: what they say, and marking only the first use on a page.

Python-Markdown's abbr extension wraps every occurrence of a glossary word in <abbr title=...>. A page
full of dotted underlines is hard to read, so after conversion only the first occurrence of each word
in the page's running text keeps its tooltip; later ones, and any inside a heading, become plain text.
"""
from __future__ import annotations

import re

from ..data.sitedata import SiteData

_ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)
_SENTENCE = re.compile(r"(?<=[.!?])\s")


def first_sentence(text: str) -> str:
    return _SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]


def tooltips(data: SiteData) -> dict[str, str]:
    """Word -> tooltip text: the expansion and what it means (abbreviations), or the meaning (concepts)."""
    out = {t.abbr: f"{t.expansion}: {first_sentence(t.definition)}" for t in data.terms}
    for k in getattr(data, "concepts", []):
        out.setdefault(k.term, k.meaning)
    return out


def first_use_only(html_text: str) -> str:
    """Keep the <abbr> tooltip on the first use of each word outside headings; unwrap the rest."""
    headings = [(m.start(), m.end()) for m in _HEADING.finditer(html_text)]
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        word = match.group(1)
        pos = match.start()
        if any(a <= pos < b for a, b in headings) or word in seen:
            return word
        seen.add(word)
        return match.group(0)

    return _ABBR.sub(keep_first, html_text)
