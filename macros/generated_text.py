"""The words of generated pages, read as a reader reads them: `make check` reads the reader text (every page
rendered once, macros/site/reader_text.py) of every tool page, bench note and agency page, and the band
page, and refuses sentences that misread out of their list (macros/data/sentences.py) and contradictions
within a page (a tool with published rates described as having none; a percentage read as a label).
"""
from __future__ import annotations

import re

from .data.errors import Problem
from .data.loader import SiteData
from .data.sentences import BARE_THAT_FIX, CAPITAL_ARTICLE_FIX, META_FIX, capital_articles, meta_phrases
from .render.tool_text import NO_RATES_LINE
from .site.reader_text import ReaderPage
from .sitemap import generated_pages

KINDS = ("tool", "bench_note", "agency")
BAND_PAGE = "judiciary/bands.md"
# said of a tool with published rates, these contradict its Published rates section
NO_RATES_SAID = (NO_RATES_LINE, "No published reoffending rates for this tool")
# said of a tool whose output is a percentage, this reads it as a label
LABEL_READING = "the label has no agreed meaning in numbers"
_ITEM = re.compile(r"^\s*(?:- |\d+\. )")


def list_items(text: str) -> list[str]:
    """Each list item and each sentence after 'tell you' or '<li>': where a bare 'That ...' misreads."""
    items = [_ITEM.sub("", ln) for ln in text.splitlines() if _ITEM.match(ln)]
    items += re.findall(r"tell you:?\s+(That\s[^.]*\.)", text)
    return items


def checked_pages(data: SiteData, pages: dict[str, ReaderPage]) -> list[tuple[str, object, str]]:
    """(source path, record key, reader text) of the pages these checks read."""
    keys = {p.src: p.key for p in generated_pages(data) if p.kind in KINDS}
    keys[BAND_PAGE] = None
    return [(pg.src, keys[pg.src], pg.text) for pg in pages.values() if pg.src in keys]


def check_generated(data: SiteData, pages: dict[str, ReaderPage]) -> list[Problem]:
    problems: list[Problem] = []
    meta = data.style.meta_phrases
    tools = {t.id: t for t in data.tools}
    for src, key, text in checked_pages(data, pages):
        problems.extend(text_problems(src, text, meta))
        problems.extend(contradictions(data, src, key, text, tools))
    return problems


def text_problems(src: str, text: str, meta: list[str]) -> list[Problem]:
    """The sentence faults in the plain text of one generated page."""
    out = []
    where = ("generated page", src)
    for item in list_items(text):
        if re.match(r"That\s", item):
            out.append(Problem(*where, "text", f"'{item[:60]}' {BARE_THAT_FIX}"))
    found = capital_articles(text)
    if found:
        out.append(Problem(*where, "text", CAPITAL_ARTICLE_FIX.format(found="; ".join(found))))
    said = meta_phrases(text, meta)
    if said:
        out.append(Problem(*where, "text", META_FIX.format(found=", ".join(said))))
    return out


def contradictions(data: SiteData, src: str, key, text: str, tools: dict) -> list[Problem]:
    out = []
    sections = [(key, text)] if key in tools else _tool_sections(data, text)
    for tool_id, part in sections:
        t = tools[tool_id]
        if t.figures and any(x in part for x in NO_RATES_SAID):
            out.append(Problem("generated page", src, t.id, f"{t.abbr} has published rates ({', '.join(f.id for f in t.figures)}) "
                               "but the page says there are none. Say that no rate is given for each band, and point to the rates."))
        if t.output_kind == "percentage" and LABEL_READING in part:
            out.append(Problem("generated page", src, t.id, f"{t.abbr} gives a percentage, but the page reads it as a label "
                               f"('{LABEL_READING}'). Read a percentage as a percentage."))
    return out


def _tool_sections(data: SiteData, text: str) -> list[tuple[str, str]]:
    """The band page: one section per tool, headed by its short name."""
    rows = text.split("\n")
    abbrs = {f"### {t.abbr}": t.id for t in data.tools}
    heads = [(n, abbrs[row.split(" (")[0]]) for n, row in enumerate(rows) if row.split(" (")[0] in abbrs]
    out = []
    for i, (n, tid) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(rows)
        out.append((tid, "\n".join(rows[n:end])))
    return out
