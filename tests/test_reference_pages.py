"""Long reference pages a trainer cites (issue #32): each opens with an index of its sections, every old
anchor still lands, and the permanent-ID register lists every ID, each linked to its permanent link."""
from __future__ import annotations

import pytest
from conftest import PARSED
from page_passes import convert

from guidance import paths


def page(site_dir, rel: str):
    return PARSED(site_dir / rel / "index.html").select_one("article")


def _index_targets(art) -> list[str]:
    nav = art.select_one("nav.page-index")
    assert nav is not None, "the page has no index"
    return [a["href"].lstrip("#") for a in nav.select("a[href^='#']")]


def test_glossary_index_by_letter_lands_on_every_letter(site_dir, data):
    art = page(site_dir, "glossary")
    targets = _index_targets(art)
    letters = sorted({t.abbr[0].upper() for t in data.terms})
    assert [t for t in targets if t.startswith("letter-")] == [f"letter-{c.lower()}" for c in letters]
    for t in targets:
        assert art.select_one(f"#{t}") is not None, t
    for t in data.terms:  # every entry keeps its anchor
        assert art.select_one(f"#{paths.anchor_of(t.id)}") is not None, t.id


def test_sources_index_lands_on_each_kind_and_keeps_the_old_anchors(site_dir, data):
    art = page(site_dir, "sources")
    targets = _index_targets(art)
    assert "legislation" in targets and "research" in targets  # the anchors the headings always had
    for t in targets:
        assert art.select_one(f"h2#{t}") is not None, t
    for s in data.sources.values():
        assert art.select_one(f"#src-{s.id}") is not None, s.id


def test_id_register_lists_every_id_by_kind_each_with_its_permanent_link(site_dir, data):
    art = page(site_dir, "training/ids")
    locs = paths.ids(data)
    wanted = {i for i, loc in locs.items() if loc.kind != "page"}
    listed = {a.get_text(strip=True) for a in art.select("ul.id-list a")}
    assert listed == wanted
    for a in art.select("ul.id-list a"):
        assert a["href"].endswith(f"id/{a.get_text(strip=True)}/"), a["href"]
        assert (site_dir / "id" / a.get_text(strip=True) / "index.html").is_file()
    targets = _index_targets(art)
    assert len(targets) == len({loc.kind for loc in locs.values() if loc.kind != "page"})
    for t in targets:
        assert art.select_one(f"h2#{t}") is not None, t


@pytest.mark.parametrize("value,inline", [("Meeting chair", True), ("x" * 400, False)])
def test_a_short_card_cell_shares_its_line_with_its_label(value, inline):
    out = convert(f"| Step | Who |\n|---|---|\n| a | {value} |\n")
    assert ("data-short" in out) is inline
