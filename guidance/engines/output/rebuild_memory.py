"""What `make serve` keeps from one rebuild to the next, engine-neutral (used by guidance/engines/mkdocs_dirty.py).

- `merge_index`: a search index rebuilt for some pages only, merged into the last whole one;
- `CompiledTemplates`: templates compiled once per serve (jinja checks each against its source).
"""
from __future__ import annotations

import json
from pathlib import Path

import jinja2

from .search_index import INDEX


def merge_index(site_dir: str, kept: list[dict], partial: bool) -> list[dict]:
    """After a rebuild of some pages only (`partial`), their entries in the engine's index merged into `kept`,
    written back; returns the whole index's entries, kept for the next rebuild."""
    path = Path(site_dir) / INDEX
    if not path.exists():
        return kept
    index = json.loads(path.read_text(encoding="utf-8"))
    if partial and kept:
        index["docs"] = merge_entries(kept, index["docs"])
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return index["docs"]


def merge_entries(kept: list[dict], fresh: list[dict]) -> list[dict]:
    """The entries of `fresh` (those of the pages just rebuilt) replace their pages' entries in `kept`, in place;
    a page new to the index comes last. An entry's page is its location before any '#'."""
    def page(doc: dict) -> str:
        return doc["location"].split("#")[0]

    by_page: dict[str, list[dict]] = {}
    for doc in fresh:
        by_page.setdefault(page(doc), []).append(doc)
    merged: list[dict] = []
    for doc in kept:
        if page(doc) not in by_page:
            merged.append(doc)
        elif by_page[page(doc)]:
            merged.extend(by_page[page(doc)])
            by_page[page(doc)] = []
    merged.extend(doc for docs in by_page.values() for doc in docs)
    return merged


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self):
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()
