"""One status per rule (issue #29): decided once, shown with the same words on every page, in print, in search
and in the exports; never "Superseded" beside a rule that applies now; open questions said once per page."""
from __future__ import annotations

import collections
import csv
import json
import re
from pathlib import Path

from conftest import PARSED

from guidance.data.status import ASKERS, current, rule_status, rules_by_id
from guidance.render.standing import BOX_TITLE, status_line

SKIP = ("editions", "id")  # kept editions and permanent-link redirects are not this build's pages


def _pages(site_dir: Path):
    """Every page of this build, parsed once for the session (read only)."""
    for f in sorted(site_dir.rglob("*.html")):
        rel = f.relative_to(site_dir)
        if rel.parts[0] not in SKIP:
            yield rel.as_posix(), PARSED(f)


def _words(text: str) -> str:
    """Words compared without the spacing that abbreviation markup adds ('( FRAME )')."""
    return re.sub(r"\s+", "", text).rstrip(".")


def _shown(site_dir: Path) -> dict[str, set[tuple[str, str]]]:
    """rule id -> every (state, words) the built pages show for it."""
    seen: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    for _rel, soup in _pages(site_dir):
        for label in soup.select("[data-rule]"):
            seen[label["data-rule"]].add((label["data-status"], _words(label.get_text(""))))
    return seen


def test_every_rule_has_one_status_on_every_page_and_in_the_exports(site_dir, data):
    seen = _shown(site_dir)
    two = {rid: s for rid, s in seen.items() if len(s) > 1}
    assert not two, two
    rules = rules_by_id(data)
    for rid, item in rules.items():
        got = rule_status(data, item)
        if getattr(item, "normative", None):  # every step and standard has a status, and it is shown
            assert got is not None and rid in seen, rid
        if got is not None and rid in seen:
            assert {s for s, _ in seen[rid]} == {got.slug}, rid
    for name in ("mappa-steps", "standards"):
        rows = json.loads((site_dir / "downloads" / f"{name}.json").read_text(encoding="utf-8"))["items"]
        assert rows
        for row in rows:
            got = rule_status(data, rules[row["id"]])
            assert row["status"] == got.state and row["status_text"] == status_line(data, rules[row["id"]]), row["id"]
            if got.state != "not settled":  # the page's words are the export's words
                assert {w for _, w in seen[row["id"]]} == {_words(row["status_text"])}, row["id"]
        table = list(csv.DictReader((site_dir / "downloads" / f"{name}.csv").open(encoding="utf-8")))
        assert all(r["status"] and r["status_text"] for r in table), name
    for path in (site_dir / "downloads" / "checklists").glob("*.csv"):
        for r in csv.DictReader(path.open(encoding="utf-8")):
            assert r["status"] == status_line(data, rules[r["step"]]), r["step"]


def test_a_rule_that_applies_now_never_carries_a_superseded_or_replaced_label(site_dir, data):
    for rel, soup in _pages(site_dir):
        for label in soup.select("[data-rule]"):
            words = label.get_text(" ")
            if label["data-status"] != "replaced":
                assert not re.search(r"[Ss]uperseded|[Rr]eplaced", words), (rel, label["data-rule"], words)
    # a replaced source is named by the edition at the end of its chain, never one that is itself replaced
    assert current(data, "mappa-guidance-2014") == "mappa-guidance"
    for item in rules_by_id(data).values():
        got = rule_status(data, item)
        if got is not None and got.link in data.sources:
            status = data.sources[got.link].in_force
            assert not (status and status.state == "superseded"), item.id


def _open_count(site_dir: Path) -> int:
    n = 0
    for rel, soup in _pages(site_dir):
        if rel.startswith(("mappa/", "standards/")):
            art = soup.find("article") or soup
            n += len(art.select('[data-status="not-settled"]'))
            n += len(re.findall(r"[Nn]ot confirmed|Status unconfirmed", art.get_text(" ")))
    return n


def test_open_questions_on_mappa_and_standards_pages_are_few_and_said_once_a_page(site_dir):
    assert _open_count(site_dir) <= 30
    for rel, soup in _pages(site_dir):
        art = soup.find("article") or soup
        labels = art.select('[data-status="not-settled"]')
        # the box is its own part of the page: a heading of its own, listed in the table of contents
        boxes = [h for h in art.select("h2.not-settled-head") if h.find(string=True, recursive=False) == BOX_TITLE
                 and "not-settled" in h.find_next_sibling().get("class", [])]
        if rel.startswith("print_page/"):  # the whole guidance in one: one box per page section
            assert bool(boxes) == bool(labels), rel
            continue
        assert len(boxes) == (1 if labels else 0), rel
        if not labels:
            continue
        toc = [a["href"] for a in soup.select("nav.md-nav--secondary a")]
        assert "#" + boxes[0]["id"] in toc and boxes[0].parent is art, rel  # at page level, not in a section
        for lab in labels:  # each line points to its page's box heading
            assert lab.a["href"] == "#" + boxes[0]["id"], (rel, lab["data-rule"])
        assert all(lab.get_text(" ").strip().startswith("Open question") for lab in labels), rel


def test_never_the_coordinator_for_the_coordinators_own_question_an_rma_document_or_a_tribunal_power(data):
    for rid, item in rules_by_id(data).items():
        got = rule_status(data, item)
        if got is None or got.state != "not settled":
            continue
        assert got.ask in ASKERS and got.reason, rid
        if getattr(item, "actor", "") == "coordinator":
            assert got.ask != "coordinator", rid
        if all("Risk Management Authority" in data.sources[r.id].publisher for r in item.sources):
            assert got.ask == "rma", rid
        assert "co-ordinator" not in got.reason, rid


def test_the_editors_page_lists_every_open_item_with_a_count(site_dir, data):
    from guidance.data.status import open_checks
    page = PARSED(site_dir / "still-to-check" / "index.html")
    text = " ".join(page.get_text(" ").split())
    items = open_checks(data)
    assert items and f"{len(items)} open items" in text
    for i in items:
        assert i.item_id in text
    editors = (site_dir / "editors" / "index.html").read_text(encoding="utf-8")
    assert "still-to-check/" in editors
