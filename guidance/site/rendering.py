"""One rendering of every page per run (issue #30): the pages' bodies, made once and read by the editors' check
(the sentence checks and the reader text, guidance/site/reader_text.py) and by the tree writer
(guidance/site/source_tree.py). `render_site` makes it; the caller passes it down (scripts/generate.py,
scripts/serve.py: once a run, or once a save).

The reader text is the words of the edition's date with no public address (`edition_day`), so that it does
not change with the day or the machine; the shipped pages are those of the build's options. Both come from
the same rendering: every page body is rendered once on the edition's day, watching which of the two options
it reads; a body that read an option whose value differs for the build (the review table reads the date, a
decision flow's permanent links the public address) is the only one rendered a second time, for the build.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data.sitedata import SiteData
from ..data.yamlio import split_front_matter
from ..options import BuildOptions
from ..sitemap import generated_pages
from .docs_render import render_docs_page
from .generate import render_page

DAY_OPTIONS = ("today", "public_url")  # what the edition's day sets (edition_day)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there is one: the same values, faster


class TreeError(Exception):
    """A page the generator cannot write (for example a docs/ page that clashes with a generated one)."""


@dataclass(frozen=True)
class RenderedPage:
    src: str  # path under docs/
    meta: dict  # its front matter as written (hand-written pages) or made (generated pages)
    body: str  # the body with macros rendered (hand-written) or drawn from data (generated)


@dataclass(frozen=True)
class Rendering:
    """Every page readers see, rendered once: for the build (`data`, `pages`) and as on the edition's day
    (`reader_data`, `reader`; the same page objects wherever the two agree)."""
    data: SiteData
    pages: tuple[RenderedPage, ...]
    reader_data: SiteData
    reader: tuple[RenderedPage, ...]

    def body(self, src: str) -> str | None:
        return next((p.body for p in self.pages if p.src == src), None)


class _Watched(BuildOptions):
    """Build options that note which of DAY_OPTIONS a renderer reads."""

    def __getattribute__(self, name: str):
        if name in DAY_OPTIONS:
            object.__getattribute__(self, "__dict__").setdefault("_reads", set()).add(name)
        return object.__getattribute__(self, name)

    def reads(self) -> set[str]:
        """The options read since the last call."""
        return object.__getattribute__(self, "__dict__").pop("_reads", set())


def edition_day(data: SiteData) -> SiteData:
    """The data set as on the edition's date, with no public address: words such as "Checked on <date>",
    "overdue" or a host in a citation would otherwise change the reader text with the day or the machine."""
    options = dataclasses.replace(data.options, today=data.site.version_date, public_url=None)
    return data if options == data.options else dataclasses.replace(data, options=options)


def render_site(data: SiteData, root: Path) -> Rendering:
    """Render every page's body once (see the module's docstring)."""
    day = edition_day(data)
    watched = None
    if day is not data:  # the build's date or address is not the edition's: watch what each body reads
        watched = _Watched(**{f.name: getattr(day.options, f.name) for f in dataclasses.fields(BuildOptions)})
        day = dataclasses.replace(day, options=watched)
    differ = {k for k in DAY_OPTIONS if getattr(day.options, k) != getattr(data.options, k)}
    reader: list[RenderedPage] = []
    pages: list[RenderedPage] = []
    for src, meta, render in _page_makers(day, Path(root)):
        if watched is not None:
            watched.reads()
        page = RenderedPage(src, meta, render(day))
        reader.append(page)
        if watched is not None and watched.reads() & differ:
            page = RenderedPage(src, meta, render(data))
        pages.append(page)
    return Rendering(data, tuple(pages), day, tuple(reader))


def _page_makers(data: SiteData, root: Path):
    """(source path, front matter, body maker) for every page: the hand-written pages of docs/, then the pages
    generated from data. A body maker takes the data set to render with."""
    docs = root / "docs"
    hand: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel not in data.pages:
            continue  # not a page of the site (the loader reports pages without front matter)
        fm, body, _offset = split_front_matter(path.read_text(encoding="utf-8"))
        meta = yaml.load(fm or "", Loader=_LOADER) or {}
        render = meta.get("render_macros") is not False
        hand.add(rel)
        yield rel, meta, (lambda d, rel=rel, body=body, render=render: render_docs_page(d, rel, body, render=render))
    for page in generated_pages(data):
        if page.src in hand:
            raise TreeError(f"docs/{page.src} clashes with a page generated from data. Rename or remove docs/{page.src}.")
        yield page.src, page.meta(), (lambda d, page=page: render_page(d, page))
