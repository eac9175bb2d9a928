"""Sources as numbered notes: one pass over a page's element tree turns citation links into superscript
note numbers and lists the sources at the foot of the page.

Citations reach the tree as `<a class="cite" href="…/sources/#src-…">Title, page 5</a>` elements (render/common.py
`cite_ref` writes a Markdown link with `{ .cite }`, used by generated and hand-written pages alike). Here:
- a bracketed run of citations, "(A; B)", becomes a superscript "1,2" after the word before it;
- every citation in a table cell becomes a note number too, so no cell holds a source link;
- an unbracketed run outside tables (a "Sources:" line) stays a list of links: it already is one.
The same source (same address and words) keeps one number on the page. The list of notes is placed
before the page's "About this page" panel, or at the end. Note ids carry the page id, so the print
page, which joins every page, keeps them unique.

The pass runs on the tree Python-Markdown builds (guidance/site/page_html.py registers it), after the
abbreviations are marked and the links made relative, so a citation's words keep their tooltips.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Protocol
from xml.etree.ElementTree import Element, SubElement

from markdown.serializers import to_html_string

FOOT_CLASS = "page-about"  # the "About this page" panel: the list of notes goes before it


class Text(Protocol):
    """Reads the tree's raw-HTML placeholders back (guidance/site/page_html.py `PageText`)."""

    def text_of(self, el: Element) -> str: ...  # an element's words
    def words(self, text: str) -> str: ...  # a string's words, each placeholder read as the words it holds
    def resolve(self, text: str) -> str: ...  # a string with each placeholder given back as its HTML


def _slug(page_id: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in page_id.lower())
    return "-".join(p for p in out.split("-") if p) or "page"


@dataclass
class _Run:
    """One run of citations: `parent[start:start + len(cites)]`, with what comes before and after it."""

    parent: Element
    cites: list[Element]
    opened: bool  # "(" just before the first citation
    closed: bool  # ")" just after the last
    runs_on: bool = False
    space: bool = False  # whitespace just before the run (or its "(")


@dataclass
class _Notes:
    prefix: str
    keys: dict[tuple[str, str], int] = field(default_factory=dict)
    labels: list[tuple[str, Element]] = field(default_factory=list)  # (href, the first citation's link)

    def number(self, a: Element, text: Text) -> int:
        inner = (a.text or "") + "".join(to_html_string(c) for c in a)
        key = (a.get("href", ""), text.resolve(inner).strip())
        if key not in self.keys:
            self.keys[key] = len(self.keys) + 1
            self.labels.append((key[0], a))
        return self.keys[key]


def _before(parent: Element, i: int) -> str:
    """The text just before child i of parent (the parent's text or the previous child's tail)."""
    return (parent.text if i == 0 else parent[i - 1].tail) or ""


def _set_before(parent: Element, i: int, text: str) -> None:
    if i == 0:
        parent.text = text
    else:
        parent[i - 1].tail = text


def _runs(root: Element) -> list[_Run]:
    """Every run of citations in the tree, in document order."""
    out: list[_Run] = []
    for parent in root.iter():
        kids = list(parent)
        i = 0
        while i < len(kids):
            if kids[i].tag != "a" or kids[i].get("class") != "cite":
                i += 1
                continue
            j = i
            while (j + 1 < len(kids) and kids[j + 1].tag == "a" and kids[j + 1].get("class") == "cite"
                   and (kids[j].tail or "").strip() == ";"):
                j += 1
            before = _before(parent, i).rstrip()
            out.append(_Run(parent, kids[i:j + 1], before.endswith("("), (kids[j].tail or "").lstrip().startswith(")")))
            i = j + 1
    return out


def _in_cell(el: Element, parents: dict[Element, Element]) -> bool:
    while el in parents:
        el = parents[el]
        if el.tag in ("td", "th"):
            return True
    return False


def _words_before(el: Element, parents: dict[Element, Element], text: Text) -> str:
    """The words just before el: in its parent, or (when there are none) before its parent, and so on."""
    words = ""
    while el in parents and not words.strip():
        parent = parents[el]
        kids = list(parent)
        at = kids.index(el)
        words = text.words((parent.text or "") + "".join(text.text_of(k) + (k.tail or "") for k in kids[:at])) + words
        el = parent
    return " ".join(words.split())


def _after_id(parent: Element, i: int, run: _Run) -> bool:
    """True when the run follows an id badge: `<code>`, or a link holding nothing but one, then only spaces."""
    if i == 0:
        return False
    prev = parent[i - 1]
    rest = (prev.tail or "").strip()
    if run.opened:
        rest = rest[:-1].rstrip()  # the run's own "("
    if rest not in ("", "("):
        return False
    if prev.tag == "code":
        return True
    return prev.tag == "a" and len(prev) > 0 and prev[-1].tag == "code" and not (prev[-1].tail or "").strip()


def number_sources(root: Element, page_id: str, text: Text) -> None:
    """Number the page's bracketed and in-table citations and list them at the foot (the tree is changed in place)."""
    parents = {c: p for p in root.iter() for c in p}
    order = {el: n for n, el in enumerate(root.iter())}
    runs = sorted(_runs(root), key=lambda r: order[r.cites[0]])
    if not runs:
        return
    for run in runs:  # read on the tree as written, before any run is replaced
        i = list(run.parent).index(run.cites[0])
        words = _words_before(run.cites[0], parents, text).rstrip(" (")
        run.runs_on = _after_id(run.parent, i, run) or (bool(words) and words[-1].isdigit())
        before = _before(run.parent, i)
        if run.opened:
            before = before.rstrip()[:-1]
        run.space = before[-1:].isspace()
    notes = _Notes(f"note-{_slug(page_id)}-")
    for run in runs:
        if (run.opened and run.closed) or _in_cell(run.cites[0], parents):
            _replace(run, notes, text)
    if notes.labels:
        _place_list(root, parents, notes)


def _replace(run: _Run, notes: _Notes, text: Text) -> None:
    """The run's citations give way to one superscript of note numbers after the word before them."""
    parent = run.parent
    i = list(parent).index(run.cites[0])
    before, after = _before(parent, i), run.cites[-1].tail or ""
    if run.opened and run.closed:  # the brackets go with the citations
        before, after = before.rstrip()[:-1], after.lstrip()[1:]
    nums = sorted({notes.number(a, text) for a in run.cites})
    if run.runs_on:
        # after an id badge ("RAS-05") or a number ("2022") the note would read as part of it: keep a
        # space, and say 'source' to a screen reader and in the page's text
        sup = Element("sup", {"class": "note-ref note-after-id", "data-search-exclude": None})
        hidden = SubElement(sup, "span", {"class": "visually-hidden"})
        hidden.text = ("sources" if len(nums) > 1 else "source") + " "
        before += "" if run.space else " "
    else:
        sup = Element("sup", {"class": "note-ref", "data-search-exclude": None})
        before = before.rstrip()  # the number sits on the word before it
    for k, n in enumerate(nums):
        ref = SubElement(sup, "a", {"href": f"#{notes.prefix}{n}",
                                    "title": " ".join(text.text_of(notes.labels[n - 1][1]).split())})
        ref.text = str(n)
        ref.tail = "," if k < len(nums) - 1 else None
    for a in run.cites:
        parent.remove(a)
    parent.insert(i, sup)
    sup.tail = after or None
    _set_before(parent, i, before)


def _place_list(root: Element, parents: dict[Element, Element], notes: _Notes) -> None:
    """The list of notes, before the "About this page" panel (or at the end of the page)."""
    section = Element("section", {"class": "source-notes", "data-search-exclude": None,
                                  "aria-labelledby": f"{notes.prefix}head"})
    head = SubElement(section, "h2", {"id": f"{notes.prefix}head"})
    head.text = "Sources for this page"
    items = SubElement(section, "ol")
    for n, (href, cite) in enumerate(notes.labels, start=1):
        item = SubElement(items, "li", {"id": f"{notes.prefix}{n}"})
        link = SubElement(item, "a", {"class": "cite", "href": href})
        link.text = cite.text.lstrip() if cite.text else None
        link.extend(copy.deepcopy(c) for c in cite)
        if len(link):
            link[-1].tail = (link[-1].tail or "").rstrip() or None
        elif link.text:
            link.text = link.text.rstrip()
    section.tail = "\n"
    foot = next((d for d in root.iter("details") if d.get("class") == FOOT_CLASS), None)
    if foot is None:
        root.append(section)
    else:
        holder = parents[foot]
        holder.insert(list(holder).index(foot), section)
