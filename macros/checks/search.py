"""Checks of data/search.yaml: every id names a page or item that exists; one best bet per query."""
from __future__ import annotations

from ..data.errors import Collector, closest
from ..data.sitedata import SiteData
from ..paths import all_ids
from ..sitemap import generated_pages

SEARCH_FILE = "data/search.yaml"


def check_search(c: Collector, data: SiteData) -> None:
    ids = set(all_ids(data)) | {p.id for p in generated_pages(data)}
    s = data.search
    refs = [(f"synonyms[{i}].id", x.id, x.id) for i, x in enumerate(s.synonyms)]
    refs += [(f"best_bets[{i}].id", x.query, x.id) for i, x in enumerate(s.best_bets)]
    refs += [(f"boost.{k}", k, k) for k in s.boost] + [(f"exclude[{i}]", k, k) for i, k in enumerate(s.exclude)]
    for fld, record, item_id in refs:
        if item_id not in ids:
            c.add(SEARCH_FILE, record, fld, f"unknown id '{item_id}': use the permanent ID of a page or item "
                  f"(see /training/ids/ or the page's front matter).{closest(item_id, ids)}")
    seen: dict[str, str] = {}
    for i, x in enumerate(s.best_bets):
        key = " ".join(x.query.lower().split())
        if key in seen and seen[key] != x.id:
            c.add(SEARCH_FILE, x.query, f"best_bets[{i}].query", f"this query is already a best bet for {seen[key]}; "
                  "a query can have only one best bet.")
        seen.setdefault(key, x.id)
