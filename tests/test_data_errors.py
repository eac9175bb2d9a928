"""Bad data stops the build with clear messages: one test per class of editor mistake.

Each test breaks a copy of the real project and checks that the loader reports the file,
the record id, the field and what was expected, in plain words, with no traceback.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.loader import DataErrors, load_site

ROOT = Path(__file__).resolve().parents[1]


def errors_for(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        load_site(project)
    return [str(p) for p in exc.value.problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def first_tool(project: Path) -> Path:
    return sorted((project / "data" / "tools").glob("*.yaml"))[0]


def test_real_data_is_valid(data):
    assert len(data.recs) == 19
    assert data.steps and data.standards and data.tools and data.terms


def test_unknown_field_names_file_record_and_field(project):
    path = first_tool(project)
    tid = "TOOL-" + path.stem.upper()
    edit(path, "\nabbr:", "\nabreviation: oops\nabbr:")
    errs = errors_for(project)
    assert any(f"data/tools/{path.name}" in e and tid in e and "'abreviation'" in e and "not a field" in e for e in errs), errs


def test_missing_required_field(project):
    path = project / "data" / "recommendations.yaml"
    edit(path, "  title: Full analysis of risk of serious harm at every MAPPA meeting\n", "")
    errs = errors_for(project)
    assert any("data/recommendations.yaml" in e and "REC-01" in e and "'title'" in e and "required" in e for e in errs), errs


def test_wrong_choice_says_what_is_expected(project):
    path = next((project / "data" / "mappa" / "steps").glob("*.yaml"))
    edit(path, "normative: ", "normative: ought to  # was: ")
    errs = errors_for(project)
    assert any("'normative'" in e and "expected" in e and "'must'" in e and "ought to" in e for e in errs), errs


def test_bad_id_pattern(project):
    path = project / "data" / "standards.yaml"
    edit(path, "- id: RAS-01", "- id: RAS-1")
    errs = errors_for(project)
    assert any("data/standards.yaml" in e and "RAS-1" in e and "'id'" in e and "like RAS-01" in e for e in errs), errs


def test_duplicate_id(project):
    path = project / "data" / "standards.yaml"
    edit(path, "- id: RAS-02", "- id: RAS-01")
    errs = errors_for(project)
    assert any("RAS-01" in e and "used twice" in e for e in errs), errs


def add_term(project: Path, record: str) -> Path:
    path = project / "data" / "glossary.yaml"
    path.write_text(path.read_text() + record)
    return path


def test_unknown_source_reference_suggests_closest(project):
    add_term(project, "- abbr: ZZTEST\n  expansion: Test\n  definition: Test.\n  sources: [inspection-2008]\n")
    errs = errors_for(project)
    assert any("data/glossary.yaml" in e and "ZZTEST" in e and "unknown source 'inspection-2008'" in e
               and "Did you mean 'inspection-2009'" in e for e in errs), errs


def test_unknown_role_in_step(project):
    path = next((project / "data" / "mappa" / "steps").glob("*.yaml"))
    edit(path, "actor: ", "actor: nobody-at-all  # ")
    errs = errors_for(project)
    assert any("unknown role 'nobody-at-all'" in e and "'actor'" in e and "MAPPA-" in e for e in errs), errs


def test_duplicate_yaml_key_is_an_error(project):
    path = project / "data" / "site.yaml"
    edit(path, "version: ", "version: 2026.11.0\nversion: ")
    errs = errors_for(project)
    assert any("data/site.yaml" in e and "duplicate key 'version'" in e and "line" in e for e in errs), errs


def test_yaml_syntax_error_names_line(project):
    path = project / "data" / "site.yaml"
    path.write_text(path.read_text() + "broken: [unclosed\n")
    errs = errors_for(project)
    assert any("data/site.yaml" in e and "YAML syntax error" in e and "line" in e for e in errs), errs


@pytest.mark.parametrize("payload", ["{{ config.site_name }}", "{% include 'x' %}", "<script>alert(1)</script>"])
def test_template_or_html_in_data_is_rejected(project, payload):
    add_term(project, f"- abbr: ZZTEST\n  expansion: Test\n  definition: {payload!r}\n")
    errs = errors_for(project)
    assert any("data/glossary.yaml" in e and "ZZTEST" in e and "'definition'" in e
               and ("template syntax" in e or "HTML tags" in e) for e in errs), errs


def test_bad_date(project):
    path = project / "data" / "site.yaml"
    edit(path, "version_date: 2026-11-25", "version_date: 25/11/2026")
    errs = errors_for(project)
    assert any("'version_date'" in e and "YYYY-MM-DD" in e for e in errs), errs


def test_page_without_front_matter(project):
    (project / "docs" / "extra.md").write_text("# No front matter\n\nText.\n")
    errs = errors_for(project)
    assert any("docs/extra.md" in e and "front matter" in e for e in errs), errs


def test_page_answering_nothing_must_say_so(project):
    path = project / "docs" / "about.md"
    edit(path, "answers_note: This page explains how the site is made and kept up to date.\n", "")
    errs = errors_for(project)
    assert any("docs/about.md" in e and "answers_note" in e for e in errs), errs


def test_page_answering_unknown_recommendation(project):
    path = project / "docs" / "how-to-read.md"
    edit(path, "answers: [3]", "answers: [3, 20]")
    errs = errors_for(project)
    assert any("docs/how-to-read.md" in e and "answers[1]" in e for e in errs), errs


def test_all_errors_are_reported_at_once(project):
    edit(project / "data" / "site.yaml", "version_date: 2026-11-25", "version_date: soon")
    edit(project / "data" / "standards.yaml", "- id: RAS-02", "- id: RAS-01")
    edit(project / "docs" / "how-to-read.md", "answers: [3]", "answers: [99]")
    errs = errors_for(project)
    assert any("data/site.yaml" in e for e in errs)
    assert any("used twice" in e for e in errs)
    assert any("docs/how-to-read.md" in e for e in errs)


def test_check_script_prints_plain_report_without_traceback(project):
    edit(project / "data" / "site.yaml", "version_date: 2026-11-25", "version_date: soon")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_data.py"), str(project)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "data/site.yaml" in proc.stderr and "version_date" in proc.stderr and "Nothing was built" in proc.stderr


def test_failed_build_keeps_last_good_site(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site")
    edit(project / "data" / "site.yaml", "version_date: 2026-11-25", "version_date: soon")
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--site", str(site)],
                          capture_output=True, text=True, cwd=project)
    assert proc.returncode == 1
    assert "left as it was" in proc.stderr
    assert (site / "index.html").read_text() == "last good site"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-build-")]


def test_failed_mkdocs_build_keeps_last_good_site(project, tmp_path):
    """Data is valid but a page links to a missing anchor: strict mkdocs fails, site untouched."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site")
    path = project / "docs" / "about.md"
    path.write_text(path.read_text() + "\nSee [nowhere](glossary.md#no-such-anchor).\n")
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


def test_duplicate_source_id_names_both_files(project):
    src = project / "data" / "sources"
    (src / "zz-extra.yaml").write_text((src / "general.yaml").read_text())
    errs = errors_for(project)
    assert any("data/sources/zz-extra.yaml" in e and "already defined in data/sources/general.yaml" in e for e in errs), errs
