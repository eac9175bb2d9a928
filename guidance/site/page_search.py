"""What a page tells the theme's search, set while the generated tree is written and its pages converted.

The search index itself is rewritten after the build, from the engine's output (guidance/engines/output/search_index.py).
1. `search_meta` (by the generator, guidance/site/source_tree.py): pages named under `exclude` in data/search.yaml
   stay out of search; pages under `boost` rank higher or lower (Material reads `search: {exclude, boost}` from
   the page meta).
2. Furniture marked `data-search-exclude`, so the theme's search leaves it out of the index: permalink rows,
   copy buttons, inline source links, bare web addresses, "Not known" notes and pictures that repeat a text list.
   Most of it is raw HTML, which the renderers mark as they write it (`data-search-exclude="1"`; guidance/render/common.py,
   svg.py, tool_text.py, site.py; the page-facts banner and the cite box likewise). What Python-Markdown
   itself makes (citation links, the id-and-permalink row, `<https://…>` links) `mark_furniture` marks on the
   page's element tree (the tree pass, guidance/site/page_html.py, after the source notes). Python-Markdown's
   own furniture, the headings' permalink anchors (`a.headerlink`), the themes leave out of search themselves.
"""
from __future__ import annotations

from typing import Protocol
from xml.etree.ElementTree import Element

from ..data.sitedata import SiteData


def search_meta(data: SiteData, meta: dict) -> dict:
    """The `search` meta for a page: excluded, boosted, or as the page itself says."""
    page_id = meta.get("id", "")
    search = dict(meta.get("search") or {})
    if page_id in data.search.exclude:
        search["exclude"] = True
    if page_id in data.search.boost:
        search["boost"] = data.search.boost[page_id]
    return search


EXCLUDE = "data-search-exclude"
# marked `data-search-exclude="1"` (here and in the renderers' raw HTML), not with a bare attribute: Material's
# search drops `data-search-*="…"` from the page once it has indexed it, so the mark stays out of the built page
FURNITURE_CLASSES = frozenset({"permalink", "copy-cite", "cite", "pathway", "icon-array", "not-known"})
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


class Text(Protocol):
    """Reads the tree's raw-HTML placeholders back (guidance/site/page_html.py `PageText`)."""

    def resolve(self, text: str) -> str: ...  # a string with each placeholder given back as its HTML
    def element(self, el: Element) -> Element: ...  # the element with its raw HTML read as elements


def mark_furniture(root: Element, text: Text) -> None:
    """Mark the page furniture Python-Markdown makes out of search (the tree is changed in place).

    Furniture: the id-and-permalink row, citation links (the notes' list included), links whose text is a
    bare web address (`<https://…>`), and any element of a furniture class (FURNITURE_CLASSES: permalink
    controls, copy buttons, pictures that have a text version beside them, "Not known" notes). What the
    renderers write as raw HTML they mark themselves, since here it is only a placeholder."""
    for el in list(root.iter()):
        if EXCLUDE in el.attrib:
            continue
        if (el.tag in ("a", "span", "button", "svg") and set(el.get("class", "").split()) & FURNITURE_CLASSES
                or el.tag == "a" and _bare_address(el, text) or el.tag == "p" and _id_row(el, text)):
            el.set(EXCLUDE, "1")  # Python-Markdown writes attributes in lexical order


def _bare_address(a: Element, text: Text) -> bool:
    """True when a link's only content is a web address, as `<https://…>` makes it."""
    words = text.resolve(a.text or "")
    return not len(a) and "<" not in words and words.lstrip().startswith(("http://", "https://"))


def _id_row(p: Element, text: Text) -> bool:
    """True for a paragraph that opens with an item's id and its permanent-link control (`RAS-05` + span.permalink)."""
    if p.attrib or p.text or not len(p) or p[0].tag != "code" or not p[0].text or not set(p[0].text) <= _ID_CHARS:
        return False
    read = text.element(p)  # the control is raw HTML: read it as elements
    return (len(read) > 1 and not (read[0].tail or "").strip() and read[1].tag == "span"
            and read[1].get("class") == "permalink")
