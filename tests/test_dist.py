"""`make dist` (guidance/engines/output/dist.py), the public address, the downloads, and the production nginx configuration.

One dist build per test session (`dist_site`, PUBLIC_URL=https://guidance.test), served through a real
nginx started from deploy/nginx/ (`nginx_url`). The copy-link test uses the session build (no public address).
"""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import DIST_PUBLIC as PUBLIC

from guidance.data.editions import current_release

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def manifest(dist_site) -> dict:
    return json.loads((dist_site / "downloads" / "manifest.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the public address
def test_dist_refuses_to_start_without_a_public_address(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PUBLIC_URL"}
    proc = subprocess.run([sys.executable, "scripts/dist.py", "--out", str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "make dist needs the site's public address" in proc.stderr
    assert "PUBLIC_URL=https://" in proc.stderr and not (tmp_path / "site").exists()
    bad = subprocess.run([sys.executable, "scripts/dist.py", "--out", str(tmp_path)], cwd=ROOT, capture_output=True,
                         text=True, env=dict(env, PUBLIC_URL="https://guidance.example.invalid/"))
    assert bad.returncode == 2 and "placeholder" in bad.stderr


def test_no_file_of_the_current_edition_names_another_host(dist_site, data):
    """Pages, feed, sitemap, exports and PDFs (pdftotext): this site is named only at https://guidance.test/,
    and every other host is one an editor wrote (a source's address)."""
    from guidance.data.editions import older_editions
    from guidance.engines.output.dist import editor_hosts, host_problems

    older = [ed.version for ed, _u in older_editions(data)]
    assert host_problems(dist_site, PUBLIC, older, editor_hosts()) == []
    # and the checker finds a wrong host when there is one
    bad = dist_site.parent / "bad"
    (bad / "downloads").mkdir(parents=True)
    (bad / "downloads" / "x.json").write_text('{"u": "https://guidance.example.invalid/id/X/", "v": "http://127.0.0.1:8000/"}')
    (bad / "index.html").write_text('<a href="https://guidance.test.evil/">x</a><a href="https://guidance.test/x/">ok</a>')
    (bad / "y.pdf").write_bytes(b"%PDF-1.4\n<< /A << /S /URI /URI (https://guidance.example.invalid/id/X/) >> >>\n%%EOF\n")
    found = "\n".join(host_problems(bad, PUBLIC, [], editor_hosts()))
    assert "example.invalid" in found and "127.0.0.1" in found and "guidance.test.evil" in found and "/x/" not in found


def test_feed_sitemap_and_citations_use_the_public_address(dist_site, data):
    v = data.site.version
    sitemap = (dist_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locs) > 100 and all(u.startswith(PUBLIC) for u in locs)
    feed = (dist_site / "downloads" / "changes.atom").read_text(encoding="utf-8")
    released = current_release(data)[0]  # the feed links the edition readers have now (not a draft)
    assert f"<id>{PUBLIC}downloads/changes.atom</id>" in feed and f'href="{PUBLIC}editions/{released}/' in feed
    home = (dist_site / "index.html").read_text(encoding="utf-8")
    assert f'data-cite-base="{PUBLIC}"' in home and f'<span class="cite-url">{PUBLIC}editions/{v}/id/PAGE-HOME/</span>' in home
    assert f'<link rel="canonical" href="{PUBLIC}">' in home


# ------------------------------------------------------------------ downloads
def test_every_download_exists_is_listed_and_linked_where_readers_look(dist_site, manifest, data):
    from guidance.downloads import by_key, made_by_dist

    files = {f["key"]: f for f in manifest["files"]}
    assert set(files) == {d.key for d in made_by_dist(data)}
    for f in files.values():
        p = dist_site / f["path"]
        assert p.is_file() and p.stat().st_size == f["bytes"] > 1000, f["path"]
        assert f["url"] == PUBLIC + f["path"]
        head = p.read_bytes()[:4]
        assert head == (b"%PDF" if f["kind"] == "PDF" else b"PK\x03\x04"), f["path"]

    def links(rel: str) -> dict[str, str]:
        text = (dist_site / rel).read_text(encoding="utf-8")
        return dict(re.findall(r'data-download="([^"]+)"[^>]*?\shref="([^"]+)"', text))

    def resolves(rel: str, href: str) -> bool:
        return ((dist_site / rel).parent / href).resolve().is_file()

    keys = by_key(data)
    home = links("index.html")
    for key in ("offline", "guidance-pdf"):
        assert key in home and resolves("index.html", home[key]) and home[key].endswith(keys[key].path.split("/")[-1])
    page = "training/downloads/index.html"
    listed = links(page)
    text = (dist_site / page).read_text(encoding="utf-8")
    assert set(listed) == set(files) and all(resolves(page, h) for h in listed.values())
    assert '">not in this copy<' not in text and data.site.version in text
    for f in files.values():  # its size, as the reader sees it
        assert re.search(rf'data-download-size="{re.escape(f["key"])}">[\d.]+ [KM]B<', text), f["key"]
    for t in data.tools:  # the bench note from its tool page, the footer on every page
        from guidance.paths import tool_slug

        rel = f"tools/{tool_slug(t.id)}/index.html"
        got = links(rel)
        assert resolves(rel, got[f"bench-note-{tool_slug(t.id)}"]) and resolves(rel, got["offline"]), rel
    for p in data.training:
        rel = f"training/paths/{p.id}/index.html"
        assert resolves(rel, links(rel)[f"handout-{p.id}"]), rel


def test_downloads_page_without_dist_says_how_to_get_the_files(site_dir, data):
    """A plain build has no PDFs or zip: its links lead to the Downloads page rows, never to a missing file."""
    from guidance.downloads import made_by_dist

    text = (site_dir / "training" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'id="how-to-get-these-files"' in text and "make dist" in text
    for d in made_by_dist(data):
        assert f'id="{d.anchor}"' in text and not (site_dir / d.path).exists()
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'data-download="offline" href="training/downloads/#dl-offline"' in home


def test_handout_pdf_prints_the_full_address_of_each_item(dist_site, data):
    from guidance.downloads import handout_pdf
    from guidance.engines.output.dist import pdf_text

    for p in data.training:
        text = re.sub(r"\s+", "", pdf_text(dist_site / handout_pdf(p.id)))  # an address may wrap in its cell
        for item in p.items:
            assert f"{PUBLIC}id/{item.id}/" in text, (p.id, item.id)


def test_offline_pack_in_dist_holds_the_pdfs_and_kept_editions_search(dist_site, manifest, data):
    import zipfile

    from guidance.data.editions import older_editions

    z = zipfile.ZipFile(dist_site / next(f["path"] for f in manifest["files"] if f["key"] == "offline"))
    names = set(z.namelist())
    top = next(iter(names)).split("/")[0]
    for f in manifest["files"]:
        if f["kind"] == "PDF":
            assert f"{top}/{f['path']}" in names
    for ed, _u in older_editions(data):
        assert f"{top}/editions/{ed.version}/search/search_index.js" in names
    home = z.read(f"{top}/index.html").decode()
    assert PUBLIC in home and 'rel="canonical"' not in home


# ------------------------------------------------------------------ copy link without a public address
@pytest.mark.browser
def test_copy_link_copies_an_address_on_the_pages_own_origin(server, data, chromium):

    b = chromium  # the session's browser (conftest.py)
    ctx = b.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page = ctx.new_page()
    page.goto(server + "mappa/stages/identification/")
    button = page.locator('.permalink button.copy-cite[data-cite-path^="id/MAPPA-ID-"]').first
    path = button.get_attribute("data-cite-path")
    button.click()
    page.wait_for_function("b => b.textContent === 'Copied'", arg=button.element_handle())
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == server + path, copied
    page.goto(copied)  # the permanent link sends the reader on to the step
    page.wait_for_url(lambda u: "/id/" not in u, timeout=10_000)
    item = path.split("/")[1]
    assert page.url.split("#")[0].startswith(server) and page.url.endswith("#" + item.lower()), page.url
    assert page.locator(f"#{item.lower()}").count() == 1
    # the citation box names the reader's own host too, never a placeholder
    cite = page.locator(".cite-text .cite-url").first.text_content()
    assert cite.startswith(server + "editions/") and ".invalid" not in page.content()


# ------------------------------------------------------------------ the production server (deploy/nginx/)
@pytest.fixture(scope="session")
def nginx_url(dist_site, tmp_path_factory):
    """A real nginx on 127.0.0.1 with deploy/nginx/ (as `make preview` runs it), serving the dist folder."""
    import socket
    import time

    from guidance.engines.output.nginx_preview import command, ensure_nginx, find_nginx, write_config

    exe = find_nginx()
    if not exe:
        try:
            exe = ensure_nginx()
        except (SystemExit, subprocess.CalledProcessError) as exc:
            pytest.skip(f"nginx is not installed and could not be installed: {exc}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    prefix = tmp_path_factory.mktemp("nginx")
    conf = write_config(prefix, dist_site, port)
    check = subprocess.run(command(exe, prefix, conf) + ["-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(command(exe, prefix, conf), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode())
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, gzip_ok: bool = False):
    """(status, headers, body) without following redirects; the body unzipped when it came compressed."""
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        r = opener.open(req, timeout=10)
    except urllib.error.HTTPError as e:
        r = e
    body = r.read()
    if r.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return r.status if hasattr(r, "status") else r.code, r.headers, body


def test_server_sends_the_security_headers_and_caching(nginx_url, dist_site):
    status, h, _ = fetch(nginx_url)
    assert status == 200
    csp = h["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert h["X-Content-Type-Options"] == "nosniff" and h["Referrer-Policy"] and h["X-Frame-Options"] == "DENY"
    assert h["Cache-Control"] == "no-cache" and (h["ETag"] or h["Last-Modified"])
    bundle = next((dist_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    status, h, _ = fetch(nginx_url + f"assets/javascripts/{bundle}")
    assert status == 200 and "max-age=31536000" in h["Cache-Control"] and "immutable" in h["Cache-Control"]
    assert h["X-Content-Type-Options"] == "nosniff" and "javascript" in h["Content-Type"]
    status, h, _ = fetch(nginx_url + "assets/site.css")  # not fingerprinted: asked again each time
    assert status == 200 and h["Cache-Control"] == "no-cache"


def test_server_compresses_text(nginx_url):
    for path, kind in [("", "text/html"), ("assets/site.css", "text/css"), ("assets/site.js", "javascript"),
                       ("search/search_index.json", "application/json"), ("sitemap.xml", "xml"),
                       ("downloads/changes.atom", "atom"), ("downloads/tools.csv", "text/csv")]:
        status, h, body = fetch(nginx_url + path, gzip_ok=True)
        assert status == 200 and kind in h["Content-Type"], (path, h["Content-Type"])
        assert h.get("Content-Encoding") == "gzip" and "Accept-Encoding" in (h.get("Vary") or ""), path
        assert len(body) > 500


def test_unknown_path_gets_the_sites_404_page(nginx_url):
    status, h, body = fetch(nginx_url + "no/such/page/")
    assert status == 404 and "text/html" in h["Content-Type"]
    assert b"md-content" in body and b"404" in body and h["Content-Security-Policy"]


def test_downloads_folder_sends_the_reader_to_the_downloads_page(nginx_url):
    status, h, _ = fetch(nginx_url + "downloads/")
    assert status == 302 and h["Location"] == "/training/downloads/"
    final = urllib.request.urlopen(nginx_url + "downloads/")
    assert final.status == 200 and b"PAGE-DOWNLOADS" in final.read()


def test_permanent_id_address_reaches_its_item(nginx_url, data):
    from guidance.paths import ids

    item = next(i for i, loc in ids(data).items() if loc.kind == "MAPPA step")
    status, _h, body = fetch(nginx_url + f"id/{item}/")
    target = re.search(rb'url=([^"]+)"', body).group(1).decode()
    assert status == 200 and target.endswith("#" + item.lower())
    status, h, _ = fetch(nginx_url + f"id/{item}")  # without the final slash: sent on to it, on the same host
    assert status == 301 and h["Location"] == f"/id/{item}/"
    final = urllib.request.urlopen(urllib.parse.urljoin(nginx_url + f"id/{item}/", target.split("#")[0]))
    assert final.status == 200 and f'id="{item.lower()}"'.encode() in final.read()


def test_every_inline_script_is_allowed_by_the_policy(dist_site):
    from guidance.engines.output.nginx_preview import csp_problems

    assert csp_problems(dist_site) == []


@pytest.mark.browser
def test_pages_and_search_run_under_the_policy(nginx_url, data, chromium):
    """Home, a tool page, a stage page and a search in chromium through nginx: no console error at all
    (a blocked inline script or style, or a file the page asks for and the server does not have)."""

    from guidance.paths import tool_slug

    messages: list[str] = []
    b = chromium  # the session's browser (conftest.py)
    page = b.new_page()
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    for path in ("", f"tools/{tool_slug(data.tools[0].id)}/", "mappa/stages/identification/"):
        page.goto(nginx_url + path)
        page.wait_for_load_state("networkidle")
    found = {}
    for query in ("offline", "pdf", "download", "print"):  # readers looking for something to take away
        page.goto(nginx_url)
        box = page.locator("input.md-search__input")
        box.click()
        page.keyboard.type(query, delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        page.wait_for_timeout(500)
        found[query] = page.eval_on_selector_all(".md-search-result__item > a", "e => e.map(a => a.href)")[:3]
    assert not messages, messages
    for query, hrefs in found.items():
        assert any("training/downloads/" in h for h in hrefs), (query, hrefs)
