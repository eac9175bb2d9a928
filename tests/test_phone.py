"""Every page on a small phone (issue #25): reflow at 320 and 390 px, text a reader can read, targets a
finger can tap, axe-core at phone size with touch, and no page longer than ten screens to its last heading.

One chromium, one pass over every current page per width (the session build: `site_dir`, `server`).
The figures of each run are written to test-artifacts/phone-measures.txt.
"""
from __future__ import annotations

import json

import pytest
from conftest import ARTIFACTS, html_pages

WIDTHS = {320: 640, 390: 844}  # CSS px: the narrowest phone WCAG 1.4.10 names, and a common phone
MIN_TEXT_PX = 12
MAX_SCREENS = 10
# Pages allowed to keep text under 12 px, with the reason. Keep it to a handful at most.
SMALL_TEXT_OK: dict[str, str] = {}

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
  for (const h of art.querySelectorAll('h1, h2, h3')) {
    if (h.getClientRects().length) last = Math.max(last, h.getBoundingClientRect().top + window.scrollY);
  }
  return {width: document.documentElement.scrollWidth, wide, culprits, small,
          screens: Math.ceil((last + 1) / window.innerHeight)};
}""".replace("MIN", str(MIN_TEXT_PX))


def current_paths(site_dir) -> list[str]:
    out = []
    for p in html_pages(site_dir):
        rel = p.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("search", "print_page")):
            continue
        out.append("" if rel == "." else rel + "/")
    return out


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright
    from test_browser import ARGS, chromium_path

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=ARGS)
        yield b
        b.close()


def phone(chromium, width: int):
    return chromium.new_context(viewport={"width": width, "height": WIDTHS[width]}, is_mobile=True,
                                has_touch=True, device_scale_factor=1)


@pytest.fixture(scope="module")
def measures(chromium, site_dir, server) -> dict[int, dict[str, dict]]:
    out: dict[int, dict[str, dict]] = {}
    for width in WIDTHS:
        ctx = phone(chromium, width)
        pg = ctx.new_page()
        out[width] = {}
        for path in current_paths(site_dir):
            pg.goto(server + path)
            pg.wait_for_load_state("load")
            out[width][path] = pg.evaluate(MEASURE, width)
        ctx.close()
    ARTIFACTS.mkdir(exist_ok=True)
    lines = []
    for width, pages in out.items():
        lines.append(f"{width} px: {len(pages)} pages; wider than the screen: {sum(v['width'] > width for v in pages.values())}; "
                     f"with a sideways table: {sum(bool(v['wide']) for v in pages.values())}; "
                     f"with text under {MIN_TEXT_PX} px: {sum(bool(v['small']) for v in pages.values())}; "
                     f"over {MAX_SCREENS} screens: {sum(v['screens'] > MAX_SCREENS for v in pages.values())}")
    lines.append(json.dumps(out, indent=1))
    (ARTIFACTS / "phone-measures.txt").write_text("\n".join(lines) + "\n")
    return out


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_phone(measures, width):
    wide = {p: (v["width"], v["culprits"]) for p, v in measures[width].items() if v["width"] > width}
    assert not wide, f"{len(wide)} pages scroll sideways at {width} px: {wide}"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_at_most_two_pages_have_a_sideways_table_each_with_its_cue(measures, width):
    wide = {p: v["wide"] for p, v in measures[width].items() if v["wide"]}
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
def test_axe_finds_nothing_at_390px_with_touch(chromium, site_dir, server):
    """axe-core, WCAG 2.0/2.1/2.2 A and AA (target size included), on every page as a phone shows it."""
    from test_browser import ACCEPTED, AXE, AXE_TAGS

    axe_src = AXE.read_text(encoding="utf-8")
    ctx = phone(chromium, 390)
    pg = ctx.new_page()
    violations: list[str] = []
    for path in current_paths(site_dir):
        pg.goto(server + path)
        pg.wait_for_load_state("load")
        pg.add_script_tag(content=axe_src)
        result = pg.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
        for v in result["violations"]:
            if v["id"] not in ACCEPTED:
                targets = [" ".join(n["target"]) for n in v["nodes"][:3]]
                violations.append(f"/{path}: {v['id']} ({v['impact']}): {v['help']} at {targets}")
    ctx.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-phone-report.txt").write_text("\n".join(violations) or "0 violations\n")
    assert not violations, f"{len(violations)} violations:\n" + "\n".join(violations[:30])
