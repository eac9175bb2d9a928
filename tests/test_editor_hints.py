"""Hints that point the right way, templates that pass, schemas that tell the truth (issue #26).

Each test makes one editor's mistake (or follows one recipe) on a throw-away copy of the project and
reads the exact words the check gives. No build.
"""
from __future__ import annotations

import fnmatch
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from guidance.data.yamlio import YamlProblem, load_text

ROOT = Path(__file__).resolve().parents[1]


def accept(project: Path) -> None:
    """`make accept`: keep the words the data now gives (reader-text/), as an editor does after reading them."""
    proc = subprocess.run([sys.executable, "scripts/accept.py", str(project)], cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/check_data.py", str(project)], cwd=project,
                          capture_output=True, text=True)


def errors(proc: subprocess.CompletedProcess) -> list[str]:
    return [line.split(". ", 1)[1] for line in proc.stderr.splitlines() if line.startswith("  ") and ". " in line
            and line.strip()[0].isdigit()]


# ------------------------------------------------------------------ YAML indentation
@pytest.mark.parametrize("text, key, other, spaces", [
    ("- id: x\n  title: A\n    publisher: B\n", "publisher", "title", 2),  # one key indented too far
    ("- id: x\n  title: A\n publisher: B\n", "publisher", "title", 2),  # one key not indented far enough
    ("- id: x\n  history:\n    - {version: 1}\n   - {version: 2}\n", "- {version: 2}", "- {version: 1}", 4),
])
def test_indentation_error_says_which_key_to_line_up_with(text, key, other, spaces):
    with pytest.raises(YamlProblem) as exc:
        load_text(text)
    msg = exc.value.message
    assert f"'{key}'" in msg and f"'{other}'" in msg and f"Put {spaces} spaces before '{key}'" in msg, msg
    assert "quotes" not in msg


def test_indentation_error_counts_in_spaces_and_never_contradicts_itself():
    """The review's case: 'action' one space in, 'basis' two. Counting in columns beside spaces read as a
    contradiction ('basis starts at column 3 ... indent action with 2 spaces'); the hint now counts spaces only."""
    with pytest.raises(YamlProblem) as exc:
        load_text("- id: x\n  basis: y\n action: z\n")
    msg = exc.value.message
    assert "'action' has 1 space before it" in msg, msg
    assert "'basis' on line 2 has 2 spaces" in msg, msg
    assert "Put 2 spaces before 'action', as before 'basis'" in msg, msg
    assert "column" not in msg.split("YAML syntax error:")[1].split(".", 1)[1], msg


# ------------------------------------------------------------------ an unclosed quote
@pytest.mark.parametrize("text, quote, stop", [
    ('- id: x\n  text: "an open quote\n  basis: y\n- id: z\n  text: ok\n', '"', 6),  # YAML runs out of text
    ("- id: x\n  text: 'an open quote\n  basis: y\n- id: z\n  text: ok\n", "'", 6),
    ('- id: x\n  text: "an open quote\n  basis: y\n- id: z\n  text: "closed"\n  more: 1\n', '"', 5),  # closes at the next quote
])
def test_an_unclosed_quote_is_reported_where_it_opens(text, quote, stop):
    with pytest.raises(YamlProblem) as exc:
        load_text(text)
    assert (exc.value.line, exc.value.column) == (2, 9), exc.value.message
    msg = exc.value.message
    assert f"the quote {quote} that opens here (line 2, column 9) is never closed" in msg, msg
    assert f"stopped at line {stop}" in msg and f"Put the closing {quote} at the end of the value on line 2" in msg, msg


def test_a_quoted_value_over_two_lines_is_still_read():
    assert load_text('- id: x\n  text: "a long\n    value"\n  basis: y\n')[0]["text"] == "a long value"


def test_an_unclosed_quote_in_a_data_file_names_the_line_it_opens_on(project):
    path = project / "data" / "sources" / "judiciary.yaml"
    rows = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, r in enumerate(rows) if i >= 120 and r.startswith("  title: ") and '"' not in r and "'" not in r)
    rows[n] = rows[n].replace("title: ", 'title: "', 1)  # opened, never closed
    path.write_text("\n".join(rows), encoding="utf-8")
    out = check(project).stderr
    assert f"data/sources/judiciary.yaml:{n + 1}" in out, out
    assert f'the quote " that opens here (line {n + 1}, column 10) is never closed' in out, out


# ------------------------------------------------------------------ an unknown id lists the valid ones
def test_an_unknown_category_lists_the_valid_ids(project):
    path = project / "data" / "mappa" / "steps" / "1-identification.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("categories: [rso]", "categories: [rsoo]", 1), encoding="utf-8")
    msg = next(e for e in errors(check(project)) if "'rsoo'" in e)
    assert "unknown category 'rsoo'" in msg, msg
    assert "data/mappa/structure.yaml: all, orsh, restricted-patient, rso." in msg, msg
    assert "Did you mean 'rso'?" in msg, msg


# ------------------------------------------------------------------ the check script itself
def test_check_script_answers_help_from_any_folder(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_data.py"), "--help"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: check_data.py") and "the project folder" in proc.stdout
    assert "The data has" not in proc.stdout + proc.stderr and "missing" not in proc.stdout + proc.stderr


def test_check_script_says_when_the_folder_is_not_a_project(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_data.py"), str(tmp_path)], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert f"{tmp_path} is not a project folder: it has no data/ folder" in proc.stderr, proc.stderr
    assert "this data file is missing" not in proc.stderr


def test_a_colon_in_a_value_still_asks_for_quotes():
    with pytest.raises(YamlProblem) as exc:
        load_text("- id: x\n  title: Risk: a guide\n")
    assert "must be put in quotes" in exc.value.message


# ------------------------------------------------------------------ did you mean
def test_did_you_mean_says_when_the_nearest_source_is_superseded(project):
    path = project / "data" / "mappa" / "steps" / "5-exit.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{id: mappa-guidance, at:", "{id: mappa-guidance-2017, at:", 1), encoding="utf-8")
    msg = next(e for e in errors(check(project)) if "mappa-guidance-2017" in e)
    assert "Did you mean 'mappa-guidance-2016'?" in msg
    assert "'mappa-guidance-2016' is superseded by 'mappa-guidance'" in msg and "cite 'mappa-guidance'" in msg


def test_macro_hint_says_where_the_list_is_and_the_list_is_there():
    from guidance.docs_check import Known, check_page

    problems, _ = check_page("x.md", "{{ gaps_hear() }}", 0, "PAGE-X", Known())
    assert "CONTRIBUTING.md, section 'Macros a page can use'" in str(problems[0])
    assert "## Macros a page can use" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_macro_list_in_contributing_is_current():
    from guidance.docs_check import MACRO_LIST_END, MACRO_LIST_START, macro_reference
    from guidance.site.page_macros import MACRO_HELP, MACROS

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text[text.index(MACRO_LIST_START):text.index(MACRO_LIST_END) + len(MACRO_LIST_END)]
    assert block == macro_reference(), "the macro list in CONTRIBUTING.md is out of date: run `make macro-list`"
    assert set(MACRO_HELP) == set(MACROS), "every macro needs a line in MACRO_HELP (guidance/site/page_macros.py)"
    for name in MACROS:
        assert f"`{{{{ {name}(" in block


def test_misspelt_field_is_reported_before_the_missing_field_it_causes(project):
    path = project / "data" / "tools" / "rm2000.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nabbr:", "\nabreviation:", 1), encoding="utf-8")
    found = [e for e in errors(check(project)) if "TOOL-RM2000" in e]
    assert "'abreviation' is not a field" in found[0] and "Did you mean 'abbr'?" in found[0], found
    assert "field 'abbr'" in found[1] and "spelt 'abreviation'" in found[1], found
    assert not any("required but is missing" in e for e in found), found


# ------------------------------------------------------------------ duplicates in editors' lists
def test_duplicate_synonyms_are_refused_naming_both_places(project):
    path = project / "data" / "search.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  - id: PAGE-ROLE-CHAIR\n    words: [chair, chairs," in text
    text = text.replace("  - id: PAGE-ROLE-CHAIR\n    words: [chair, chairs,", "  - id: PAGE-ROLE-CHAIR\n    words: [chair, chair,")
    text = text.replace("synonyms:\n", "synonyms:\n  - id: PAGE-ROLE-CHAIR\n    words: [meeting chair]\n", 1)
    text = text.replace("exclude:\n", "exclude:\n  - PAGE-EDITORS\n", 1)
    path.write_text(text, encoding="utf-8")
    found = errors(check(project))
    assert any("'chair' is listed twice for PAGE-ROLE-CHAIR: here and on line" in e for e in found), found
    assert any("PAGE-ROLE-CHAIR has a second synonym entry: here and on line" in e for e in found), found
    assert all(e.startswith("data/search.yaml:") for e in found if "PAGE-ROLE-CHAIR" in e)
    assert any("PAGE-EDITORS" in e and "listed twice: here and on line" in e for e in found), found


def test_duplicate_glossary_term_is_refused_naming_both_places(project):
    data = yaml.safe_load((project / "data" / "glossary.yaml").read_text(encoding="utf-8"))
    concept = next(e for e in data if "term" in e)
    path = project / "data" / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + yaml.safe_dump([concept], allow_unicode=True),
                    encoding="utf-8")
    found = errors(check(project))
    assert any(f"glossary term '{concept['term'].lower()}' is used twice: here and in data/glossary.yaml:" in e
               for e in found), found


# ------------------------------------------------------------------ templates
def test_templates_pass_the_check_as_they_stand_and_are_complete(project):
    from test_editor_workflow import draft

    from guidance.data import models as m

    draft(project)
    for args in (["tool", "TOOL-NEWTOOL"], ["step", "meeting"], ["source", "new-source-2016"]):
        proc = subprocess.run([sys.executable, "scripts/new_record.py", *args, "--root", str(project)], cwd=project,
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    accept(project)  # a new tool adds pages: the editor reads their words, then accepts them (reader-text/)
    proc = check(project)
    assert proc.returncode == 0, proc.stderr
    assert "lines still hold the template's words" in proc.stderr  # a warning until the words are written
    # every field of each kind is in its template, with a word on whether it may be unknown or left out
    for kind, model in (("tool", m.Tool), ("step", m.Step), ("source", m.Source)):
        text = (ROOT / "scripts" / "templates" / f"{kind}.yaml").read_text(encoding="utf-8")
        for name in model.model_fields:
            assert f"{name}:" in text, f"{kind} template lacks '{name}'"


def test_a_year_may_be_written_without_quotes(project):
    path = project / "data" / "sources" / "general.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  date: June 2014\n", "  date: 2014\n", 1), encoding="utf-8")
    assert "date: 2014\n" in path.read_text(encoding="utf-8")
    accept(project)
    proc = check(project)
    assert proc.returncode == 0, proc.stderr


# ------------------------------------------------------------------ schemas
def _as_json(value):
    return json.loads(json.dumps(value, default=str))


def test_every_data_file_is_valid_against_its_schema():
    from guidance.site.exports import DATA_FILES, data_file_schema

    checked = 0
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        rel = path.relative_to(ROOT).as_posix()
        name = next((s for pattern, s in DATA_FILES.items() if fnmatch.fnmatch(rel, pattern)), None)
        assert name, f"{rel} has no schema: add it to DATA_FILES in guidance/site/exports.py"
        validator = jsonschema.Draft202012Validator(data_file_schema(name))
        problems = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in
                    validator.iter_errors(_as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))]
        assert not problems, f"{rel}: " + "; ".join(problems[:5])
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("change", [
    lambda t: t | {"abreviation": "X"},  # an unknown field
    lambda t: t | {"type": "guesswork"},  # a choice not in the list
    lambda t: {k: v for k, v in t.items() if k != "output"},  # a required field left out
    lambda t: t | {"sources": [{"id": "Not A Slug"}]},
])
def test_schema_refuses_what_the_loader_refuses(change):
    from guidance.site.exports import data_file_schema

    tool = _as_json(yaml.safe_load((ROOT / "data" / "tools" / "rm2000.yaml").read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(data_file_schema("tool-file"))
    assert not list(validator.iter_errors(tool))
    assert list(validator.iter_errors(change(tool)))


def test_editor_settings_point_every_data_file_at_its_schema():
    from guidance.site.exports import DATA_FILES

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    pointed = {}
    for schema, globs in settings.items():
        for g in [globs] if isinstance(globs, str) else globs:
            pointed[g] = schema
    for pattern, name in DATA_FILES.items():
        assert pointed.get(pattern) == f"./site/downloads/schema/data/{name}.schema.json", pattern
