"""Published ids are permanent: the committed register guards them."""
from __future__ import annotations

import yaml

from guidance.data.loader import load_site
from guidance.data.register import register_problems as _register_problems
from guidance.paths import ids


def register_problems(data) -> list[str]:
    return [str(p) for p in _register_problems(data, ids(data))]


def test_register_matches_the_data(data):
    problems = register_problems(data)
    assert not problems, "\n".join(problems[:20])


def test_removed_id_without_tombstone_is_caught(project):
    tool = sorted((project / "data" / "tools").glob("*.yaml"))[-1]
    tool_id = "TOOL-" + tool.stem.upper()
    # drop every reference to the tool, then the tool itself
    std = project / "data" / "standards.yaml"
    std.write_text(std.read_text().replace(f", {tool_id}", "").replace(f"{tool_id}, ", "").replace(f"[{tool_id}]", "[]"))
    tool.unlink()
    search = project / "data" / "search.yaml"  # synonyms name tools by id too
    raw = yaml.safe_load(search.read_text())
    raw["synonyms"] = [x for x in raw["synonyms"] if x["id"] != tool_id]
    search.write_text(yaml.safe_dump(raw))
    for p in (project / "docs").rglob("*.md"):
        p.write_text(p.read_text().replace(f'{{{{ ref("{tool_id}") }}}}', tool_id))
    problems = register_problems(load_site(project))
    assert any(tool_id in p and "is gone" in p for p in problems), problems


def test_tombstone_satisfies_the_register_and_is_written(project, tmp_path):
    reg_path = project / "data" / "id-register.yaml"
    entries = yaml.safe_load(reg_path.read_text())
    entries.append({"id": "RAS-99", "kind": "standard", "status": "retired", "retired_in": "2026.11.0",
                    "reason": "Merged into another standard", "successor": "RAS-01", "fingerprint": "x"})
    reg_path.write_text(yaml.safe_dump(entries))
    data = load_site(project)
    assert not register_problems(data)
    from guidance.engines.output.permalinks import write_permalinks

    write_permalinks(data, tmp_path / "out")
    page = (tmp_path / "out" / "id" / "RAS-99" / "index.html").read_text()
    assert "retired" in page and "Merged into another standard" in page and "../RAS-01/" in page


def test_normative_change_needs_a_history_entry(project):
    path = project / "data" / "standards.yaml"
    text = path.read_text()
    data = load_site(project)
    first = data.standards[0]
    # change the statement of RAS-01 without touching its history
    new_text = text.replace(first.statement.split()[-1], "changed-" + first.statement.split()[-1], 1)
    path.write_text(new_text)
    problems = register_problems(load_site(project))
    assert any(first.id in p and "history" in p for p in problems), problems


def test_id_reused_for_another_kind_is_caught(project):
    reg_path = project / "data" / "id-register.yaml"
    entries = yaml.safe_load(reg_path.read_text())
    for e in entries:
        if e["id"] == "REC-05":
            e["kind"] = "tool"
    reg_path.write_text(yaml.safe_dump(entries))
    problems = register_problems(load_site(project))
    assert any("REC-05" in p and "never reused" in p for p in problems), problems
