"""Search that answers a reader's question (issue #13).

- The query set (tests/search_queries.yaml) is typed into the site's own search box in chromium;
  at least 90 % must find their page in the top 3, and id queries their page first.
- Result text never starts with furniture; the editors' page and the registers are not searchable.
- The index stays within 65 % of its size before this work (800,241 bytes): see INDEX_LIMIT.
- An editor adds a synonym in data/search.yaml, and the built site ranks its page first for it.
"""
from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ARTIFACTS

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
CLASSES = {"number", "short-word", "question", "misspelling", "id", "synonym", "plain"}
READERS = {"practitioner", "bench", "trainer", "public"}
HIT_RATE = 0.95  # issue #32 (0.90 before)
# words of the index's own making that a reader must never see in a result: field names and page ids
INTERNAL = re.compile(r"\b(?:keys|bestbet|tags)\b|\b(?:text|title):|\bPAGE-[A-Z]|data-search")
INDEX_BEFORE = 800_241  # bytes of search/search_index.json before issue #13 (the "781 KB" of make bench)
FURNITURE = re.compile(r"^\s*(?:<[^>]+>\s*)*(?:Permanent link|Copy link|Copy citation|Cite this|Page ID|Answers recommendations?\b|"
                       r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\s+Permanent link|/id/)")
NOT_PUBLIC = ["editors/", "training/ids/", "training/changes/", "sources/"]


def expected(case) -> list[str]:
    return case["expect"] if isinstance(case["expect"], list) else [case["expect"]]


def load_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the query set and the index (no browser)


def test_query_set_covers_every_class_and_reader(site_dir):
    assert len(QUERIES) >= 60
    classes = Counter(q["class"] for q in QUERIES)
    assert set(classes) == CLASSES, classes
    assert min(classes.values()) >= 5, classes
    assert {q["reader"] for q in QUERIES} == READERS
    assert len({q["query"].lower() for q in QUERIES}) == len(QUERIES), "a query is listed twice"
    for q in QUERIES:
        for path in expected(q):
            assert (site_dir / path / "index.html").exists(), f"{q['query']!r}: no page /{path}"


def test_index_holds_no_furniture_and_no_private_pages(site_dir):
    docs = load_index(site_dir)["docs"]
    starts = [d["location"] for d in docs if FURNITURE.search(d["text"])]
    assert not starts, f"entries whose text starts with furniture: {starts[:10]}"
    for phrase in ("Permanent link:", "Copy link", "Copy citation", "Due in the next"):
        hits = [d["location"] for d in docs if phrase in d["text"]]
        assert not hits, f"{phrase!r} is indexed in {hits[:5]}"
    private = [d["location"] for d in docs if d["location"].startswith(tuple(NOT_PUBLIC))]
    assert not private, private


def test_ids_and_synonyms_are_indexed_where_they_live(site_dir, data):
    docs = {d["location"]: d for d in load_index(site_dir)["docs"]}
    step = data.steps[0]
    section = next(loc for loc in docs if loc.endswith(f"#{step.id.lower()}"))
    assert step.id in docs[section]["keys"].split()
    syn = data.search.synonyms[0]
    holders = [loc for loc, d in docs.items() if syn.words[0] in d.get("keys", "")]
    assert holders and all("#" not in h for h in holders), holders


# Issue #13 cut the index to 58 % of its old size by leaving furniture out. Edition 2026.12.1 adds words readers
# search for: the "Applies now" readings that issue #21 asks search snippets to show (plain "yes" lines stay
# out), conditional discharge of restricted patients, the Downloads page and Tools A to Z (their per-file and
# per-tool lists stay out: their own pages are indexed). 501 KB, 63 %, on 4 December 2026. The limit keeps a
# little room for content, none for furniture coming back (a theme change or a dropped data-search-exclude).
INDEX_LIMIT = 0.65


def test_index_stays_within_its_size_limit(site_dir):
    size = (site_dir / "search" / "search_index.json").stat().st_size
    assert size <= INDEX_LIMIT * INDEX_BEFORE, f"search index is {size / 1024:.0f} KB, {size / INDEX_BEFORE:.0%} of before"


def test_unknown_id_in_search_data_is_a_clear_error(small_project):
    from guidance.checks import DataErrors
    from guidance.checks import load_checked as load_site

    path = small_project / "data" / "search.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["synonyms"].append({"id": "PAGE-MAPPA-TIMESCALE", "words": ["time limit"]})  # a typo in the id
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_site(small_project)
    report = err.value.report()
    assert "search.yaml" in report and "unknown id 'PAGE-MAPPA-TIMESCALE'" in report
    assert "PAGE-MAPPA-TIMESCALES" in report  # the closest id is suggested


# ---------------------------------------------------------------- in chromium, through the search box


@pytest.fixture(scope="module")
def search_page(chromium, server):
    pg = chromium.new_page(viewport={"width": 1280, "height": 900})
    pg.goto(server)
    yield pg
    pg.close()


RESULTS = """() => Array.from(document.querySelectorAll('.md-search-result__item > a.md-search-result__link'),
    a => ({href: a.href, text: (a.querySelector('article p, article') || a).textContent.trim()}))"""
# the words for "Did you mean" (search/vocabulary.js, loaded on the box's first focus) are in; a kept edition cut
# before they existed has none to wait for
VOCABULARY = "() => window.__searchVocabulary || !document.querySelector('script[src$=\"search/vocabulary.js\"]')"
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def settled(page, read: Callable[[], list], keys: bool) -> list:
    """What `read()` reads once the result list stops changing. Typed key by key, each key sends a query
    and its answer replaces the list: three equal reads 120 ms apart. Sent as one query, the first list shown is
    its only answer, drawn in one go. More is added below it only when the list's end is in view: Material draws
    four more as the reader scrolls; Zensical asks for its next page when its first does not fill the list, and
    draws it within two frames: reads two frames apart must agree."""
    last, same = None, 0
    for _ in range(60):
        got = read()
        same = same + 1 if got == last else 0
        if got and same >= (2 if keys else 1):
            break
        last = got
        if keys:
            page.wait_for_timeout(120)
        else:
            page.evaluate(FRAMES)
    return got


GROUPS = """els => els.map(li => Array.from(li.querySelectorAll('a.md-search-result__link')).map(a => ({
    href: a.href, score: parseFloat(a.querySelector('[data-md-score]').getAttribute('data-md-score')),
    text: a.textContent.replace(/\\s+/g, ' ').trim(),
    missing: ((a.querySelector('.md-search-result__terms') || {}).textContent || '').replace(/^[^:]*:/, '').trim()})))"""


def result_groups(page) -> list[list[dict]]:
    """Each result as shown: the page's link first, then its sections' links (href, score, text, missing words)."""
    return page.eval_on_selector_all(".md-search-result__item", GROUPS)


def faults_in_results(query: str, groups: list[list[dict]]) -> list[str]:
    """What a reader must not meet in a result: internal words, a missing word they did not type, and a page
    link that opens the page's top when one of its sections matched better."""
    typed = set(re.split(r"[\s\-/'\u2019]+", query.lower()))
    out = []
    for links in groups:
        for link in links:
            internal = INTERNAL.findall(link["text"])
            if internal and not all(re.sub(r"[-:].*", "", w).lower() in typed for w in internal):
                out.append(f"{query!r}: internal word {internal} in {link['text'][:100]!r}")
            strange = [w for w in link["missing"].split() if w in ("keys", "bestbet", "text", "title", "tags") and w not in typed]
            if strange:
                out.append(f"{query!r}: 'Missing: {link['missing']}' names a field")
        best = max(links, key=lambda link: link["score"])
        if "#" in best["href"] and links[0]["href"] != best["href"]:
            out.append(f"{query!r}: the page link {links[0]['href']} does not open its best section {best['href']}")
    return out


def search(page, query: str, keys: bool = False) -> tuple[list[str], list[dict]]:
    """Put a query into the site's search box as a reader pastes it: one keyup, so one query to the search worker
    (the theme searches on keyup); with `keys`, typed key by key, a query a key, as a reader types. Return the
    result pages in order, and the results."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-search__icon, label[for='__search']").first.click()
    box.click()
    page.wait_for_function(VOCABULARY, timeout=10_000)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=10_000)
    if keys:
        page.keyboard.type(query, delay=5)
    else:
        page.keyboard.insert_text(query)  # one input event, as a paste
        page.keyboard.press("End")  # and one keyup, on which the theme searches
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    results = settled(page, lambda: page.evaluate(RESULTS), keys)
    pages: list[str] = []
    for r in results:
        path = re.sub(r"^https?://[^/]+/", "", r["href"]).split("#")[0].split("?")[0]
        if path not in pages:
            pages.append(path)
    return pages, results


def run_query_set(search_fn, page, groups: bool = True, queries: list[dict] | None = None
                  ) -> tuple[float, str, list[str], list[str]]:
    """Type every query of the set (or of `queries`, a part of it) with `search_fn(page, query)` (the result pages
    in order): the top-3 rate, a report (a summary line, then one line a query), the misses, and (with `groups`,
    in Material's search box) the faults of faults_in_results and of results that do not open at the case's
    `section`."""
    queries = QUERIES if queries is None else queries
    rows, hits, by_class, misses, faults = [], 0, Counter(), [], []
    for case in queries:
        pages = search_fn(page, case["query"])
        found = result_groups(page) if groups else []
        faults += faults_in_results(case["query"], found)
        want = expected(case)
        ok = pages[:1] == want[:1] if case.get("first") else any(w in pages[:3] for w in want)
        if ok and groups and case.get("section"):  # it must open at the section that answers, not the page's top
            link = next(g[0]["href"] for g in found if _page_of(g[0]["href"]).endswith(tuple("/" + w for w in want)))
            ok = link.endswith("#" + case["section"])
            faults += [] if ok else [f"{case['query']!r}: {link} does not open at #{case['section']}"]
        hits += ok
        by_class[(case["class"], ok)] += 1
        rows.append(f"{'ok  ' if ok else 'MISS'} [{case['class']}] {case['query']!r} -> {pages[:3]}")
        misses += [] if ok else [rows[-1]]
    rate = hits / len(queries)
    summary = ", ".join(f"{c} {by_class[(c, True)]}/{by_class[(c, True)] + by_class[(c, False)]}" for c in sorted(CLASSES))
    return rate, f"top 3: {hits}/{len(queries)} ({rate:.0%}); {summary}\n" + "\n".join(rows) + "\n", misses, faults


def _page_of(href: str) -> str:
    return href.split("#")[0].split("?")[0].removesuffix("index.html")


@pytest.mark.browser
def test_query_set_hit_rate(search_page):
    rate, report, misses, faults = run_query_set(lambda page, query: search(page, query)[0], search_page)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-hits.txt").write_text(report)
    assert rate >= HIT_RATE, report.splitlines()[0] + "\n" + "\n".join(misses)
    ids_missed = [m for m in misses if "[id]" in m]
    assert not ids_missed, ids_missed
    assert not faults, "\n".join(faults[:20])
    assert sum(1 for q in QUERIES if q.get("section")) >= 8  # the landing check checks something


@pytest.mark.browser
def test_result_text_starts_with_content(search_page, data):
    tool = data.tools[0]
    for query in (tool.abbr, tool.id, "Stage 2", "Recommendation 5", "Category 3", "timescales", "glossary"):
        _, results = search(search_page, query)
        for r in results[:5]:
            assert not FURNITURE.search(r["text"]), f"{query!r}: result text starts with furniture: {r['text'][:80]!r}"
            assert "Permanent link" not in r["text"] and "Copy link" not in r["text"], r["text"][:120]


@pytest.mark.browser
def test_editors_and_registers_are_not_in_results(search_page):
    for query in ("for editors", "review status due", "permanent IDs register", "what changed", "sources"):
        pages, _ = search(search_page, query)
        assert not set(pages) & set(NOT_PUBLIC), f"{query!r} -> {pages}"


@pytest.mark.browser
def test_small_words_and_numbers_do_not_decide(search_page):
    """A bare number or small word must not pull a page that is not about the reader's words."""
    pages, _ = search(search_page, "disclosure to a victim")
    assert pages[0] == "mappa/information-sharing/", pages
    pages, _ = search(search_page, "Category 3")
    assert pages[0] == "mappa/pathways/orsh/", pages
    assert "recommendations/rec-03/" not in pages[:3] and "tools/hcr-20-v3/" not in pages[:3], pages


@pytest.mark.browser
def test_an_editor_adds_a_synonym(chromium, small_buildable, tmp_path):
    """One data edit: a new word for a page, and the built site ranks that page first for it (the small fixture
    project: the same build, a third of the pages)."""
    from guidance.site.serve import make_server

    word = "gatekeeping meeting"  # a word the site does not use
    project = small_buildable
    path = project / "data" / "search.yaml"
    text = path.read_text(encoding="utf-8")
    # the page's own entry takes the word (a second entry for one id is refused: all its words go in one)
    entry = "  - id: PAGE-TRAINING\n    words: ["
    assert entry in text, "the fixture's data/search.yaml has no synonym entry for PAGE-TRAINING to add to"
    text = text.replace(entry, f"{entry}{word}, ", 1)
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--site", str(site)],
                          cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    docs = load_index(site)["docs"]
    assert not any("gatekeeping" in d["text"].lower() or "gatekeeping" in d["title"].lower() for d in docs), \
        "the word is already on the site: the test would prove nothing"
    srv = make_server(str(site), 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    pg = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        pg.goto(f"http://127.0.0.1:{srv.server_address[1]}/")
        pages, _ = search(pg, word)
    finally:
        pg.close()
        srv.shutdown()
    assert pages and pages[0] == "training/", pages


@pytest.mark.browser
def test_a_corrected_query_says_did_you_mean(search_page):
    """Run-together names and slips inside a word are corrected from the index's own words, and said so."""
    for typed, shown, page in (("lscmi", "LS/CMI", "tools/ls-cmi/"), ("staic-99r", "static-99r", "tools/static-99r/"),
                               ("stable2007", "Stable-2007", "tools/stable-2007/")):
        pages, _ = search(search_page, typed, keys=True)  # key by key: the query is corrected as it grows
        assert page in pages[:3], (typed, pages)
        line = search_page.locator(".search-corrected")
        assert line.is_visible() and shown.lower() in line.inner_text().lower(), (typed, line.inner_text())
    search(search_page, "timescales")  # a word the site uses: no correction line
    assert not search_page.locator(".search-corrected").is_visible()


@pytest.mark.browser
def test_a_number_alone_never_ranks_a_tool_by_its_name(search_page, site_dir):
    """"20" beside other words is never matched to the digits of HCR-20 or SVR-20: a tool page comes, if at
    all, after every page that has the reader's words."""
    docs = load_index(site_dir)["docs"]
    worded = {d["location"].split("#")[0] for d in docs if "working day" in d["text"].lower()}
    pages, _ = search(search_page, "20 working days")
    assert pages[0] == "mappa/timescales/", pages
    tools = [i for i, p in enumerate(pages) if p.startswith("tools/")]
    assert not tools or tools[0] > max(i for i, p in enumerate(pages) if p in worded), pages
    # in the index, a tool's name is one word: its digits are not a word of their own
    split = [d["location"] for d in docs if re.search(r"\b(?:HCR|SVR|Static|Stable)-\d", d["title"] + " " + d["text"] + " " + d.get("keys", ""))]
    assert not split, split[:5]


@pytest.mark.browser
def test_the_page_opened_from_a_result_shows_its_own_characters(search_page):
    """The theme highlights the query on the page a result opens; a digit in the query must not mark the
    inside of an escaped apostrophe (the page showed 'chair&#39;s')."""
    for query in ("chair's role level 3", "the chair 39", "lead authority 2"):
        search(search_page, query)
        search_page.locator(".md-search-result__item > a.md-search-result__link").first.click()
        search_page.wait_for_load_state("load")
        search_page.wait_for_timeout(300)
        body = search_page.locator("article").inner_text()
        assert "&#39;" not in body and "&amp;" not in body and "&#" not in body, (query, search_page.url)
        search_page.go_back()
        search_page.wait_for_load_state("load")


@pytest.mark.browser
def test_a_result_opens_its_section_inside_a_phone_fold(chromium, server):
    """On a phone a long page folds its sections (docs/assets/phone.js): a result opens at the section that
    matched, with its fold open and its heading on screen."""
    pg = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        pg.goto(server)
        for query, page, anchor in (("conditional discharge", "mappa/restricted-patients/", "conditional-discharge"),
                                    ("ICM case conference", "mappa/stages/level-referral/", "mappa-lv-07")):
            pg.locator("label.md-header__button[for='__search']").click()  # on a phone the box is behind this icon
            search(pg, query)
            link = pg.locator(f".md-search-result__item > a.md-search-result__link[href*='{page}']").first
            assert link.get_attribute("href").endswith("#" + anchor), link.get_attribute("href")
            link.click()
            pg.wait_for_load_state("load")
            pg.wait_for_timeout(300)
            got = pg.evaluate("""a => { const t = document.getElementById(a), d = t.closest('details.phone-fold');
                const box = t.getBoundingClientRect();
                return {folds: document.querySelectorAll('details.phone-fold').length, open: !!d && d.open,
                        top: box.top, bottom: box.bottom, height: innerHeight}; }""", anchor)
            assert got["folds"] > 3, got  # the page is folded: the test tests the fold
            assert got["open"] and 0 <= got["top"] and got["bottom"] <= got["height"], (query, got)
    finally:
        pg.close()


def test_a_section_that_is_not_on_its_page_stops_the_build(data, tmp_path):
    """`section:` in data/search.yaml names a heading's anchor: a wrong one is an editor's error naming the
    file, the id, the field and the anchors the page has."""
    from guidance.data.models.pages import SearchSynonym
    from guidance.engines.output.search_index import rewrite_index

    wrong = SearchSynonym(id="PAGE-MAPPA-RESTRICTED", section="conditional-dischrge", words=["conditional discharge"])
    broken = copy.copy(data)
    broken.search = data.search.model_copy(update={"synonyms": [wrong], "best_bets": []})
    index = {"config": {}, "docs": [{"location": "mappa/restricted-patients/", "title": "Restricted patients", "text": ""},
                                    {"location": "mappa/restricted-patients/#conditional-discharge", "title": "Conditional discharge",
                                     "text": "<p>Leaving hospital on conditions.</p>"}]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        rewrite_index(broken, tmp_path)
    message = str(err.value)
    assert "data/search.yaml | PAGE-MAPPA-RESTRICTED | synonyms[0].section" in message
    assert "no heading 'conditional-dischrge'" in message and "conditional-discharge" in message.split("are:")[1]
    index["docs"][1]["location"] = "mappa/restricted-patients/#conditional-dischrge"  # the heading exists: no error
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    rewrite_index(broken, tmp_path)
    assert "window.__searchVocabulary = " in (tmp_path / "search" / "vocabulary.js").read_text(encoding="utf-8")
