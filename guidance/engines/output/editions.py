"""Kept editions in the built site: freeze a build as an edition archive, unpack the older ones.

A released edition is kept as the exact HTML that was published (editions/<version>.zip), not rebuilt
from an old commit: the words stay exactly those published, a fresh or shallow clone can build every
edition, and old code never has to run on new dependencies.

After MkDocs has built the current site, `add_editions` unpacks every older edition into
editions/<version>/ and marks each of its pages: a notice at the top of the content (not the current
guidance, the dates it was current, a link to the same item in the current guidance, or its
tombstone), "not current" in the title, no indexing by search engines, and citations that name the
edition's permanent public address. Each edition keeps its own search index (search/ inside it), so
the current site's search never returns old wording. The current edition lives at the site root;
editions/<current>/ holds only forwarding pages, so a citation's edition address resolves from the
day it is made.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ...data.editions import Edition, shown_editions
from ...data.register import read_register
from ...data.sitedata import SiteData
from ...paths import EDITIONS, edition_root, ids, page_url, permalink
from ...sitemap import all_pages
from ...theme import ARTICLE_OPEN
from .permalinks import forward_head

# Left out of a frozen edition: source maps (developer files), the root 404 page and site maps (a host
# serves those only at the site root), and any editions kept inside the build being frozen.
_SKIP_NAMES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # the same content always gives the same archive bytes


def freeze(site_dir: Path, out_zip: Path) -> tuple[int, int]:
    """Zip a built site as an edition archive. Returns (files, bytes of the archive)."""
    site_dir = Path(site_dir)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and _keep(p.relative_to(site_dir)))
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_zip.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for p in files:
            info = zipfile.ZipInfo(p.relative_to(site_dir).as_posix(), date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, p.read_bytes(), compresslevel=9)
    tmp.replace(out_zip)
    return len(files), out_zip.stat().st_size


def _keep(rel: Path) -> bool:
    parts = rel.parts
    if parts[0] == "editions" or rel.suffix == ".map":
        return False
    return not (len(parts) == 1 and rel.name in _SKIP_NAMES)


@dataclass(frozen=True)
class EditionReport:
    version: str
    pages: int
    files: int
    bytes_on_disk: int
    archive_bytes: int


def add_editions(site_dir: Path, data: SiteData) -> list[EditionReport]:
    """Unpack and mark every older edition; write the current edition's forwarding pages."""
    site_dir = Path(site_dir)
    public = data.options.public_url  # PUBLIC_URL, or None: citations then name paths (guidance/public_url.py)
    current = _current_targets(data)
    same_place = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
                  if p.relative_to(site_dir).parts[0] != "editions"}
    reports = []
    for ed, until in shown_editions(data):
        dest = site_dir / edition_root(ed.version)
        if dest.exists():
            shutil.rmtree(dest)
        n_files = _unpack(data.root / ed.archive, dest)
        pages = 0
        for page in dest.rglob("*.html"):
            rel = page.relative_to(dest).as_posix()
            text = page.read_text(encoding="utf-8")
            page.write_text(mark_page(text, rel, ed, until, current, public, same_place), encoding="utf-8")
            pages += 1
        size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
        reports.append(EditionReport(ed.version, pages, n_files, size, (data.root / ed.archive).stat().st_size))
    _write_current_forwards(site_dir, data)
    return reports


def _unpack(archive: Path, dest: Path) -> int:
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        for name in names:
            p = PurePosixPath(name)
            if p.is_absolute() or ".." in p.parts:
                raise ValueError(f"{archive}: unsafe path in archive: {name}")
        z.extractall(dest)
    return len(names)


# ------------------------------------------------------------------ where an old page's item lives now
def _current_targets(data: SiteData) -> dict[str, tuple[str, str]]:
    """id -> (site-relative URL in the current guidance, link words)."""
    out = {i: (loc.url, "See this page in the current guidance" if loc.kind == "page" else "See this item in the current guidance")
           for i, loc in ids(data).items()}
    for p in all_pages(data):  # generated pages (bench notes, stages, tools...) have page ids too
        out.setdefault(p.id, (page_url(p.src), "See this page in the current guidance"))
    for entry in read_register(data.root).values():
        if entry.get("status") == "retired":
            out.setdefault(entry["id"], (permalink(entry["id"]), "See why this item was withdrawn"))
    return out


_GUIDANCE_ID = re.compile(r'<meta name="guidance-id" content="([^"]+)"')
_ID_STUB = re.compile(r"^id/([^/]+)/index\.html$")
_ARTICLE = re.compile(ARTICLE_OPEN)  # the theme's content element (guidance/theme.py)
_MAIN = re.compile(r"(<main[^>]*>)")
_BODY = re.compile(r"(<body[^>]*>)")
_TITLE = re.compile(r"<title>")
_HEAD = re.compile(r"(<head[^>]*>)")
_CITE_PATH = re.compile(r'data-cite-path="(?:editions/[^/"]+/)?([^"]*)"')
_PLACEHOLDER_HOST = re.compile(r"https?://[A-Za-z0-9.-]+\.invalid/")
_CITE_BASE = re.compile(r'data-cite-base="[^"]*"')
_CITE_URL = re.compile(r'(<p class="cite-text"[^>]*?data-cite-path="([^"]*)"[^>]*>.*?<span class="cite-url">)[^<]*(</span>)', re.S)


def _day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def item_of(text: str, rel: str) -> str | None:
    """The id an edition page is about: its page id, or the id of a permanent-link page."""
    stub = _ID_STUB.match(rel)
    if stub:
        return stub.group(1)
    found = _GUIDANCE_ID.search(text)
    return html.unescape(found.group(1)) if found else None


def notice_html(rel: str, item: str | None, ed: Edition, until: dt.date | None, current: dict[str, tuple[str, str]],
                same_place: set[str]) -> str:
    up = "../" * (len(PurePosixPath(rel).parts) - 1 + 2)  # from this page to the root of the current site
    if item in current:
        url, words = current[item]
    elif rel in same_place:  # no id to follow, but the current guidance has a page at the same address
        url, words = rel.removesuffix("index.html"), "See this page in the current guidance"
    else:
        url, words = "", "Go to the current guidance"
    e = html.escape
    if until is None:  # a draft build: this edition is the one published now, shown beside the draft
        return (
            '<div class="admonition note edition-notice" role="note" data-search-exclude>'
            '<p class="admonition-title">The guidance as published now</p>'
            f"<p>You are reading edition {e(ed.version)}, the current guidance since {e(_day(ed.date))}. "
            "The pages outside this edition's folder are a draft of the next edition, not yet published. "
            f'<a class="edition-current" href="{e(up + url)}">See this page in the draft</a>. '
            f'<a href="{e(up + page_url(EDITIONS))}">All editions and what changed</a>.</p></div>'
        )
    return (
        '<div class="admonition warning edition-notice" role="note" data-search-exclude>'
        '<p class="admonition-title">This is not the current guidance</p>'
        f"<p>You are reading edition {e(ed.version)}. It was the current guidance from {e(_day(ed.date))} "
        f"until {e(_day(until))}, and has since been replaced. "
        f'<a class="edition-current" href="{e(up + url)}">{e(words)}</a>. '
        f'<a href="{e(up + page_url(EDITIONS))}">All editions and what changed</a>.</p></div>'
    )


_EDITION_LINK = re.compile(r'((?:href|src)=")((?:\.\./)*)editions/')


def _to_site_editions(text: str, rel: str) -> str:
    """Links an edition made to the site's other editions (from its root to editions/...) still reach
    them once the edition itself sits two folders down, at editions/<version>/."""
    depth = rel.count("/")  # folders between this page and the root of its edition

    def fix(mt: re.Match) -> str:
        ups = mt.group(2)
        return mt.group(1) + ups + "../../editions/" if ups.count("../") == depth else mt.group(0)
    return _EDITION_LINK.sub(fix, text)


def mark_page(text: str, rel: str, ed: Edition, until: dt.date | None, current: dict[str, tuple[str, str]], public: str | None,
              same_place: frozenset[str] | set[str] = frozenset()) -> str:
    """One page of an older edition, marked as not current, or, in a draft build (until None), as the edition
    published now (pure: text in, text out)."""
    notice = notice_html(rel, item_of(text, rel), ed, until, current, set(same_place))
    for pattern in (_ARTICLE, _MAIN, _BODY):
        if pattern.search(text):
            text = pattern.sub(lambda mt: mt.group(1) + notice, text, count=1)
            break
    else:
        text = notice + text
    text = _to_site_editions(text, rel)
    # the feed link as the current pages have it (overrides/main.html): the theme fetches a sitemap.xml beside
    # every rel="alternate" link, one that no edition has (issue 24)
    text = text.replace('<link rel="alternate" type="application/atom+xml"', '<link rel="alternate feed" type="application/atom+xml"')
    state = "published" if until is None else "not current"
    text = _TITLE.sub(lambda _m: f"<title>Edition {html.escape(ed.version)} ({state}): ", text, count=1)
    if 'name="robots"' not in text:
        text = _HEAD.sub(lambda mt: mt.group(1) + '<meta name="robots" content="noindex">', text, count=1)
    # citations name this edition's permanent public address, whatever the page was built with
    # the placeholder host earlier editions were built with (…example.invalid/) never resolved: name this
    # edition's own address instead (the public one, or the path from the site root)
    text = _PLACEHOLDER_HOST.sub((public or "/") + edition_root(ed.version), text)
    if not public:  # no public address (PUBLIC_URL): paths from the site root; site.js adds the reader's host
        root = edition_root(ed.version)
        text = _CITE_PATH.sub(lambda mt: f'data-cite-path="{root}{mt.group(1)}"', text)
        text = _CITE_BASE.sub("", text)
        return _CITE_URL.sub(lambda mt: mt.group(1) + "/" + html.escape(html.unescape(mt.group(2))) + mt.group(3), text)
    base = public + edition_root(ed.version)
    text = _CITE_PATH.sub(lambda mt: f'data-cite-path="{mt.group(1)}"', text)
    text = _CITE_BASE.sub(f'data-cite-base="{html.escape(base)}"', text)
    return _CITE_URL.sub(lambda mt: mt.group(1) + html.escape(base + html.unescape(mt.group(2))) + mt.group(3), text)


# ------------------------------------------------------------------ the current edition's own address
def _forward(title: str, target: str) -> str:
    t = html.escape(target)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>{html.escape(title)}</title>{forward_head(target)}'
        '<meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'</head><body><main><p>{html.escape(title)}: <a href="{t}">go to it in the current guidance</a>.</p></main></body></html>\n'
    )


def _write_current_forwards(site_dir: Path, data: SiteData) -> int:
    """editions/<current>/ and editions/<current>/id/<ID>/ lead to the current guidance at the root."""
    version = data.site.version
    root = site_dir / edition_root(version)
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(_forward(f"Edition {version}, the current guidance", "../../"), encoding="utf-8")
    n = 1
    for item, (url, _words) in _current_targets(data).items():
        out = root / permalink(item) / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_forward(f"{item} in edition {version}", "../../../../" + url), encoding="utf-8")
        n += 1
    return n
