"""The words of generated pages, read as a reader reads them: `make check` renders every tool page, bench
note and agency page, and the band table, and refuses sentences that misread out of their list
(macros/data/sentences.py) and contradictions between pages (a tool with published rates described as
having none; a percentage read as a label).
"""
from __future__ import annotations

import html
import re

from .data.errors import Problem
from .data.loader import SiteData
from .data.sentences import BARE_THAT_FIX, CAPITAL_ARTICLE_FIX, META_FIX, capital_articles, meta_phrases
from .render.bands import band_table
from .render.tool_text import NO_RATES_LINE
from .site.generate import render_page
from .sitemap import generated_pages

KINDS = ("tool", "bench_note", "agency")
BAND_PAGE = "judiciary/bands.md"
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
# said of a tool with published rates, these contradict its Published rates section
NO_RATES_SAID = (NO_RATES_LINE, "No published reoffending rates for this tool")
# said of a tool whose output is a percentage, this reads it as a label
LABEL_READING = "the label has no agreed meaning in numbers"


def plain(markdown: str) -> str:
    """Generated Markdown as the words a reader hears: tags, link targets and escapes taken out."""
    text = _LINK.sub(r"\1", markdown)
    text = _TAG.sub(" ", text)
    text = re.sub(r"\\([\\`*_\[\]#!])", r"\1", text)
    text = html.unescape(text).replace("**", "")
    return text


def list_items(text: str) -> list[str]:
    """Each list item and each sentence after 'tell you' or '<li>': where a bare 'That ...' misreads."""
    items = [ln.strip()[2:] for ln in text.splitlines() if ln.strip().startswith(("- ", "* "))]
    items += re.findall(r"tell you:?\s+(That\s[^.]*\.)", text)
    return items


def check_generated(data: SiteData) -> list[Problem]:
    problems: list[Problem] = []
    meta = data.style.meta_phrases
    pages = [(p.src, p.key, render_page(data, p)) for p in generated_pages(data) if p.kind in KINDS]
    pages.append((BAND_PAGE, None, band_table(data, BAND_PAGE)))
    tools = {t.id: t for t in data.tools}
    for src, key, body in pages:
        text = plain(body)
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
    out = []
    heads = [(text.find(f"### {t.abbr} "), t.id) for t in data.tools]
    heads = sorted((i, tid) for i, tid in heads if i >= 0)
    for n, (i, tid) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(text)
        out.append((tid, text[i:end]))
    return out
