"""Safe YAML loading for editors' files: no arbitrary tags, duplicate keys refused, line numbers kept.

Every mapping comes back as a `LineDict` and every list as a `LineList`: plain dict and list
subclasses that also remember the line of the record and of each key or item, so that a message
about a record or a field can name its line. Problems an editor can cause (wrong encoding, a
byte-order mark, tabs, a syntax error) raise `YamlProblem` with a plain message, line and column.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

try:  # the C loader is much faster; fall back if libyaml is missing
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

BOM = b"\xef\xbb\xbf"


class YamlProblem(Exception):
    """A YAML file could not be read; `line` and `column` are 1-based or None."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class LineDict(dict):
    """A mapping read from YAML: `line` of its first key, `key_lines` of each key."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    """A list read from YAML: `line` where it starts, `item_lines` of each item."""

    line: int | None = None
    item_lines: list

    def line_of(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


class _StrictLoader(_Base):
    """SafeLoader that refuses duplicate keys (plain PyYAML keeps the last one silently)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise YamlProblem(
                f"duplicate key '{key}' (first given on line {seen[key]}); each key may appear once in a "
                "record. Delete one of them",
                line, key_node.start_mark.column + 1,
            )
        seen[key] = line
    out = LineDict(loader.construct_mapping(node, deep=deep))
    out.line = node.start_mark.line + 1
    out.key_lines = seen
    return out


def _construct_sequence(loader: _StrictLoader, node: yaml.SequenceNode):
    out = LineList()
    out.line = node.start_mark.line + 1
    out.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield out  # filled after, as PyYAML does, so that nested and anchored values work
    out.extend(loader.construct_sequence(node))


def _construct_date(loader: _StrictLoader, node: yaml.ScalarNode):
    """A date as YAML reads it; an impossible one ('2026-13-31') is a problem at its line, not a crash."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise YamlProblem(f"'{node.value}' is not a real date ({exc}). Write a date that exists, as YYYY-MM-DD, "
                          "for example 2026-12-31", node.start_mark.line + 1, node.start_mark.column + 1) from None


def _with_key(exc: YamlProblem, text: str) -> YamlProblem:
    """The problem, naming the key its value belongs to (the key before its column on its line)."""
    rows = text.split("\n")
    if not exc.line or not exc.column or exc.line > len(rows):
        return exc
    key = re.findall(r"([A-Za-z_]+):\s*$", rows[exc.line - 1][: exc.column - 1])
    return YamlProblem(f"field '{key[-1]}': {exc.message}", exc.line, exc.column) if key else exc


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_text(text: str):
    """Parse YAML text safely. Raises YamlProblem with a line and column."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - strict *safe* loader
    except YamlProblem as exc:
        raise _with_key(exc, text) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        opened = _unclosed_quote(text, exc)
        if opened:  # said where the quote opened, not where YAML ran out of text (often many lines later)
            oline, ocol, q = opened
            raise YamlProblem(f"YAML syntax error: the quote {q} that opens here (line {oline}, column {ocol}) is never "
                              f"closed, so YAML read the lines after it as part of this value and stopped at line "
                              f"{line}. Put the closing {q} at the end of the value on line {oline}", oline, ocol) from None
        what = exc.problem or str(exc)
        hint = _syntax_hint(what, text.split("\n"), line, col)
        raise YamlProblem(f"YAML syntax error: {what}. {hint}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}", None) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value YAML cannot hold: never a traceback
        raise YamlProblem(f"a value here cannot be read ({exc}). Check the values of this file: dates as YYYY-MM-DD, "
                          "numbers as digits", None) from None


_SWALLOWED_KEY = re.compile(r"\n\s*(-\s+)?[A-Za-z_]+:(\s|$)")


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """(line, column, quote) of a quote that was never closed, or None.

    Either YAML ran out of text inside a quoted value, or a quoted value ran on over lines that look like keys
    (the quote closed only at the next value's opening quote, and the error came later)."""
    rows = text.split("\n")

    def at(mark) -> tuple[int, int, str]:
        return mark.line + 1, mark.column + 1, rows[mark.line][mark.column] if mark.column < len(rows[mark.line]) else '"'

    if exc.context and "quoted scalar" in exc.context and exc.context_mark and "end of stream" in (exc.problem or ""):
        return at(exc.context_mark)
    found = None
    try:
        for tok in yaml.scan(text, Loader=_Base):
            if (isinstance(tok, yaml.ScalarToken) and tok.style in ('"', "'") and tok.end_mark.line > tok.start_mark.line
                    and _SWALLOWED_KEY.search(text[tok.start_mark.index : tok.end_mark.index])):
                found = at(tok.start_mark)
    except yaml.YAMLError:
        pass
    return found


def _syntax_hint(what: str, lines: list[str] | None = None, line: int | None = None, col: int | None = None) -> str:
    if "tab" in what:
        return "Indent with spaces, never tabs."
    indent = _indent_hint(lines or [], line or 0)
    if "mapping values" in what:
        row = (lines or [""])[line - 1] if lines and line and line <= len(lines) else ""
        first_colon = row.find(":")
        if indent and col is not None and col - 1 <= first_colon:  # the line's own key: it is indented wrongly
            return indent
        return ("A value that contains ': ' must be put in quotes, for example title: \"Risk: a short guide\" "
                "(or the line is indented more than the one before it).")
    return indent or "Check the indentation, quotes and brackets on this line and the one before."


_KEY = re.compile(r"^(?P<dash>-\s+)?(?P<key>[^\s:#\-{\[][^:#]*?):(?:\s|$)")


def _shape(row: str) -> tuple[int, str, bool, bool] | None:
    """(column where the line's key or item starts, its name, is an item, opens a nested block)."""
    stripped = row.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return None
    ind = len(row) - len(stripped)
    m = _KEY.match(stripped)
    if m and not m.group("dash"):
        rest = stripped[m.end():].split("#")[0].strip()
        return ind, m.group("key"), False, rest in ("", ">", ">-", "|", "|-")
    if stripped.startswith("-"):
        return ind, stripped[:30].rstrip(), True, False
    return None


def _indent_hint(lines: list[str], line: int) -> str:
    """Which key (or list item) the line at fault should line up with, when its indentation is the mistake."""
    if not (0 < line <= len(lines)):
        return ""
    here = _shape(lines[line - 1])
    if here is None:
        return ""
    for back in range(line - 2, -1, -1):
        prev = _shape(lines[back])
        if prev is not None:
            break
    else:
        return ""
    col, name, is_item, _opens = here
    pcol, pname, p_item, p_opens = prev
    if p_opens:
        return ""  # the line before opens a block: this line belongs inside it, any deeper indent is right
    if p_item and not is_item:  # '- id: x' then 'title: ...': the key lines up with the key after the dash
        m = _KEY.match(lines[back].lstrip(" "))
        if not m:
            return ""
        pcol, pname = pcol + len(m.group("dash") or ""), m.group("key")
    if col == pcol:
        return ""
    what = "item" if is_item and p_item else "key"
    # counted in spaces only: "column 2" beside "2 spaces" reads as a contradiction (column 3 is after 2 spaces)
    return (f"The {what} '{name}' has {_spaces(col)} before it, but the {what} '{pname}' on line {back + 1} has "
            f"{_spaces(pcol)}: they belong to the same record or list, so they must line up. "
            + (f"Put {_spaces(pcol)} before '{name}', as before '{pname}'." if pcol
               else f"Start '{name}' at the beginning of the line, as '{pname}' does."))


def _spaces(n: int) -> str:
    return "no spaces" if n == 0 else "1 space" if n == 1 else f"{n} spaces"


def decode(raw: bytes, check_tabs: bool = True) -> str:
    """The text of a file an editor saved: UTF-8, no byte-order mark, (YAML) no tabs in the indentation."""
    if raw.startswith(BOM):
        raise YamlProblem("the file starts with an invisible byte-order mark (BOM). Save it as 'UTF-8' "
                          "without BOM (in some editors: 'UTF-8', not 'UTF-8 with BOM')", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start : exc.start + 1]
        guess = byte.decode("cp1252", errors="replace")
        raise YamlProblem(f"the file is not saved as UTF-8: the character at this place (byte 0x{byte.hex()}, "
                          f"probably '{guess}' saved as Latin-1 or Windows-1252) cannot be read. "
                          "Save the file with the encoding 'UTF-8'", line, col) from None
    for n, row in enumerate(text.split("\n") if check_tabs else [], 1):
        indent = row[: len(row) - len(row.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem("this line is indented with a tab; YAML indents with spaces only. Replace the "
                              "tab with spaces", n, indent.index("\t") + 1)
    return text


def load_file(path: Path):
    return load_text(decode(path.read_bytes()))


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
