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
    proc = subprocess.run(
        [str(exe), "--no-status", "--no-robots", "-f", str(cfg), server],
        capture_output=True, text=True, timeout=600,
    )
    shutil.rmtree(workdir, ignore_errors=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "0 errors found" in out or "no errors" in out.lower(), out[-2000:]
