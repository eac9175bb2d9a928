"""Shared fixtures: one real build of the site per test session, a local static server, project copies,
pages parsed once, one linkchecker run, one chromium."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
import yaml
from outside_linkcheck import LinkcheckerRun, current_pages, run_linkchecker
from parallel import built_once, group_and_order
from walks import phone_walk  # noqa: F401  (a session fixture: one walk of the pages at phone size)

import guidance.options as options_module

ROOT = Path(__file__).resolve().parents[1]


def release_date() -> str:
    """The site's own release date (data/site.yaml version_date), read, never typed into a test."""
    return str(yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))["version_date"])


# "Today" for every build and check the tests run is the release date, whatever the machine's clock
# says: no test expires. Tests of overdue reviews set a later SITE_TODAY themselves.
# The scripts the tests run read it from SITE_TODAY (scripts/build_options.py); builds made in this process get it
# as the default date of their BuildOptions (guidance/options.py).
SITE_TODAY = release_date()
os.environ["SITE_TODAY"] = SITE_TODAY
options_module._today = lambda: dt.date.fromisoformat(SITE_TODAY)

ARTIFACTS = ROOT / "test-artifacts"


# fixtures that need what `make setup` does not install: the offline pack needs node_modules/iframe-worker
# (npm ci); `make dist` packs it and prints PDFs in chromium
NEEDS = {"pack": ("node",), "dist_site": ("node", "browser")}


def pytest_collection_modifyitems(items, config):
    """Mark the tests using those fixtures `node` (and `browser`), which `make test-fast` leaves out, so that it
    needs `make setup` alone; then group the tests by costly fixture and put the longest first, for pytest-xdist (parallel.py)."""
    for item in items:
        for fixture, marks in NEEDS.items():
            if fixture in getattr(item, "fixturenames", ()):
                for mark in marks:
                    item.add_marker(getattr(pytest.mark, mark))
    group_and_order(items, config)


@pytest.fixture(scope="session")
def data():
    from guidance.data.loader import load_site

    return load_site(ROOT)


def _build_site(folder: Path) -> None:
    out = folder / "site"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--site", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (ARTIFACTS).mkdir(exist_ok=True)
    (ARTIFACTS / "build-log.txt").write_text(proc.stdout + proc.stderr)
    # linkchecker drops root privileges to 'nobody': make the tree readable
    os.chmod(out.parent, 0o755)
    for p in [out, *out.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """Build the real site once, through the same script as `make build` (once for all workers: built_once)."""
    return built_once(tmp_path_factory, "built", _build_site) / "site"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(site_dir):
    """The built site on a plain static HTTP server bound to 127.0.0.1."""
    from guidance.site.serve import make_server

    port = _free_port()
    srv = make_server(str(site_dir), port)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{port}/"
    srv.shutdown()


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project (data, docs, the guidance package, config) to break on purpose."""
    for name in ("data", "docs", "editions", "guidance", "overrides", "scripts", "reader-text"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the real project (4.9 MB): for tests that build it or that are about the live content."""
    return copy_project(tmp_path / "project")


FIXTURE_PROJECT = ROOT / "tests" / "fixtures" / "project"


@pytest.fixture
def small_project(tmp_path) -> Path:
    """A copy of the small fixture project (tests/fixtures/project: data/, docs/ and stand-in edition archives)
    to break on purpose."""
    dest = tmp_path / "small"
    for name in ("data", "docs", "editions", "reader-text"):
        shutil.copytree(FIXTURE_PROJECT / name, dest / name)
    return dest


def buildable(dest: Path) -> Path:
    """Make a copy of the fixture project buildable: the real configuration, theme additions, assets and scripts
    beside its own data/, docs/ and editions/."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("overrides", "scripts", "docs/assets"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.fixture
def small_buildable(small_project) -> Path:
    """The fixture project, ready for scripts/build.py: for build tests that do not need the real site."""
    return buildable(small_project)


def _build_small_site(folder: Path) -> None:
    project = folder / "project"
    for name in ("data", "docs", "editions", "reader-text"):
        shutil.copytree(FIXTURE_PROJECT / name, project / name)
    buildable(project)
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--site", str(folder / "site")],
                          cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> Path:
    """The fixture project built once per session through scripts/build.py (about a third of the real site)."""
    return built_once(tmp_path_factory, "small-built", _build_small_site) / "site"


def html_pages(site: Path) -> list[Path]:
    """Every real HTML page of the current edition (not permalink stubs, not kept editions: tests/test_editions.py)."""
    return sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("id", "editions"))


# A decision flow (flows/<flow>/) is some 300 pages made from two templates: a question page (its answers as
# links) and an outcome page (its case-file record). Browser walks, which load a page at each width and run axe on
# it, read every other page, each flow's own index and map, and the flow pages most likely to break a layout:
# the two longest of each template in each flow and the one holding the longest unbroken word. The built-HTML
# tests read every flow page (tests/test_flows_site.py, tests/test_site_html.py).
_LONGEST_WORD = re.compile(r"\S+")
_TAG = re.compile(r"<[^>]+>")


def _flow_kind(text: str) -> str:
    if 'class="flow-record"' in text:
        return "outcome"
    if 'class="flow-answers"' in text and 'class="flow-path"' in text:
        return "question"
    return "other"  # the flow's own index and map pages


def _longest_word(text: str) -> int:
    body = text.split("<article", 1)[-1].split("</article>", 1)[0]
    return max((len(w) for w in _LONGEST_WORD.findall(_TAG.sub(" ", body))), default=0)


def walk_paths(site: Path, skip: tuple[str, ...] = ("search", "print_page")) -> list[str]:
    """The URL paths (relative to the site's root) a browser walk loads: see the note above."""
    keep: list[Path] = []
    groups: dict[tuple[str, str], list[tuple[Path, str]]] = {}
    for page in html_pages(site):
        parts = page.relative_to(site).parts
        if parts[0] in skip:
            continue
        if parts[0] != "flows" or len(parts) < 4:
            keep.append(page)
            continue
        text = page.read_text(encoding="utf-8")
        kind = _flow_kind(text)
        if kind == "other":
            keep.append(page)
        else:
            groups.setdefault((parts[1], kind), []).append((page, text))
    for members in groups.values():
        by_size = sorted(members, key=lambda m: (-len(m[1]), str(m[0])))
        chosen = {m[0] for m in by_size[:2]}
        chosen.add(max(members, key=lambda m: (_longest_word(m[1]), str(m[0])))[0])
        keep.extend(chosen)
    out = []
    for page in sorted(keep):
        rel = page.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


# ---------------------------------------------------------------- parsed pages, shared by the session


class ParsedPages:
    """BeautifulSoup of built HTML pages, each parsed once per session. Read-only: a test that changes a
    tree must parse its own copy (`BeautifulSoup(path.read_text(), "html.parser")`)."""

    def __init__(self) -> None:
        self._cache: dict[Path, object] = {}

    def __call__(self, path: Path):
        from bs4 import BeautifulSoup

        path = Path(path)
        if path not in self._cache:
            self._cache[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return self._cache[path]


PARSED = ParsedPages()


def text_outside(el, selector: str, sep: str = " ") -> str:
    """The text of `el` (as get_text(sep)) without the elements matching the CSS `selector`, leaving `el`
    unchanged (so a shared, parsed-once page can be read this way)."""
    from bs4 import NavigableString

    skip = {id(t) for x in el.select(selector) for t in x.find_all(string=True)}  # the strings inside them
    return sep.join(str(t) for t in el.descendants if type(t) is NavigableString and id(t) not in skip)


@pytest.fixture(scope="session")
def parsed() -> ParsedPages:
    """`parsed(path)`: the page's BeautifulSoup, parsed once for the whole session."""
    return PARSED


# ---------------------------------------------------------------- the outside link check, run once


@pytest.fixture(scope="session")
def linkchecker_run(server, site_dir) -> LinkcheckerRun:
    """linkchecker (the outside HTTP check, AnchorCheck on) over the session build, run once; tests share its result.
    Older editions are frozen copies, link-checked when published and by the fast checker on every build."""
    return run_linkchecker(current_pages(site_dir, server), f"--ignore-url=^{re.escape(server)}editions/")


# ---------------------------------------------------------------- one chromium for the session

# A draft build (make next-edition until make release) heads every page with a notice that the published edition
# does not have. Tests of how far down a page its answer starts, or how many sheets it prints on, measure the page
# as published: they run this first. Tests of the notice itself read the draft build as it is.
AS_PUBLISHED = "() => document.querySelectorAll('.draft-notice').forEach((e) => e.remove())"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                 "--disable-features=Translate,OptimizationHints,MediaRouter", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    path = CHROMIUM if Path(CHROMIUM).exists() else (shutil.which("chromium") or CHROMIUM)
    assert Path(path).exists(), "Debian chromium is missing: run `make browser` (apt-get install chromium)"
    return path


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright, launched once for the session (Playwright's sync API allows one
    running instance at a time). Tests open their own contexts and close them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# ---------------------------------------------------------------- `make dist`, run once (tests/test_dist.py, test_whole_pdf.py)

DIST_PUBLIC = "https://guidance.test/"


def _make_dist(out: Path) -> None:
    env = dict(os.environ, PUBLIC_URL=DIST_PUBLIC, OFFLINE_BUILT="2026-12-04T09:00:00Z")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "dist.py"), "--out", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    site = out / "site"
    os.chmod(out, 0o755)  # nginx workers may run as another user
    for p in [site, *site.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)


@pytest.fixture(scope="session")
def dist_site(tmp_path_factory) -> Path:
    """`make dist` once: the publishable folder for https://guidance.test/."""
    return built_once(tmp_path_factory, "dist", _make_dist) / "site"


# ---------------------------------------------------------------- the offline pack (tests/test_offline.py)


BUILT = "2031-02-03T04:05:06Z"  # a build time no clock will produce by accident: the pack must show it
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"  # npm ci: each pack test is marked `node`


def _make_pack(work: Path, site_dir: Path) -> None:
    pdfs = work / "pdf"
    (pdfs / "bench-notes").mkdir(parents=True)
    (pdfs / "guidance.pdf").write_bytes(b"%PDF-1.4\n% stand-in for the built guidance PDF\n%%EOF\n")
    (pdfs / "bench-notes" / "rm2000.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "offline.py"), "--out", str(work / "dist"), "--built", BUILT,
         "--pdf", str(pdfs), "--stats", str(work / "stats.json"), "--site", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (work / "log.txt").write_text(proc.stdout, encoding="utf-8")
    zips = list((work / "dist").glob("*.zip"))
    assert len(zips) == 1, zips
    with zipfile.ZipFile(zips[0]) as z:
        z.extractall(work / "unzipped")


@pytest.fixture(scope="session")
def pack(tmp_path_factory, site_dir) -> dict:
    """Build the pack once, from the session's build (`make offline` builds its own, the same way):
    {'zip': Path, 'root': unzipped top folder, 'stats': figures, 'log': output}."""
    if not SHIM.exists():
        pytest.fail("node_modules/iframe-worker is missing: run `npm ci` (make test does this)")
    work = built_once(tmp_path_factory, "offline", lambda folder: _make_pack(folder, site_dir))
    zips = list((work / "dist").glob("*.zip"))
    tops = list((work / "unzipped").iterdir())
    assert len(tops) == 1 and tops[0].is_dir(), f"the zip must hold one top folder, not {tops}"
    return {"zip": zips[0], "root": tops[0], "stats": json.loads((work / "stats.json").read_text()),
            "log": (work / "log.txt").read_text(encoding="utf-8")}


@pytest.fixture
def disk(chromium, pack):
    """A browser context on the unzipped pack: every request is recorded; any that is not file:// is blocked."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    blocked: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    home = pack["root"].resolve().as_uri() + "/"
    yield page, home, requests, blocked, errors
    ctx.close()
    left = [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert not blocked and not left, f"requests left file://: {sorted(set(blocked + left))[:10]}"
    # and no page asks for a file the pack does not hold (the theme once asked for downloads/sitemap.xml)
    from urllib.parse import unquote, urlsplit

    absent = [u for u in requests if u.startswith("file:") and not Path(unquote(urlsplit(u).path)).exists()]
    assert not absent, f"files the pack does not hold: {sorted(set(absent))[:10]}"
    assert not errors, errors
