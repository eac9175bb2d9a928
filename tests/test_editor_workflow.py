"""The editor's workflow around the checks (issue #26): changes recorded, a draft edition, the register.

Each test breaks or changes a throw-away copy of the project (the `project` fixture) the way an editor
would, and reads what `make check`, `make build`, `make register` and the pages say. No full build here.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from guidance.data.editions import current_release, is_draft, next_version
from guidance.data.loader import load_site


def run(project: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=project, capture_output=True, text=True)


def draft(project: Path) -> str:
    """Make sure the copy is preparing an edition (it may already be); returns the draft's version."""
    data = load_site(project)
    if not is_draft(data):
        proc = run(project, "next_edition.py", str(project), "--date", data.site.version_date.isoformat())
        assert proc.returncode == 0, proc.stderr
        data = load_site(project)
    assert is_draft(data)
    return data.site.version


def released(project: Path) -> str:
    """Make the copy's version a released edition (an entry in data/editions.yaml and its archive file),
    without building: for tests of what a published edition shows."""
    data = load_site(project)
    if is_draft(data):
        v, d = data.site.version, data.site.version_date
        with zipfile.ZipFile(project / "editions" / f"{v}.zip", "w") as z:
            z.writestr("index.html", "<html></html>")
        eds = project / "data" / "editions.yaml"
        eds.write_text(eds.read_text(encoding="utf-8") + f"- version: {v}\n  date: {d.isoformat()}\n"
                       f"  summary: Test edition.\n  archive: editions/{v}.zip\n", encoding="utf-8")
    data = load_site(project)
    assert not is_draft(data)
    return data.site.version


def weaken_ras05(project: Path) -> Path:
    path = project / "data" / "standards.yaml"
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - id: RAS-05"):]
    block = block[: block.index("\n  - id: ", 5)]
    assert "You must use" in block and "normative: must" in block
    new = block.replace("You must use", "You should use", 1).replace("normative: must", "normative: should", 1)
    path.write_text(text.replace(block, new), encoding="utf-8")
    return path


def add_history(path: Path, item: str, entry: str) -> None:
    """Add one flow-style history entry to a record, after the last entry of its history list."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"id: {item}")
    hist = text.index("history:", start)
    lines = text[hist:].split("\n")
    indent = None
    n = 1
    while n < len(lines) and lines[n].strip().startswith("- {"):
        indent = lines[n][: len(lines[n]) - len(lines[n].lstrip())]
        n += 1
    assert indent is not None, f"{item}: history not in the expected form"
    lines.insert(n, f"{indent}- {entry}")
    path.write_text(text[:hist] + "\n".join(lines), encoding="utf-8")


# ------------------------------------------------------------------ a weakened duty never publishes unrecorded
def test_weakened_duty_without_history_is_refused_by_check_and_build(project):
    version = draft(project)
    weaken_ras05(project)
    check = run(project, "check_data.py", str(project))
    assert check.returncode == 1
    msg = next(line for line in check.stderr.splitlines() if "record RAS-05 | field 'history'" in line)  # not the reader-text diff
    assert re.search(r"data/standards\.yaml:\d+ \| record RAS-05 \| field 'history'", msg), msg
    # with no entry for the draft, or with one that says the meaning is the same, the duty word decides
    assert f"no entry for edition {version}" in msg or f"entry for {version} records a change of wording only" in msg
    assert "kind: meaning" in msg and "from 'must' to 'should'" in msg, msg
    build = run(project, "build.py", "--site", str(project / "site"))
    assert build.returncode == 1 and "RAS-05" in build.stderr and "Build stopped before it started" in build.stderr
    assert not (project / "site").exists()


def test_weakened_duty_after_a_release_names_make_next_edition(project):
    released(project)
    weaken_ras05(project)
    check = run(project, "check_data.py", str(project))
    assert check.returncode == 1 and "make next-edition" in check.stderr, check.stderr


def test_change_of_meaning_is_recorded_and_labelled(project):
    from guidance.render.site import what_changed

    version = draft(project)
    path = weaken_ras05(project)
    add_history(path, "RAS-05", f"{{version: {version}, date: 2026-12-04, normative: true, change: Now a "
                "recommendation and no longer a requirement.}")
    assert run(project, "accept.py", str(project)).returncode == 0  # the changed sentences, read and kept
    assert run(project, "check_data.py", str(project)).returncode == 0
    assert run(project, "update_register.py", str(project)).returncode == 0
    reg = (project / "data" / "id-register.yaml").read_text(encoding="utf-8")
    entry = reg[reg.index("- id: RAS-05"):reg.index("- id: RAS-06")]
    assert "change: meaning" in entry and "You must use" in entry and f"until: {version}" in entry
    page = what_changed(load_site(project), "training/changes.md")
    line = next(x for x in page.splitlines() if "RAS-05" in x)
    assert "(meaning changed)" in line and "wording only" not in line


def test_wording_fix_is_recorded_and_shown_as_wording(project):
    from guidance.render.site import what_changed
    from guidance.render.wording import earlier_wording

    version = draft(project)
    path = project / "data" / "mappa" / "steps" / "5-exit.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Show in the plan and minutes" in text
    path.write_text(text.replace("Show in the plan and minutes", "Record in the plan and the minutes", 1), encoding="utf-8")
    check = run(project, "check_data.py", str(project))
    assert check.returncode == 1 and "MAPPA-EX-01" in check.stderr and "kind: wording" in check.stderr
    add_history(path, "MAPPA-EX-01", f"{{version: {version}, date: 2026-12-04, kind: wording, change: Reworded and the "
                "meaning is the same.}")
    assert run(project, "accept.py", str(project)).returncode == 0  # the changed sentences, read and kept
    assert run(project, "check_data.py", str(project)).returncode == 0
    data = load_site(project)
    line = next(x for x in what_changed(data, "training/changes.md").splitlines() if "MAPPA-EX-01" in x)
    assert "wording only: the meaning is the same" in line and "meaning changed" not in line
    # `make register` (as `make release` does) keeps the earlier words, marked as a wording change
    proc = run(project, "update_register.py", str(project))
    assert proc.returncode == 0, proc.stderr
    block = earlier_wording(load_site(project), "MAPPA-EX-01")
    assert f"Changed in edition {version}: wording only, the meaning is the same." in block
    assert "Show" in block  # the earlier word, struck through


def test_feed_labels_each_kind_of_change(project):
    from guidance.site.feed import change_feed

    version = draft(project)
    path = weaken_ras05(project)
    add_history(path, "RAS-05", f"{{version: {version}, date: 2026-12-04, kind: meaning, change: Weaker.}}")
    steps = project / "data" / "mappa" / "steps" / "5-exit.yaml"
    steps.write_text(steps.read_text(encoding="utf-8").replace("Show in the plan and minutes", "Record in the plan "
                     "and the minutes", 1), encoding="utf-8")
    add_history(steps, "MAPPA-EX-01", f"{{version: {version}, date: 2026-12-04, normative: false, change: Reworded.}}")
    assert "RAS-05" not in change_feed(load_site(project)).split("<entry>", 2)[1]  # a draft is not in the feed
    assert run(project, "update_register.py", str(project)).returncode == 0
    released(project)
    feed = change_feed(load_site(project))
    assert "Weaker. The meaning changed." in feed
    assert "Reworded. Wording only: the meaning is the same." in feed


def test_register_is_read_with_the_strict_loader(project):
    reg = project / "data" / "id-register.yaml"
    text = reg.read_text(encoding="utf-8")
    reg.write_text(text.replace("  kind: MAPPA step\n", "  kind: MAPPA step\n  kind: standard\n", 1), encoding="utf-8")
    check = run(project, "check_data.py", str(project))
    assert check.returncode == 1 and "data/id-register.yaml:" in check.stderr and "duplicate key 'kind'" in check.stderr


# ------------------------------------------------------------------ a draft edition
def test_draft_keeps_the_released_edition_current(project):
    from guidance.render.common import about_panel, page_head
    from guidance.render.editions import editions_list
    from guidance.site.feed import change_feed

    version = draft(project)
    data = load_site(project)
    now, day = current_release(data)
    assert now != version
    head = page_head(data, "mappa/index.md", {})
    assert f"Draft of edition {version}, not yet published" in head and f"edition {now}" in head
    table = editions_list(data, "training/editions.md")
    assert f"{version} (draft, not yet published)" in table and f"[{now}](../index.md) (current)" in table
    assert f"{version}](" not in table  # the draft is not linked as an edition
    assert table.count("(current)") == 1
    assert "a draft, not yet published" in about_panel(data, "mappa/index.md", {"id": "PAGE-X"}, "X")
    feed = change_feed(data)
    assert f"editions/{version}/" not in feed and f"<updated>{day.isoformat()}T00:00:00Z</updated>" in feed
    # no older edition is said to have been current from and until the same day
    for row in [r for r in table.splitlines()[2:] if r.startswith("| ")]:
        cells = [c.strip() for c in row.split("|")]
        assert cells[2] != cells[3], row


def test_next_edition_raises_the_version_once(project):
    assert next_version("2026.12.0", dt.date(2026, 12, 4)) == "2026.12.1"
    assert next_version("2026.12.1", dt.date(2027, 1, 3)) == "2027.1.0"
    released(project)
    data = load_site(project)
    proc = run(project, "next_edition.py", str(project), "--date", (data.site.version_date + dt.timedelta(days=3)).isoformat())
    assert proc.returncode == 0, proc.stderr
    new = load_site(project)
    assert is_draft(new) and new.site.version != data.site.version and "make release" in proc.stdout
    assert "# Site-wide facts" in (project / "data" / "site.yaml").read_text(encoding="utf-8")  # comments kept
    again = run(project, "next_edition.py", str(project))
    assert again.returncode == 0 and "already being prepared" in again.stdout
    assert load_site(project).site.version == new.site.version  # raised once only


def test_too_new_history_version_names_the_command_that_starts_an_edition(project):
    path = project / "data" / "tools" / "rm2000.yaml"
    add_history(path, "TOOL-RM2000", "{version: 2099.1.0, date: 2026-12-04, change: Later.}")
    check = run(project, "check_data.py", str(project))
    assert check.returncode == 1 and "make next-edition" in check.stderr, check.stderr


def test_the_real_build_says_draft_exactly_when_it_is_one(site_dir, data):
    """The real build: released, no page says "Draft" and the version is current; while data/site.yaml names an
    edition not yet released (between `make next-edition` and `make release`), every page says so and the
    released edition stays current."""
    from conftest import html_pages

    if not is_draft(data):
        drafts = [p for p in html_pages(site_dir) if "not yet published" in p.read_text(encoding="utf-8")]
        assert not drafts, f"{len(drafts)} pages of a released edition say it is a draft, e.g. {drafts[:3]}"
        editions_page = (site_dir / "training" / "editions" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf">{re.escape(data.site.version)}</a>\s*\(current\)", editions_page)
        return
    now, _day = current_release(data)
    pages = html_pages(site_dir)
    missing = [p for p in pages if f"Draft of edition {data.site.version}, not yet published" not in
               p.read_text(encoding="utf-8")]
    assert not missing, f"{len(missing)} pages lack the draft notice, e.g. {missing[:3]}"
    editions_page = (site_dir / "training" / "editions" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf">{re.escape(now)}</a>\s*\(current\)", editions_page), "the released edition is not current"
    assert f"{data.site.version} (draft, not yet published)" in editions_page
    assert "(current)" not in editions_page.split(now)[0]  # nothing above it is called current
    feed = (site_dir / "downloads" / "changes.atom").read_text(encoding="utf-8")
    assert f"editions/{data.site.version}/" not in feed


def test_the_build_make_release_freezes_is_not_a_draft(project):
    from guidance.options import BuildOptions
    from guidance.render.common import page_head
    from guidance.render.editions import editions_list

    version = draft(project)
    data = load_site(project, BuildOptions(release=True))  # as scripts/release.py asks for its build (--release)
    assert not is_draft(data) and current_release(data)[0] == version
    assert "Draft of edition" not in page_head(data, "mappa/index.md", {})
    table = editions_list(data, "training/editions.md")
    assert f"[{version}](../index.md) (current)" in table and table.count("(current)") == 1


def test_a_new_item_names_the_edition_being_prepared(project):
    version = draft(project)
    proc = run(project, "new_record.py", "step", "exit", "--root", str(project))
    assert proc.returncode == 0, proc.stderr
    new_id = proc.stdout.split()[0]
    path = project / "data" / "mappa" / "steps" / "5-exit.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex(f"version: {version}")] + "version: 2026.11.0" +
                    text[text.rindex(f"version: {version}") + len(f"version: {version}"):], encoding="utf-8")
    check = run(project, "check_data.py", str(project))
    msg = next(line for line in check.stderr.splitlines() if new_id in line and "is new" in line)
    assert f"first published in edition {version}, but its first history entry names 2026.11.0" in msg
    assert re.search(r"data/mappa/steps/5-exit\.yaml:\d+ ", msg)
