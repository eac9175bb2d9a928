"""Real-browser checks in Debian's chromium driven by Playwright (search: tests/test_search.py): permalinks, tooltips,
accessibility (axe-core on every page), no requests leaving the host, print and PDF length."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ARTIFACTS, AS_PUBLISHED, walk_paths
from walks import AXE, OPENED, PHONES, SEARCH_INDEX, axe_context, axe_violations, phone_options, phone_page, walk_context

pytestmark = [pytest.mark.browser, pytest.mark.node]  # axe-core comes from node_modules (walks.AXE)


@pytest.fixture
def browser(chromium):
    return chromium


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.requests = requests  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def site_paths(site_dir) -> list[str]:
    """The pages the browser walks (conftest.walk_paths: every page but the search page, with a flow's
    repeated pages represented by those most likely to break)."""
    return walk_paths(site_dir, skip=("search", "downloads"))


def test_permalinks_lead_to_the_item(page, server, data):
    for item in (data.steps[0].id, data.standards[0].id, data.tools[0].id, "REC-05", "Q-01"):
        page.goto(f"{server}id/{item}/")
        # the stub redirects by meta refresh: wait for it (a loaded machine may take a while), then check
        page.wait_for_url(lambda url: "/id/" not in url, timeout=15_000)
        assert "/id/" not in page.url, f"{item} did not redirect: {page.url}"
        anchor = page.url.partition("#")[2]
        if anchor:
            assert page.locator(f"[id='{anchor}']").count() == 1


def _tooltip_text(page) -> str:
    """Material moves an abbreviation's title into a tooltip named by aria-describedby."""
    return page.evaluate(
        """() => { const a = document.activeElement; const id = a.getAttribute('aria-describedby');
                   const t = id && document.getElementById(id);
                   if (t) { const s = getComputedStyle(t); return s.visibility === 'visible' ? t.textContent.trim() : ''; }
                   return a.getAttribute('title') || ''; }"""
    )


def test_abbreviation_tooltips_reachable_by_keyboard_and_touch(page, server, data):
    expansion = next(t.expansion for t in data.terms if t.abbr == "MAPPA")
    page.goto(server + "mappa/")
    page.locator("article abbr").first.wait_for()
    for _ in range(80):  # keyboard: Tab until an abbreviation has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("no abbreviation could be reached with the Tab key")
    page.wait_for_timeout(300)
    assert _tooltip_text(page), "focused abbreviation shows no tooltip"
    # touch: a tap on an abbreviation focuses it and shows its expansion
    ctx = page.context.browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    touch = ctx.new_page()
    touch.goto(server + "mappa/")
    target = touch.locator("article abbr", has_text="MAPPA").first
    target.scroll_into_view_if_needed()
    target.tap()
    touch.wait_for_timeout(300)
    assert touch.evaluate("document.activeElement.tagName") == "ABBR"
    assert expansion in _tooltip_text(touch)
    ctx.close()


def test_print_page_renders_everything(page, server, data):
    page.goto(server + "print_page/")
    page.wait_for_load_state("load")
    text = page.inner_text("body")
    assert "MAPPA" in text and data.tools[0].name in text
    assert page.locator("section.print-page").count() > 20


def test_tools_table_sorts(page, server):
    page.goto(server + "tools/")
    col = ".sortable-table tbody tr td:nth-child(2)"
    button = page.locator(".sortable-table thead th button").nth(1)
    button.click()  # ascending by type
    up = [t.strip().lower() for t in page.locator(col).all_inner_texts()]
    button.click()  # descending
    down = [t.strip().lower() for t in page.locator(col).all_inner_texts()]
    assert up == sorted(up) and down == sorted(down, reverse=True) and up != down
    assert page.locator(".sortable-table thead th").nth(1).get_attribute("aria-sort") == "descending"


def axe_part(paths: list[str], part: str) -> list[str]:
    """The pages of one part of the 1280 px walk: the print page alone (a quarter of the walk), or every other one
    of the rest. Three parts let `make test`'s two workers share the walk (each part is a test of its own)."""
    rest = [p for p in paths if not p.startswith("print_page")]
    return {"print": [p for p in paths if p.startswith("print_page")], "odd": rest[0::2], "even": rest[1::2]}[part]


def test_the_three_axe_parts_walk_every_page_once(site_dir):
    paths = site_paths(site_dir)
    parts = [axe_part(paths, part) for part in ("print", "odd", "even")]
    assert sorted(sum(parts, [])) == sorted(paths) and len(parts[0]) == 1


@pytest.mark.slow  # started among the first units under `make test` (tests/parallel.py)
@pytest.mark.parametrize("part", ["print", "odd", "even"])
def test_no_request_leaves_the_host_and_axe_finds_nothing(browser, server, site_dir, part):
    """Load every page (in three parts, axe_part); record every request; run axe-core (WCAG 2.0/2.1/2.2 A and AA)
    on each."""
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does this)"
    ctx = axe_context(browser, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    violations: list[str] = []
    for path in axe_part(site_paths(site_dir), part):
        pg.goto(server + path)  # waits for the load event
        violations += axe_violations(pg, path)
    ctx.close()
    external = [u for u in requests if not u.startswith((server, "data:", "blob:", "about:"))]
    assert not external, f"requests left the host: {sorted(set(external))[:10]}"
    (ARTIFACTS / f"axe-report-{part}.txt").write_text("\n".join(violations) or "0 violations\n")
    assert not violations, "\n".join(violations[:30])


# faults planted in a page as served, each one axe-core rule must report
PLANTED = {"image-alt": '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">',
           "link-name": '<a href="../"><span></span></a>',
           "color-contrast": '<p style="color: #c8c8c8">Planted words too faint to read</p>'}


@pytest.mark.parametrize("width", [*PHONES, 1280])
def test_the_walks_axe_reports_faults_planted_in_a_page(chromium, server, width):
    """axe-core as the walks run it (walks.axe_context, axe_violations; on a phone, walks.phone_page), at each
    width they run it, reports faults planted as the server sends a page (before its scripts run): under its
    title and, at 320 px, inside a section the page keeps closed. The page is one that folds on a phone."""
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does this)"
    options = phone_options(width) if width in PHONES else {"viewport": {"width": width, "height": 900}}
    ctx = axe_context(chromium, **options)
    pg = ctx.new_page()
    url = server + "mappa/stages/meeting/"
    planted = "".join(PLANTED.values())
    shut = '<details><summary>Closed</summary><p id="planted-shut" style="color: #c8c8c8">Faint words kept closed</p></details>'

    def plant(route):
        sent = route.fetch()
        body = sent.text().replace("</h1>", "</h1>" + planted, 1).replace("</article>", shut + "</article>", 1)
        route.fulfill(response=sent, body=body)

    pg.route(url, plant)
    pg.goto(url)
    walked = phone_page(pg, "p/", width) if width in PHONES else {"folds": 1, "axe": axe_violations(pg, "p/")}
    ctx.close()
    assert walked["folds"], f"{url} no longer folds at {width} px, so the walk leaves axe off there: plant in a longer page"
    found = walked["axe"]
    missed = [rule for rule in PLANTED if not any(f.startswith(f"/p/: {rule} (") for f in found)]
    assert not missed, f"at {width} px axe did not report {missed}; it found {found}"
    if width == OPENED:  # the closed section was opened and read: its faint words are reported too
        assert any("color-contrast" in f and "#planted-shut" in f for f in found), found


def test_a_walks_search_box_starts_on_its_empty_index(chromium, server):
    """The walks give the search box an index with no documents (walks.empty_search_index): the box still starts
    and answers as a reader's does, and the real index is not built."""
    ctx = axe_context(chromium, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    sent: list[int] = []
    pg.on("requestfinished", lambda r: r.url.endswith(SEARCH_INDEX) and sent.append(len(r.response().body())))
    pg.goto(server + "mappa/")
    pg.locator("input.md-search__input").click()
    pg.keyboard.insert_text("level")
    pg.keyboard.press("End")  # the theme searches on keyup
    meta = pg.locator(".md-search-result__meta")
    meta.filter(has_text="No matching documents").wait_for(timeout=10_000)
    ctx.close()
    assert sent and max(sent) < 1_000, f"the walk's page fetched a search index of {sent} bytes"


KEY_PAGES = ["", "mappa/", "mappa/pathways/rso/", "standards/coverage/", "tools/", "tools/rm2000/",
             "judiciary/reading-a-risk-assessment/", "recommendations/matrix/", "bench-notes/rm2000/"]


def test_screenshots_of_key_pages(page, server):
    ARTIFACTS.mkdir(exist_ok=True)
    for path in KEY_PAGES:
        resp = page.goto(server + path)
        assert resp and resp.ok, path
        name = (path.strip("/").replace("/", "-") or "home") + ".png"
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        assert (ARTIFACTS / name).stat().st_size > 10_000


def pdf_pages(pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode()
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_bench_notes_print_on_one_a4_page(browser, server, data):
    from guidance.paths import tool_slug

    ctx = walk_context(browser)
    pg = ctx.new_page()
    pg.emulate_media(media="print")  # kept from page to page
    over = []
    for t in data.tools:
        pg.goto(f"{server}bench-notes/{tool_slug(t.id)}/")
        pg.evaluate(AS_PUBLISHED)
        n = pdf_pages(pg.pdf(format="A4", print_background=True))
        if n > 1:
            over.append((t.id, n))
    ctx.close()
    assert not over, f"bench notes longer than one A4 page: {over}"


# printed length limits the guidance promises its readers
PRINT_LIMITS = {
    "mappa/": 2,                 # MAPPA in one page: two sides of A4
    "judiciary/questions/": 2,   # questions to keep beside a report: one sheet, two sides
}


@pytest.mark.parametrize("path,limit", PRINT_LIMITS.items())
def test_printed_length(browser, server, path, limit):
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.goto(server + path)
    pg.emulate_media(media="print")
    n = pdf_pages(pg.pdf(format="A4", print_background=True))
    ctx.close()
    assert n <= limit, f"/{path} prints on {n} A4 pages (limit {limit})"
