"""Long lists folded on a phone (issue #32): the tools compared, the editors' open checks and the long flow map
fold by part; closed on a phone, printed whole."""
from __future__ import annotations

import pytest
from test_phone import phone

# ---------------------------------------------------------------- long lists folded (issue #32)

FOLDED = {"tools/": "details.tools-compared", "still-to-check/": "details.checks-fold",
          "flows/bench-report/map/": "details.flow-branch"}
# for each fold: is what it holds shown? (a part the style sheet hides on purpose, as the drawing in print, aside)
SHOWN = """sel => [...document.querySelectorAll('article ' + sel)].map(d => {
  const held = [...d.children].filter(c => c.tagName !== 'SUMMARY' && getComputedStyle(c).display !== 'none');
  return held.length > 0 && held.every(c => c.checkVisibility()); })"""


@pytest.mark.browser
def test_folded_lists_are_closed_on_a_phone_and_print_whole(chromium, server):
    """The long parts of the three pages that were over ten screens are folded on a phone; printed, every fold
    shows its content (chromium hides a closed fold's content unless the print style sheet shows it); at
    1280 px the tools table shows with no fold to open (its sort buttons work: test_browser.py)."""
    ctx = phone(chromium, 390)
    pg = ctx.new_page()
    for path, sel in FOLDED.items():
        pg.goto(server + path)
        pg.wait_for_load_state("load")
        shown = pg.evaluate(SHOWN, sel)
        assert shown and not any(shown), (path, shown)
        pg.emulate_media(media="print")
        assert all(pg.evaluate(SHOWN, sel)), f"{path}: a closed fold does not print its content"
        pg.emulate_media(media="screen")
    ctx.close()
    wide = chromium.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(server + "tools/")
    wide.wait_for_load_state("load")
    assert all(wide.evaluate(SHOWN, FOLDED["tools/"])) and wide.locator("details.tools-compared table").is_visible()
    assert not wide.locator("details.tools-compared > summary").is_visible()
    wide.close()


def _soup(site_dir, path: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")


def test_tools_compared_lists_every_tool_once_under_its_type(site_dir, data):
    art = _soup(site_dir, "tools")
    by_type = {}
    for h3 in art.select("h3[id^=type-]"):
        box = h3.find_next_sibling("div", class_="tools-by-type")
        by_type[h3["id"].removeprefix("type-")] = [li.find("a").get_text() for li in box.select("li")]
        assert f"({len(by_type[h3['id'].removeprefix('type-')])} tool" in h3.get_text(), h3.get_text()
    listed = [a for names in by_type.values() for a in names]
    assert sorted(listed) == sorted(t.abbr for t in data.tools), listed
    for t in data.tools:
        assert t.abbr in by_type[t.type.replace(" ", "-")], (t.abbr, t.type)
    rows = art.select("details.tools-compared .sortable-table tbody tr")
    assert len(rows) == len(data.tools)


def test_open_checks_are_folded_by_stage_area_and_topic_with_their_counts(site_dir, data):
    import re

    from guidance.data.status import open_checks

    art = _soup(site_dir, "still-to-check")
    folds = art.select("details.checks-fold")
    assert len(folds) >= 3
    seen = []
    for d in folds:
        rows = d.select("tbody tr")
        n = int(re.search(r": (\d+) open items?$", d.summary.get_text(" ", strip=True)).group(1))
        assert n == len(rows), d.summary.get_text()
        seen += [r.select_one("td").get_text(strip=True) for r in rows]
    assert sorted(seen) == sorted(i.item_id for i in open_checks(data))
    # each section's count is the sum of its folds
    for h2 in art.select("h2[id]"):
        m = re.search(r": (\d+) open items?$", h2.get_text(" ", strip=True).rstrip("¶ "))
        if m:
            part = []
            for sib in h2.find_next_siblings():
                if sib.name == "h2":
                    break
                part += sib.select("tbody tr") if sib.name == "details" else []
            assert int(m.group(1)) == len(part), h2.get_text()


def test_a_long_flow_map_folds_each_branch_and_keeps_every_outcome(site_dir, data):
    from guidance.data.flows import all_flows
    from guidance.render.flow_map import FOLD_OVER, _rows

    for flow in all_flows(data):
        art = _soup(site_dir, f"flows/{flow.id}/map")
        branches = art.select("details.flow-branch")
        codes = [c.get_text() for c in art.select("li code") if not c.find_parent("details", class_="page-about")]
        assert sorted(codes) == sorted(o.id for o in flow.outcomes), flow.id  # every outcome once, in words
        if len(_rows(flow)) <= FOLD_OVER:
            assert not branches and len(art.select("figure.flow-map")) == 1, flow.id
            continue
        first = next(node for path, node in _rows(flow) if not path)
        assert len(branches) == len(first.answers) == len(art.select("figure.flow-map")), flow.id
        for d, answer in zip(branches, first.answers, strict=True):
            n = len(d.select("li code"))
            assert d.summary.get_text(strip=True) == f"{answer.text}: {n} outcome{'s' if n != 1 else ''}"
