"""Review dates: the build lists overdue items, the editors' page shows them, pages carry a banner."""
from __future__ import annotations

import os
import subprocess
import sys


def test_overdue_pages_get_a_banner_and_are_listed(project, tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, SITE_TODAY="2031-01-01")  # every review date in the data is earlier than this
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--site", str(site)],
                          capture_output=True, text=True, cwd=project, env=env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    log = proc.stdout + proc.stderr
    assert "Review overdue for" in log and "OVERDUE" in log
    page = (site / "mappa" / "index.html").read_text()
    assert "This page may be out of date" in page
    editors = (site / "editors" / "index.html").read_text()
    assert "Overdue: <strong>" in editors and "PAGE-MAPPA-OVERVIEW" in editors


def test_current_pages_have_no_banner(site_dir):
    assert "This page may be out of date" not in (site_dir / "mappa" / "index.html").read_text()
