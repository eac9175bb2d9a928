"""Every page on a small phone (issue #25): reflow at 320 and 390 px, text a reader can read, targets a
finger can tap, axe-core at phone size with touch, and no page longer than ten screens to its last heading.

One chromium, one pass over every current page per width (the session build: `site_dir`, `server`).
The figures of each run are written to test-artifacts/phone-measures-320.txt and -390.txt.
"""
from __future__ import annotations

import pytest
from conftest import ARTIFACTS, PARSED
from walks import AXE, OPENED, PHONES, phone_options

WIDTHS = PHONES  # CSS px: the narrowest phone WCAG 1.4.10 names, and a common phone
MIN_TEXT_PX = 12
MAX_SCREENS = 10
# Pages allowed to keep text under 12 px, with the reason. Keep it to a handful at most.
SMALL_TEXT_OK: dict[str, str] = {}
# Every page fits in ten screens at 390 px with its folds closed (issue #32): no exceptions. Tools compared,
# the editors' list of open checks and the bench flow's map fold their long parts (tests below).

MEASURE = """(W) => {
  const art = document.querySelector('article');
  // a table scrolls sideways when it, or a box around it inside the article, is wider than its box
  const wide = [];
  for (const t of art.querySelectorAll('table')) {
    let el = t, scrolls = false;
    while (el && el !== art) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') scrolls = true;
      el = el.parentElement;
    }
    if (scrolls || t.getBoundingClientRect().right > W + 1) {
      const box = t.closest('.md-typeset__scrollwrap') || t;
      const cue = box.previousElementSibling;
      wide.push({width: Math.round(t.scrollWidth),
                 cue: !!(cue && cue.matches('.scroll-cue') && cue.getBoundingClientRect().height > 0)});
    }
  }
  // what sticks out of the page, when it does
  const culprits = [];
  if (document.documentElement.scrollWidth > W) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > W + 1 && r.width > 0 && !el.closest('.md-sidebar, .md-search, .md-typeset__scrollwrap, .md-dialog')) {
        culprits.push(el.tagName.toLowerCase() + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 40));
        if (culprits.length > 3) break;
      }
    }
  }
  // visible text under the limit, by element
  const small = {};
  const walk = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const n = walk.currentNode;
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (!el || !el.getClientRects().length || (el.closest('details:not([open])') && !el.closest('summary'))) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    const px = parseFloat(cs.fontSize);
    if (px < MIN) { const k = el.tagName.toLowerCase() + '.' + el.className + ' ' + px.toFixed(1) + 'px'; small[k] = (small[k] || 0) + 1; }
  }
  // how far down the last heading is, in screens
  let last = 0;
  for (const h of art.querySelectorAll('h1, h2, h3, details.phone-fold > summary')) {
    const shut = h.closest('details:not([open])');  // a closed section's body keeps its boxes in chromium
    if (shut && !(h.closest('summary') && h.closest('summary').parentElement === shut)) continue;
    if (h.getClientRects().length) last = Math.max(last, h.getBoundingClientRect().top + window.scrollY);
  }
  return {width: document.documentElement.scrollWidth, wide, culprits, small,
          screens: Math.ceil((last + 1) / window.innerHeight),
          full: Math.ceil(document.documentElement.scrollHeight / window.innerHeight - 0.05)};
}""".replace("MIN", str(MIN_TEXT_PX))


def phone(chromium, width: int):
    return chromium.new_context(**phone_options(width))


@pytest.fixture(scope="module")
def measures(phone_walk) -> dict[int, dict[str, dict]]:
    """The phone walk (walks.phone_walk): each page at each width measured, and axe-core run on the same
    load (its violations under 'axe'); each width's figures are written to test-artifacts/phone-measures-<width>.txt."""
    return phone_walk


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_phone(measures, width):
    """As loaded, and at 320 px with every closed section open (walks.OPENED)."""
    wide = {f"{p} ({state})": (m["width"], m["culprits"]) for p, v in measures[width].items()
            for state, m in (("as loaded", v), ("sections open", v.get("open"))) if m and m["width"] > width}
    assert not wide, f"{len(wide)} pages scroll sideways at {width} px: {wide}"
    if width == OPENED:
        assert sum(bool(v["opened"]) for v in measures[width].values()) > len(measures[width]) / 2


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_at_most_two_pages_have_a_sideways_table_each_with_its_cue(measures, width):
    wide = {p: v["wide"] + ((v.get("open") or {}).get("wide") or []) for p, v in measures[width].items()
            if v["wide"] or (v.get("open") or {}).get("wide")}
    assert len(wide) <= 2, f"{len(wide)} pages have a table that scrolls sideways at {width} px: {sorted(wide)}"
    uncued = [p for p, tables in wide.items() if not all(t["cue"] for t in tables)]
    assert not uncued, f"a sideways table without a visible cue: {uncued}"


@pytest.mark.browser
def test_content_text_is_at_least_12px_on_a_phone(measures):
    small = {p: v["small"] for p, v in measures[390].items() if v["small"] and p not in SMALL_TEXT_OK}
    assert not small, f"{len(small)} pages have text under {MIN_TEXT_PX} px at 390 px: {dict(list(small.items())[:8])}"
    assert len(SMALL_TEXT_OK) <= 5


@pytest.mark.browser
def test_no_page_needs_more_than_ten_screens_to_its_last_heading(measures):
    long = {p: v["screens"] for p, v in measures[390].items() if v["screens"] > MAX_SCREENS}
    assert not long, f"{len(long)} pages need more than {MAX_SCREENS} screens at 390 px: {sorted(long.items(), key=lambda x: -x[1])}"


@pytest.mark.browser
def test_no_page_is_over_ten_screens_with_its_folds_closed(measures):
    tall = {p: v["full"] for p, v in measures[390].items() if v["full"] > MAX_SCREENS}
    assert not tall, f"{len(tall)} pages run over {MAX_SCREENS} screens at 390 px with folds closed: {sorted(tall.items(), key=lambda x: -x[1])}"


@pytest.mark.browser
def test_diagram_text_is_at_least_12px_on_the_narrowest_phone(chromium, server, data):
    """The pathway drawings scale to the column: their text, as drawn, is at least 12 px at 320 px."""
    from guidance import paths

    ctx = phone(chromium, 320)
    pg = ctx.new_page()
    small = {}
    for cat in data.mappa.categories:
        pg.goto(server + paths.page_url(paths.pathway_page(cat.id)))
        pg.wait_for_load_state("load")
        sizes = pg.evaluate("""() => [...document.querySelectorAll('article svg.pathway')].filter(s => s.getClientRects().length)
          .flatMap(s => { const k = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
            return [...s.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * k); })""")
        assert sizes, f"no pathway drawing shows on {cat.id} at 320 px"
        if min(sizes) < MIN_TEXT_PX:
            small[cat.id] = round(min(sizes), 1)
    ctx.close()
    assert not small, f"pathway drawing text under {MIN_TEXT_PX} px at 320 px: {small}"


@pytest.mark.browser
@pytest.mark.node
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_a_phone_with_touch(measures, width):
    """axe-core, WCAG 2.0/2.1/2.2 A and AA (target size included), run in the `measures` walk on the same page
    load: at 320 px on every page walked, with every closed section open; at 390 px on every page folded into
    sections, as loaded (walks.phone_walk says why)."""
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does this)"
    pages = measures[width]
    ran = {p for p, v in pages.items() if v["axe_run"]}
    assert ran == (set(pages) if width == OPENED else {p for p, v in pages.items() if v["folds"]}) and ran, len(ran)
    violations = [v for found in pages.values() for v in found["axe"]]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-phone-{width}-report.txt").write_text("\n".join(violations) or "0 violations\n")
    assert not violations, f"{len(violations)} violations:\n" + "\n".join(violations[:30])


# ---------------------------------------------------------------- reaching the answer (built HTML)


def _article_links(page) -> list[tuple[str, str]]:
    """(href, text) of every link in a built page's article."""
    art = PARSED(page).select_one("article")
    return [(a.get("href", ""), a.get_text(" ", strip=True)) for a in art.select("a[href]")]


def _dest(site_dir, page, href: str):
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(href)
    if parts.scheme or not parts.path:
        return None, parts.fragment
    dest = (page.parent / unquote(parts.path)).resolve()
    return (dest / "index.html" if dest.is_dir() else dest), parts.fragment


def test_every_tool_is_two_taps_from_home_and_on_the_a_to_z(site_dir, data):
    from guidance.paths import page_url, tool_page

    home = site_dir / "index.html"
    one_tap = {_dest(site_dir, home, h)[0] for h, _ in _article_links(home)} - {None}
    two_taps = set(one_tap)
    for page in one_tap:
        if page.exists():
            two_taps |= {_dest(site_dir, page, h)[0] for h, _ in _article_links(page)} - {None}
    az = site_dir / "tools" / "a-z" / "index.html"
    assert az.resolve() in one_tap, "the home page does not link to Tools A to Z"
    az_links = {_dest(site_dir, az, h)[0] for h, _ in _article_links(az)}
    for t in data.tools:
        target = (site_dir / page_url(tool_page(t.id)) / "index.html").resolve()
        assert target in two_taps, f"{t.abbr} is more than two taps from the home page"
        assert target in az_links, f"{t.abbr} is not on Tools A to Z"
    # each tool is one line (one list item) on the A to Z page, saying what it assesses and over what period
    from bs4 import BeautifulSoup

    items = BeautifulSoup(az.read_text(encoding="utf-8"), "html.parser").select("article .tools-az li")
    assert len(items) == len(data.tools)
    assert all("Assesses:" in li.get_text() for li in items)
    from guidance.render.tool_text import is_known  # a period the sources give is on the line; one they do not is left out
    by_abbr = {t.abbr: t for t in data.tools}
    for li in items:
        tool = by_abbr[li.find("a").get_text()]
        assert ("Period:" in li.get_text()) == is_known(tool.follow_up), tool.abbr


def test_tools_a_to_z_is_in_the_navigation(site_dir):
    from bs4 import BeautifulSoup

    nav = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
    assert any(a.get_text(strip=True) == "Tools A to Z" for a in nav.select("a"))


def test_home_page_reaches_pathways_and_every_topic(site_dir):
    from bs4 import BeautifulSoup

    home = site_dir / "index.html"
    reached = {_dest(site_dir, home, h)[0] for h, _ in _article_links(home)}
    nav = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
    topics = next(li for li in nav.select("li.md-nav__item--nested")
                  if "MAPPA topics" in li.select_one(":scope > label, :scope > a").get_text())
    wanted = [(site_dir / "mappa" / "pathways" / "index.html").resolve()]
    wanted += [_dest(site_dir, home, a["href"])[0] for a in topics.select("a[href]")]
    missing = [str(w.relative_to(site_dir)) for w in wanted if w not in reached]
    assert not missing, f"the home page does not link to: {missing}"


def test_others_who_act_link_to_their_steps(site_dir, data):

    from guidance.paths import agency_page, page_url

    for ag in data.mappa.agencies:
        page = site_dir / page_url(agency_page(ag.id)) / "index.html"
        s = PARSED(page)
        paras = [p for p in s.select("article p") if p.get_text().startswith("Others who act at this stage")]
        assert paras, ag.id
        for p in paras:
            names = p.get_text(" ", strip=True).split(":", 1)[1].split(". See")[0]
            links = [a for a in p.select("a") if "stage page" not in a.get_text()]
            assert len(links) == names.count(",") + 1, f"{ag.id}: a name is not a link: {names}"
            for a in links:
                dest, frag = _dest(site_dir, page, a["href"])
                assert dest.exists(), a["href"]
                if frag:
                    assert PARSED(dest).find(id=frag), a["href"]


def test_a_step_named_by_a_question_box_is_linked_to_the_box(site_dir, data):
    from bs4 import BeautifulSoup

    from guidance.paths import agency_page, page_url, pathway_page, role_page, stage_page
    from guidance.render.mappa import guide_anchor

    boxed = {x: st for st in data.mappa.stages if st.guide for x in st.guide.steps
             if data.step(x).stage == st.id}
    assert boxed, "no stage has a question box naming its own steps: the test proves nothing"
    for st in {st.id for st in boxed.values()}:
        stage = BeautifulSoup((site_dir / page_url(stage_page(st)) / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert stage.find(id=guide_anchor(st)), st
    seen = 0
    pages = ([agency_page(a.id) for a in data.mappa.agencies] + [pathway_page(c.id) for c in data.mappa.categories]
             + [role_page(r.id) for r in data.mappa.roles])
    for src in pages:
        page = site_dir / page_url(src) / "index.html"
        for href, _ in _article_links(page):
            for step_id, st in boxed.items():
                if href.endswith(f"#{step_id.lower()}"):
                    raise AssertionError(f"{src}: {href} lands below the box '{st.guide.title}'")
            seen += href.endswith(tuple(f"#{guide_anchor(st.id)}" for st in boxed.values()))
    assert seen
