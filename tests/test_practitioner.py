"""Practitioners find their own duties: agency pages, action headings, time limits and levels on the
stage, pathways that read on a phone, checklists with "applies to", a glossary of concepts (issue #11)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import AS_PUBLISHED, PARSED

from guidance import paths
from guidance.data.loader import load_site
from guidance.render import agencies as ra
from guidance.render import mappa as rm

ROOT = Path(__file__).resolve().parents[1]


def soup(path: Path) -> BeautifulSoup:
    """The page parsed once per session (conftest.PARSED): callers must not change it."""
    return PARSED(path)


def built(site_dir: Path, src: str) -> Path:
    return site_dir / paths.page_url(src) / "index.html"


# ------------------------------------------------------------------ data


def test_every_step_heading_names_its_action(data):
    for s in data.steps:
        role = data.role(s.actor).name
        words = s.heading.split()
        assert s.id not in s.heading and s.heading.lower() != role.lower(), s.id
        assert not s.heading.lower().startswith(role.lower()), f"{s.id}: heading starts with the actor"
        # a verb phrase: it starts with the verb that starts the action itself
        assert words[0].lower() == s.action.split()[0].lower(), f"{s.id}: '{s.heading}' vs '{s.action}'"
        assert len(words) <= 12


def test_a_heading_that_is_only_an_id_and_an_actor_is_refused(small_project):
    path = small_project / "data" / "mappa" / "steps" / "1-identification.yaml"
    text = path.read_text()
    first = re.search(r"^  heading: .*$", text, re.M).group(0)
    path.write_text(text.replace(first, "  heading: MAPPA-ID-02 The court", 1))
    with pytest.raises(Exception, match="not the step id"):
        load_site(small_project)


def test_no_unconfirmed_time_limit_is_a_step(data):
    for s in data.steps:
        assert not (s.when.kind == "timescale" and not s.when.confirmed), s.id
        assert "20 working days" not in f"{s.heading} {s.action} {s.when.text}", s.id
    stated = [lim for st in data.mappa.stages for lim in st.time_limits if "20 working days" in lim.text]
    assert stated and all(lim.status == "unconfirmed" for lim in stated)


def test_each_agency_gets_its_lead_authority_steps_only_in_its_cases(data):
    police = {s.id: cats for s, _, cats in ra.agency_steps(data, data.agency("police"))}
    health = {s.id: cats for s, _, cats in ra.agency_steps(data, data.agency("health"))}
    assert police["MAPPA-ID-06"] == ["rso"]  # police lead only for registered sex offenders
    assert "MAPPA-ID-05" in police  # an ORSH step the responsible authorities take together
    assert "MAPPA-ID-06" not in health and health["MAPPA-LV-01"] == ["restricted-patient"]
    council = {s.id for s, _, _ in ra.agency_steps(data, data.agency("council"))}
    assert {"MAPPA-LV-02", "MAPPA-LV-03", "MAPPA-ID-05"} <= council
    for a in data.mappa.agencies:  # every agency has steps, every step is someone's
        assert ra.agency_steps(data, a), a.id


# ------------------------------------------------------------------ built pages


def test_stage_pages_have_time_limits_and_steps_in_order(site_dir, data):
    for st in data.mappa.stages:
        page = soup(built(site_dir, paths.stage_page(st.id)))
        boxes = [b for b in page.select("article .admonition") if "Time limits at this stage" in b.get_text()]
        assert len(boxes) == 1, st.id
        article = page.select_one("article")
        ids = [h["id"].upper() for h in article.select("h3[id^=mappa-]")]
        assert ids == [s.id for s in rm.steps_at(data, st.id)], st.id
        headings = [h.get_text(" ", strip=True).rstrip("¶ ").strip() for h in article.select("h3[id^=mappa-]")]
        assert headings == [s.heading for s in rm.steps_at(data, st.id)]
        toc = [a.get_text(" ", strip=True) for a in page.select(".md-sidebar--secondary a.md-nav__link")]
        for s in rm.steps_at(data, st.id):
            assert s.heading in toc, f"{s.id} missing from the contents"
            assert s.id not in " ".join(toc)
    pre = soup(built(site_dir, paths.stage_page("pre-meeting")))
    box = next(b for b in pre.select("article .admonition") if "Time limits" in b.get_text())
    assert "20 working days" in box.get_text() and "Open question" in box.get_text()
    for h in pre.select("article h3"):
        assert "20 working days" not in h.get_text()
    ident = soup(built(site_dir, paths.stage_page("identification")))
    assert "None set nationally" in ident.select_one("article .admonition").get_text()


def test_level_stage_says_which_level_and_who_decides(site_dir):
    page = soup(built(site_dir, paths.stage_page("level-referral")))
    box = next(b for b in page.select("article .admonition") if "Which level, and who decides" in b.get_text())
    text = box.get_text(" ", strip=True)
    assert "lowest level" in text and "Who decides" in text and "Could not be checked" in text
    assert "co-ordinator" in text and box.select("a[href*='sources'], sup.note-ref a")  # its sources, as notes


def test_agency_pages_list_steps_by_stage_with_lead_rule(site_dir, data):
    police = soup(built(site_dir, paths.agency_page("police"))).select_one("article")
    text = police.get_text(" ", strip=True)
    assert "When you are the lead authority" in text and "para 2.3" in text
    assert data.step("MAPPA-ID-06").heading in text and data.step("MAPPA-ID-05").heading in text
    assert [h.get_text(" ", strip=True).rstrip("¶ ").strip() for h in police.select("h3")][:5] == [
        f"Stage {st.number}: {st.name}" for st in rm.stages_in_order(data)]


def test_no_role_page_is_a_dead_end(site_dir, data):
    for role in data.mappa.roles:
        text = soup(built(site_dir, paths.role_page(role.id))).select_one("article").get_text(" ", strip=True)
        assert "names this role as the one who acts" not in text, role.id
    pom = soup(built(site_dir, paths.role_page("police-offender-manager"))).select_one("article")
    assert pom.select("a[href$='agencies/police/']")


def test_checklists_have_an_applies_to_column(site_dir, data):
    for st in data.mappa.stages:
        table = soup(built(site_dir, paths.checklist_page(st.id))).select_one("article table")
        assert "Applies to" in [th.get_text(strip=True) for th in table.select("th")], st.id


def test_glossary_has_concepts_and_tooltips_mark_first_use_only(site_dir, data):
    gl = soup(built(site_dir, paths.GLOSSARY)).select_one("article").get_text(" ", strip=True)
    for word in ("lead authority", "restricted patient", "Enhanced ICM", "formulation", "base rate"):
        concept = next(k for k in data.concepts if k.term.lower() == word.lower())
        assert concept.meaning in gl
    page = soup(built(site_dir, paths.stage_page("level-referral")))
    words = [a.get_text() for a in page.select("article abbr")]
    assert words and len(words) == len(set(words)), "an abbreviation is marked more than once"
    assert not page.select("article h1 abbr, article h2 abbr, article h3 abbr")


def test_training_handouts_title_items_by_action(site_dir, data):
    for tp in data.training:
        text = soup(built(site_dir, paths.training_path_page(tp.id))).select_one("article").get_text(" ", strip=True)
        assert not re.search(r"\b([A-Z]+-[A-Z0-9-]+): \1\b", text), tp.id
    assert {"police-offender-manager", "justice-social-worker"} <= {tp.id for tp in data.training}


# ------------------------------------------------------------------ one data edit puts a step everywhere

NEW_STEP = """
- id: MAPPA-ID-99
  heading: Tell the co-ordinator about a planned move
  stage: identification
  order: 99
  categories: [rso]
  actor: lead-authority
  normative: should
  basis: national guidance
  action: Tell the co-ordinator about a planned move to a new address in another area.
  when: {kind: trigger, text: When a move is planned.}
  sources: [{id: mappa-guidance, at: "page 3"}]
  recommendations: [3]
  review: {owner: MAPPA guidance editors, last_reviewed: 2026-11-25, review_due: 2027-11-25}
  history:
    - {version: 2026.11.0, date: 2026-11-25, change: First published.}
"""


def test_a_new_step_reaches_every_page_with_no_other_edit(small_project):
    path = small_project / "data" / "mappa" / "steps" / "1-identification.yaml"
    path.write_text(path.read_text() + NEW_STEP)
    data = load_site(small_project)
    step = data.step("MAPPA-ID-99")
    heading = step.heading
    police = ra.agency_page(data, paths.agency_page("police"), "police")
    council = ra.agency_page(data, paths.agency_page("council"), "council")
    health = ra.agency_page(data, paths.agency_page("health"), "health")
    assert heading in police and heading in council and heading not in health  # lead authority, RSO only
    stage = rm.stage_page(data, paths.stage_page("identification"), "identification")
    assert f"### {heading} {{ #mappa-id-99 }}" in stage
    order = [s.id for s in rm.steps_at(data, "identification")]
    assert order[-1] == "MAPPA-ID-99"  # listed by its order (99: after every other step of the stage)
    pathway = rm.pathway_page(data, paths.pathway_page("rso"), "rso")
    assert heading in pathway  # the text list
    pictures = re.findall(r"<svg [^>]*class=\"pathway.*?</svg>", pathway)
    assert len(pictures) == 2 and all(  # both pictures, wide and narrow (lines wrapped)
        heading in " ".join(re.findall(r'class="pw-head">([^<]*)<', svg)) for svg in pictures)
    assert heading not in rm.pathway_page(data, paths.pathway_page("orsh"), "orsh")
    assert heading in rm.checklist_page(data, paths.checklist_page("identification"), "identification")


# ------------------------------------------------------------------ in the browser


@pytest.fixture
def browser(chromium):
    return chromium


@pytest.mark.browser
@pytest.mark.parametrize("agency,step_id", [("police", "MAPPA-ID-06"), ("council", "MAPPA-LV-02")])
def test_home_to_my_steps_in_two_clicks(browser, server, data, agency, step_id):
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        ctx = browser.new_context(viewport=viewport)
        pg = ctx.new_page()
        pg.goto(server)
        name = data.agency(agency).name
        pg.locator("article a", has_text=name).first.click()  # click 1
        pg.wait_for_load_state()
        assert pg.url.rstrip("/").endswith(paths.page_url(paths.agency_page(agency)).rstrip("/"))
        heading = data.step(step_id).heading
        fold = pg.locator("details.phone-fold", has_text=heading)
        if fold.count() and not fold.first.evaluate("d => d.open"):
            # on a phone a long page folds its sections (issue #25): the reader taps the stage's heading
            fold.first.locator(":scope > summary").click()
        body = pg.locator("article").inner_text()
        assert heading in body
        assert "Registered sex offenders" in body and "Other Risk of Serious Harm" in body
        ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("cat", ["rso", "restricted-patient", "orsh"])
def test_pathway_diagram_is_legible_on_a_phone(browser, server, cat):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    pg.goto(server + paths.page_url(paths.pathway_page(cat)))
    result = pg.evaluate("""() => {
        const svg = [...document.querySelectorAll('svg.pathway')].find(s => s.getBoundingClientRect().width > 0);
        const scale = svg.getScreenCTM().a;
        const out = {visible: svg.id, smallest: 1e9, cut: [], count: 0};
        for (const t of svg.querySelectorAll('text')) {
            const px = parseFloat(getComputedStyle(t).fontSize) * scale;
            out.smallest = Math.min(out.smallest, px); out.count++;
            const r = t.getBoundingClientRect();
            let box = t.previousElementSibling;
            while (box && box.tagName !== 'rect') box = box.previousElementSibling;
            const holder = (t.classList.contains('pw-label') || t.classList.contains('pw-who') && !box) ? svg : box;
            const b = (holder || svg).getBoundingClientRect();
            const s = svg.getBoundingClientRect();
            if (r.right > Math.min(b.right, s.right) + 0.5 || r.left < s.left - 0.5) out.cut.push(t.textContent);
        }
        return out;
    }""")
    ctx.close()
    assert result["visible"].endswith("-narrow") and result["count"] > 5
    assert result["smallest"] >= 12, result
    assert not result["cut"], result["cut"]


def test_agency_summary_names_every_action_and_the_time_limits_once(data):
    for a in data.mappa.agencies:
        mine = ra.agency_steps(data, a)
        text = ra.what_you_do(data, paths.agency_page(a.id), a, mine)
        for s, _, _ in mine:
            assert s.heading[1:] in text, f"{a.id}: {s.id} missing from the summary"
            if s.when.kind == "timescale":  # the limit, in bold
                assert re.search(r"\*\*[^*]*" + re.escape(s.when.text.rstrip(".")[1:]), text), f"{a.id}: {s.id}'s time limit"
        # 'no national timescale' said once for the page, not on every action
        assert text.count("no national timescale") + text.count("has a national time limit") == 1, a.id
        assert "timescales at a glance" in text
        page = ra.agency_page(data, paths.agency_page(a.id), a.id)
        assert page.index("What you do, by when") < page.index("## Your steps")
        assert "timescales at a glance" not in page.split("## Roles on this page")[1], a.id


@pytest.mark.browser
def test_each_agency_page_says_what_you_do_and_by_when_on_the_first_phone_screen(browser, server, data):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    for a in data.mappa.agencies:
        pg.goto(server + paths.page_url(paths.agency_page(a.id)))
        pg.wait_for_load_state("load")
        pg.evaluate(AS_PUBLISHED)
        box = pg.locator("article .what-you-do")
        first = box.locator("li").first
        heading = pg.locator("article h2#what-you-do")
        for el, what in ((heading, "heading"), (box.locator("p").first, "time limits"), (first, "first stage")):
            r = el.bounding_box()
            assert r and r["y"] + min(r["height"], 48) <= 844, f"{a.id}: the {what} of the summary is below the first screen"
        assert "national time" in box.locator("p").first.inner_text()
        assert not box.evaluate("b => !!b.closest('details')"), f"{a.id}: the summary is folded"
    ctx.close()
