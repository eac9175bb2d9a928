"""Problems in an editor's files, and how they are worded.

A Problem names the file (and line), the record, the field, what is wrong and what would be
right. `DataErrors` carries every problem found, so that one run reports them all. `Collector`
gathers problems while the files are read and checked, and knows where each record came from.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import models as m
from .yamlio import LineDict, LineList


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str
    line: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.record:
            where += f" | record {self.record}"
        if self.field:
            where += f" | macro {self.field}" if self.field.endswith(")") else f" | field '{self.field}'"
        return f"{where}: {self.message}"


class DataErrors(Exception):
    """Every problem found in data/ and docs/. `records` holds what could be read, for later checks."""

    def __init__(self, problems: list[Problem], records: Any = None):
        self.problems = problems
        self.records = records
        super().__init__(self.report())

    def report(self) -> str:
        return report(self.problems)


def report(problems: list[Problem]) -> str:
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    lines = []
    if errors:
        n = len(errors)
        lines.append(f"The data has {n} problem{'s' if n != 1 else ''}. Nothing was built. "
                     "Fix these and run `make check` again:")
        lines += [f"  {i}. {p}" for i, p in enumerate(errors, 1)]
    if warnings:
        lines.append("Warnings (these do not stop the build):")
        lines += [f"  - {p}" for p in warnings]
    return "\n".join(lines)


def closest(word: object, options: Iterable[str], cutoff: float = 0.6) -> str:
    """' Did you mean 'x'?' for the nearest known word, or '' (never the word that was typed)."""
    word = str(word)
    choices = [o for o in options if o != word]
    match = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return f" Did you mean '{match[0]}'?" if match else ""


def closest_source(word: object, known: Iterable[str], superseded: dict[str, str] | None = None) -> str:
    """closest() for a source id, saying so when the nearest source is superseded (and by what)."""
    hint = closest(word, known)
    sid = hint.split("'")[1] if hint else ""
    by = (superseded or {}).get(sid)
    if by:
        return (f" Did you mean '{sid}'? Note that '{sid}' is superseded by '{by}': cite '{by}' for what applies "
                f"today, and '{sid}' only for what applied before.")
    return hint


def superseded_sources(sources: Iterable[Any]) -> dict[str, str]:
    """source id -> the id of the source that replaces it today (a chain of replacements followed to its end)."""
    by = {s.id: s.in_force.by for s in sources
          if getattr(s, "in_force", None) is not None and s.in_force.state == "superseded" and s.in_force.by}
    out = {}
    for sid, nxt in by.items():
        seen = {sid}
        while nxt in by and nxt not in seen:
            seen.add(nxt)
            nxt = by[nxt]
        out[sid] = nxt
    return out


# example ids, so a pattern failure can say what is expected in plain words
_PATTERN_HINTS = {
    m.MAPPA_STEP_ID: "an id like MAPPA-ID-01 (stage code ID, LV, PM, MT or EX, then two digits)",
    r"^RAS-\d{2}$": "an id like RAS-01",
    r"^TOOL-[A-Z0-9-]+$": "an id like TOOL-RM2000 (capitals, digits and hyphens)",
    r"^Q-\d{2}$": "an id like Q-01",
    r"^PAGE-[A-Z0-9-]+$": "an id like PAGE-MAPPA-OVERVIEW",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "a lower-case id made of letters, digits and single hyphens, like mappa-2016",
    r"^\d{4}\.\d{1,2}\.\d+$": "a calendar version like 2026.11.0",
}

ALL_FIELDS: frozenset[str] = frozenset(
    name for obj in vars(m).values() if isinstance(obj, type) and issubclass(obj, BaseModel) for name in obj.model_fields
)

_SIMPLE = {
    "missing": "this field is required but is missing. Add it",
    "string_too_short": "this text must not be empty",
    "int_parsing": "expected a whole number; got {input!r}",
    "int_type": "expected a whole number; got {input!r}",
    "string_type": "expected text; got {input!r}",
    "list_type": "expected a list (lines starting with '- '); got {input!r}",
    "model_type": "expected a record (lines of 'field: value'); got {input!r}",
    "dict_type": "expected a record (lines of 'field: value'); got {input!r}",
    "model_attributes_type": "expected a record (lines of 'field: value'); got {input!r}",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD; got {input!r}",
    "date_parsing": "expected a date written YYYY-MM-DD; got {input!r}",
    "date_type": "expected a date written YYYY-MM-DD; got {input!r}",
}


MODELS = [obj for obj in vars(m).values() if isinstance(obj, type) and issubclass(obj, BaseModel)]
_REQUIRED = frozenset(f for model in MODELS for f, info in model.model_fields.items() if info.is_required())


def missing_fields(record: Any) -> list[str]:
    """The fields the record's kind has and the record lacks: the likely meaning of a misspelt key.

    The kind is the model sharing most keys with the record (known keys only)."""
    if not isinstance(record, dict):
        return sorted(ALL_FIELDS)
    keys = set(record) & ALL_FIELDS
    best = max(MODELS, key=lambda model: len(keys & set(model.model_fields)) - len(keys - set(model.model_fields)))
    return [f for f in best.model_fields if f not in record]


def did_you_mean_field(name: str, record: Any) -> str:
    """A required field the record lacks, else any field its kind lacks, else any field at all."""
    options = missing_fields(record)
    required = [f for f in options if f in _REQUIRED]
    return closest(name, required, cutoff=0.4) or closest(name, options) or closest(name, ALL_FIELDS)


def plain(err: dict, record: Any = None) -> str:
    """One pydantic error in plain words: what is wrong and what would be right."""
    kind = err["type"]
    if kind in _SIMPLE:
        return _SIMPLE[kind].format(input=err.get("input")) + "."
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        return f"'{name}' is not a field this record can have (check the spelling).{did_you_mean_field(name, record)}"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        hint = _PATTERN_HINTS.get(pattern, f"text matching {pattern}")
        return f"expected {hint}; got {err.get('input')!r}."
    if kind in ("literal_error", "enum"):
        return f"expected {err['ctx']['expected']}; got {err.get('input')!r}."
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        limit = next(iter(err.get("ctx", {}).values()), "")
        word = "at most" if kind.startswith("less") else "at least"
        return f"expected a number {word} {limit}; got {err.get('input')!r}."
    if kind == "too_short":
        return "this list must not be empty." if err.get("ctx", {}).get("min_length") == 1 else err["msg"] + "."
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ") + "."
    return err["msg"] + "."


def field_name(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "[" in str(part) or str(part) in ("NotKnown", "str") or str(part).endswith(" entry"):
            continue  # pydantic's union branch names ('list[...]', 'NotKnown', a tag 'concept entry'): not the editor's words
        else:
            out += ("." if out else "") + str(part)
    return out


def record_label(raw: Any, index: int | None) -> str:
    if isinstance(raw, dict):
        for key in ("id", "number", "abbr", "word", "label"):
            if key in raw and isinstance(raw[key], (str, int)):
                val = raw[key]
                return f"REC-{val:02d}" if key == "number" and isinstance(val, int) else str(val)
    return f"#{index + 1}" if index is not None else ""


def line_at(raw: Any, loc: tuple) -> int | None:
    """The line of the deepest key or item of `loc` that the YAML gave."""
    line = getattr(raw, "line", None)
    node = raw
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line, node = node.line_of(part) or line, node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line, node = node.line_of(part) or line, node[part]
    return line


def _without_other_branches(errors: list[dict]) -> list[dict]:
    """For a field that may be a list or a word ('answers: [3]' or 'none'), pydantic reports both
    branches; keep the error inside the list and drop the 'expected none' of the other branch."""
    locs = [tuple(e["loc"]) for e in errors]
    return [e for e in errors if not (e["type"] == "literal_error" and any(
        len(other) > len(e["loc"]) and other[:len(e["loc"]) - 1] == tuple(e["loc"])[:-1] for other in locs))]


def node_at(raw: Any, loc: tuple) -> Any:
    """The raw value at a pydantic location (union branch names skipped)."""
    node = raw
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
    return node


def root_causes_first(errors: list[dict], raw: Any) -> list[tuple[dict, str]]:
    """Each error with its message, a misspelt field before the 'missing' it causes: when a record has
    'abreviation' and lacks 'abbr', the reader learns first that 'abreviation' is not a field (did you mean
    'abbr'?), and then that 'abbr' is missing because of it."""
    out = []
    misspelt: dict[tuple, dict[str, str]] = {}  # record location -> field it lacks -> the misspelling
    for err in errors:
        loc = tuple(err["loc"])
        message = plain(err, node_at(raw, loc[:-1]))
        if err["type"] == "extra_forbidden" and "Did you mean '" in message:
            meant = message.split("Did you mean '")[1].split("'")[0]
            misspelt.setdefault(loc[:-1], {})[meant] = str(loc[-1])
        out.append((err, message))
    for i, (err, _message) in enumerate(out):
        loc = tuple(err["loc"])
        wrong = misspelt.get(loc[:-1], {}).get(str(loc[-1])) if err["type"] == "missing" else None
        if wrong:
            out[i] = (err, f"this field is missing, probably because it is spelt '{wrong}' (see above). "
                           f"Rename '{wrong}' to '{loc[-1]}'.")
    first: dict = {}  # each record keeps its place among the others; inside it, misspellings come first
    for i, (err, _m) in enumerate(out):
        first.setdefault(str(err["loc"][0]) if len(err["loc"]) > 1 else "", i)
    return sorted(out, key=lambda em: (first[str(em[0]["loc"][0]) if len(em[0]["loc"]) > 1 else ""],
                                       em[0]["type"] != "extra_forbidden"))


def hidden_key_message(key: str) -> str:
    return (f"'{key}' is indented more than the keys above it, so YAML reads it as more words of the text before "
            f"it, and the record has no '{key}'. Start '{key}:' in the same column as the other keys of this record.")


@dataclass(frozen=True)
class Origin:
    file: str
    raw: Any  # the LineDict the record was read from

    def line(self, field: str | None = None) -> int | None:
        if field and isinstance(self.raw, LineDict):
            return self.raw.line_of(field)
        return getattr(self.raw, "line", None)


class Collector:
    """Gathers problems, and where each validated record was read from."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.origins: dict[int, Origin] = {}  # id(record) -> origin; records live as long as the load
        self.failed: set[str] = set()  # kinds of record whose files could not be read

    def rel(self, path: Path | str) -> str:
        if isinstance(path, str):
            return path
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path | str, record: str, field_: str, message: str, line: int | None = None,
            warning: bool = False) -> None:
        self.problems.append(Problem(self.rel(path), record, field_, message, line, warning))

    # ------------------------------------------------------------ where records came from
    def remember(self, path: Path | str, records: Iterable, raws: Any) -> None:
        raws = raws if isinstance(raws, list) else []
        for i, rec in enumerate(records):
            self.origins[id(rec)] = Origin(self.rel(path), raws[i] if i < len(raws) else None)

    def origin(self, rec: Any) -> Origin:
        return self.origins.get(id(rec), Origin("data/", None))

    def at(self, rec: Any, record: str, field_: str, message: str) -> None:
        """A problem in one field of a validated record, placed at that field's line."""
        o = self.origin(rec)
        self.add(o.file, record, field_, message, o.line(field_.split(".")[0].split("[")[0]))

    # ------------------------------------------------------------ validation
    def validate(self, path: Path | str, adapter: TypeAdapter, raw: Any, list_key: str | None = None,
                 line_offset: int = 0):
        """Validate raw data; on failure add one problem per pydantic error and return None."""
        try:
            return adapter.validate_python(raw)
        except ValidationError as exc:
            for err, message in root_causes_first(_without_other_branches(exc.errors()), raw):
                self._one(path, raw, tuple(err["loc"]), list_key, message, line_offset)
            return None

    def _one(self, path, raw, loc: tuple, list_key: str | None, message: str, line_offset: int) -> None:
        record, rest = "", loc
        items = raw if isinstance(raw, list) else None
        if list_key and isinstance(raw, dict) and loc[:1] == (list_key,):
            items, rest = raw.get(list_key), loc[1:]
        if isinstance(items, list) and rest and isinstance(rest[0], int):
            idx = rest[0]
            record = record_label(items[idx] if idx < len(items) else None, idx)
            rest = rest[1:]
        elif isinstance(raw, dict) and not list_key:
            record = record_label(raw, None)
        fld = field_name(rest) or (list_key if list_key and loc[:1] == (list_key,) and not record else "")
        line = line_at(raw, loc)
        hidden = self._hidden_key(path, node_at(raw, loc[:-1]), str(loc[-1])) if message.startswith("this field is required") else None
        if hidden is not None:
            line, message = hidden - line_offset, hidden_key_message(str(loc[-1]))
        self.add(path, record, fld, message, line + line_offset if line else None)

    def _hidden_key(self, path: Path | str, record: Any, key: str) -> int | None:
        """The line of a key that is missing from the record because it is indented into the text above it."""
        said = re.compile(rf"(?:^|\s){re.escape(key)}:(?:\s|$)")
        if not isinstance(record, LineDict) or not any(isinstance(v, str) and said.search(v) for v in record.values()):
            return None
        try:
            rows = (Path(path) if isinstance(path, Path) else self.root / path).read_text(encoding="utf-8").split("\n")
        except OSError:
            return None
        start = record.line or 1
        return next((n for n, row in enumerate(rows[start - 1:], start) if row.lstrip().startswith(f"{key}:")), None)
