"""linkchecker over the built site served on 127.0.0.1, with anchor checking on."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def test_linkchecker_finds_no_broken_links_or_anchors(server, site_dir):
    exe = Path(sys.executable).parent / "linkchecker"
    assert exe.exists(), "linkchecker is installed by make setup"
    workdir = Path(tempfile.mkdtemp())
    os.chmod(workdir, 0o777)
    cfg = workdir / "linkcheckerrc"
    # AnchorCheck has no command-line flag; the server sends 'LinkChecker: allow' so no throttling
    cfg.write_text("[checking]\nmaxrequestspersecond=1000\nthreads=8\n[AnchorCheck]\n")
    os.chmod(cfg, 0o644)
    # older editions are frozen copies, link-checked when published and by the fast checker on every build
    proc = subprocess.run(
        [str(exe), "--no-status", "--no-robots", "--ignore-url=/editions/", "-f", str(cfg), server],
        capture_output=True, text=True, timeout=600,
    )
    shutil.rmtree(workdir, ignore_errors=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "0 errors found" in out or "no errors" in out.lower(), out[-2000:]


def test_every_internal_link_and_anchor_resolves_including_the_print_page(site_dir):
    from macros.site.linkcheck import check

    n_pages, n_links, broken = check(site_dir)
    assert n_pages > 100 and n_links > 1000
    assert not broken, broken[:20]


def test_link_check_catches_a_missing_anchor_and_a_missing_page(tmp_path):
    from macros.site.linkcheck import check

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a><a href="#gone">bad</a>'
                                               '<a href="../b/">missing</a><a href="https://example.org/">external</a>')
    _n, _links, broken = check(tmp_path)
    assert any("#gone" in b for b in broken) and any("../b/" in b for b in broken) and len(broken) == 2
