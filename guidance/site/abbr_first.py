"""Abbreviation and concept tooltips: what they say, and marking only the first use on a page.

Python-Markdown's abbr extension wraps every occurrence of a glossary word in an <abbr title=...> element
(its treeprocessor). A page full of dotted underlines is hard to read, so a later step on the same tree
(guidance/site/page_html.py, after the source notes have moved citations to the foot) keeps the tooltip on
only the first occurrence of each word in the page's running text; later ones, and any inside a heading,
become plain text.
"""
from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from ..data.sitedata import SiteData

_SENTENCE = re.compile(r"(?<=[.!?])\s")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def first_sentence(text: str) -> str:
    return _SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]


def tooltips(data: SiteData) -> dict[str, str]:
    """Word -> tooltip text: the expansion and what it means (abbreviations), or the meaning (concepts)."""
    out = {t.abbr: f"{t.expansion}: {first_sentence(t.definition)}" for t in data.terms}
    for k in getattr(data, "concepts", []):
        out.setdefault(k.term, k.meaning)
    return out


def first_use_only(root: Element) -> None:
    """Keep the <abbr> tooltip on the first use of each word outside headings; unwrap the rest (in place)."""
    parents = {c: p for p in root.iter() for c in p}
    seen: set[str] = set()
    for abbr in list(root.iter("abbr")):
        word = "".join(abbr.itertext())
        if word in seen or _in_heading(abbr, parents):
            _unwrap(abbr, parents[abbr])
        else:
            seen.add(word)


def _in_heading(el: Element, parents: dict[Element, Element]) -> bool:
    while el in parents:
        el = parents[el]
        if el.tag in HEADINGS:
            return True
    return False


def _unwrap(el: Element, parent: Element) -> None:
    """Put the element's words (and anything inside it) in its place."""
    at = list(parent).index(el)
    kids = list(el)
    parent.remove(el)
    for k, kid in enumerate(kids):
        parent.insert(at + k, kid)
    if kids:
        kids[-1].tail = (kids[-1].tail or "") + (el.tail or "")
        words = el.text or ""
    else:
        words = (el.text or "") + (el.tail or "")
    if at == 0:
        parent.text = (parent.text or "") + words
    else:
        parent[at - 1].tail = (parent[at - 1].tail or "") + words
