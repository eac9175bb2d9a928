"""Every mistake an editor makes is refused by the check, named by file (and line), record and field,
in plain words, all at once, with no traceback.

Each mistake in MISTAKES breaks a copy of the small fixture project (tests/fixtures/project, real texts). It is checked twice: alone, through the
checker the build and `make check` share (guidance.check.check_project), and all together, through
`make check`'s own script in one run (test_make_check_reports_every_mistake_in_one_run).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from guidance.check import check_project
from guidance.data.errors import closest
from guidance.data.loader import DataErrors, load_site

ROOT = Path(__file__).resolve().parents[1]


def problems_for(project: Path) -> list[str]:
    _data, problems = check_project(project)
    return [str(p) for p in problems if not p.warning]


def errors_for(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        load_site(project)
    return [str(p) for p in exc.value.problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_re(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert re.search(pattern, text, re.M), f"pattern not found in {path}: {pattern!r}"
    path.write_text(re.sub(pattern, new, text, count=1, flags=re.M), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if text in row:
            return n
    raise AssertionError(f"{text!r} not in {path}")


def byte_line(path: Path, raw: bytes) -> int:
    """The line holding `raw`, in a file that may no longer be UTF-8."""
    for n, row in enumerate(path.read_bytes().split(b"\n"), 1):
        if raw in row:
            return n
    raise AssertionError(f"{raw!r} not in {path}")


def line_after(path: Path, anchor: str, text: str) -> int:
    """The line of the first row holding `text` after the row holding `anchor` (a field of one record)."""
    rows = path.read_text(encoding="utf-8").split("\n")
    start = line_of(path, anchor)
    for n, row in enumerate(rows[start:], start + 1):
        if text in row:
            return n
    raise AssertionError(f"{text!r} not after {anchor!r} in {path}")


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_data.py"), str(project)],
                          capture_output=True, text=True)


@dataclass
class Mistake:
    name: str
    make: Callable[[Path], None]
    expect: Callable[[Path], list[str]]  # every string must be in one and the same problem line


def _d(p: Path) -> Path:
    return p / "data"


def _steps(p: Path, stage: str) -> Path:
    return next((_d(p) / "mappa" / "steps").glob(f"*-{stage}.yaml"))


def _bytes(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new, 1))


LONG_ACTION = ("Going forward the chair shall ask every agency at the meeting to share all that it knows about "
               "the person and their risks, so that the plan covers each risk and each agency and the timing of "
               "each review meeting in the area.")

MISTAKES = [
    # ---- files
    Mistake("empty file", lambda p: (_d(p) / "facts" / "mappa.yaml").write_text(""),
            lambda p: ["data/facts/mappa.yaml:1", "empty", "Restore it"]),
    Mistake("blank lines only", lambda p: (_d(p) / "gaps" / "judiciary.yaml").write_text("\n\n   \n"),
            lambda p: ["data/gaps/judiciary.yaml:1", "empty"]),
    Mistake("Latin-1 pound sign", lambda p: _bytes(_d(p) / "glossary.yaml", b"expansion: ", b"expansion: \xa3 "),
            lambda p: ["data/glossary.yaml:" + str(byte_line(_d(p) / "glossary.yaml", b"expansion: \xa3")), "not saved as UTF-8", "'\u00a3'", "column"]),
    Mistake("byte-order mark", lambda p: _bytes(_d(p) / "training.yaml", b"", b"\xef\xbb\xbf"),
            lambda p: ["data/training.yaml:1", "byte-order mark"]),
    Mistake("tab in indentation", lambda p: edit(_d(p) / "judiciary.yaml", "\n  ", "\n\t", 1),
            lambda p: ["data/judiciary.yaml:", "tab", "spaces"]),
    Mistake("YAML syntax", lambda p: edit(_d(p) / "site.yaml", "\ntitle: ", "\ntitle: [unclosed\nx: "),
            lambda p: ["data/site.yaml:", "YAML syntax error", "column"]),
    Mistake("duplicate YAML key", lambda p: edit(_d(p) / "standards.yaml", "\n    statement: ", "\n    title: Twice\n    statement: "),
            lambda p: ["data/standards.yaml:", "duplicate key 'title'", "first given on line"]),
    # ---- records and fields
    Mistake("misspelt field", lambda p: edit(_d(p) / "tools" / "rm2000.yaml", "\nabbr:", "\nabreviation:"),
            lambda p: [f"data/tools/rm2000.yaml:{line_of(_d(p) / 'tools' / 'rm2000.yaml', 'abreviation')}",
                       "TOOL-RM2000", "'abreviation'", "not a field", "Did you mean 'abbr'"]),
    Mistake("missing field", lambda p: edit(_d(p) / "recommendations.yaml",
                                            "  title: Full analysis of risk of serious harm at every MAPPA meeting\n", ""),
            lambda p: ["data/recommendations.yaml:", "REC-01", "'title'", "required"]),
    Mistake("wrong choice", lambda p: edit(_steps(p, "meeting"), "normative: should", "normative: ought to"),
            lambda p: [f"data/mappa/steps/4-meeting.yaml:{line_of(_steps(p, 'meeting'), 'normative: ought to')}", "MAPPA-MT-01", "'normative'", "'must'", "ought to"]),
    Mistake("bad id pattern", lambda p: edit(_d(p) / "standards.yaml", "- id: RAS-01", "- id: RAS-1"),
            lambda p: ["data/standards.yaml:", "RAS-1", "'id'", "like RAS-01"]),
    Mistake("bad date", lambda p: edit_re(_d(p) / "site.yaml", r"^version_date: .*$", "version_date: 25/11/2026"),
            lambda p: [f"data/site.yaml:{line_of(_d(p) / 'site.yaml', 'version_date: 25/11/2026')}", "'version_date'", "YYYY-MM-DD"]),
    Mistake("unknown role", lambda p: edit(_steps(p, "exit"), "actor: ", "actor: nobody-at-all  # "),
            lambda p: ["data/mappa/steps/5-exit.yaml:", "unknown role 'nobody-at-all'", "'actor'", "MAPPA-EX-01"]),
    Mistake("unknown source", lambda p: edit(_d(p) / "gaps" / "standards.yaml", "- {id: ", "- {id: inspection-2008} # ", ),
            lambda p: ["data/gaps/standards.yaml:", "unknown source 'inspection-2008'", "Did you mean 'inspection-2009'"]),
    Mistake("duplicate id in two files", lambda p: (_d(p) / "facts" / "zz-more.yaml").write_text(
                "- id: mappa-law-sections\n  topic: legal-basis\n  text: A copy.\n  sources: [moa-2005-s10]\n"),
            lambda p: ["data/facts/zz-more.yaml:1", "mappa-law-sections", "used twice",
                       f"data/facts/mappa.yaml:{line_of(_d(p) / 'facts' / 'mappa.yaml', 'id: mappa-law-sections')}"]),
    Mistake("step in the wrong stage's file", lambda p: edit(_steps(p, "meeting"), "stage: meeting", "stage: exit"),
            lambda p: [f"data/mappa/steps/4-meeting.yaml:{line_of(_steps(p, 'meeting'), 'stage: exit')}", "MAPPA-MT-01", "'stage'", "file of stage 'meeting'"]),
    Mistake("two steps with one order", lambda p: edit(_steps(p, "meeting"), "order: 2\n", "order: 1\n"),
            lambda p: [f"data/mappa/steps/4-meeting.yaml:{line_after(_steps(p, 'meeting'), '- id: MAPPA-MT-02', 'order:')}", "MAPPA-MT-02", "'order'", "also the order of MAPPA-MT-01"]),
    Mistake("step id of another stage", lambda p: edit(_steps(p, "meeting"), "- id: MAPPA-MT-15", "- id: MAPPA-EX-15"),
            lambda p: ["data/mappa/steps/4-meeting.yaml:", "MAPPA-EX-15", "'id'", "MAPPA-MT-"]),
    Mistake("gap page typo", lambda p: edit(_d(p) / "gaps" / "mappa.yaml", "pages: [mappa/timescales.md, mappa/stages/meeting.md]",
                                            "pages: [mappa/timescale.md, mappa/stages/meeting.md]"),
            lambda p: [f"data/gaps/mappa.yaml:{line_of(_d(p) / 'gaps' / 'mappa.yaml', 'mappa/timescale.md')}", "mappa-no-review-interval", "pages[0]", "no page 'mappa/timescale.md'",
                       "Did you mean 'mappa/timescales.md'"]),
    Mistake("gap on a page that does not show gaps", lambda p: edit(p / "docs" / "mappa" / "timescales.md", "{{ gaps_here() }}", ""),
            lambda p: [f"data/gaps/mappa.yaml:{line_of(_d(p) / 'gaps' / 'mappa.yaml', 'pages: [mappa/timescales.md, mappa/stages/meeting.md]')}", "mappa-no-review-interval", "pages[0]", "does not show gaps", "gaps_here"]),
    Mistake("page answers unknown recommendation", lambda p: edit(p / "docs" / "how-to-read.md", "answers: [3]", "answers: [3, 20]"),
            lambda p: [f"docs/how-to-read.md:{line_of(p / 'docs' / 'how-to-read.md', 'answers: [3, 20]')}", "PAGE-HOW-TO-READ", "answers[1]", "at most 19; got 20"]),
    Mistake("page without front matter", lambda p: (p / "docs" / "extra.md").write_text("# No front matter\n\nText.\n"),
            lambda p: ["docs/extra.md:1", "front matter"]),
    Mistake("front matter field missing", lambda p: edit(p / "docs" / "about.md", "answers_note: This page explains how the site is made and kept up to date.\n", ""),
            lambda p: ["docs/about.md:", "answers_note"]),
    # ---- docs/ pages: macro calls
    Mistake("unknown fact id on a page", lambda p: edit(p / "docs" / "mappa" / "leaving.md", 'fact("mappa-rp-end")', 'fact("mappa-rp-ends")'),
            lambda p: [f"docs/mappa/leaving.md:{line_of(p / 'docs' / 'mappa' / 'leaving.md', 'mappa-rp-ends')}", "PAGE-", "fact()", "unknown fact 'mappa-rp-ends'", "Did you mean 'mappa-rp-end'"]),
    Mistake("unknown source on a page", lambda p: edit(p / "docs" / "judiciary" / "parole-board.md", 'cite("inspection-2009")', 'cite("inspection-2090")'),
            lambda p: [f"docs/judiciary/parole-board.md:{line_of(p / 'docs' / 'judiciary' / 'parole-board.md', 'inspection-2090')}", "cite()", "unknown source 'inspection-2090'", "Did you mean 'inspection-2009'"]),
    Mistake("unknown id in ref", lambda p: edit(p / "docs" / "judiciary" / "parole-board.md", 'ref("REC-17")', 'ref("REC-71")'),
            lambda p: [f"docs/judiciary/parole-board.md:{line_of(p / 'docs' / 'judiciary' / 'parole-board.md', 'REC-71')}", "ref()", "unknown published id 'REC-71'"]),
    Mistake("unknown macro", lambda p: edit(p / "docs" / "mappa" / "documents.md", "{{ gaps_here() }}", "{{ gaps_hear() }}"),
            lambda p: [f"docs/mappa/documents.md:{line_of(p / 'docs' / 'mappa' / 'documents.md', 'gaps_hear')}", "'gaps_hear' is not a macro", "Did you mean 'gaps_here'"]),
    Mistake("wrong argument count", lambda p: edit(p / "docs" / "mappa" / "restricted-patients.md", 'fact("mappa-rp-end")', 'fact("mappa-rp-end", "extra")'),
            lambda p: [f"docs/mappa/restricted-patients.md:{line_of(p / 'docs' / 'mappa' / 'restricted-patients.md', 'mappa-rp-end')}", "fact()", "wrong arguments", "fact(fact_id)"]),
    Mistake("broken braces", lambda p: edit(p / "docs" / "mappa" / "legal-basis.md", "{{ gaps_here() }}", "{{ gaps_here( }}"),
            lambda p: [f"docs/mappa/legal-basis.md:{line_of(p / 'docs' / 'mappa' / 'legal-basis.md', 'gaps_here( }}')}", "not complete", "braces"]),
    # ---- writing rules
    Mistake("long step with shall and a banned phrase", lambda p: edit(
                _steps(p, "meeting"), "action: Ask everyone at the start of the meeting to agree the confidentiality statement.",
                f"action: {LONG_ACTION}"),
            lambda p: [f"data/mappa/steps/4-meeting.yaml:{line_of(_steps(p, 'meeting'), LONG_ACTION[:30])}", "MAPPA-MT-01", "'action'", f"has {len(LONG_ACTION.split())} words; the limit is 25"]),
    Mistake("normative word in a step", lambda p: edit(
                _steps(p, "meeting"), "action: Ask everyone at the start of the meeting to agree the confidentiality statement.",
                f"action: {LONG_ACTION}"),
            lambda p: [f"data/mappa/steps/4-meeting.yaml:{line_of(_steps(p, 'meeting'), LONG_ACTION[:30])}", "MAPPA-MT-01", "'action'", "normative word 'shall'",
                       "banned phrase 'going forward'"]),
    Mistake("normative word in a fact", lambda p: edit(_d(p) / "facts" / "mappa.yaml", "text: MAPPA rests on", "text: You must know that MAPPA rests on"),
            lambda p: [f"data/facts/mappa.yaml:{line_of(_d(p) / 'facts' / 'mappa.yaml', 'You must know that')}", "mappa-law-sections", "'text'", "normative word 'must'"]),
    Mistake("standard with two duties", lambda p: edit(_d(p) / "standards.yaml", "statement: You should judge risk", "statement: You must and should judge risk"),
            lambda p: [f"data/standards.yaml:{line_of(_d(p) / 'standards.yaml', 'You must and should judge')}", "'statement'", "exactly one normative word", "'must', 'should'"]),
    Mistake("step not starting with a verb", lambda p: edit(_steps(p, "exit"), "\n  action: ", "\n  action: 3 times, "),
            lambda p: ["data/mappa/steps/5-exit.yaml:", "MAPPA-EX-01", "'action'", "start it with a verb"]),
    Mistake("percentage typed by hand", lambda p: edit(_d(p) / "tools" / "rm2000.yaml", "\nassesses: >-\n", "\nassesses: >-\n  About 12% of people.\n"),
            lambda p: [f"data/tools/rm2000.yaml:{line_of(_d(p) / 'tools' / 'rm2000.yaml', 'assesses: >-')}", "TOOL-RM2000", "'assesses'",
                       "percentage typed by hand"]),
]


def _matches(problems: list[str], expect: list[str]) -> bool:
    return any(all(x in line for x in expect) for line in problems)


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_is_refused_with_file_line_record_and_field(small_project, mistake):
    mistake.make(small_project)
    problems = problems_for(small_project)
    assert _matches(problems, mistake.expect(small_project)), "\n".join(problems)


# one mistake per file: none hides another (an emptied facts file would hide a fact typo on a page)
TOGETHER = ["blank lines only", "Latin-1 pound sign", "tab in indentation", "duplicate id in two files", "unknown role",
            "step in the wrong stage's file", "long step with shall and a banned phrase",
            "unknown source on a page", "unknown macro", "wrong argument count", "broken braces", "bad id pattern",
            "page without front matter", "percentage typed by hand"]


def test_make_check_reports_every_mistake_in_one_run(small_project):
    """A 43-word step, a 'shall', an empty file and typos in docs/ pages: one run of `make check` names them all."""
    chosen = [m for m in MISTAKES if m.name in TOGETHER]
    assert len(chosen) == len(TOGETHER)
    for m in chosen:
        m.make(small_project)
    chosen.append(next(m for m in MISTAKES if m.name == "normative word in a step"))  # same edit as the long step
    expected = [m.expect(small_project) for m in chosen]  # after the edits: each finds the line of its own change
    proc = run_check(small_project)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stderr.splitlines()
    for m, exp in zip(chosen, expected, strict=True):
        assert _matches(lines, exp), f"{m.name}: {exp}\n{proc.stderr}"
    assert "Nothing was built" in proc.stderr


def test_real_data_passes_the_check_with_no_problem():
    data, problems = check_project(ROOT)
    assert data is not None
    assert [p for p in problems if not p.warning] == []


def test_check_script_says_ok_on_real_data():
    proc = run_check(ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Data OK")


def test_all_errors_are_reported_at_once(small_project):
    edit_re(small_project / "data" / "site.yaml", r"^version_date: .*$", "version_date: soon")
    edit(small_project / "data" / "standards.yaml", "- id: RAS-02", "- id: RAS-01")
    edit(small_project / "docs" / "how-to-read.md", "answers: [3]", "answers: [99]")
    errs = errors_for(small_project)
    assert any("data/site.yaml" in e for e in errs)
    assert any("used twice" in e for e in errs)
    assert any("docs/how-to-read.md" in e for e in errs)


@pytest.mark.parametrize("payload", ["{{ config.site_name }}", "{% include 'x' %}", "<script>alert(1)</script>"])
def test_template_or_html_in_data_is_rejected(small_project, payload):
    path = small_project / "data" / "glossary.yaml"
    path.write_text(path.read_text() + f"- abbr: ZZTEST\n  expansion: Test\n  definition: {payload!r}\n")
    errs = errors_for(small_project)
    assert any("data/glossary.yaml:" in e and "ZZTEST" in e and "'definition'" in e
               and ("template syntax" in e or "HTML tags" in e) for e in errs), errs


def test_failed_check_stops_the_build_and_keeps_last_good_site(small_project, tmp_path):
    """The build script checks first: on a failed check it builds nothing (so the small project needs no mkdocs.yml)."""
    project = small_project
    (project / "scripts").mkdir()
    for script in ("build.py", "generate.py", "build_options.py"):  # build.py runs generate.py's step first
        shutil.copy(ROOT / "scripts" / script, project / "scripts" / script)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site")
    edit(project / "docs" / "mappa" / "leaving.md", 'fact("mappa-rp-end")', 'fact("mappa-rp-ends")')
    edit_re(project / "data" / "site.yaml", r"^version_date: .*$", "version_date: soon")
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--site", str(site)],
                          capture_output=True, text=True, cwd=project)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "left as it was" in proc.stderr
    fact_line = line_of(project / "docs" / "mappa" / "leaving.md", 'fact("mappa-rp-ends")')
    date_line = line_of(project / "data" / "site.yaml", "version_date: soon")
    assert f"docs/mappa/leaving.md:{fact_line}" in proc.stderr and f"data/site.yaml:{date_line}" in proc.stderr
    assert (site / "index.html").read_text() == "last good site"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-build-")]


def test_failed_mkdocs_build_keeps_last_good_site(small_buildable, tmp_path):
    """Data is valid but a page links to a missing anchor: strict mkdocs fails, site untouched."""
    project = small_buildable
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site")
    path = project / "docs" / "about.md"
    path.write_text(path.read_text() + "\nSee [nowhere](glossary.md#no-such-anchor).\n")
    # the editor has read the new words (make accept), so the check passes and the engine meets the bad link
    subprocess.run([sys.executable, str(project / "scripts" / "accept.py"), str(project)], check=True, capture_output=True)
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--site", str(site)],
                          capture_output=True, text=True, cwd=project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "no-such-anchor" in proc.stdout + proc.stderr
    assert (site / "index.html").read_text() == "last good site"


def test_sources_are_typed_once(data):
    """No two source records point at the same address (a fact typed once)."""
    seen: dict[str, str] = {}
    for s in data.sources.values():
        key = s.url.rstrip("/").split("://", 1)[1].removeprefix("www.").lower()
        assert key not in seen, f"sources {seen.get(key)} and {s.id} have the same URL"
        seen[key] = s.id


def test_duplicate_source_id_names_both_files(small_project):
    src = small_project / "data" / "sources"
    (src / "zz-extra.yaml").write_text((src / "general.yaml").read_text())
    errs = errors_for(small_project)
    assert any(e.startswith("data/sources/zz-extra.yaml:") and "used twice: here and in data/sources/general.yaml:" in e
               for e in errs), errs


# ---------------------------------------------------------------- small helpers


def test_did_you_mean_never_suggests_the_word_typed():
    assert closest("mappa-rp-end", ["mappa-rp-end", "mappa-rp-ends"]) == " Did you mean 'mappa-rp-ends'?"
    assert closest("abbr", ["abbr"]) == ""
    assert closest("inspection-2008", ["inspection-2009", "zzz"]) == " Did you mean 'inspection-2009'?"
    assert closest("qqqq", ["inspection-2009"]) == ""


def test_a_known_role_is_never_reported_with_a_suggestion_of_itself(small_project):
    edit(_steps(small_project, "exit"), "actor: ", "actor: chairr  # ")
    errs = [e for e in errors_for(small_project) if "unknown role" in e]
    assert errs and all("Did you mean 'chairr'" not in e for e in errs), errs
