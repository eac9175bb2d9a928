"""Two engines, one generated tree (issue #23): MkDocs with Material (site_dir, the session build) and
Zensical (built once here) hold the same pages, titles and headings; every internal link of each
resolves; the reader query set runs on both, and both hit rates are reported.

Known differences, each shown by a test here:
- the print page (mkdocs-print-site) exists only in the MkDocs build;
- Zensical's own search worker reads title and text only, and wants every word. In the Zensical build
  (issue #32) docs/assets/search-ranked.js ranks the theme's index itself, with the `keys` (ids, synonyms),
  `bestbet` and `boost` fields the post-build step adds, and site.js answers the theme's search box with it;
  the theme's dialog still shows the results. test_search_hit_rate_on_zensical holds it to ZENSICAL_FLOOR;
  tests/test_search.py::test_query_set_hit_rate holds the MkDocs build to HIT_RATE (the set is typed once a build).
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import threading

import pytest
from conftest import ARTIFACTS, ROOT, _free_port, html_pages
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_search import VOCABULARY, settled

ONLY_MKDOCS = {"print_page/index.html"}
_ART = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_H = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory):
    """The same tree built by Zensical, through `make build ENGINE=zensical`'s script: once per session."""
    out = tmp_path_factory.mktemp("zensical") / "site"
    tree = tmp_path_factory.mktemp("zensical-tree")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--engine", "zensical",
                           "--site", str(out), "--tree", str(tree)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "build-log-zensical.txt").write_text(proc.stdout + proc.stderr)
    return out


def _rel(site, pages):
    return {p.relative_to(site).as_posix() for p in pages}


def headings(page) -> list[tuple[str, str, str]]:
    """(level, id, text) of every heading of the page's content."""
    text = page.read_text(encoding="utf-8")
    m = _ART.search(text)
    out = []
    for level, attrs, inner in _H.findall(m.group(1) if m else ""):
        inner = re.sub(r'<a class="headerlink".*?</a>', "", inner, flags=re.S)
        hid = re.search(r'\bid="([^"]*)"', attrs)
        out.append((level, hid.group(1) if hid else "", " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split())))
    return out


def title(page) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1).strip())


def test_same_pages_titles_and_headings(site_dir, zensical_site):
    mk, zen = _rel(site_dir, html_pages(site_dir)), _rel(zensical_site, html_pages(zensical_site))
    assert mk - zen == ONLY_MKDOCS and zen - mk == set(), (sorted(mk - zen), sorted(zen - mk))
    assert len(zen) > 100
    differ = []
    for rel in sorted(mk & zen):
        a, b = site_dir / rel, zensical_site / rel
        if title(a) != title(b) or headings(a) != headings(b):
            differ.append(rel)
    assert not differ, f"pages whose title or headings differ between the engines: {differ[:10]}"
    assert sum(len(headings(site_dir / r)) for r in mk & zen) > 1000  # the comparison compares something


_GID = re.compile(r'<meta name="guidance-id" content="([^"]*)">')
_NOTE_ID = re.compile(r'\bid="(note-[^"]*?)-\d+"')


def test_source_notes_carry_the_page_id_in_both_builds(site_dir, zensical_site):
    """Each page's note anchors (`note-<page id>-N`) carry the id of its front matter, which each engine
    names to the page-HTML pass (guidance/engines/), so the print page that joins every page keeps them unique."""
    mk, zen = _rel(site_dir, html_pages(site_dir)), _rel(zensical_site, html_pages(zensical_site))
    for site in (site_dir, zensical_site):
        checked, wrong = 0, []
        for rel in sorted(mk & zen):
            text = (site / rel).read_text(encoding="utf-8")
            page_id, notes = _GID.search(text), set(_NOTE_ID.findall(text))
            if page_id is None or not notes:
                continue
            checked += 1
            want = "note-" + re.sub(r"[^a-z0-9]+", "-", html.unescape(page_id.group(1)).lower()).strip("-")
            if notes != {want}:
                wrong.append((rel, want, sorted(notes)))
        assert checked > 50 and not wrong, (site, checked, wrong[:5])


def test_every_internal_link_of_both_builds_resolves(site_dir, zensical_site, data):
    """Every link of each build's current pages, and every link into its kept editions (the editions' own frozen
    pages are checked when each is cut, and by tests/test_editions.py), as the build checks them."""
    from guidance.data.editions import shown_editions
    from guidance.engines.output.linkcheck import check
    from guidance.paths import edition_root

    frozen = [edition_root(ed.version) for ed, _until in shown_editions(data)]
    for site in (site_dir, zensical_site):
        pages, links, broken = check(site, frozen)
        assert frozen and links > 10_000 and not broken, (site, broken[:10])


def test_both_builds_have_permanent_links_and_a_tuned_index(site_dir, zensical_site, data):
    from guidance.theme import SEARCH_INDEX

    for engine, site in (("mkdocs", site_dir), ("zensical", zensical_site)):
        assert (site / "id" / "TOOL-RM2000" / "index.html").exists(), engine
        index = json.loads((site / SEARCH_INDEX[engine]).read_text(encoding="utf-8"))
        entries = index.get("docs") or index.get("items")
        assert any("TOOL-RM2000" in e.get("keys", "") for e in entries), engine
        assert not [e for e in entries if e["location"].startswith("editors/")], engine  # kept out of search
    # Zensical's entries keep each phrase apart and carry their page's boost, for docs/assets/search-ranked.js
    items = {e["location"]: e for e in json.loads((zensical_site / SEARCH_INDEX["zensical"]).read_text(encoding="utf-8"))["items"]}
    timescales = items["mappa/timescales/"]["keys"].split(" | ")
    assert "PAGE-MAPPA-TIMESCALES" in timescales and "how often" in timescales, timescales
    assert items["public/"]["boost"] == data.search.boost["PAGE-PUBLIC"], items["public/"]
    assert "boost" not in items["mappa/timescales/"]


# ---------------------------------------------------------------- search, typed into each engine's box


def _serve(site):
    from guidance.site.serve import make_server

    port = _free_port()
    srv = make_server(str(site), port)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{port}/"


def _zensical_search(page, query: str, keys: bool = False) -> list[str]:
    """Zensical's search dialog (its own component, in a shadow root that Playwright's CSS pierces). The query goes
    in as a reader pastes it: one input event, one query; the first list shown answers it (the next page of
    results is added below it when the list's end is in view: settled() waits for that). With `keys`, typed key by
    key: an input event, and a query, a key."""
    box = page.locator("input[role='combobox'][aria-controls$='-results']")
    if not box.is_visible():
        page.locator("button.md-search__button").first.click()
    page.wait_for_function(VOCABULARY, timeout=10_000)  # Zensical's build loads it with the page
    results = page.locator("[id$='-results'] li a[href]")
    box.fill("")
    results.first.wait_for(state="detached", timeout=10_000)
    if keys:
        box.type(query, delay=5)
    else:
        box.fill(query)
    try:
        results.first.wait_for(timeout=10_000)
    except PlaywrightTimeout:
        return []  # nothing found: a miss, which the hit rate counts
    got = settled(page, lambda: results.evaluate_all("els => els.map(a => a.href)"), keys)
    pages: list[str] = []
    for href in got:
        path = re.sub(r"^https?://[^/]+/", "", href).split("#")[0].split("?")[0]
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.browser
def test_search_hit_rate_on_zensical(zensical_site, chromium):
    """The query set typed into the Zensical build's search box. (The MkDocs build's run of the same set, with the
    same floor and the same result faults, is tests/test_search.py::test_query_set_hit_rate: it is not typed twice.)
    Zensical's build ranks with the same fields and boosts (docs/assets/search-ranked.js)."""
    from test_search import run_query_set

    srv, url = _serve(zensical_site)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})  # the session's browser (conftest.py)
    page.goto(url)
    rate, text, _misses, _found = run_query_set(_zensical_search, page, groups=False)
    page.close()
    srv.shutdown()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-hits-engines.txt").write_text(f"zensical: {text}")
    assert rate >= ZENSICAL_FLOOR, text


# typed as readers type, none of them in the query set: run together, in parts, misspelt, a long question
UNSEEN = [("hcr20v3", "tools/hcr-20-v3/"), ("level2 meeting", "mappa/stages/meeting/"), ("mappa lv 05", "mappa/stages/level-referral/"),
          ("static 99 r", "tools/static-99r/"), ("restricted patiant", "mappa/restricted-patients/"), ("self audit", "standards/self-audit/"),
          ("who do I tell when a registered sex offender moves to a new address", "mappa/pathways/rso/")]


@pytest.mark.browser
def test_zensical_search_answers_queries_outside_the_set(zensical_site, chromium):
    """The ranking is general, not fitted to the query set: other ways of typing land in the top 3, and a result
    shows the reader no field name and no phrase list from the index."""
    from test_search import INTERNAL

    srv, url = _serve(zensical_site)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        for query, want in UNSEEN:
            pages = _zensical_search(page, query, keys=query == "restricted patiant")  # a slip, typed key by key
            assert want in pages[:3], (query, pages)
            shown = page.locator("[id$='-results'] li a[href]").evaluate_all("els => els.map(a => a.textContent)")
            assert shown and not [t for t in shown if INTERNAL.search(t) or " | " in t], (query, shown[:3])
    finally:
        page.close()
        srv.shutdown()


# measured 67/111 (60 %) on edition 2026.12.1 draft, 4 December 2026; 83/130 (64 %), then 113/130 (87 %) on
# 6 December 2026 once site.js gave it plain words (issue #32); 138/139, then 139/139 in two runs once search-ranked.js
# ranked its index with the keys, best bets and boosts and the self-audit page was found by name (issue #32, same day;
# MkDocs 138/139, then 139/139 in the same runs)
ZENSICAL_FLOOR = 0.95
