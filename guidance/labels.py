"""Label rules for generated text: names with abbreviations, sentence case, list joins, number lists.

Plain-text in, plain-text out (escape afterwards with render.text.md). No imports from the rest of
the package, so paths.py, sitemap.py and every renderer may use it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_END = (".", "!", "?", ":", ";")


def with_abbr(name: str, abbr: str | None) -> str:
    """'Name (ABBR)', but only when the short form differs from the name, is shorter and is not part of it.

    A short form that holds its own brackets ('ORSH (Category 3)') is flattened with a comma, so
    brackets never nest.
    """
    name = " ".join(str(name).split())
    if not abbr:
        return name
    short = " ".join(str(abbr).split())
    if short.casefold() == name.casefold() or len(short) >= len(name):
        return name
    if short.casefold() in name.casefold():  # "Restricted patients" already says "Restricted patient"
        return name
    short = re.sub(r"\s*\(([^()]*)\)", r", \1", short)
    return f"{name} ({short})"


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def lower_start(text: str) -> str:
    """Lower-case the first word for use mid-sentence, unless it is an abbreviation (MAPPA stays MAPPA)."""
    text = str(text)
    first = text.split(" ", 1)[0]
    if _is_acronym(first):
        return text
    return text[:1].lower() + text[1:]


def join_items(items: Iterable[str], sep: str = "; ") -> str:
    """Join list items; after an item that already ends a sentence the next starts a new one (never '.;')."""
    parts = [" ".join(str(x).split()) for x in items if str(x).strip()]
    out = ""
    for i, p in enumerate(parts):
        if i and parts[i - 1].endswith((".", "!", "?")):
            out += " " + p[:1].upper() + p[1:]  # a new sentence
            continue
        if i:
            out += " " if parts[i - 1].endswith(_END) else sep
        out += p
    return out


def numbers(values: Iterable[int]) -> list[int]:
    """A numeric list in order, each number once."""
    return sorted({int(v) for v in values})
