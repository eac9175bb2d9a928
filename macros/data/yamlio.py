"""Safe YAML loading: no arbitrary tags, duplicate keys are errors, line numbers kept."""
from __future__ import annotations

from pathlib import Path

import yaml

try:  # the C loader is much faster; fall back if libyaml is missing
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class YamlProblem(Exception):
    """A YAML file could not be read; `line` is 1-based or None."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class _StrictLoader(_Base):
    """SafeLoader that refuses duplicate keys (plain PyYAML keeps the last one silently)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise YamlProblem(
                f"duplicate key '{key}' (first given on line {seen[key]}); "
                "each key may appear once in a mapping",
                line,
            )
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def load_text(text: str):
    """Parse YAML text safely. Raises YamlProblem with a line number."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - strict *safe* loader
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        return _raise(f"YAML syntax error: {what}", line)
    except yaml.YAMLError as exc:
        return _raise(f"YAML error: {exc}", None)


def _raise(message: str, line: int | None):
    raise YamlProblem(message, line)


def load_file(path: Path):
    return load_text(path.read_text(encoding="utf-8"))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line offset of body)."""
    if not text.startswith("---"):
        return None, text, 0
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 1
    return None, text, 0
