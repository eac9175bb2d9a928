"""The reader text (issue 31): every page as the words readers see, kept in reader-text/, compared by `make check`
and written by `make accept`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from guidance.check import check_project
from guidance.site.reader_html import html_lines, sentences
from guidance.site.reader_text import READER_TEXT, committed, reader_pages, write_reader_text
from guidance.sitemap import all_pages

ROOT = Path(__file__).resolve().parents[1]


def test_html_is_read_one_sentence_or_item_a_line_with_headings_cells_and_basis_lines():
    html = ('<h2 id="x">What it assesses<a class="headerlink" href="#x">&para;</a></h2>'
            '<p>It ranks people, e.g. Mr Smith. It was built in 2003 by D. Thornton et al. (2003). It does not predict.</p>'
            '<ul><li>Not validated for: women. <small class="basis">Basis: research finding</small></li>'
            '<li><p>First item.</p><p>Its second paragraph.</p><ol><li>Nested one.</li></ol></li></ul>'
            '<table><tr><th>Band</th></tr><tr><td data-label="Band">High. Very high.</td></tr></table>'
            '<button>Copy link</button><script>var x = 1;</script>')
    assert html_lines(html) == [
        "## What it assesses",
        "It ranks people, e.g. Mr Smith.",
        "It was built in 2003 by D. Thornton et al. (2003).",
        "It does not predict.",
        "- Not validated for: women.",
        "  Basis: research finding",
        "- First item.",
        "  Its second paragraph.",
        "  1. Nested one.",
        "| Band",
        "| Band: High.",
        "  Very high.",
    ]


def test_sentences_are_not_split_after_a_paragraph_reference_or_inside_a_number():
    assert sentences("See para. 4.4 of the guidance. Then act.") == ["See para. 4.4 of the guidance.", "Then act."]
    assert sentences('It says "stop." Then it ends.') == ['It says "stop."', "Then it ends."]


def test_every_page_readers_see_has_its_reader_text_committed(data):
    pages = reader_pages(data, ROOT)
    assert {p.id for p in all_pages(data)} == set(pages)
    assert len(pages) > 100
    kept = committed(ROOT)
    assert kept is not None
    assert sorted(kept) == sorted(pages), "run make accept"
    stage = kept["PAGE-STAGE-2"].splitlines()
    assert stage[0].startswith("# Stage 2") and any(row.startswith("- ") for row in stage)


def _reader_problems(project: Path) -> list[str]:
    _data, problems = check_project(project, reader_text=True)
    return [str(p) for p in problems if p.file.startswith(READER_TEXT)]


def test_one_changed_word_of_a_tool_shows_as_a_diff_on_every_page_that_shows_it_and_accept_clears_it(project):
    path = project / "data/tools/hcr-20-v3.yaml"
    text = path.read_text(encoding="utf-8")
    old = "meaning: A professional judgement of high violence risk."
    assert old in text
    history = "history:\n  - {version: 2026.11.0, date: 2026-11-25, change: First published.}\n"
    assert history in text
    text = text.replace(history, history + '  - {version: 2026.12.2, date: 2026-12-06, kind: wording, change: "Very high."}\n')
    path.write_text(text.replace(old, "meaning: A professional judgement of very high violence risk."), encoding="utf-8")
    found = _reader_problems(project)
    pages = {p.split(" | ")[0] for p in found}
    assert {f"{READER_TEXT}/PAGE-TOOL-HCR-20-V3.txt", f"{READER_TEXT}/PAGE-BENCH-TOOL-HCR-20-V3.txt",
            f"{READER_TEXT}/PAGE-BAND-TABLE.txt"} <= pages, found
    tool = next(p for p in found if "PAGE-TOOL-HCR-20-V3" in p)
    changed = [row.strip() for row in tool.splitlines() if row.strip()[:1] in "+-" and row.strip()[:3] not in ("---", "+++")]
    assert "-| What it means: A professional judgement of high violence risk." in changed, tool
    assert "+| What it means: A professional judgement of very high violence risk." in changed, tool
    # exactly the changed sentences: the band's, and the history entry that records the change
    assert all("violence risk" in row or "2026.1" in row for row in changed), changed
    assert "make accept" in tool
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/accept.py"), str(project)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "PAGE-TOOL-HCR-20-V3.txt" in proc.stdout
    assert _reader_problems(project) == []


def test_a_page_gone_or_added_is_named_and_accept_removes_the_old_text(project, data):
    (project / READER_TEXT / "PAGE-NO-SUCH.txt").write_text("# Old page\n", encoding="utf-8")
    (project / READER_TEXT / "PAGE-HOME.txt").unlink()
    found = _reader_problems(project)
    assert any("PAGE-NO-SUCH" in p and "no longer made" in p for p in found), found
    assert any("PAGE-HOME" in p and "new page index.md" in p for p in found), found
    changed = write_reader_text(project, reader_pages(data, project))
    assert f"{READER_TEXT}/PAGE-NO-SUCH.txt" in changed and not (project / READER_TEXT / "PAGE-NO-SUCH.txt").exists()


def test_the_reader_text_does_not_change_with_the_day_it_is_made(data, monkeypatch):
    monkeypatch.setenv("SITE_TODAY", "2031-01-01")
    monkeypatch.setenv("PUBLIC_URL", "https://guidance.example.scot/")
    assert {k: p.text for k, p in reader_pages(data, ROOT).items()} == committed(ROOT)


# ---------------------------------------------------------------- editions: what changed, the live edition in a draft


def test_what_changed_since_2026_12_1_is_read_from_its_archive_sentence_by_sentence(data):
    from guidance.data.editions import editions
    from guidance.engines.output.edition_text import edition_text, what_changed

    ed = next(e for e in editions(data) if e.version == "2026.12.1")
    before = edition_text(ROOT, ed.version, ed.archive)
    now = committed(ROOT)
    assert set(before) <= set(now)  # every page of 2026.12.1 found by its page id (this draft adds pages)
    assert before["PAGE-TOOL-RM2000"].startswith("# Risk Matrix 2000 (RM2000)\n")
    after = dict(before)
    after["PAGE-TOOL-RM2000"] = before["PAGE-TOOL-RM2000"].replace("It estimates long-term likelihood, not imminence.",
                                                                   "It estimates likelihood over many years.", 1)
    text = what_changed(before, after, "2026.12.1", "2026.12.2")
    assert text.splitlines()[2:] == ["## PAGE-TOOL-RM2000", "-  It estimates long-term likelihood, not imminence.",
                                     "+  It estimates likelihood over many years."], text
    real = what_changed(before, now, "2026.12.1", "2026.12.2")
    assert "Draft of edition" not in real and "Last reviewed" not in real  # furniture, not words that changed
    assert what_changed(before, before, "a", "b").endswith("No sentence changed.\n")


def test_an_edition_text_archive_is_the_same_bytes_for_the_same_text(tmp_path):
    from guidance.engines.output.edition_text import edition_text, text_archive, write_text_archive

    texts = {"PAGE-A": "# A\nOne.\n", "PAGE-B": "# B\n"}
    write_text_archive(texts, tmp_path / text_archive("2027.1.0"))
    first = (tmp_path / text_archive("2027.1.0")).read_bytes()
    write_text_archive(dict(reversed(texts.items())), tmp_path / text_archive("2027.1.0"))
    assert (tmp_path / text_archive("2027.1.0")).read_bytes() == first
    assert edition_text(tmp_path, "2027.1.0", "editions/none.zip") == texts  # kept text wins over the archive


def test_release_refuses_while_the_reader_text_has_unread_sentences(project):
    path = project / "data/tools/hcr-20-v3.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("high violence risk.", "very high violence risk.", 1),
                    encoding="utf-8")
    before = (project / "data/editions.yaml").read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, str(project / "scripts/release.py"), "--summary", "Test."], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "PAGE-TOOL-HCR-20-V3" in proc.stderr and "make accept" in proc.stderr
    assert (project / "data/editions.yaml").read_text(encoding="utf-8") == before
    assert not list((project / "editions").glob("*-reader-text.zip"))


def test_a_draft_build_shows_the_published_edition_beside_the_draft(data):
    import datetime as dt

    from guidance.data.editions import editions, is_draft, shown_editions
    from guidance.engines.output.editions import notice_html

    assert is_draft(data)  # edition 2026.12.2 is being prepared
    shown = dict((ed.version, until) for ed, until in shown_editions(data))
    live = editions(data)[-1]
    assert shown[live.version] is None and all(u is not None for v, u in shown.items() if v != live.version)
    note = notice_html("tools/rm2000/index.html", "PAGE-TOOL-RM2000", live, None, {"PAGE-TOOL-RM2000": ("tools/rm2000/", "x")}, set())
    assert "published now" in note and "draft" in note and "has since been replaced" not in note
    old = notice_html("index.html", None, live, dt.date(2027, 1, 1), {}, set())
    assert "This is not the current guidance" in old
