"""Every project file named in the docs (README, CONTRIBUTING, docs/ pages), the data files' comments, the
published schemas (the models' field descriptions), the code's comments, the Makefile, CI and the nginx
configuration exists: a newcomer who follows a reference finds the file."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# a path inside the project: a top folder, then a file name with an extension
NAMED = re.compile(r"(?<![\w./-])((?:tests|scripts|guidance|data|docs|deploy|overrides|editions|\.ci)/[\w./-]*\w"
                   r"\.(?:py|yaml|yml|md|json|js|css|conf|sh|zip|html|txt|ini|toml))(?![\w/-])")
# names given as examples of a file an editor would create (CONTRIBUTING, `make new-tool`)
EXAMPLES = {"data/tools/xyz.yaml", "data/facts/zz-more.yaml"}


def readers_files() -> list[Path]:
    """Where a reference is read by people: docs, data, code and configuration (tests/ names files it makes)."""
    files = [*ROOT.glob("*.md"), ROOT / "Makefile", ROOT / "mkdocs.yml", ROOT / "pyproject.toml", ROOT / ".ci" / "run",
             ROOT / "requirements.in"]
    for folder, pattern in (("guidance", "*.py"), ("scripts", "*"), ("deploy", "*"), ("data", "*.yaml"), ("docs", "*.md")):
        files += (ROOT / folder).rglob(pattern)
    return sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts)


def dead_references(files: list[Path]) -> list[str]:
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in NAMED.finditer(text):
            name = m.group(1)
            if name not in EXAMPLES and not (ROOT / name).exists():
                line = text.count("\n", 0, m.start()) + 1
                out.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{line} names {name}")
    return out


def test_every_file_named_exists():
    assert len(readers_files()) > 150
    dead = dead_references(readers_files())
    assert not dead, "these name a file that does not exist (rename the reference or drop it):\n" + "\n".join(dead)


def test_the_check_finds_a_dead_reference(tmp_path):
    planted = tmp_path / "note.md"
    planted.write_text("See tests/test_deploy.py and `scripts/serve_site.py`; data/site.yaml is real.\n"
                       "Roles: data/mappa/roles.yaml.\n", encoding="utf-8")
    dead = dead_references([planted])
    assert [d.split(" names ")[1] for d in dead] == ["tests/test_deploy.py", "scripts/serve_site.py", "data/mappa/roles.yaml"]
