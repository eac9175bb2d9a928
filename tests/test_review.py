"""Review dates: the build lists overdue items, the editors' page shows them, pages carry a banner.

"Today" is pinned (conftest.SITE_TODAY, the release date), so these tests give the same answer
whatever the machine's clock says; the overdue case builds with a date after every review date in the data
(BuildOptions.today, as `SITE_TODAY=... make build` would).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from guidance.render.common import page_head, today
from guidance.render.site import overdue, review_status


def on(data, day: dt.date):
    """The same data set, built on another day."""
    return replace(data, options=replace(data.options, today=day))


def latest_review_due(data) -> dt.date:
    dues = [p.meta.review.review_due for p in data.pages.values()]
    dues += [r.review.review_due for r in [*data.steps, *data.standards, *data.tools]]
    return max(dues)


def test_today_is_pinned_for_the_tests(data):
    assert today(data) == data.site.version_date


def test_overdue_pages_get_a_banner_and_are_listed(data):
    """A day after every review date: every page and record is overdue, listed on the editors' page, and a
    page carries the banner (the build logs the same list: guidance/engines/output/postbuild.py)."""
    after_all = latest_review_due(data) + dt.timedelta(days=1)
    data = on(data, after_all)  # every review date in the data is earlier than this
    late = overdue(data)
    assert {r[1] for r in late} >= {p.meta.id for p in data.pages.values()} | {s.id for s in data.steps}
    listing = review_status(data, "editors.md")
    assert f"Overdue: **{len(late)}** of " in listing
    assert "PAGE-MAPPA-OVERVIEW" in listing
    page = data.pages["mappa/index.md"]
    assert "This page may be out of date" in page_head(data, page.src, page.meta.model_dump(mode="json"))


def test_banner_appears_only_after_the_due_date(data):
    page = data.pages["mappa/index.md"]
    meta = page.meta.model_dump(mode="json")
    due = page.meta.review.review_due
    assert "out of date" not in page_head(on(data, due), page.src, meta)
    late = on(data, due + dt.timedelta(days=1))
    assert "out of date" in page_head(late, page.src, meta)
    assert any(row[1] == page.meta.id for row in overdue(late))


def test_current_pages_have_no_banner(site_dir):
    assert "This page may be out of date" not in (site_dir / "mappa" / "index.html").read_text()
