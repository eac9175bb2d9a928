"""Links and anchors: linkchecker over the site served on 127.0.0.1 (run once, conftest.linkchecker_run; `slow`,
so only `make test` runs it) and the in-build checker (guidance/engines/output/linkcheck.py) over the same build."""
from __future__ import annotations

import re
import threading

import pytest
from linkchecker_plugins.shared_page import SHARED
from outside_linkcheck import current_pages, run_linkchecker

from guidance.site.serve import make_server


@pytest.mark.slow
def test_linkchecker_finds_no_broken_links_or_anchors(linkchecker_run):
    assert linkchecker_run.rows, linkchecker_run.stderr[-4000:]
    assert not linkchecker_run.faults(), "\n".join(linkchecker_run.faults()[:40])
    assert linkchecker_run.returncode == 0, linkchecker_run.stderr[-4000:]


@pytest.mark.slow
def test_linkchecker_reached_every_page_and_checked_every_anchor_link(linkchecker_run, server, site_dir):
    """Every page of the current edition answered linkchecker over HTTP, and every URL#fragment was a check of its
    own (the print page alone is linked at hundreds of its own anchors)."""
    pages = current_pages(site_dir, server)
    assert len(pages) > 1000 and server + "print_page/" in pages and server + "training/editions/" in pages
    missed = sorted(set(pages) - linkchecker_run.pages_reached())
    assert not missed, missed[:20]
    print_anchors = {r["url"] for r in linkchecker_run.rows if r["url"].startswith(server + "print_page/#")}
    assert len(print_anchors) > 500


def test_linkchecker_catches_a_missing_anchor_and_a_missing_page(tmp_path):
    """The outside check over a small site: one page linked at three of its fragments (one missing), a link to a
    page that is not there, and one to another host. The fragments share one parse (SharedPage) and the missing
    one is still reported; the other host is left alone (only its syntax checked), fragment or not."""
    (tmp_path / "b").mkdir()
    (tmp_path / "index.html").write_text('<a href="b/#here">1</a><a href="b/#gone">2</a><a href="b/#also">3</a>'
                                         '<a href="c/">missing</a><a href="b/">b</a><a href="https://example.invalid/#x">e</a>')
    (tmp_path / "b" / "index.html").write_text('<h2 id="here">x</h2><p><a name="also">y</a></p>')
    srv = make_server(str(tmp_path), 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        run = run_linkchecker([f"http://127.0.0.1:{srv.server_address[1]}/"], timeout=120)
    finally:
        srv.shutdown()
    faults = run.faults()
    assert run.returncode == 1, run.stderr
    assert len(faults) == 2, faults
    assert any("/b/#gone" in f and "Anchor `gone' (decoded: `gone') not found" in f for f in faults), faults
    assert any("/c/" in f and "404" in f for f in faults), faults
    assert any(SHARED in r["infostring"] for r in run.rows), "the fragments of b/ did not share a parse"
    assert [r["result"] for r in run.rows if "example.invalid" in r["url"]] == ["filtered"], run.rows


def test_every_internal_link_and_anchor_resolves_including_the_print_page(site_dir):
    from guidance.engines.output.linkcheck import check

    n_pages, n_links, broken = check(site_dir)
    assert n_pages > 100 and n_links > 1000
    assert not broken, broken[:20]


def test_link_check_catches_a_missing_anchor_and_a_missing_page(tmp_path):
    from guidance.engines.output.linkcheck import check

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a><a href="#gone">bad</a>'
                                               '<a href="../b/">missing</a><a href="https://example.org/">external</a>')
    _n, _links, broken = check(tmp_path)
    assert any("#gone" in b for b in broken) and any("../b/" in b for b in broken) and len(broken) == 2


def test_no_page_links_to_a_host_less_address(site_dir):
    """A link that starts '//' names another host ('//training/downloads/' is the host 'training'), so neither
    link checker reads it as one of this site's pages: a theme template that glued the page's base address to a
    path gave such links on the print page and the 404 page. Every page of this build, the 404 page included."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        if page.relative_to(site_dir).parts[0] == "editions":
            continue  # kept editions are frozen as published
        found += [f"{page.relative_to(site_dir)}: {m}" for m in re.findall(r'(?:href|src)="(//[^"]*)"', page.read_text(encoding="utf-8"))]
    assert not found, found[:20]
