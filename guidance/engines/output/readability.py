"""Plain-language measures: Flesch reading ease and sentence length of a page's running prose.

Used twice, the same way: by the build (to publish a report on the editors' page) and by the
tests (to hold practitioner pages to the floor set in data/style.yaml).

Syllables are counted with a vowel-group rule rather than a pronouncing dictionary: it is
instant (a dictionary costs more than a second to load on every build) and within a few points
of dictionary-based counts on plain English.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    reading_ease: float
    longest_sentence: int

    @property
    def mean_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SPLIT = re.compile(r"(?<=[.!?])\s+")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    if re.fullmatch(r"[a-z]*[^aeiouy]{4,}", w) or word.strip("'’-").isupper():  # abbreviations said letter by letter
        return max(1, len(w) // 2)
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], w)
    w = re.sub(r"^y", "", w)
    n = len(_VOWELS.findall(w))
    if re.search(r"[^aeiouy]le$", word.lower()):
        n += 1
    return max(1, n)


def score(text: str) -> Score:
    text = " ".join(text.split())
    sentences = [s for s in _SPLIT.split(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    n_words, n_sent = len(words), max(1, len(sentences))
    ease = 0.0
    if n_words:
        syl = sum(syllables(w) for w in words)
        ease = 206.835 - 1.015 * (n_words / n_sent) - 84.6 * (syl / n_words)
    longest = max((len(_WORD.findall(s)) for s in sentences), default=0)
    return Score(words=n_words, sentences=n_sent, reading_ease=round(ease, 1), longest_sentence=longest)


# what is not running prose: tables, code, pictures, citations, step details and page furniture
_SKIP_TAGS = {"table", "pre", "code", "svg", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "script", "style", "figure", "header", "footer"}
_SKIP_CLASSES = {"page-facts", "cite-this", "headerlink", "admonition-title", "permalink", "step-meta", "cite", "basis",
                 "in-force", "rule-status", "note-ref", "source-notes", "page-head", "page-about", "report-problem", "item-about",
                 "item-meta"}
_BLOCKS = {"p", "li", "dd"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class _Prose(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.stack: list[bool] = []  # True where the element is skipped
        self.skip = 0
        self.parts: list[str] = []
        self.buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)
        self.stack.append(skipped)
        self.skip += skipped
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if tag in _BLOCKS:
            self._flush()
        if self.stack:
            self.skip -= self.stack.pop()
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article and not self.skip:
            self.buf.append(data)

    def _flush(self):
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if text:
            self.parts.append(text if text.endswith((".", "?", "!", ":")) else text + ".")


def prose_from_html(html: str) -> str:
    """The running prose of a built page's article."""
    parser = _Prose()
    parser.feed(html)
    parser._flush()
    return " ".join(parser.parts)
