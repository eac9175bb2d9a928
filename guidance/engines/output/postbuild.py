"""The post-build step, engine-neutral: run on the built HTML folder after either engine.

1. permanent links `/id/<ID>/` (guidance/engines/output/permalinks.py);
2. the print page's links to pages it leaves out (guidance/engines/output/print_links.py; only MkDocs has a print page);
3. the readability report on the editors' page, measured on the built pages held to the floor;
4. the search index: ids, synonyms and best bets added, furniture left-overs dropped
   (guidance/engines/output/search_index.py), in the index format of the engine that built the site.
Returns what it did, for the build log; also lists pages and records overdue for review.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement

from markdown.serializers import to_html_string

from ...data.loader import load_site
from ...data.register import read_register
from ...data.sitedata import SiteData
from ...paths import ids, page_url
from ...render.site import overdue
from ...site.page_html import PageText
from ...site.phone_tables import mark_tables
from ...sitemap import all_pages
from .permalinks import write_permalinks
from .print_links import repair
from .readability import prose_from_html, score
from .search_index import IndexMemo, rewrite_index

PLACEHOLDER = '<div id="readability-report"></div>'  # on the editors' page, where the readability report goes


@dataclass
class PostBuild:
    permalinks: int = 0
    print_links: int = 0
    readability: dict = field(default_factory=dict)
    index: dict = field(default_factory=dict)
    overdue: list = field(default_factory=list)

    def log_lines(self) -> list[str]:
        out = [f"Wrote {self.permalinks} permanent links under id/."]
        if self.overdue:
            out.append(f"Review overdue for {len(self.overdue)} pages or records:")
            for kind, item_id, title, due, owner, page in self.overdue:
                out.append(f"  OVERDUE {kind} {item_id} ({title}), due {due}, owner {owner}: /{page_url(page)}")
        else:
            out.append("No page or record is overdue for review.")
        return out


def finish_site(data: SiteData, site: Path, engine: str = "mkdocs") -> PostBuild:
    site = Path(site)
    done = PostBuild()
    done.permalinks = write_permalinks(data, site)
    done.print_links = repair(data, site)
    done.readability = measure_readability(data, site)
    write_readability(site, data, done.readability)
    done.index = rewrite_index(data, site, engine)
    done.overdue = overdue(data)
    return done


@dataclass
class Incremental:
    """What the post-build step keeps between two rebuilds of `make serve` (see finish_changed)."""
    permalinks: str = ""  # what the permanent links were made from
    scores: dict = field(default_factory=dict)  # page source -> (title, Score)
    editors: str = ""  # the editors' page as built, before the readability report went in
    index: IndexMemo = field(default_factory=IndexMemo)  # the search index's entries as rewritten


def finish_changed(data: SiteData, site: Path, changed: set[str] | None, memo: Incremental,
                   print_page: bool = True, engine: str = "mkdocs") -> PostBuild:
    """The post-build step after a rebuild of only the pages in `changed` (page sources; None: every page),
    as `make serve` does: the permanent links again only when an id, its page or its title changed; the
    print page's links when it was made again (print_page); the readability of the changed pages (the others' kept from before); the search
    index, whose entries of unchanged pages the engine kept (guidance/engines/mkdocs_dirty.py)."""
    site = Path(site)
    done = PostBuild()
    made_from = repr((sorted(ids(data).items()), [(p.id, p.src, p.title) for p in all_pages(data)],
                      sorted(read_register(data.root).items())))
    if made_from != memo.permalinks or changed is None:
        done.permalinks = write_permalinks(data, site)
        memo.permalinks = made_from
    if print_page:
        done.print_links = repair(data, site)
    wanted = {p.src for p in all_pages(data) if p.readability and p.src in data.pages}
    todo = wanted if changed is None else (wanted & changed) | (wanted - memo.scores.keys())
    fresh = measure_readability(data, site, todo)
    before = memo.scores
    memo.scores = {src: fresh.get(src, before.get(src)) for src in sorted(wanted) if src in fresh or src in before}
    done.readability = memo.scores
    _readability_again(data, site, memo, memo.scores != before)
    done.index = rewrite_index(data, site, engine, memo.index)
    return done


def rebuild_report(project: Path, options, site: Path, changed: set[str] | None, memo: Incremental,
                   print_page: bool, started: tuple[float, float]) -> str:
    """`make serve`, after the engine rebuilt the pages in `changed` (started: its wall clock and CPU time at
    the start): load the data, run finish_changed; returns the log line with the time of each phase."""
    t0, cpu0 = time.perf_counter(), time.thread_time()
    data = load_site(Path(project), options)
    t1 = time.perf_counter()
    finish_changed(data, Path(site), changed, memo, print_page)
    wall, cpu = time.perf_counter(), time.thread_time()
    rendered = "every page" if changed is None else f"{len(changed)} pages"
    return (f"Rebuilt {rendered}: MkDocs {t0 - started[0]:.2f} s (CPU {cpu0 - started[1]:.2f} s), then the "
            f"post-build step: load {t1 - t0:.2f} s, step {wall - t1:.2f} s (CPU {cpu - cpu0:.2f} s)")


def _readability_again(data: SiteData, site: Path, memo: Incremental, scores_changed: bool) -> None:
    """The report into the editors' page when it was built again, or when a score changed (into its last build)."""
    target = site / "editors" / "index.html"
    if not target.exists():
        return
    text = target.read_text(encoding="utf-8")
    if PLACEHOLDER in text:
        memo.editors = text
    elif not (scores_changed and memo.editors):
        return
    target.write_text(memo.editors, encoding="utf-8")
    write_readability(site, data, memo.scores)


def built_page(site: Path, src: str) -> Path:
    return site / page_url(src) / "index.html"


def measure_readability(data: SiteData, site: Path, only: set[str] | None = None) -> dict:
    """Page source -> (title, Score) for every hand-written page held to the reading-ease floor (or those in only)."""
    out = {}
    for p in all_pages(data):
        if not p.readability or p.src not in data.pages or (only is not None and p.src not in only):
            continue
        path = built_page(site, p.src)
        if path.exists():
            out[p.src] = (p.title, score(prose_from_html(path.read_text(encoding="utf-8"))))
    return out


def _readability_table(scores: dict, floor: int) -> str:
    """The measured table, marked for phones as every page's tables are (guidance/site/phone_tables.py)."""
    table = Element("table")
    head = SubElement(SubElement(table, "thead"), "tr")
    for name in ("Page", "Reading ease", "Mean sentence (words)", "Longest sentence", "Words", "Status"):
        SubElement(head, "th").text = name
    body = SubElement(table, "tbody")
    for src, (title, s) in sorted(scores.items()):
        row = SubElement(body, "tr")
        SubElement(SubElement(row, "td"), "a", {"href": f"../{page_url(src)}"}).text = title
        flag = "below the floor" if s.reading_ease < floor else "ok"
        for value in (s.reading_ease, f"{s.mean_sentence:.1f}", s.longest_sentence, s.words, flag):
            SubElement(row, "td").text = str(value)
    holder = Element("div")
    holder.append(table)
    mark_tables(holder, PageText())
    return to_html_string(table)


def write_readability(site: Path, data: SiteData, scores: dict) -> None:
    """Replace the placeholder on the editors' page with the measured table."""
    floor = data.style.min_reading_ease
    table = (
        f"<p>Floor for practitioner pages: Flesch reading ease {floor}. Measured on the running prose of each page "
        "(tables, pictures and page furniture left out).</p>" + _readability_table(scores, floor)
    )
    target = site / "editors" / "index.html"
    if target.exists():
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace(PLACEHOLDER, table), encoding="utf-8")
