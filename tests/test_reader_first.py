"""Reader-first pages (issue #12): content before furniture, sources as numbered notes, tables that fit
a phone, breadcrumbs and an active section, clean generated labels, "About this page" and "Report a
problem" on every page. Built-HTML tests, unit tests of the label and HTML passes, and browser tests
that measure every page at 390 x 844 in chromium."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import PARSED, html_pages

from guidance.engines.output.permalinks import item_title
from guidance.labels import join_items, lower_start, numbers, with_abbr
from guidance.paths import ids, page_url
from guidance.site.breadcrumbs import parent_src, trail
from guidance.sitemap import all_pages, generated_pages


def soup(path: Path) -> BeautifulSoup:
    """The page parsed once per session (conftest.PARSED): callers must not change it."""
    return PARSED(path)


def content_pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.relative_to(site).parts[0] not in ("print_page", "search")]


def target_of(page: Path, href: str) -> tuple[Path, str]:
    """The built file and fragment a relative link on `page` leads to."""
    parts = urlsplit(href)
    dest = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if dest.is_dir():
        dest = dest / "index.html"
    return dest, parts.fragment


# ---------------------------------------------------------------- unit tests: labels


def test_abbreviation_printed_only_when_it_differs_and_is_shorter():
    assert with_abbr("Registered sex offenders", "RSO") == "Registered sex offenders (RSO)"
    assert with_abbr("Stable-2007", "Stable-2007") == "Stable-2007"
    assert with_abbr("Restricted patients", "Restricted patient") == "Restricted patients"
    assert with_abbr("ACUTE", "Acute-2007 short form") == "ACUTE"  # longer: left out
    assert with_abbr("Other Risk of Serious Harm", "ORSH (Category 3)") == "Other Risk of Serious Harm (ORSH, Category 3)"
    assert with_abbr("Static-99R", None) == "Static-99R"


def test_list_joins_never_double_the_punctuation():
    assert join_items(["Low: no rate given.", "High: none either."]) == "Low: no rate given. High: none either."
    assert join_items(["women: not tested", "young people: not tested"]) == "women: not tested; young people: not tested"
    assert join_items(["It is for adults only.", "young people: no"]) == "It is for adults only. Young people: no"
    assert ".;" not in join_items(["a.", "b.", "c"]) and ".." not in join_items(["a.", "b."])


def test_sentence_case_keeps_abbreviations_and_numbers_sort():
    assert lower_start("MAPPA risk management level") == "MAPPA risk management level"
    assert lower_start("Identification and notification") == "identification and notification"
    assert numbers([2, 1, 13, 18, 2]) == [1, 2, 13, 18]


def test_permalink_titles_never_repeat_the_id(data):
    assert item_title("MAPPA-LV-01", "MAPPA-LV-01") == "MAPPA-LV-01"
    assert item_title("RAS-01", "RAS-01: Use the definition") == "RAS-01: Use the definition"
    for item_id, loc in ids(data).items():
        assert loc.title != item_id, f"{item_id} has no title of its own"
        title = item_title(item_id, loc.title)
        assert not re.match(rf"^{re.escape(item_id)}: {re.escape(item_id)}\b", title), title


# ---------------------------------------------------------------- unit tests (the in-page passes: tests/test_page_tree.py)


def test_generated_pages_hang_under_the_page_that_lists_them(data):
    assert parent_src("mappa/stages/meeting.md") == "mappa/stages/index.md"
    assert parent_src("mappa/stages/index.md") == "mappa/index.md"
    pages = {p.src: (p.title, p.kind, p.key) for p in all_pages(data)}
    listed = {"mappa/stages/index.md", "standards/index.md", "tools/index.md", "index.md"}
    # a folder with no index page of its own (standards/areas/) is skipped
    assert trail("standards/areas/method.md", listed, pages) == ["standards/index.md", "standards/areas/method.md"]
    assert trail("mappa/stages/meeting.md", listed, pages)[0] == "mappa/stages/index.md"
    assert parent_src("bench-notes/rm2000.md", "bench_note", "TOOL-RM2000").startswith("tools/")
    assert parent_src("index.md") is None


# ---------------------------------------------------------------- built HTML


def test_every_page_ends_with_about_panel_cite_text_and_report_link(site_dir, data):
    problems = []
    for page in content_pages(site_dir):
        s = soup(page)
        art = s.select_one("article")
        about = art.select_one("details.page-about")
        page_id = (s.select_one('meta[name="guidance-id"]') or {}).get("content")
        rel = str(page.relative_to(site_dir))
        if about is None or about.has_attr("open"):
            problems.append(f"{rel}: no closed About panel")
            continue
        if page_id not in about.get_text() or about.select_one(".cite-text") is None:
            problems.append(f"{rel}: About panel lacks the page id or the citation")
        report = art.select_one(".report-problem a")
        if report is None or page_id not in unquote(report["href"]):
            problems.append(f"{rel}: no 'Report a problem' link carrying the page id")
        # the panel is the last thing of the page's content: after the text and the notes
        later = [el for el in about.find_next_siblings() if "report-problem" not in el.get("class", [])]
        if about.parent is not art or later:
            problems.append(f"{rel}: content after the About panel: {later[:1]}")
        first = art.find(["h1", "p", "div", "details", "table", "ul"])
        if first is None or first.name != "h1":
            problems.append(f"{rel}: something comes before the title")
    assert not problems, "\n".join(problems[:20])


def test_no_table_cell_holds_a_source_link_and_every_note_resolves(site_dir):
    in_cells, broken, uncited = [], [], []
    found: dict[Path, dict] = {}  # each page's elements by id, looked up once

    def by_id(page: Path) -> dict:
        if page not in found:
            found[page] = {el["id"]: el for el in soup(page).select("[id]")}
        return found[page]

    for page in content_pages(site_dir):
        s = soup(page)
        rel = str(page.relative_to(site_dir))
        for a in s.select("article td a, article th a"):
            dest, frag = target_of(page, a.get("href", ""))
            if frag.startswith("src-") or "cite" in a.get("class", []):
                in_cells.append(f"{rel}: {a.get_text(strip=True)}")
        for a in s.select("article sup.note-ref a"):
            li = by_id(page).get(a["href"].lstrip("#"))
            link = li.select_one("a.cite") if li is not None else None
            if link is None:
                broken.append(f"{rel}: {a['href']}")
                continue
            dest, frag = target_of(page, link["href"])
            if not dest.exists() or frag not in by_id(dest):
                broken.append(f"{rel}: {link['href']}")
        hrefs = {a["href"] for a in s.select("a[href]")}
        for li in s.select("article .source-notes li"):
            if f"#{li['id']}" not in hrefs:
                uncited.append(f"{rel}: {li['id']}")
    assert not in_cells, f"source links inside table cells: {in_cells[:10]}"
    assert not broken, f"notes that do not lead to a source: {broken[:10]}"
    assert not uncited, f"notes no text points to: {uncited[:10]}"


def test_pages_with_facts_still_show_their_sources(site_dir, data):
    """Moving citations to notes loses none: the pages that cite most still list their sources."""
    for src in ("mappa/index.md", "judiciary/reading-a-risk-assessment.md", "mappa/restricted-patients.md"):
        s = soup(site_dir / page_url(src) / "index.html")
        assert len(s.select("article sup.note-ref a")) >= 5, src
        assert len(s.select("article .source-notes li a.cite")) >= 3, src


def test_breadcrumbs_on_every_page_and_their_links_resolve(site_dir):
    problems = []
    for page in content_pages(site_dir):
        rel = str(page.relative_to(site_dir))
        nav = soup(page).select_one("nav.breadcrumbs")
        if nav is None:
            problems.append(f"{rel}: no breadcrumbs")
            continue
        items = nav.select("li")
        if not items or items[-1].select_one("[aria-current=page]") is None:
            problems.append(f"{rel}: the trail does not end with the page itself")
        if rel != "index.html" and (len(items) < 2 or items[0].get_text(strip=True) != "Home"):
            problems.append(f"{rel}: the trail does not start at Home")
        for a in nav.select("a"):
            dest, _ = target_of(page, a["href"])
            if not dest.exists():
                problems.append(f"{rel}: breadcrumb {a['href']} leads nowhere")
    assert not problems, "\n".join(problems[:20])


def test_generated_pages_show_their_section_as_active(site_dir, data):
    problems = []
    for p in generated_pages(data):
        page = site_dir / page_url(p.src) / "index.html"
        s = soup(page)
        active = s.select("nav.md-nav--primary li.md-nav__item--active:not(.md-nav__item--nested) > a.md-nav__link")
        crumbs = [a for a in s.select("nav.breadcrumbs a") if a.get_text(strip=True) != "Home"]
        if not active:
            problems.append(f"{p.src}: nothing active in the navigation")
            continue
        # the active entry is a page on this page's breadcrumb trail, or the page itself when it is in the
        # navigation (Tools A to Z)
        targets = {target_of(page, a["href"])[0] for a in crumbs} | {page.resolve()}
        if target_of(page, active[-1]["href"])[0] not in targets:
            problems.append(f"{p.src}: active entry {active[-1]['href']} is not on the trail")
    assert not problems, "\n".join(problems[:20])


def test_navigation_is_by_reader_and_labels_name_their_page(site_dir):
    s = soup(site_dir / "index.html")
    tops = [" ".join(el.get_text(" ", strip=True).split()) for el in
            s.select("nav.md-nav--primary > ul > li.md-nav__item--section > label.md-nav__link")]
    assert tops[:4] == ["Practitioners", "For the bench", "Trainers", "About"], tops
    about = s.select("nav.md-nav--primary > ul > li.md-nav__item--section")[-1].get_text(" ")
    for label in ("The 19 recommendations", "Traceability matrix", "Permanent IDs", "What changed", "For editors"):
        assert label in about, label
    # a nav label opens a page of that name (no "MAPPA guidance" opening "MAPPA in one page")
    link = s.find("a", href=re.compile(r"^mappa/$"))
    assert link is not None and link.get_text(strip=True) == "MAPPA in one page"


def test_sections_say_what_the_reader_is_looking_at(site_dir, data):
    for folder, status in data.site.section_status.items():
        page = next(p for p in all_pages(data) if p.src.startswith(folder + "/"))
        head = soup(site_dir / page_url(page.src) / "index.html").select_one("article h1 + .page-head")
        assert head is not None and status in " ".join(head.get_text(" ").split()), page.src
    assert soup(site_dir / "mappa" / "index.html").select_one(".page-status").get_text().count("authority") == 1


def test_no_garbled_labels_anywhere(site_dir):
    """Zero '.;', '..', 'X (X)' and 'ID: ID' across the built site, titles included."""
    bad = []
    for page in site_dir.rglob("*.html"):
        if page.relative_to(site_dir).parts[0] == "editions":
            continue  # kept editions are frozen as published (tests/test_editions.py)
        rel = page.relative_to(site_dir).as_posix()
        if rel.startswith("search/"):
            continue
        s = soup(page)  # the shared copy: read, never changed
        title = s.title.get_text(" ", strip=True) if s.title else ""
        hidden = {id(t) for el in s.find_all(("code", "pre", "script", "style")) for t in el.find_all(string=True)}
        text = " ".join(" ".join(t for t in s.find_all(string=True) if id(t) not in hidden).split())
        for m in re.finditer(r".{0,30}\.\s?;.{0,10}", text):
            bad.append((rel, "'.;'", m.group(0)))
        for m in re.finditer(r".{0,30}[^.]\.\.(?!\.).{0,10}", text):
            bad.append((rel, "'..'", m.group(0)))
        for m in re.finditer(r"(?<![\w-])([A-Za-z][\w /&'-]{0,60}?)s? \(\1s?\)", text):
            bad.append((rel, "X (X)", m.group(0)))
        for t in (title, *[h.get_text(" ", strip=True) for h in s.select("h1, h2, h3, a")]):
            m = re.match(r"^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+):\s*\1\b", t)
            if m:
                bad.append((rel, "ID: ID", t))
    assert not bad, "\n".join(map(str, bad[:20]))


def test_recommendation_numbers_listed_in_order(site_dir):
    for page in content_pages(site_dir):
        s = soup(page)
        for box in s.select("article details.page-about li, article p"):
            text = box.get_text(" ")
            if "Answers recommendations" in text or "Answers:" in text:
                nums = [int(n) for n in re.findall(r"(?:Recommendation |(?<=[ ,]))(\d{1,2})\b(?!\.\d)", text.split("Answers", 1)[1])]
                assert nums == sorted(nums), (page, nums)


def test_checklist_titles_keep_abbreviations(site_dir, data):
    for p in generated_pages(data):
        if p.kind == "checklist":
            h1 = soup(site_dir / page_url(p.src) / "index.html").select_one("article h1").get_text()
            assert "mappa" not in h1, h1


# ---------------------------------------------------------------- in the browser, at 390 x 844

MEASURE = """() => {
  const art = document.querySelector('article');
  const h1 = art.querySelector('h1');
  const furniture = '.page-head, .breadcrumbs, .permalink, .headerlink, code, .item-id';
  const words = (el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll(furniture).forEach((x) => x.remove());
    return c.textContent.trim().split(/\\s+/).filter((w) => /\\w/.test(w)).length;
  };
  let gap = null, first = null;
  for (const el of art.querySelectorAll('p, ul, ol, dl, table, blockquote, .admonition, h2, h3, figure, svg, .grid')) {
    if (!(h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (el.closest(furniture) || el.closest('details:not([open])') && !el.matches('details')) continue;
    if (words(el) < 2) continue;
    first = el.tagName + '.' + el.className;
    gap = el.getBoundingClientRect().top - h1.getBoundingClientRect().bottom;
    break;
  }
  const wide = [];
  for (const t of art.querySelectorAll('table')) {
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    if (box.scrollWidth > box.clientWidth + 2 || t.getBoundingClientRect().right > window.innerWidth + 2) {
      const before = box.previousElementSibling;
      const cue = !!(before && before.matches('.scroll-cue') && before.getBoundingClientRect().height > 0);
      const cell = t.querySelector('tbody td');
      const pinned = cell ? getComputedStyle(cell).position === 'sticky' : false;
      wide.push({cue, pinned});
    }
  }
  return {gap, first, wide, overflow: document.documentElement.scrollWidth > window.innerWidth + 2};
}"""


@pytest.fixture(scope="module")
def phone_measures(phone_walk):
    """MEASURE on every walked page at 390 x 844, the draft notice removed: taken on the phone walk's load of
    the page (walks.phone_walk), which tests/test_phone.py measures too."""
    return {path.rstrip("/") or ".": found["reader"] for path, found in phone_walk[390].items()}


@pytest.mark.browser
def test_content_comes_within_160px_of_the_title_on_a_phone(phone_measures):
    far = {k: (round(v["gap"]) if v["gap"] is not None else None, v["first"]) for k, v in phone_measures.items()
           if v["gap"] is None or v["gap"] > 160}
    share = 1 - len(far) / len(phone_measures)
    assert share >= 0.9, f"{share:.0%} of {len(phone_measures)} pages; over 160 px: {far}"


@pytest.mark.browser
def test_at_most_three_pages_scroll_sideways_on_a_phone_each_with_a_cue(phone_measures):
    wide = {k: v["wide"] for k, v in phone_measures.items() if v["wide"]}
    assert len(wide) <= 3, f"{len(wide)} pages have a table wider than the phone: {sorted(wide)}"
    for k, tables in wide.items():
        assert all(t["cue"] and t["pinned"] for t in tables), f"{k}: a wide table without a visible cue or fixed first column ({sorted(wide)})"
    assert not [k for k, v in phone_measures.items() if v["overflow"]], "a page is wider than the phone"
