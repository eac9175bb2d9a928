"""Review dates: the build lists overdue items, the editors' page shows them, pages carry a banner.

"Today" is pinned (conftest.SITE_TODAY, the release date), so these tests give the same answer
whatever the machine's clock says; the overdue case sets a date after every review date in the data.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from macros.render.common import page_head, today
from macros.render.site import overdue


def latest_review_due(data) -> dt.date:
    dues = [p.meta.review.review_due for p in data.pages.values()]
    dues += [r.review.review_due for r in [*data.steps, *data.standards, *data.tools]]
    return max(dues)


def test_today_is_pinned_for_the_tests(data):
    assert today() == data.site.version_date


def test_overdue_pages_get_a_banner_and_are_listed(project, tmp_path, data):
    site = tmp_path / "site"
    after_all = (latest_review_due(data) + dt.timedelta(days=1)).isoformat()
    env = dict(os.environ, SITE_TODAY=after_all)  # every review date in the data is earlier than this
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--site", str(site)],
                          capture_output=True, text=True, cwd=project, env=env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    log = proc.stdout + proc.stderr
    assert "Review overdue for" in log and "OVERDUE" in log
    page = (site / "mappa" / "index.html").read_text()
    assert "This page may be out of date" in page
    editors = (site / "editors" / "index.html").read_text()
    assert "Overdue: <strong>" in editors and "PAGE-MAPPA-OVERVIEW" in editors


def test_banner_appears_only_after_the_due_date(data, monkeypatch):
    page = data.pages["mappa/index.md"]
    meta = page.meta.model_dump(mode="json")
    due = page.meta.review.review_due
    monkeypatch.setenv("SITE_TODAY", due.isoformat())
    assert "out of date" not in page_head(data, page.src, meta)
    monkeypatch.setenv("SITE_TODAY", (due + dt.timedelta(days=1)).isoformat())
    assert "out of date" in page_head(data, page.src, meta)
    assert any(row[1] == page.meta.id for row in overdue(data))


def test_current_pages_have_no_banner(site_dir):
    assert "This page may be out of date" not in (site_dir / "mappa" / "index.html").read_text()
