"""Small text helpers shared by the renderers.

Data text is plain text. `md()` makes it safe to drop into Markdown: HTML is escaped and
Markdown syntax characters are neutralised, so a field can never inject markup or a template.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#!])")


def md(text: str) -> str:
    """Plain text -> inline Markdown that renders as the same literal text."""
    out = html.escape(" ".join(str(text).split()), quote=False)
    out = _MD_SPECIAL.sub(r"\\\1", out)
    # table pipes, attr_list braces and Jinja-looking braces become entities
    return out.replace("|", "&#124;").replace("{", "&#123;").replace("}", "&#125;")


def attr(text: str) -> str:
    """Plain text -> safe HTML attribute value."""
    return html.escape(str(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def safe_url(url: str) -> str:
    """Percent-encode characters that are not allowed in an href (for example [ and ])."""
    return quote(url, safe=":/?&=#%~+,;@!$'()*-._")


def lower_first(text: str) -> str:
    """'Sexual reoffending' -> 'sexual reoffending'; leaves 'MAPPA ...' and 'ICM ...' alone."""
    if text[1:2].islower() or text[:2] == "A ":  # 'A level ...' -> 'a level ...'
        return text[:1].lower() + text[1:]
    return text


def join_words(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def in_100(percent: float) -> str:
    """A percentage as a natural frequency: 7.6 -> 'about 8 in 100'."""
    if percent >= 1 or percent == 0:
        n = round(percent)
        exact = abs(n - percent) < 1e-9
        return f"{'' if exact else 'about '}{n} in 100"
    n = round(percent * 10)
    return f"about {n} in 1,000"


def pct(percent: float) -> str:
    s = f"{percent:.1f}".rstrip("0").rstrip(".")
    return f"{s}%"


def in_sentence(name: str) -> str:
    """A name as it runs on inside a sentence: a leading 'The', 'A' or 'An' in lower case ('the court')."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else name


def md_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table: the header row, its rule and one row per list of cells (cells are safe Markdown)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
