"""Sentences that stand alone: faults a reader hears when a sentence is read out of its list.

Used on data text (macros/data/rules.py) and on the text of generated pages (macros/generated_text.py),
so `make check` refuses them wherever they come from:

- a "tells you / does not tell you" item opening with a bare "That <noun phrase>" (it reads as a
  statement out of its list: "That risk of serious harm is low."); write "Whether ..." instead;
- an article in capitals run on inside a sentence ("every step that The local council takes");
- a note about the page itself shown to readers (style.yaml meta_phrases).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_BARE_THAT = re.compile(r"^\s*that\s+(?!is\b|was\b|means\b|needs\b)", re.I)
# a lower-case word, or a comma, then The/A/An in capitals and a lower-case word: a name joined mid-sentence
# (not after ';': citations of titles are joined with it, and a title keeps its capitals)
_CAPITAL_ARTICLE = re.compile(r"(?<=[a-z,]) (The|A|An) (?=[a-z(])")


def bare_that(item: str) -> bool:
    """True when a tells-you/does-not-tell-you item opens with 'That <noun phrase>'."""
    return bool(_BARE_THAT.match(item))


def capital_articles(text: str) -> list[str]:
    """Each 'The/A/An' in capitals run on mid-sentence, with a few words around it."""
    return [text[max(0, m.start() - 25): m.end() + 20].strip() for m in _CAPITAL_ARTICLE.finditer(text)]


def meta_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    low = " ".join(text.split()).lower()
    return [p for p in phrases if p.lower() in low]


BARE_THAT_FIX = ("opens with a bare 'That ...', which reads as a statement when the item is read on its own "
                 "('That risk is low.'). Write 'Whether ...' (for example 'Whether risk of serious harm is low.'), "
                 "so that it reads 'It does not tell you whether ...'.")
CAPITAL_ARTICLE_FIX = ("has an article in capitals run on inside a sentence ({found}). Write the name as it reads "
                       "mid-sentence, in lower case ('the local council'), or start a new sentence.")
META_FIX = ("speaks about the page itself ({found}); readers need the fact, not a note on where the page says it. "
            "Say the fact, or leave it out.")
