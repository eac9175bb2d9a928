"""Every field a reader reads of a tool is under the history rule (issue 31): a change to its bands, band
reading, cautions, limitations, strengths, questions, 'not validated for' or population needs a history entry
for the edition being prepared, as a step's words do (guidance/data/register.py, reader_fields)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from guidance.check import check_project
from guidance.data.register import NOT_READER_FIELDS, reader_fields

HISTORY = "history:\n  - {version: 2026.11.0, date: 2026-11-25, change: First published.}\n"


def _history_problems(project: Path) -> list[str]:
    _data, problems = check_project(project)
    return [str(p) for p in problems if not p.warning and "history" in p.message and "TOOL-HCR-20-V3" in str(p)]


def _as_just_released(project: Path) -> None:
    """The project as right after a release: the register holds today's words (scripts/update_register.py) and
    HCR-20 V3 has no entry yet for the edition being prepared, so the next change of its words needs one."""
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, str(root / "scripts" / "update_register.py"), str(project)], check=True,
                   capture_output=True)
    path = project / "data/tools/hcr-20-v3.yaml"
    path.write_text(re.sub(r"(?m)^  - \{version: 2026\.12\.2,.*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")


def _edit(project: Path, old: str, new: str) -> Path:
    path = project / "data/tools/hcr-20-v3.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("field", "old", "new"), [
    ("bands", "meaning: A professional judgement of high violence risk.",
     "meaning: A professional judgement of high violence risk, needing Level 3 management."),
    ("limitations", "so the reasoning behind it matters as much as the label.", "so the reasoning matters."),
])
def test_a_tool_field_changed_with_no_history_entry_is_refused_and_an_entry_clears_it(project, field, old, new):
    _as_just_released(project)
    assert _history_problems(project) == []
    _edit(project, old, new)
    found = _history_problems(project)
    assert len(found) == 1 and f"field '{field}'" in found[0] and "data/tools/hcr-20-v3.yaml:" in found[0], found
    assert "2026.12.2" in found[0] and "CONTRIBUTING.md" in found[0]
    _edit(project, HISTORY, HISTORY + "  - {version: 2026.12.2, date: 2026-12-06, kind: wording, change: \"Reworded.\"}\n")
    assert _history_problems(project) == []


def test_every_field_a_reader_reads_is_fingerprinted(data):
    tool = next(t for t in data.tools if t.id == "TOOL-HCR-20-V3")
    fields = reader_fields(tool)  # every field the tool sets (an unset one is read as nothing)
    for name in ("bands", "limitations", "strengths", "questions", "not_validated_for",
                 "also_see_groups", "does_not_tell", "developed_on", "validation", "caution_basis"):
        assert name in fields, name
    assert not set(fields) & NOT_READER_FIELDS
