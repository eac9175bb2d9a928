"""The post-build step, engine-neutral: run on the built HTML folder after either engine.

1. permanent links `/id/<ID>/` (guidance/site/permalinks.py);
2. the print page's links to pages it leaves out (guidance/site/print_links.py; only MkDocs has a print page);
3. the readability report on the editors' page, measured on the built pages held to the floor;
4. the search index: ids, synonyms and best bets added, furniture left-overs dropped
   (guidance/site/search_index.py), in the index format of the engine that built the site.
Returns what it did, for the build log; also lists pages and records overdue for review.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from ..data.sitedata import SiteData
from ..paths import page_url
from ..render.site import overdue
from ..sitemap import all_pages
from .permalinks import write_permalinks
from .phone_tables import mark_tables
from .print_links import repair
from .readability import prose_from_html, score
from .search_index import rewrite_index


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


def built_page(site: Path, src: str) -> Path:
    return site / page_url(src) / "index.html"


def measure_readability(data: SiteData, site: Path) -> dict:
    """Page source -> (title, Score) for every hand-written page held to the reading-ease floor."""
    out = {}
    for p in all_pages(data):
        if not p.readability or p.src not in data.pages:
            continue
        path = built_page(site, p.src)
        if path.exists():
            out[p.src] = (p.title, score(prose_from_html(path.read_text(encoding="utf-8"))))
    return out


def write_readability(site: Path, data: SiteData, scores: dict) -> None:
    """Replace the placeholder on the editors' page with the measured table."""
    floor = data.style.min_reading_ease
    rows = []
    for src, (title, s) in sorted(scores.items()):
        flag = "below the floor" if s.reading_ease < floor else "ok"
        rows.append(
            f"<tr><td><a href=\"../{page_url(src)}\">{html.escape(title)}</a></td><td>{s.reading_ease}</td>"
            f"<td>{s.mean_sentence:.1f}</td><td>{s.longest_sentence}</td><td>{s.words}</td><td>{flag}</td></tr>"
        )
    table = (
        f"<p>Floor for practitioner pages: Flesch reading ease {floor}. Measured on the running prose of each page "
        "(tables, pictures and page furniture left out).</p><table><thead><tr><th>Page</th><th>Reading ease</th>"
        "<th>Mean sentence (words)</th><th>Longest sentence</th><th>Words</th><th>Status</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )
    target = site / "editors" / "index.html"
    if target.exists():
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('<div id="readability-report"></div>', mark_tables(table)), encoding="utf-8")
