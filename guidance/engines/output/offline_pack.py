"""Offline pack: the whole guidance in one zip that works from disk (file://), search included.

Usage: python scripts/offline.py (a thin wrapper over this module) [--out dist] [--built 2026-12-01T09:00:00Z] [--pdf DIR | --no-pdf]

1. Build the site exactly as `make build` does (scripts/build.py: same data, same validation, same strict
   MkDocs build, same link and anchor check) into a temporary folder. The online build is not changed.
2. Make the copy work from file://, where a folder URL such as `tools/rm2000/` shows a directory listing
   instead of the page:
   - every relative link or source that names a folder gets `index.html` (pages, the permanent-link
     stubs under id/ and their meta refresh, the search index's page locations);
   - search: Material's search reads `search/search_index.js` when opened from file:// and needs the
     iframe-worker shim (a browser will not start a Web Worker from file://). The shim is copied from the
     pinned npm package in node_modules, never from a CDN, and loaded by every page. (Material's own
     `offline` plugin does the same two things but also switches the whole build to file URLs, which would
     change the pages that macros generate; so it is not used.)
   - the home page says which edition this is, when the pack was built and how to check for a newer one.
3. Check the result: every relative link resolves to a file (not a folder), no page loads anything from
   another host, every anchor exists.
4. Write dist/mappa-guidance-<version>-offline.zip (version from data/site.yaml), one top folder inside.

It works on the built site and on data/site.yaml; from the package it takes only the public address
(guidance/public_url.py) and the download links (guidance/downloads.py).
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from ...downloads import finish_links

ROOT = Path(__file__).resolve().parents[3]  # the project folder (guidance/engines/output/ is three below it)
SHIM_PACKAGE = ROOT / "node_modules" / "iframe-worker"
SHIM_TARGET = "assets/javascripts/iframe-worker.js"
DROP = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")  # no use from disk
NOTICE_ID = "offline-pack"

# href="..." / src='...' / href=... and the url= of a meta refresh; group 'url' is the value
_ATTR = re.compile(r"""(?P<pre>\s(?:href|src)\s*=\s*)(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s"'>]+))""", re.I)
_REFRESH = re.compile(r"""(?P<pre>content\s*=\s*"\s*\d+\s*;\s*url=)(?P<url>[^"]*)(?P<post>")""", re.I)


# ---------------------------------------------------------------- facts


def site_facts(base_url: str | None, root: Path = ROOT) -> dict:
    """Edition, its date, the publisher from data/site.yaml, and the public address (if any)."""
    site = yaml.safe_load((root / "data" / "site.yaml").read_text(encoding="utf-8"))
    return {
        "title": str(site["title"]),
        "version": str(site["version"]),
        "version_date": dt.date.fromisoformat(str(site["version_date"])),
        "publisher": str(site.get("publisher") or ""),
        # the public address: a deployment setting (PUBLIC_URL), not data; None when it is not set
        "base_url": base_url,
    }


def shim_source() -> tuple[str, str]:
    """(version, text) of the iframe-worker shim installed from the pinned npm package."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"].get("iframe-worker")
    meta = SHIM_PACKAGE / "package.json"
    if not meta.exists():
        raise SystemExit("node_modules/iframe-worker is missing: run `npm ci` (make offline does this).")
    version = json.loads(meta.read_text())["version"]
    if pinned != version:
        raise SystemExit(f"iframe-worker {version} is installed but package.json pins {pinned}: run `npm ci`.")
    return version, (SHIM_PACKAGE / "shim" / "index.js").read_text(encoding="utf-8")


def zip_name(version: str) -> str:
    return f"mappa-guidance-{version}-offline"


# ---------------------------------------------------------------- file URLs


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("#", "/")) or not parts.path)


def file_url(url: str, page_dir: Path) -> str:
    """A relative URL that names a folder gets index.html; anything else is returned unchanged."""
    if not _is_local(url):
        return url
    path, sep, frag = url.partition("#")
    path, qsep, query = path.partition("?")
    target = page_dir / unquote(path)
    if path.endswith("/") or path in (".", "..") or path.endswith(("/.", "/..")) or target.is_dir():
        if (target / "index.html").is_file():
            path = path.rstrip("/") + "/index.html" if path not in (".", "./") else "index.html"
    return path + (qsep + query) + (sep + frag)


def rewrite_page(text: str, page_dir: Path) -> str:
    """Give every relative folder URL of one page its index.html (attributes and meta refresh)."""
    def swap(raw: str) -> str | None:
        url = html.unescape(raw)
        new = file_url(url, page_dir)
        return None if new == url else html.escape(new, quote=True)

    def attr(m: re.Match) -> str:
        for group, quote in (("d", '"'), ("s", "'"), ("u", "")):
            raw = m.group(group)
            if raw is not None:
                new = swap(raw)
                return m.group(0) if new is None else f"{m.group('pre')}{quote}{new}{quote}"
        return m.group(0)

    def refresh(m: re.Match) -> str:
        new = swap(m.group("url"))
        return m.group(0) if new is None else m.group("pre") + new + m.group("post")

    return _REFRESH.sub(refresh, _ATTR.sub(attr, text))


def _search_location(loc: str) -> str:
    path, sep, frag = loc.partition("#")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path + sep + frag


def rewrite_search(site: Path) -> int:
    """search_index.json -> search_index.js (what Material reads from file://), page locations as files;
    for the current guidance and for each kept edition (editions/<version>/search/), each its own search."""
    total = 0
    for src in [site / "search" / "search_index.json", *sorted(site.glob("editions/*/search/search_index.json"))]:
        if not src.exists():
            continue
        index = json.loads(src.read_text(encoding="utf-8"))
        for doc in index["docs"]:
            doc["location"] = _search_location(doc["location"])
        src.with_suffix(".js").write_text(
            "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        src.unlink()  # no use from disk
        total += len(index["docs"])
    return total


_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\s*')


def drop_canonical(text: str) -> str:
    """A build with a public address names each page's canonical address on the web: no use from disk,
    and a link element the pack would have to fetch from the network."""
    return _CANONICAL.sub("", text)


def add_shim(text: str, depth: int) -> str:
    tag = f'<script src="{"../" * depth}{SHIM_TARGET}"></script>'
    return text.replace("</head>", tag + "</head>", 1) if "</head>" in text else text


# ---------------------------------------------------------------- home page notice


def notice_html(facts: dict, built: dt.datetime, pdfs: list[str]) -> str:
    edition = html.escape(facts["version"])
    day = facts["version_date"]
    published = f"{day.day} {day:%B %Y}"
    when = f"{built.day} {built:%B %Y at %H:%M} UTC"
    online = facts.get("base_url")
    where = (f'the edition shown on the online guidance at <a href="{html.escape(online)}">{html.escape(online)}</a>'
             if online else "the edition shown on the online guidance")
    publisher = html.escape(facts["publisher"][:1].lower() + facts["publisher"][1:])
    ask = f" If you cannot go online, ask the publisher: the {publisher}." if publisher else ""
    parts = [
        f'<div class="admonition info" id="{NOTICE_ID}" role="note" aria-label="About this offline copy">',
        '<p class="admonition-title">Offline copy</p>',
        f'<p>This is the offline pack of edition <strong data-edition>{edition}</strong>, published on {published}. '
        f'This copy was built on <time data-built datetime="{built.strftime("%Y-%m-%dT%H:%M:%SZ")}">{when}</time>.</p>',
        "<p>It works from this folder without an internet connection, search included. Links to other websites "
        "need a connection.</p>",
        f"<p>The guidance may have changed since this copy was built. To check for a newer edition, compare "
        f"{edition} with {where}.{ask} "
        '<a href="training/changes/index.html">What changed</a> lists the changes in each edition.</p>',
    ]
    if pdfs:
        links = ", ".join(f'<a href="pdf/{html.escape(p)}">{html.escape(p)}</a>' for p in pdfs)
        parts.append(f"<p>Printable copies (PDF): {links}.</p>")
    parts.append("</div>")
    return "".join(parts)


def add_notice(index: Path, notice: str) -> None:
    text = index.read_text(encoding="utf-8")
    m = re.search(r"</h1>", text)
    if not m:
        raise SystemExit(f"{index}: no <h1> to put the offline notice under")
    index.write_text(text[: m.end()] + notice + text[m.end():], encoding="utf-8")


# ---------------------------------------------------------------- checks


_TAG = re.compile(r"<(?P<tag>[a-zA-Z][\w-]*)(?P<attrs>(?:\s+[^\s=>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>")


def _refs(text: str):
    """(tag, attribute, url) of every href, src and meta refresh in a page."""
    for t in _TAG.finditer(text):
        tag, attrs = t.group("tag").lower(), t.group("attrs")
        for m in _ATTR.finditer(attrs):
            raw = next(g for g in (m.group("d"), m.group("s"), m.group("u")) if g is not None)
            yield tag, m.group("pre").strip(" =\t\n").lower(), html.unescape(raw)
        if tag == "meta":
            for m in _REFRESH.finditer(attrs):
                yield tag, "refresh", html.unescape(m.group("url"))


def file_problems(pack: Path) -> list[str]:
    """Every way a page of the pack would fail from file:// or reach the network when loaded."""
    files = {f.relative_to(pack).as_posix() for f in pack.rglob("*") if f.is_file()}
    problems = []
    for rel in sorted(f for f in files if f.endswith(".html")):
        base = posixpath.dirname(rel)
        for tag, key, url in _refs((pack / rel).read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                if key in ("src", "refresh") or (tag == "link" and key == "href"):
                    problems.append(f"{rel}: <{tag} {key}={url}> loads from the network")
                continue
            if parts.scheme or url.startswith("#"):
                continue
            if url.startswith("/"):
                problems.append(f"{rel}: {url} is root-absolute (from disk it names the disk's root)")
                continue
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
            if target not in files:
                problems.append(f"{rel}: {url} is not a file in the pack")
    return problems


# ---------------------------------------------------------------- zip


def write_zip(pack: Path, out: Path, top: str, stamp: dt.datetime) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    when = stamp.timetuple()[:6]
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for f in sorted(p for p in pack.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{f.relative_to(pack).as_posix()}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, f.read_bytes(), compresslevel=9)
    tmp.replace(out)


def tree_bytes(folder: Path, skip_pdf: bool = True) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not (skip_pdf and f.suffix == ".pdf"))


# ---------------------------------------------------------------- main


def build_pack(out_dir: Path, built: dt.datetime, pdf_dir: Path | None, site_src: Path | None = None,
               downloads: dict[str, tuple[str, Path]] | None = None, base_url: str | None = None) -> dict:  # long: the pack's steps in order, one call each
    """Write the pack. site_src: a site already built by scripts/build.py (make dist), else build one.
    downloads: key -> (site path, file) of files `make dist` made (guidance/downloads.py), put in the pack at
    the same path, with every link to them pointed at them."""
    start = time.perf_counter()
    facts = site_facts(base_url)
    shim_version, shim = shim_source()
    work = Path(tempfile.mkdtemp(prefix="offline-"))
    try:
        site = work / "site"
        if site_src is not None:
            shutil.copytree(site_src, site)
        else:
            build = [sys.executable, str(ROOT / "scripts" / "build.py"), "--site", str(site), "--tree", str(work / "src")]
            proc = subprocess.run(build + (["--public-url", base_url] if base_url else []), cwd=ROOT)
            if proc.returncode != 0:
                raise SystemExit("The site did not build, so no offline pack was written.")
        build_s = time.perf_counter() - start
        online_bytes = tree_bytes(site)
        docs = rewrite_search(site)
        for rel in DROP:
            (site / rel).unlink(missing_ok=True)
        (site / SHIM_TARGET).parent.mkdir(parents=True, exist_ok=True)
        (site / SHIM_TARGET).write_text(shim, encoding="utf-8")
        present = {}
        for key, (rel, src_file) in (downloads or {}).items():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src_file, site / rel)
            present[key] = (rel, (site / rel).stat().st_size)
        pages = 0
        for f in site.rglob("*.html"):
            rel_page = f.relative_to(site)
            depth = len(rel_page.parts) - 1
            text = f.read_text(encoding="utf-8")
            if present:
                text = finish_links(text, rel_page.as_posix(), present)[0]
            f.write_text(add_shim(rewrite_page(drop_canonical(text), f.parent), depth), encoding="utf-8")
            pages += 1
        pdfs: list[str] = []
        if pdf_dir and pdf_dir.is_dir():
            for p in sorted(pdf_dir.rglob("*.pdf")):
                rel = p.relative_to(pdf_dir).as_posix()
                (site / "pdf" / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, site / "pdf" / rel)
                pdfs.append(rel)
        add_notice(site / "index.html", notice_html(facts, built, pdfs))
        # anchors were checked on the online build (build.py); only paths changed since
        problems = file_problems(site)
        if problems:
            raise SystemExit("The offline pack would not work from disk:\n  " + "\n  ".join(problems[:50]))
        top = zip_name(facts["version"])
        target = out_dir / f"{top}.zip"
        write_zip(site, target, top, built)
        return {
            "zip": str(target), "version": facts["version"], "built": built.isoformat(), "pages": pages,
            "search_docs": docs, "iframe_worker": shim_version, "pdfs": pdfs,
            "zip_bytes": target.stat().st_size, "online_bytes": online_bytes,
            "site_build_s": build_s, "total_s": time.perf_counter() - start,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def parse_built(value: str | None) -> dt.datetime:
    """The build time shown in the pack: --built (scripts/ fill it from $OFFLINE_BUILT), else now (UTC)."""
    if not value:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def main(argv: list[str] | None = None, public: str | None = None) -> int:
    """`make offline` (scripts/offline.py gives the public address of its build options, if any)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "dist"), help="folder for the zip (default: dist/)")
    ap.add_argument("--built", help="build time shown in the pack, ISO 8601 (default: now)")
    ap.add_argument("--pdf", default=str(ROOT / "pdf"), help="folder of PDFs to include if present (default: pdf/)")
    ap.add_argument("--no-pdf", action="store_true", help="leave PDFs out even if they have been built")
    ap.add_argument("--stats", help="also write the figures as JSON to this file")
    ap.add_argument("--site", help="pack a site already built by scripts/build.py --site DIR, with the same public "
                                   "address (default: build one)")
    args = ap.parse_args(argv)
    stats = build_pack(Path(args.out).resolve(), parse_built(args.built), None if args.no_pdf else Path(args.pdf),
                       site_src=Path(args.site).resolve() if args.site else None, base_url=public)
    mb = 1024 * 1024
    print(f"Wrote {stats['zip']}: {stats['zip_bytes'] / mb:.1f} MB, {stats['pages']} pages, "
          f"{len(stats['pdfs'])} PDFs; the online site is {stats['online_bytes'] / mb:.1f} MB (HTML and assets). "
          f"Built in {stats['total_s']:.1f} s (site build and checks {stats['site_build_s']:.1f} s).")
    if args.stats:
        Path(args.stats).write_text(json.dumps(stats, indent=2))
    return 0

