"""Decision flows on the built site (issue #33): a case followed from start to outcome in chromium with
JavaScript off, at phone and desktop widths; outcome pages print on one A4 page; each rule's status line on an
outcome page is the one on the rule's own page; permanent links lead to the outcomes; the JSON is published."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import ARTIFACTS
from walks import walk_context

from guidance.data.flows import all_flows, answer_ids, first_paths, walk
from guidance.paths import area_page, flow_page, page_url, stage_page

pytestmark = [pytest.mark.browser]


def pdf_pages(pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode()
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture
def no_js(chromium):
    contexts = []

    def make(width: int):
        ctx = chromium.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_a_case_followed_to_its_outcome_with_javascript_off(no_js, server, width):
    """'Is he in MAPPA, who leads?': a registered sex offender in the community with no supervision."""
    pg = no_js(width)
    pg.goto(server + "flows/is-it-mappa/")
    assert "Does the person have to register" in pg.inner_text("main")
    pg.get_by_role("link", name="Yes, they have to register").click()
    assert pg.locator("h1").inner_text().startswith("Where is the person now?")
    pg.get_by_role("link", name="In the community, with no statutory supervision").click()
    assert "the police lead" in pg.locator("h1").inner_text()
    main = pg.inner_text("main")
    assert "FLOW-MAPPA-RSO-POLICE" in main and "Police Scotland is normally the lead authority" in main
    assert main.index("The answer") < main.index("The rules this rests on")  # the answer first
    path = pg.locator(".flow-path li")
    assert path.count() == 2 and "Yes, they have to register" in path.nth(0).inner_text()
    pg.screenshot(path=str(ARTIFACTS / f"flow-outcome-{width}.png"), full_page=True)
    # change the first answer: back at the first question, from where the other branch is open
    path.nth(0).get_by_role("link", name=re.compile("Change")).click()
    assert pg.url.rstrip("/").endswith("flows/is-it-mappa")
    pg.get_by_role("link", name="No", exact=True).click()
    pg.get_by_role("link", name="Yes, a restricted patient").click()
    assert "the health board leads" in pg.locator("h1").inner_text()
    pg.go_back()
    assert "restricted patient?" in pg.locator("h1").inner_text()


def test_a_bench_sheet_from_the_tool_page_with_javascript_off(no_js, server):
    pg = no_js(390)
    pg.goto(server + "tools/static-99r/")
    pg.get_by_role("link", name="Answer two or three questions").click()
    pg.get_by_role("link", name="Level IVb (score 6 or more)").click()
    pg.get_by_role("link", name="The person is a woman").click()
    main = pg.inner_text("main")
    assert "FLOW-BENCH-STATIC-99R-B9-WOMAN" in main
    assert "It is for adult males with a sexual offence" in main  # the caution for this person, from the record
    assert "Questions to ask" in main and "Why was Static-99R used rather than RM2000" in main
    assert "The person is under 18" not in main.split("Cautions for this person")[1]  # only what applies


def test_outcome_pages_print_on_one_a4_page(chromium, server, data):
    """Every outcome of the practitioners' and assessors' flows, and the longest bench sheets, on one sheet of A4:
    one side, or two sides for an outcome resting on more than 12 rules (a whole report's checklist of 29 or 30 standards, or
    every step of the meeting stage)."""
    urls = []
    for flow in all_flows(data):
        firsts = first_paths(walk(flow))
        chosen = [o for o in flow.outcomes if flow.id != "bench-report" or o.id.endswith("-SEVERAL")]
        urls += [(page_url(flow_page(flow.id, answer_ids(firsts[o.id]))), 2 if len(o.rests_on) > 12 else 1) for o in chosen]
    assert len(urls) > 30
    ctx = walk_context(chromium)
    pg = ctx.new_page()
    pg.emulate_media(media="print")  # kept from page to page
    over = []
    for url, limit in urls:
        pg.goto(server + url)
        pdf = pg.pdf(format="A4", print_background=True)
        if pdf_pages(pdf) > limit:
            over.append((url, pdf_pages(pdf)))
        if url.endswith("/not-supervised/"):
            (ARTIFACTS / "flow-outcome-print.pdf").write_bytes(pdf)
            text = pg.inner_text("main")
            assert "edition " + data.site.version in text and "/id/FLOW-MAPPA-RSO-POLICE/" in text
            assert "/id/MAPPA-ID-03/" in text  # every rule's address, on paper
    ctx.close()
    assert not over, f"outcome pages longer than one A4 page: {over}"


def _labels(nodes) -> list[str]:
    return [" ".join(x.get_text().split()) + "|" + x.get("title", "")
            for n in nodes for x in n.select(".in-force, .applies-now")]


def _own_block(soup, anchor: str, heading: str) -> list:
    el = soup.find(id=anchor)
    out, n = [], el.find_next_sibling()
    while n is not None and n.name != heading:
        out.append(n)
        n = n.find_next_sibling()
    return out


def test_each_rule_on_an_outcome_page_has_the_status_of_its_own_page(site_dir, parsed, data):
    checked = 0
    for flow in all_flows(data):
        if flow.generate == "tools":
            continue
        firsts = first_paths(walk(flow))
        for o in flow.outcomes:
            soup = parsed(site_dir / page_url(flow_page(flow.id, answer_ids(firsts[o.id]))) / "index.html")
            for rid in o.rests_on:
                if rid.startswith("MAPPA-"):
                    own_page, heading = stage_page(data.step(rid).stage), "h3"
                elif rid.startswith("RAS-"):
                    own_page, heading = area_page(next(s.area for s in data.standards if s.id == rid)), "h2"
                else:
                    continue
                own = _labels(_own_block(parsed(site_dir / page_url(own_page) / "index.html"), rid.lower(), heading))
                link = soup.select_one(f'a[href$="#{rid.lower()}"]')
                assert link is not None, (o.id, rid)
                here = _labels([link.find_parent("li")])
                assert here == own, (o.id, rid, here, own)
                checked += 1
    assert checked > 40


def test_permanent_links_and_json_of_the_flows(site_dir, data):
    stub = (site_dir / "id" / "FLOW-MAPPA-RSO-POLICE" / "index.html").read_text(encoding="utf-8")
    assert "flows/is-it-mappa/yes/not-supervised/" in stub
    for flow in all_flows(data):
        got = json.loads((site_dir / "downloads" / "flows" / f"{flow.id}.json").read_text(encoding="utf-8"))
        assert {o["id"] for o in got["outcomes"]} == {o.id for o in flow.outcomes}
        assert all(o["rests_on"] for o in got["outcomes"])
        for p in got["paths"]:
            assert (site_dir / p["page"].strip("/") / "index.html").exists(), p["page"]
    assert (site_dir / "flows" / "bench-report" / "map" / "index.html").exists()


@pytest.mark.node
def test_a_case_followed_from_file_in_the_offline_pack_with_javascript_off(chromium, pack):  # noqa: F811
    """The offline pack opened from disk: answers are plain links to files, so the flow works with no server."""
    ctx = chromium.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    left: list[str] = []
    ctx.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else left.append(r.url))
    pg = ctx.new_page()
    pg.goto(pack["root"].resolve().as_uri() + "/flows/bench-report/index.html")
    pg.get_by_role("link", name=re.compile(r"^Risk Matrix 2000")).click()
    assert pg.url.startswith("file:") and pg.url.endswith("/index.html")
    pg.locator(".flow-answers a").first.click()
    pg.get_by_role("link", name="None of these").click()
    main = pg.inner_text("main")
    assert "FLOW-BENCH-RM2000-B1-NONE" in main and "Questions to ask" in main
    pg.locator(".flow-path li").nth(0).get_by_role("link", name=re.compile("Change")).click()
    assert pg.url.endswith("flows/bench-report/index.html")
    ctx.close()
    assert not left, left
