"""The offline pack (`make offline`), built once per session (fixed build time, stand-in PDF) and unzipped: static
checks on its files, and Debian's chromium opening it from file:// with every other request blocked."""
from __future__ import annotations

import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import ARTIFACTS, BUILT, ROOT, SHIM
from lxml import etree
from test_search import VOCABULARY, settled


def _version() -> str:
    return str(yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))["version"])


@dataclass
class _Refs:
    refs: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, address), in page order
    ids: set[str] = field(default_factory=set)


def _parse(path: Path) -> _Refs:
    """Every href, src and refresh address of a page, and its ids (lxml's HTML parser, as a browser reads it)."""
    found = _Refs()
    root = etree.fromstring(path.read_bytes(), etree.HTMLParser(encoding="utf-8"))
    for el in root.iter(etree.Element) if root is not None else ():
        a = el.attrib
        if a.get("id"):
            found.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                found.refs.append((el.tag, key, a[key]))
        if el.tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            found.refs.append((el.tag, "refresh", (a.get("content") or "").partition("url=")[2]))
    return found


def _pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


# ---------------------------------------------------------------- the zip and its files


def test_zip_is_named_for_the_edition_and_opens_at_index_html(pack):
    version = _version()
    assert pack["zip"].name == f"mappa-guidance-{version}-offline.zip"
    assert pack["root"].name == f"mappa-guidance-{version}-offline"
    assert (pack["root"] / "index.html").is_file()
    with zipfile.ZipFile(pack["zip"]) as z:
        assert z.testzip() is None
        assert not [n for n in z.namelist() if n.startswith("/") or ".." in n.split("/")]


def test_every_link_and_source_is_a_file_in_the_pack(pack):
    """From file:// a folder URL shows a directory listing and /x names the disk's root: neither may remain."""
    root = pack["root"]
    files = {p.as_posix() for p in root.rglob("*") if p.is_file()}  # the pack's files, listed once
    bad, checked = [], 0
    for page in _pages(root):
        where = page.relative_to(root).as_posix()
        for tag, key, url in _parse(page).refs:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                if tag != "a":
                    bad.append(f"{where}: <{tag} {key}> loads {url} from the network")
                continue
            if parts.scheme or not parts.path:
                continue
            checked += 1
            target = posixpath.normpath(posixpath.join(page.parent.as_posix(), unquote(parts.path)))
            if url.startswith("/") or target not in files:  # a file of the pack, so inside it
                bad.append(f"{where}: {url}")
    assert checked > 10_000, checked
    assert not bad, f"{len(bad)} links do not name a file in the pack: {bad[:20]}"


def test_every_page_of_the_online_site_is_in_the_pack(pack):
    """Same pages as the online build: every page the search index knows is there, every section too."""
    root = pack["root"]
    index = json.loads((root / "search" / "search_index.js").read_text(encoding="utf-8").removeprefix("var __index = "))
    pages = {d["location"].partition("#")[0] for d in index["docs"]}
    assert len(pages) > 100
    assert not [p for p in pages if not (root / p).is_file()]
    for section in ("mappa", "standards", "judiciary", "tools", "recommendations", "training", "print_page"):
        assert (root / section / "index.html").is_file(), section


def _configured_search_fields() -> dict:
    """The field boosts set in mkdocs.yml (plugins: search: fields)."""
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(ROOT / "mkdocs.yml"))
    search = next(p for name, p in cfg.plugins.items() if name.endswith("search"))
    return {k: dict(v) for k, v in search.config["fields"].items()}


def test_search_index_is_inlined_for_file_urls(pack):
    root = pack["root"]
    js = (root / "search" / "search_index.js").read_text(encoding="utf-8")
    assert js.startswith("var __index = {")
    index = json.loads(js.removeprefix("var __index = "))
    locations = [d["location"] for d in index["docs"]]
    assert not [x for x in locations if not x.partition("#")[0].endswith(".html")], "folder locations left"
    # the index keeps the site's search settings (separator and boosts), so results rank as online
    assert index["config"]["fields"] == _configured_search_fields()
    assert not (root / "search" / "search_index.json").exists()


def test_iframe_worker_shim_is_vendored_from_the_pinned_package(pack):
    root = pack["root"]
    pin = json.loads((ROOT / "package.json").read_text())["devDependencies"]["iframe-worker"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pin), f"iframe-worker must be pinned exactly, not {pin!r}"
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/iframe-worker"]["version"] == pin
    vendored = root / "assets" / "javascripts" / "iframe-worker.js"
    assert vendored.read_bytes() == SHIM.read_bytes()
    missing = []
    for page in _pages(root):
        if page.relative_to(root).parts[0] == "id":
            continue  # permanent-link stubs have no scripts
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn." not in text, page
        srcs = [u for tag, key, u in _parse(page).refs if tag == "script"]
        shim = [u for u in srcs if u.endswith("assets/javascripts/iframe-worker.js")]
        if not shim or (page.parent / shim[0]).resolve() != vendored.resolve():
            missing.append(page.relative_to(root).as_posix())
    assert not missing, f"pages without the shim: {missing[:10]}"


def test_permanent_links_point_to_files_and_their_anchors(pack):
    root = pack["root"]
    stubs = sorted((root / "id").glob("*/index.html"))
    assert len(stubs) > 100
    bad, anchored = [], 0
    for stub in stubs:
        refresh = [u for tag, key, u in _parse(stub).refs if key == "refresh"]
        if not refresh:
            continue  # a retired id: a tombstone page, no redirect
        path, _, frag = refresh[0].partition("#")
        target = (stub.parent / path).resolve()
        if not path.endswith(".html") or not target.is_file():
            bad.append(f"{stub.parent.name}: {refresh[0]}")
        elif frag:
            anchored += 1
            if frag not in _parse(target).ids:
                bad.append(f"{stub.parent.name}: no #{frag} in {path}")
    assert anchored > 50 and not bad, bad[:20]


def test_downloads_and_built_pdfs_are_in_the_pack(pack):
    root = pack["root"]
    page = root / "training" / "downloads" / "index.html"
    data_links = [u for tag, key, u in _parse(page).refs if tag == "a" and u.endswith((".csv", ".json"))]
    assert any(u.endswith(".csv") for u in data_links) and any(u.endswith(".json") for u in data_links)
    assert all((page.parent / u).resolve().is_file() for u in data_links)
    home = root / "index.html"
    pdf_links = [u for tag, key, u in _parse(home).refs if tag == "a" and u.endswith(".pdf")]
    assert sorted(pdf_links) == ["pdf/bench-notes/rm2000.pdf", "pdf/guidance.pdf"]
    assert all((root / u).read_bytes().startswith(b"%PDF") for u in pdf_links)


def test_home_page_says_edition_build_time_and_how_to_check_for_a_newer_one(pack):
    text = (pack["root"] / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<div class="admonition info" id="offline-pack".*?</div>', text, re.S)
    assert notice, "no offline notice on the home page"
    body = notice.group(0)
    assert f"<strong data-edition>{_version()}</strong>" in body
    assert f'datetime="{BUILT}"' in body and "3 February 2031 at 04:05 UTC" in body
    assert "newer edition" in body and 'href="training/changes/index.html"' in body
    # the online site has no such notice: it is added to the pack only
    assert text.count('id="offline-pack"') == 1


def test_zip_is_at_most_twice_the_online_site(pack):
    stats = pack["stats"]
    assert stats["zip_bytes"] <= 2 * stats["online_bytes"], stats
    assert stats["online_bytes"] > 1_000_000  # a real site was measured, not an empty folder


def test_folder_urls_become_file_urls_and_nothing_else_changes(tmp_path):
    from guidance.engines.output.offline_pack import rewrite_page

    (tmp_path / "tools" / "rm2000").mkdir(parents=True)
    (tmp_path / "tools" / "rm2000" / "index.html").write_text("x")
    (tmp_path / "tools" / "index.html").write_text("x")
    (tmp_path / "index.html").write_text("x")
    page_dir = tmp_path / "tools"
    src = ('<a href="rm2000/">a</a><a href="rm2000/#band-high">b</a><a href="./">c</a><a href="..">d</a>'
           '<a href="https://example.org/x/">e</a><a href="#top">f</a><img src="../x.png">'
           "<a href='rm2000/'>g</a><meta http-equiv=\"refresh\" content=\"0; url=rm2000/#s\">")
    out = rewrite_page(src, page_dir)
    assert out == ('<a href="rm2000/index.html">a</a><a href="rm2000/index.html#band-high">b</a>'
                   '<a href="index.html">c</a><a href="../index.html">d</a>'
                   '<a href="https://example.org/x/">e</a><a href="#top">f</a><img src="../x.png">'
                   "<a href='rm2000/index.html'>g</a><meta http-equiv=\"refresh\" content=\"0; url=rm2000/index.html#s\">")


# ---------------------------------------------------------------- in chromium, from file://


HREFS = "() => Array.from(document.querySelectorAll('.md-search-result__item > a.md-search-result__link'), a => a.href)"


def _search(page, home: str, query: str, fresh: bool = True, keys: bool = False) -> list[str]:
    """Put a query into the site's search (on a freshly opened home page, or into the box as it is) as a reader
    pastes it, or with `keys` key by key (tests/test_search.py: search); the result pages, as paths below the
    pack's top folder."""
    if fresh:
        page.goto(home + "index.html")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.click()
    page.wait_for_function(VOCABULARY, timeout=15_000)
    if not fresh:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=10_000)
    if keys:
        page.keyboard.type(query, delay=10)
    else:
        page.keyboard.insert_text(query)
        page.keyboard.press("End")  # the theme searches on keyup
    page.wait_for_selector(".md-search-result__meta", timeout=15_000)
    page.wait_for_function(
        "() => !/Type to start|Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=15_000,
    )
    hrefs = settled(page, lambda: page.evaluate(HREFS), keys)
    out: list[str] = []
    for h in hrefs:
        assert h.startswith(home), h
        path = h[len(home):].split("#")[0].split("?")[0].removesuffix("index.html")
        if path not in out:
            out.append(path)
    return out


def _styled(page) -> None:
    """The theme's stylesheet is applied: the header is the indigo bar and fixed, not unstyled text."""
    header = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('.md-header'));"
                           " return [s.backgroundColor, s.position]; })()")
    assert header[0] not in ("rgba(0, 0, 0, 0)", "transparent") and header[1] == "sticky", header


QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text())
# one query of each kind a reader types, from the online search's own test set
CASES = [next(q for q in QUERIES if q["class"] == kind) for kind in ("plain", "synonym", "number", "misspelling", "id")]


@pytest.mark.browser
def test_pack_opens_from_disk_with_styles_and_the_shim(disk):
    page, home, requests, _blocked, _errors = disk
    page.goto(home + "index.html")
    page.wait_for_load_state("load")
    _styled(page)
    assert page.locator("#offline-pack").is_visible()
    assert any(u.endswith("assets/javascripts/iframe-worker.js") for u in requests)


@pytest.mark.browser
def test_search_answers_from_disk(disk):
    page, home, requests, _blocked, _errors = disk
    assert len(CASES) >= 3
    for case in CASES:
        results = _search(page, home, case["query"])
        expect = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
        assert any(e in results[:3] for e in expect), f"{case['query']!r}: top 3 were {results[:3]}"
    # the search worker ran (inside the shim's iframe) on the index inlined for file://
    assert any("/workers/search." in u for u in requests)
    assert any(u.endswith("search/search_index.js") for u in requests)


@pytest.mark.browser
def test_spelling_help_from_disk(disk):
    """"Did you mean" works from file:// as online: the words for it load as a script (search/vocabulary.js)."""
    page, home, requests, _blocked, errors = disk
    results = _search(page, home, "staic-99r", keys=True)  # key by key, through the pack's worker
    assert "tools/static-99r/" in results[:3], results[:3]
    line = page.locator(".search-corrected")
    line.wait_for(state="visible", timeout=5_000)
    assert "static-99r" in line.inner_text().lower(), line.inner_text()
    assert any(u.endswith("search/vocabulary.js") for u in requests)
    assert not errors, errors


@pytest.mark.browser
def test_kept_editions_search_from_disk(disk, pack):
    """Each kept edition has its own search, from file:// too (editions/<version>/search/search_index.js)."""
    page, home, requests, _blocked, _errors = disk
    versions = sorted(p.parent.parent.name for p in (pack["root"] / "editions").glob("*/search/search_index.js"))
    kept = [p.name for p in (pack["root"] / "editions").iterdir() if (p / "search").is_dir()]
    assert versions and sorted(kept) == versions
    for version in versions:
        edition = f"{home}editions/{version}/"
        results = _search(page, edition, "restricted patients")  # every result inside the edition (_search checks)
        assert "mappa/restricted-patients/" in results[:3], (version, results[:3])
        assert any(u.endswith(f"editions/{version}/search/search_index.js") for u in requests)


@pytest.mark.browser
def test_tool_and_stage_pages_open_from_the_home_page(disk):
    page, home, _requests, _blocked, _errors = disk
    for section, pattern in (("tools/index.html", r"/tools/[^/]+/index\.html$"),
                             ("mappa/stages/index.html", r"/mappa/stages/[^/]+/index\.html$")):
        page.goto(home + "index.html")
        page.locator(f'nav.md-nav--primary a[href="{section}"]').first.click()
        page.wait_for_load_state("load")
        assert page.url == home + section
        links = page.eval_on_selector_all("article a[href]", "e => e.map(a => a.href)")
        i, target = next((i, u) for i, u in enumerate(links) if re.search(pattern, u))
        page.locator("article a[href]").nth(i).click()
        page.wait_for_load_state("load")
        assert page.url == target, (page.url, target)
        assert page.locator("article h1").first.is_visible()
        _styled(page)


@pytest.mark.browser
def test_permanent_links_land_on_their_item_from_disk(disk, pack):
    page, home, _requests, _blocked, _errors = disk
    stubs = {p.parent.name: p for p in (pack["root"] / "id").glob("*/index.html")}
    anchored = next(n for n in sorted(stubs) if re.search(r'url=[^"#]+#', stubs[n].read_text()))
    tool = next(n for n in sorted(stubs) if n.startswith("TOOL-"))
    for item in (anchored, tool):
        page.goto(f"{home}id/{item}/index.html")
        page.wait_for_url(lambda u: "/id/" not in u, timeout=5_000)
        assert page.url.split("#")[0].endswith("/index.html"), page.url
        anchor = page.url.partition("#")[2]
        if item == anchored:
            assert anchor and page.locator(f"[id='{anchor}']").count() == 1, page.url
        assert item in page.inner_text("article"), f"{item} is not shown on {page.url}"


@pytest.mark.browser
def test_screenshots_of_the_pack_from_disk(disk):
    page, home, _requests, _blocked, _errors = disk
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(home + "index.html")
        page.wait_for_load_state("load")
        page.screenshot(path=str(ARTIFACTS / f"offline-home-{width}.png"))
        if width < 600:  # the search box sits behind the search icon on a phone
            page.locator("label.md-header__button[for='__search']").click()
        box = page.locator("input.md-search__input")
        box.click()
        page.keyboard.type("restricted patients", delay=10)
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        page.wait_for_timeout(400)
        page.screenshot(path=str(ARTIFACTS / f"offline-search-{width}.png"))
        assert page.locator(".md-search-result__item").count() >= 1
