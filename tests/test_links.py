"""Links and anchors: linkchecker over the site served on 127.0.0.1 (run once, conftest.linkchecker_run; `slow`,
so only `make test` runs it) and the in-build checker (guidance/engines/output/linkcheck.py) over the same build."""
from __future__ import annotations

import pytest


@pytest.mark.slow
def test_linkchecker_finds_no_broken_links_or_anchors(linkchecker_run):
    out = linkchecker_run.stdout + linkchecker_run.stderr
    assert linkchecker_run.returncode == 0, out[-4000:]
    assert "0 errors found" in out or "no errors" in out.lower(), out[-2000:]


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
