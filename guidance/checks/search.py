"""Checks of data/search.yaml: every id names a page or item that exists; one best bet per query."""
from __future__ import annotations

from ..data.errors import Collector, closest
from ..data.sitedata import SiteData
from ..data.yamlio import YamlProblem, load_file
from ..paths import all_ids
from ..sitemap import generated_pages

SEARCH_FILE = "data/search.yaml"


def check_search(c: Collector, data: SiteData) -> None:
    ids = set(all_ids(data)) | {p.id for p in generated_pages(data)}
    s = data.search
    refs = [(f"synonyms[{i}].id", x.id, x.id) for i, x in enumerate(s.synonyms)]
    refs += [(f"best_bets[{i}].id", x.query, x.id) for i, x in enumerate(s.best_bets)]
    refs += [(f"boost.{k}", k, k) for k in s.boost] + [(f"exclude[{i}]", k, k) for i, k in enumerate(s.exclude)]
    refs += [(f"by_name[{i}]", k, k) for i, k in enumerate(s.by_name)]
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
    check_synonym_duplicates(c, data)
    _twice(c, [" ".join(x.query.lower().split()) + " -> " + x.id for x in s.best_bets], "best_bets", "best bet")
    _twice(c, list(s.exclude), "exclude", "page kept out of search")
    _twice(c, list(s.by_name), "by_name", "page found by its name")
    for i, k in enumerate(s.by_name):
        if k in s.exclude:
            c.add(SEARCH_FILE, k, f"by_name[{i}]", "this page is also under exclude: a page is either kept out of search "
                  "or found by its name; remove it from one of the two lists.")


def _twice(c: Collector, keys: list[str], list_key: str, what: str) -> None:
    """The same entry twice in one of search.yaml's lists: refused, naming both places."""
    try:
        raw = load_file(c.root / SEARCH_FILE)
    except (YamlProblem, OSError):
        return
    items = raw.get(list_key) if isinstance(raw, dict) else None
    lines = getattr(items, "item_lines", [])
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        line = lines[i] if i < len(lines) else None
        if key in first:
            k = first[key]
            c.add(SEARCH_FILE, key.split(" -> ")[0], f"{list_key}[{i}]", f"this {what} is listed twice: here and on "
                  f"line {lines[k] if k < len(lines) else '?'}. Delete this copy.", line)
            continue
        first[key] = i


def check_synonym_duplicates(c: Collector, data: SiteData) -> None:
    """Each id has one synonym entry, and each of its words once: a copy is refused naming both places."""
    try:
        raw = load_file(data.root / SEARCH_FILE)
    except YamlProblem:
        return
    entries = raw.get("synonyms") if isinstance(raw, dict) else None
    entries = entries if isinstance(entries, list) else []

    def line(i: int, j: int | None = None) -> int | None:
        if j is not None and isinstance(entries[i], dict) and hasattr(entries[i].get("words"), "line_of"):
            return entries[i]["words"].line_of(j)
        return entries.line_of(i) if hasattr(entries, "line_of") else None

    first_entry: dict[str, int] = {}
    first_word: dict[tuple[str, str], tuple[int, int]] = {}  # (place, word) -> where it was first listed
    for i, syn in enumerate(data.search.synonyms):
        place = f"{syn.id}#{syn.section}" if syn.section else syn.id  # a page, or one section of it
        if place in first_entry:
            k = first_entry[place]
            c.add(SEARCH_FILE, syn.id, f"synonyms[{i}].id", f"{place} has a second synonym entry: here and on line "
                  f"{line(k)}. Put all its words in one entry, and delete this one.", line(i))
        first_entry.setdefault(place, i)
        for j, word in enumerate(syn.words):
            key = (place, " ".join(word.lower().split()))
            if key in first_word:  # the same word for two different pages is allowed (several tools for young people)
                k, kj = first_word[key]
                c.add(SEARCH_FILE, syn.id, f"synonyms[{i}].words[{j}]", f"'{word}' is listed twice for {place}: "
                      f"here and on line {line(k, kj)}. Delete this copy.", line(i, j))
                continue
            first_word[key] = (i, j)
