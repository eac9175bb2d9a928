"""Markdown converted as the site converts a page: mkdocs.yml's extensions (abbr, attr_list, tables, md_in_html,
toc, pymdownx…), a small abbreviation glossary, and the page pass (guidance/site/page_html.py) last, with a
page named. Unit tests of the in-page passes read the result as elements."""
from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from guidance.site.engine_config import PAGE_PASS, read_config
from guidance.site.page_html import converting, page_ref

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = {"RSO": "Registered sex offender: a person on the sex offenders register.",
            "MAPPA": "Multi-Agency Public Protection Arrangements: how agencies manage the risk together."}


def convert(text: str, page_id: str = "PAGE-X") -> str:
    """The page's content HTML, as the engines and the reader text get it."""
    names: list[str] = []
    configs: dict[str, dict] = {}
    for ext in read_config(ROOT)["markdown_extensions"]:
        name, config = (ext, {}) if isinstance(ext, str) else next(iter(ext.items()))
        names.append(name)
        configs[name] = config or {}
    configs["abbr"] = {"glossary": GLOSSARY}
    with converting(page_ref(page_id, "x.md")):
        return markdown.markdown(text, extensions=[*names, PAGE_PASS], extension_configs=configs)


def page(text: str, page_id: str = "PAGE-X") -> BeautifulSoup:
    return BeautifulSoup(convert(text, page_id), "html.parser")


def words(el) -> str:
    return " ".join(el.get_text().split())
