"""Kept editions, edition permalinks, the change feed and the public address (issue #16).

The older-edition checks run on two real releases cut in a copy of the small fixture project (scripts/release.py,
two builds of about a third of the site), so they hold even before the project has a second edition; they also run
on every older edition of the real build.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE_PROJECT, ROOT, buildable, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"
LOCAL = re.compile(r"127\.0\.0\.1|localhost", re.I)
REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    target = (page.parent / parts.path).resolve()
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def _exists(site: Path, page: Path, href: str) -> bool:
    target, frag = _resolve(site, page, href)
    if not target.is_file() or not target.resolve().is_relative_to(site.resolve()):
        return False
    return not frag or f'id="{frag}"' in target.read_text(encoding="utf-8")


# ------------------------------------------------------------------ data
def test_editions_data_is_checked(tmp_path):
    from guidance.data.editions import load_editions
    from guidance.data.loader import DataErrors, load_site

    project = copy_project(tmp_path / "p")
    site = load_site(project).site
    text = (project / "data" / "editions.yaml").read_text(encoding="utf-8")
    (project / "data" / "editions.yaml").write_text(text + "- version: 2026.10.0\n  date: 2026-10-01\n"
                                                    "  summary: Out of order.\n  archive: editions/2026.10.0.zip\n")
    with pytest.raises(DataErrors) as exc:
        load_editions(project, site)
    report = exc.value.report()
    assert "oldest first" in report and "editions/2026.10.0.zip is missing" in report


@pytest.mark.parametrize("url, ok", [
    ("https://guidance.test/", True), ("https://www.example.scot/guidance/", True), ("https://www.example.scot", True),
    ("http://127.0.0.1:8080/", True), ("https://guidance.example.invalid/", False), ("http://www.example.scot/", False),
    ("https://localhost-no-dot/", False), ("/guidance/", False), ("https://www.example.scot/?q=1", False),
])
def test_public_url_is_a_real_address_from_the_environment(url, ok):
    from guidance.public_url import PublicUrlError, public_url

    if ok:
        got = public_url({"PUBLIC_URL": url})
        assert got.endswith("/") and got.rstrip("/") == url.rstrip("/")
    else:
        with pytest.raises(PublicUrlError, match="PUBLIC_URL"):
            public_url({"PUBLIC_URL": url})
    assert public_url({}) is None and public_url({"PUBLIC_URL": " "}) is None


def test_a_build_without_public_address_names_no_placeholder_host(site_dir, data):
    """The session build has no PUBLIC_URL: it says so, and no page, feed, sitemap or export of the
    current edition names a placeholder host (older editions were frozen with one: they are rewritten)."""
    log = (ROOT / "test-artifacts" / "build-log.txt").read_text(encoding="utf-8")
    assert "No public address (PUBLIC_URL is not set)" in log
    assert not re.search(r"(?m)^public_url:", (ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))
    checked = 0
    for f in site_dir.rglob("*"):
        if f.suffix in (".html", ".xml", ".atom", ".json", ".csv") and "schema" not in f.parts:
            rel = f.relative_to(site_dir).as_posix()
            if rel.startswith("editions/") and f.suffix != ".html":
                continue  # an older edition's exports and feed are kept byte for byte
            text = f.read_text(encoding="utf-8", errors="replace")
            assert ".invalid/" not in text and "example.invalid" not in text, rel
            checked += 1
    assert checked > 1000


# ------------------------------------------------------------------ the current edition
def test_citations_name_the_edition_and_its_permanent_address(site_dir, data):
    from conftest import html_pages

    v, public = data.site.version, "/"  # no PUBLIC_URL in the session build: paths from the site root
    pages = [p for p in html_pages(site_dir) if 'class="cite-text"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        url = re.search(r'class="cite-this".*?<span class="cite-url">([^<]+)</span>', text, re.S).group(1)  # the page's own
        assert f"edition {v} (" in text, page
        assert url.startswith(f"{public}editions/{v}/id/"), (page, url)
        assert "Find this page online by its permanent ID" in text
        # the edition permalink exists in the built site and leads to a real page
        stub = site_dir / url.removeprefix(public) / "index.html"
        assert stub.is_file(), url
        assert _exists(site_dir, stub, REFRESH.search(stub.read_text(encoding="utf-8")).group(1)), url


def test_current_edition_permalinks_resolve(site_dir, data):
    from guidance.paths import ids

    root = site_dir / "editions" / data.site.version
    for item in ids(data):
        stub = root / "id" / item / "index.html"
        target = REFRESH.search(stub.read_text(encoding="utf-8")).group(1)
        assert _exists(site_dir, stub, target), (item, target)


def test_no_built_page_shows_a_local_address(site_dir):
    checked = 0
    for f in site_dir.rglob("*"):
        if f.suffix in (".html", ".xml", ".atom", ".json", ".csv", ".txt", ".css") or f.name == "site.js":
            text = f.read_text(encoding="utf-8", errors="replace")
            assert not LOCAL.search(text), f"{f.relative_to(site_dir)}: {LOCAL.search(text).group(0)}"
            checked += 1
    assert checked > 500


def test_editions_page_lists_every_edition(site_dir, data):
    from bs4 import BeautifulSoup

    from guidance.data.editions import editions

    html_text = (site_dir / "training" / "editions" / "index.html").read_text(encoding="utf-8")
    text = " ".join(BeautifulSoup(html_text, "html.parser").get_text(" ").split())  # as read: abbreviations unwrapped
    for ed in editions(data):
        first = " ".join(ed.summary.split(".")[0].split())
        assert ed.version in text and first.replace(" ", "") in text.replace(" ", ""), (ed.version, first)


# ------------------------------------------------------------------ the change feed
def test_change_feed_is_well_formed_and_lists_the_latest_release(site_dir, data):
    from guidance.render.site import history_items

    feed_file = site_dir / "downloads" / "changes.atom"
    root = ET.parse(feed_file).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}").text
    entries = root.findall(f"{ATOM}entry")
    ids_ = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids_) == len(set(ids_)), "entry ids must be unique"
    from guidance.site.feed import _addresses

    ident, _href = _addresses(None)  # no PUBLIC_URL in the session build: links relative to the feed
    for e in entries:
        assert e.find(f"{ATOM}title").text and e.find(f"{ATOM}link").get("href").startswith("../")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e.find(f"{ATOM}updated").text)
    from guidance.data.editions import current_release

    v = current_release(data)[0]  # a draft's changes are not in the feed until it is released
    latest = [(h, item) for h, item in history_items(data) if h.version == v]
    assert latest, "the current version has no history entries"
    assert ident(f"editions/{v}/") in ids_
    for _h, item in latest:
        assert ident(f"editions/{v}/id/{item}/") in ids_, item
    assert any(e.find(f"{ATOM}summary").text.startswith(latest[0][0].change) for e in entries)
    # linked from What changed, and announced in every page's head
    assert 'href="../../downloads/changes.atom"' in (site_dir / "training" / "changes" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in (site_dir / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ older editions
def _cut(project: Path, summary: str) -> str:
    """Cut the next edition of a project with scripts/release.py, as an editor does (the words read first)."""
    site_yaml = project / "data" / "site.yaml"
    # the last released edition (the site's version may already name the edition being prepared)
    last = re.findall(r"^- version: (\S+)$", (project / "data" / "editions.yaml").read_text(encoding="utf-8"), re.M)[-1]
    y, mo, n = (int(x) for x in last.split("."))
    new, day = f"{y}.{mo}.{n + 7}", 14 + n % 14
    text = re.sub(r"^version: .*$", f"version: {new}", site_yaml.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^version_date: (\d{4})-(\d\d)-\d\d$", rf"version_date: \1-\2-{day}", text, flags=re.M)
    site_yaml.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "scripts/accept.py", str(project)], cwd=project, check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "scripts/release.py", "--summary", summary],
                          cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return new


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A copy of the fixture project, two releases on: `scripts/release.py` cuts an edition and then the next, and
    the first is added to the second's build as an older one (the fixture's own kept editions are one-file
    stand-ins, so the first cut is the older edition the checks read)."""
    from guidance.data.editions import editions
    from guidance.data.loader import load_site
    from guidance.engines.output.editions import add_editions

    project = tmp_path_factory.mktemp("release") / "p"
    for name in ("data", "docs", "editions", "reader-text"):
        shutil.copytree(FIXTURE_PROJECT / name, project / name)
    buildable(project)
    old = _cut(project, "Test release: the fixture's words.")
    new = _cut(project, "Test release: nothing changed.")
    archive = project / "editions" / f"{new}.zip"
    # the new archive is the built site, without the older editions inside it
    site = project / "site"
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert "index.html" in names and not any(n.startswith("editions/") or n.endswith(".map") for n in names)
        z.extractall(site)
    data = load_site(project)
    assert [e.version for e in editions(data)][-2:] == [old, new]
    reports = add_editions(site, data)
    assert [r.version for r in reports][-1] == old  # every kept edition older than the new one
    # a second release of the same version is refused
    again = subprocess.run([sys.executable, "scripts/release.py", "--summary", "again"], cwd=project,
                           capture_output=True, text=True)
    assert again.returncode == 1 and "already kept" in again.stderr
    return site, data, old


def _older_editions_of_the_real_build(site_dir, data):
    from guidance.data.editions import older_editions

    return [ed.version for ed, _until in older_editions(data)]


def check_older_edition(site: Path, data, version: str) -> None:
    from guidance.data.editions import older_editions

    root = site / "editions" / version
    until = dict((ed.version, u) for ed, u in older_editions(data))[version]
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 100
    permalinks = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.count('class="admonition warning edition-notice"') == 1, page
        notice = re.search(r'<div class="admonition warning edition-notice".*?</div>', text, re.S).group(0)
        assert f"edition {version}" in notice and "not the current guidance" in notice
        assert f"until {until.day} {until.strftime('%B %Y')}" in notice
        link = re.search(r'class="edition-current" href="([^"]*)"', notice).group(1)
        target, _frag = _resolve(site, page, link)
        assert _exists(site, page, link) and not target.is_relative_to(site / "editions"), (page, link)
        assert "<title>Edition " in text and 'name="robots" content="noindex"' in text
        for url in re.findall(r'<span class="cite-url">([^<]+)</span>', text):
            assert url.startswith(f"/editions/{version}/"), (page, url)  # no PUBLIC_URL in these builds
        rel = page.relative_to(root).parts
        if rel[0] == "id":  # a permanent link of the edition: it leads to a page inside the same edition
            permalinks += 1
            refresh = REFRESH.search(text)
            if refresh:
                target, _frag = _resolve(site, page, refresh.group(1))
                assert target.is_relative_to(root) and _exists(site, page, refresh.group(1)), (page, refresh.group(1))
    assert permalinks > 100
    # its own search index; the current site's search never returns old wording
    assert (root / "search" / "search_index.json").is_file()
    assert '"location":"editions/' not in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def check_every_link(site: Path) -> None:
    """Every link and anchor of the site, the kept editions' frozen pages included: the check `make release`
    runs when it cuts an edition (scripts/build.py --check-editions); an ordinary build leaves those pages out."""
    from guidance.engines.output.linkcheck import check

    n_pages, _links, broken = check(site)
    assert n_pages > 200 and not broken, broken[:10]


def test_older_edition_is_marked_and_its_permalinks_resolve(released):
    site, data, old = released
    check_older_edition(site, data, old)
    check_every_link(site)
    # a cited edition permalink of the old edition shows the old words, inside the old edition
    stub = site / "editions" / old / "id" / "MAPPA-ID-01" / "index.html"
    assert stub.is_file()


def test_every_older_edition_of_the_real_build(site_dir, data):
    versions = _older_editions_of_the_real_build(site_dir, data)
    for v in versions:
        check_older_edition(site_dir, data, v)
    check_every_link(site_dir)  # once, over every kept edition (the build itself skipped their frozen pages)
    if not versions:  # one edition so far: the release test above covers older editions
        assert (site_dir / "editions" / data.site.version / "index.html").is_file()


def test_a_build_checks_the_links_into_frozen_editions_not_the_frozen_pages(tmp_path):
    """scripts/build.py passes the kept editions' folders as frozen: their pages were checked when they were cut
    (make release: --check-editions), so an ordinary build reads them only for an anchor a current page names."""
    from guidance.engines.output.linkcheck import check

    def page(rel: str, body: str) -> None:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(body, encoding="utf-8")

    page("index.html", '<a href="editions/1.0/">old</a><a href="editions/1.0/a/#kept">anchor</a>'
                       '<a href="editions/1.0/a/#gone">lost anchor</a><a href="editions/1.0/b/">lost page</a>')
    page("editions/1.0/index.html", '<a href="missing/">a link broken inside the frozen edition</a>')
    page("editions/1.0/a/index.html", '<h2 id="kept">x</h2>')
    n_pages, _links, broken = check(tmp_path, ["editions/1.0/"])
    assert n_pages == 1 and sorted(broken) == ["index.html: editions/1.0/a/#gone (no anchor #gone)",
                                               "index.html: editions/1.0/b/ (no such file)"]
    n_all, _links, everything = check(tmp_path)  # as make release checks: the frozen pages too
    assert n_all == 3 and "editions/1.0/index.html: missing/ (no such file)" in everything and len(everything) == 3


def test_mark_page_is_idempotent_about_cite_addresses():
    import datetime as dt

    from guidance.data.editions import Edition
    from guidance.engines.output.editions import mark_page

    ed = Edition(version="2026.11.0", date=dt.date(2026, 11, 25), summary="First.", archive="editions/2026.11.0.zip")
    page = ('<html><head><title>T</title></head><body><article class="md-content__inner md-typeset">'
            '<p class="cite-text" data-cite-text="x" data-cite-path="editions/2026.11.0/id/RAS-01/" '
            'data-cite-base="https://old.example.invalid/">x Permanent link: <span class="cite-url">'
            'https://old.example.invalid/editions/2026.11.0/id/RAS-01/</span></p></article></body></html>')
    out = mark_page(page, "standards/index.html", ed, dt.date(2026, 12, 15),
                    {"RAS-01": ("standards/areas/definitions/#ras-01", "See this item")}, "https://new.example.invalid/")
    assert 'data-cite-path="id/RAS-01/"' in out
    assert 'data-cite-base="https://new.example.invalid/editions/2026.11.0/"' in out
    assert '<span class="cite-url">https://new.example.invalid/editions/2026.11.0/id/RAS-01/</span>' in out
    assert "from 25 November 2026 until 15 December 2026" in out and 'href="../../../"' in out


# ------------------------------------------------------------------ PDFs
@pytest.mark.browser
def test_bench_note_pdf_shows_the_public_address(site_dir, data, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    proc = subprocess.run([sys.executable, "scripts/make_pdf.py", "--site", str(site_dir), "--out", str(tmp_path),
                           "--only", "bench-notes/rm2000/"], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, PUBLIC_URL="https://guidance.test/"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pdf = tmp_path / "bench-notes" / "rm2000.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    raw = pdf.read_bytes().decode("latin-1")
    assert not LOCAL.search(text) and not LOCAL.search(raw)
    flat = " ".join(text.split())
    assert f"https://guidance.test/editions/{data.site.version}/id/PAGE-BENCH-TOOL-RM2000/" in flat.replace(" ", "")
