"""Browser walks: axe-core as the walks run it, and the one walk of the pages at phone size that every phone
test reads (registered in conftest.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidance.theme import SEARCH_INDEX as THEME_INDEX

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"  # npm ci: tests are marked `node`
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Findings accepted after review, with the reason. Keep this empty unless a finding is a false positive.
ACCEPTED: dict[str, str] = {}
AXE_RUN = ("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
           ".violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, "
           "targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))")


def walk_context(chromium, **options):
    """A browser context for a test that loads page after page and never searches: the search box gets an empty
    index (empty_search_index)."""
    ctx = chromium.new_context(**options)
    empty_search_index(ctx)
    return ctx


def axe_context(chromium, **options):
    """A walk's context (walk_context) whose every page has axe-core from its start (an init script: chromium gets
    the 560 kB script once per context; sent into each page after its load, it cost 0.6 to 1 s a page, a third of
    a walk's time; axe defines window.axe alone and fetches nothing)."""
    ctx = walk_context(chromium, **options)
    if AXE.exists():
        ctx.add_init_script(path=str(AXE))
    return ctx


SEARCH_INDEX = THEME_INDEX["mkdocs"].as_posix()  # the walks load the MkDocs build (the session's site_dir)


def empty_search_index(ctx) -> None:
    """Answer the search box's request for the index with the site's own search settings and no documents.

    Every page load starts Material's search worker, which fetches the whole index (over 500 kB) and builds it:
    in a walk that loads some 180 pages and never searches, that was about 0.25 s of chromium's time a page,
    a fifth of the walk. With no documents the worker still starts and reports itself ready, as on a real
    load, so the page, its search box and what axe reads of them are as a reader gets them. The tests that
    search (tests/test_search.py, test_engine_parity.py, and the offline pack's) load the real index."""
    body: dict[str, str] = {}

    def answer(route) -> None:
        if "json" not in body:  # the first request fetches the real index once, for its settings
            body["json"] = json.dumps({"config": json.loads(route.fetch().text())["config"], "docs": []})
        route.fulfill(status=200, content_type="application/json", body=body["json"])

    ctx.route(f"**/{SEARCH_INDEX}", answer)


def axe_violations(pg, path: str) -> list[str]:
    """axe-core (WCAG 2.0/2.1/2.2 A and AA, violations only) on the page as loaded, one line a finding."""
    return [f"/{path}: {v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
            for v in pg.evaluate(AXE_RUN, AXE_TAGS) if v["id"] not in ACCEPTED]


PHONES = {320: 640, 390: 844}  # CSS px: the narrowest phone WCAG 1.4.10 names, and a common phone
OPENED = 320  # the width at which the phone walk opens every closed section of a page and runs axe on all of it
PHONE_FOLDS = "() => document.querySelectorAll('article details.phone-fold').length"  # made by docs/assets/phone.js
OPEN_ALL = ("() => { const shut = [...document.querySelectorAll('article details:not([open])')];"
            " shut.forEach((d) => { d.open = true; }); return shut.length; }")


def phone_options(width: int) -> dict:
    """A new context's options for a phone: touch, the width and height of PHONES."""
    return {"viewport": {"width": width, "height": PHONES[width]}, "is_mobile": True, "has_touch": True,
            "device_scale_factor": 1}


class PhoneWalks(dict):
    """{width: {path: found}}, each width walked the first time a test reads it. Under pytest-xdist the tests
    of each width form a group (conftest.py: GROUPS), so the two widths are walked at once, one on each worker,
    and neither twice."""

    def __init__(self, walk) -> None:
        super().__init__()
        self._walk = walk

    def __missing__(self, width: int) -> dict[str, dict]:
        self[width] = found = self._walk(width)
        return found


def phone_page(pg, path: str, width: int) -> dict:
    """What the phone walk finds on a page loaded at `width` (see phone_walk): its measures, its sections, and
    axe-core's findings where axe runs."""
    from conftest import AS_PUBLISHED
    from test_phone import MEASURE as FITS
    from test_reader_first import MEASURE as READER

    found = pg.evaluate(FITS, width)
    found["folds"] = pg.evaluate(PHONE_FOLDS)
    if width == OPENED:
        found["opened"] = pg.evaluate(OPEN_ALL)
        found["open"] = pg.evaluate(FITS, width) if found["opened"] else None
        found["axe_run"] = AXE.exists()
    else:
        found["axe_run"] = AXE.exists() and found["folds"] > 0
    found["axe"] = axe_violations(pg, path) if found["axe_run"] else []
    if width == 390:
        pg.evaluate(AS_PUBLISHED)
        found["reader"] = pg.evaluate(READER)
    return found


def _phone_walk(chromium, server: str, paths: list[str], width: int) -> dict[str, dict]:
    """Each walked page loaded once at `width` (phone_page): see phone_walk. Its figures go to
    test-artifacts/phone-measures-<width>.txt."""
    from conftest import ARTIFACTS
    from test_phone import MAX_SCREENS, MIN_TEXT_PX

    ctx = axe_context(chromium, **phone_options(width))
    pg = ctx.new_page()
    out: dict[str, dict] = {}
    for path in paths:
        pg.goto(server + path)  # waits for the load event
        out[path] = phone_page(pg, path, width)
    ctx.close()
    ARTIFACTS.mkdir(exist_ok=True)
    summary = (f"{width} px: {len(out)} pages; wider than the screen: {sum(v['width'] > width for v in out.values())}; "
               f"with a sideways table: {sum(bool(v['wide']) for v in out.values())}; "
               f"with text under {MIN_TEXT_PX} px: {sum(bool(v['small']) for v in out.values())}; "
               f"over {MAX_SCREENS} screens: {sum(v['screens'] > MAX_SCREENS for v in out.values())}")
    (ARTIFACTS / f"phone-measures-{width}.txt").write_text(summary + "\n" + json.dumps(out, indent=1) + "\n")
    return out


@pytest.fixture(scope="session")
def phone_walk(chromium, site_dir, server) -> PhoneWalks:
    """One load of each walked page (walk_paths) at each phone width serves every phone test:
    {width: {path: found}}, each width walked when a test first reads it (PhoneWalks). On each load:
    tests/test_phone.py's measures (its MEASURE), then axe-core ('axe': its
    findings; none when node_modules has no axe-core, which the axe test reports), then, at 390 px only, with the
    draft notice removed (AS_PUBLISHED), tests/test_reader_first.py's (its MEASURE, under 'reader'; that test
    had a walk of its own).

    Where axe runs. 320 and 390 px share every CSS breakpoint (Material's at 480, 720, 960 and 1220 px, the
    site's own at 600 px) but not the screen height, and a page longer than eight screens folds its sections by
    screen height (docs/assets/phone.js: 'folds', the sections it folded). axe skips what a closed section
    hides, so at 320 px (OPENED) every closed section of the article is opened, as a reader opens them, and
    measured again ('opened': how many; 'open': the measures with them open), and axe runs on the whole page.
    At 390 px axe runs on each page phone.js folded, as loaded, sections closed: the folded page a reader first
    sees. A page phone.js leaves whole at 390 px shows axe nothing the 320 px run has not read: the same
    breakpoints, the same elements ('axe_run' says where axe ran). Of the 183 pages walked in December 2026,
    74 fold at 320 px and 51 at 390 px."""
    from conftest import walk_paths

    paths = walk_paths(site_dir, skip=("search", "print_page"))
    return PhoneWalks(lambda width: _phone_walk(chromium, server, paths, width))
