"""Plain-language measures: reading ease and sentence length of page text.

Used twice, the same way: by the build (to publish a report on the editors' page) and by the
tests (to hold practitioner pages to the floor set in data/style.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import textstat  # 0.7.8: bundles its pronouncing dictionary, so it works offline


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    reading_ease: float
    longest_sentence: int

    @property
    def mean_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


_SPLIT = re.compile(r"(?<=[.!?])\s+")


def score(text: str) -> Score:
    text = " ".join(text.split())
    sentences = [s for s in _SPLIT.split(text) if re.search(r"[A-Za-z]", s)]
    longest = max((len(s.split()) for s in sentences), default=0)
    return Score(
        words=textstat.lexicon_count(text),
        sentences=max(1, len(sentences)),
        reading_ease=round(textstat.flesch_reading_ease(text), 1) if text else 0.0,
        longest_sentence=longest,
    )


def prose_from_html(html: str) -> str:
    """The running prose of a built page: article text without tables, code, pictures, citations,
    step details (who, when, sources) and page furniture."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    art = soup.select_one("article") or soup
    for sel in ("table", "pre", "code", "svg", ".page-facts", ".cite-this", ".headerlink", "h1", "h2", "h3", "h4",
                ".admonition-title", "nav", "script", "style", ".permalink", "figure", ".step-meta", ".cite"):
        for el in art.select(sel):
            el.decompose()
    parts = []
    for el in art.find_all(["p", "li", "dd"]):
        t = el.get_text(" ", strip=True)
        if t and not el.find(["p", "li"]):
            parts.append(t if t.endswith((".", "?", "!", ":")) else t + ".")
    return " ".join(parts)
