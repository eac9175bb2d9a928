"""The committed register of every published id (data/id-register.yaml): the one place its rules live.

Why: a trainer's handout or a court's citation may quote an id years later. The register keeps, for
every id ever published, its kind and a fingerprint of the words a citation relies on (and, for steps
and standards, those words). From it this module computes, in one pass (`compare`):

- the problems: an id gone without a tombstone, an id reused for another kind of thing or after it
  was retired, and a step, standard or tool whose words changed with no history entry for the edition
  being prepared (each named by file, line and id, saying what to add);
- the new register, as `make register` and `make release` write it: new ids added, changed words
  recorded with the edition and the kind of change (wording only, or meaning), earlier words kept.

`make check` and `make build` report the problems (guidance/check.py); `make register` and `make release`
write the new register (scripts/update_register.py). The register is read with the project's own YAML
loader, so a duplicate key in it is refused like anywhere else in data/.

The caller passes `locs`, every published id with its kind (guidance.paths.ids): this module stays in the
data layer and knows no page paths.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .editions import current_release, is_draft, version_key
from .errors import DataErrors, Problem
from .sitedata import SiteData, per_data
from .yamlio import LineList, YamlProblem, load_file

REGISTER = Path("data") / "id-register.yaml"
REGISTER_FILE = REGISTER.as_posix()
# kinds of record that keep a change history: their words may change only with a history entry
GOVERNED = ("MAPPA step", "standard", "tool")

HEADER = """# Register of every published id. Written by `make register` and `make release`
# (guidance/data/register.py); edit by hand only to retire an id (status: retired,
# retired_in: <version>, reason: <plain words>, successor: <id or omit>).
# `make check` refuses a published id that disappears without a tombstone, changes kind, or changes
# its words without a history entry for the edition being prepared.
"""


_PARSED: dict[Path, tuple[tuple, Any]] = {}  # the register as read, while its file is unchanged


def _parsed(path: Path) -> Any:
    """The register file read with the strict loader (once while it is unchanged). Raises YamlProblem."""
    st = path.stat()
    key = (st.st_mtime_ns, st.st_size)
    hit = _PARSED.get(path)
    if hit and hit[0] == key:
        return hit[1]
    entries = load_file(path) or []
    _PARSED[path] = (key, entries)
    return entries


def read_register(root: Path) -> dict[str, dict]:
    """id -> register entry. Raises DataErrors when the file cannot be read or names an id twice."""
    path = Path(root) / REGISTER
    if not path.exists():
        return {}
    try:
        entries = _parsed(path)
    except YamlProblem as exc:
        raise DataErrors([Problem(REGISTER_FILE, "", "", exc.message + ".", exc.line)]) from None
    problems, out, first = [], {}, {}
    lines = entries.item_lines if isinstance(entries, LineList) else []
    for i, e in enumerate(entries):
        line = lines[i] if i < len(lines) else None
        if not isinstance(e, dict) or not e.get("id"):
            problems.append(Problem(REGISTER_FILE, f"#{i + 1}", "id", "each entry needs an id.", line))
            continue
        if e["id"] in out:
            problems.append(Problem(REGISTER_FILE, e["id"], "id", f"'{e['id']}' is registered twice: here and on "
                                    f"line {first[e['id']]}. Keep one entry (the older one), delete the other.", line))
            continue
        out[e["id"]], first[e["id"]] = e, line
    if problems:
        raise DataErrors(problems)
    return out


def register_lines(root: Path) -> dict[str, int]:
    """id -> line of its entry in the register file (for messages)."""
    path = Path(root) / REGISTER
    try:
        entries = _parsed(path) if path.exists() else []
    except YamlProblem:
        return {}
    lines = getattr(entries, "item_lines", [])
    return {e.get("id"): lines[i] for i, e in enumerate(entries or []) if isinstance(e, dict) and i < len(lines)}


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def wordings(data: SiteData) -> dict[str, str]:
    """What a reader reads as the rule, per step and standard: kept in the register so that a changed
    rule can show its earlier wording beside the current one ("changes over time")."""
    out = {s.id: f"{s.normative}: {s.action} When: {s.when.text}" for s in data.steps}
    out.update({s.id: s.statement for s in data.standards})
    return out


def normative_texts(data: SiteData) -> dict[str, str]:
    """The text whose meaning a citation relies on, per citable id."""
    out: dict[str, str] = {}
    for r in data.recs.values():
        out[r.id] = r.text
    for s in data.steps:
        out[s.id] = f"{s.actor}|{s.normative}|{s.action}|{s.when.kind}|{s.when.text}"
    for s in data.standards:
        out[s.id] = f"{s.normative}|{s.statement}|{','.join(s.applies_to)}"
    for t in data.tools:
        out[t.id] = f"{t.name}|{t.type}|{t.assesses}"
    for q in data.judiciary.questions:
        out[q.id] = q.question
    for term in data.terms:
        out[term.id] = term.expansion
    return out


# what changing each kind's fingerprint means, in an editor's words
_WHAT = {
    "MAPPA step": "its who, must/should/may word, action or 'when'",
    "standard": "its must/should/may word, statement or 'applies_to'",
    "tool": "its name, type or what it assesses",
}


# a tool's fields readers never read as its words: kept out of its reader fingerprints
NOT_READER_FIELDS = frozenset({"id", "history", "review", "sources", "recommendations", "comparator"})


def reader_fields(rec: Any) -> dict[str, str]:
    """A fingerprint of each field of a tool that readers read (bands, band reading, cautions, limitations,
    strengths, questions, 'not validated for', population...): a change to any of them needs a history entry."""
    dumped = rec.model_dump(mode="json")
    return {name: fingerprint(json.dumps(value, sort_keys=True, ensure_ascii=False))
            for name, value in dumped.items() if name not in NOT_READER_FIELDS and value is not None}  # unset: unread


def current_entries(data: SiteData, locs: Mapping[str, Any]) -> dict[str, dict]:
    """id -> the entry the register would hold for it now. `locs`: guidance.paths.ids(data)."""
    texts = normative_texts(data)
    tools = {t.id: t for t in data.tools}
    out = {}
    for item_id, loc in locs.items():
        out[item_id] = {
            "id": item_id,
            "kind": loc.kind,
            "status": "published",
            "fingerprint": fingerprint(texts.get(item_id, loc.title if loc.kind != "page" else loc.page)),
        }
        if item_id in tools:
            out[item_id]["reader_fields"] = reader_fields(tools[item_id])
    return out


def governed_records(data: SiteData) -> dict[str, Any]:
    return {rec.id: rec for rec in [*data.steps, *data.standards, *data.tools]}


def entry_for(rec: Any, released: str | None):
    """The record's history entry for an edition not yet released (later than `released`), or None."""
    floor = version_key(released) if released else (0,)
    found = [h for h in rec.history if version_key(h.version) > floor]
    meaning = [h for h in found if h.meaning_changed]  # one entry saying the meaning changed is enough
    return (meaning or found)[-1] if found else None


@per_data
def _fingerprints(data: SiteData) -> dict[str, str]:
    return {i: fingerprint(t) for i, t in normative_texts(data).items()}


def change_kind(data: SiteData, item_id: str, h: Any) -> str | None:
    """'meaning', 'wording' or None (a note that changes neither, such as 'First published')."""
    if h.meaning_changed:
        return "meaning"
    if h.kind == "wording":
        return "wording"
    reg = data.register
    entry = reg.get(item_id) or {}
    if h.version in entry.get("changed_in", []):
        return "wording"
    if h.version == data.site.version and is_draft(data) and entry:
        prints = _fingerprints(data)
        if item_id in prints and prints[item_id] != entry.get("fingerprint"):
            return "wording"
    return None


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    entries: list[dict] = field(default_factory=list)  # the new register, sorted by id
    added: int = 0
    changed: int = 0


def _history_hint(data: SiteData, kind: str = "wording") -> str:
    v, d = data.site.version, data.site.version_date.isoformat()
    return (f"Add to its history: - {{version: {v}, date: {d}, kind: {kind}, change: \"What you changed, in plain "
            f"words.\"}} (kind: wording when the meaning is the same; kind: meaning when the duty or statement "
            "now means something else)")


_WORDS = ("must not", "should not", "must", "should", "may")


def _normative_word(wording: str) -> str | None:
    """The must/should/may word of registered words: a step's starts with it ('must: ...'), a standard's holds it."""
    head = wording.split(":", 1)[0].strip()
    if head in _WORDS:
        return head
    low = f" {wording.lower()} "
    found = [(low.find(f" {w} "), w) for w in _WORDS if f" {w} " in low]
    return min(found)[1] if found else None


def compare(data: SiteData, locs: Mapping[str, Any]) -> Outcome:  # long: one pass, each branch one rule of the register read in order
    """The problems of the current data against the register, and the register as it would be written."""
    out = Outcome()
    try:
        reg = {k: _plain(v) for k, v in read_register(data.root).items()}
        draft = is_draft(data)
        released = current_release(data)
    except DataErrors as exc:
        out.problems.extend(exc.problems)
        return out
    lines = register_lines(data.root)
    cur = current_entries(data, locs)
    words = wordings(data)
    records = governed_records(data)
    origins = data.origins
    version = data.site.version

    def at_register(item_id: str, msg: str) -> None:
        out.problems.append(Problem(REGISTER_FILE, item_id, "", msg, lines.get(item_id)))

    for item_id, entry in reg.items():
        if entry.get("status") == "retired":
            if item_id in cur:
                at_register(item_id, f"{item_id} is retired in the register but is published again; a retired "
                            "id is never reused. Give the new item a new id.")
            for key in ("retired_in", "reason"):
                if not entry.get(key):
                    at_register(item_id, f"{item_id} is retired but its register entry has no '{key}'. Add it.")
            succ = entry.get("successor")
            if succ and succ not in cur:
                at_register(item_id, f"{item_id} names successor {succ}, which is not published. Name a "
                            "published id, or leave successor out.")
            continue
        now = cur.get(item_id)
        if now is None:
            at_register(item_id, f"{item_id} was published but is gone. Restore it, or retire it in "
                        f"{REGISTER_FILE} (status: retired, retired_in, reason, successor) so its permanent link "
                        "explains what happened.")
            continue
        if now["kind"] != entry.get("kind"):
            at_register(item_id, f"{item_id} was a {entry.get('kind')} and is now a {now['kind']}; an id is never "
                        "reused for another kind of thing. Give the new item a new id.")
            continue
        if _reader_fields_refused(data, entry, now, records.get(item_id), released, out) or \
                now["fingerprint"] == entry.get("fingerprint"):
            continue
        rec = records.get(item_id)
        h = entry_for(rec, released[0] if released else None) if rec is not None else None
        if now["kind"] in GOVERNED and h is not None and not h.meaning_changed:
            # the entry says the meaning is the same: a changed duty word says otherwise
            released_words = next((e["wording"] for e in entry.get("earlier", []) if e.get("until") == version),
                                  entry.get("wording", ""))
            old_word, new_word = _normative_word(released_words), getattr(rec, "normative", None)
            if old_word and new_word and old_word != new_word:
                origin = origins.get(item_id)
                out.problems.append(Problem(
                    origin.file if origin else data.file_of.get(item_id, "data/"), item_id, "history",
                    f"Its duty word changed from '{old_word}' to '{new_word}' in edition {version}, but its history "
                    f"entry for {version} records a change of wording only. A changed duty word is a change of "
                    "meaning: add kind: meaning to that entry and say in it what now applies.",
                    origin.line("history") if origin else None))
                continue
        if now["kind"] in GOVERNED and h is None:
            origin = origins.get(item_id)
            file = origin.file if origin else data.file_of.get(item_id, "data/")
            line = origin.line("history") if origin else None
            was = f" It read: \"{entry['wording']}\"" if entry.get("wording") else ""
            since = f"edition {released[0]}" if released else "it was registered"
            old_word, new_word = _normative_word(entry.get("wording", "")), getattr(rec, "normative", None)
            kind = "wording"
            if old_word and new_word and old_word != new_word:
                kind = "meaning"
                was += f" Its duty word changed from '{old_word}' to '{new_word}': that is a change of meaning."
            hint = _history_hint(data, kind)
            if draft:
                fix = hint + "."
            else:
                fix = (f"Edition {version} is already released, so start the next edition first: run `make "
                       f"next-edition`, then {hint[0].lower()}{hint[1:]}.")
            out.problems.append(Problem(
                file, item_id, "history",
                f"{_WHAT[now['kind']]} changed since {since}, but its history has no entry for edition {version}, "
                f"the edition being prepared.{was} {fix}", line))
            continue
        entry["fingerprint"] = now["fingerprint"]
        if version not in entry.get("changed_in", []):
            entry.setdefault("changed_in", []).append(version)
        out.changed += 1
    for item_id, now in cur.items():
        entry = reg.get(item_id)
        rec = records.get(item_id)
        first = rec.history[0].version if rec is not None and rec.history else None
        if entry is None and first is not None and (first != version or not draft):
            origin = origins.get(item_id)
            if draft:
                msg = (f"{item_id} is new (it is not in {REGISTER_FILE}), so it is first published in edition "
                       f"{version}, but its first history entry names {first}. Write - {{version: {version}, date: "
                       f"{data.site.version_date.isoformat()}, change: First published.}} (if it replaces an item "
                       f"with another id, retire that id in the register with successor: {item_id})")
            else:
                msg = (f"{item_id} is new (it is not in {REGISTER_FILE}), but edition {version} is already "
                       "released. Start the next edition with `make next-edition`, and name that edition in its "
                       "first history entry (change: First published.)")
            out.problems.append(Problem(origin.file if origin else data.file_of.get(item_id, "data/"), item_id,
                                        "history", msg + ".", origin.line("history") if origin else None))
            continue
        if entry is None:
            reg[item_id] = now | {"first_published": version}
            if item_id in words:
                reg[item_id]["wording"] = words[item_id]
            out.added += 1
            continue
        if entry.get("status") == "retired" or item_id not in words or entry.get("wording") == words[item_id]:
            continue
        if entry.get("wording"):  # the rule reads differently now: keep the words it had until this edition
            rec = records.get(item_id)
            h = entry_for(rec, released[0] if released else None) if rec is not None else None
            kept = [e for e in entry.get("earlier", []) if e.get("until") != version]
            first_words = next((e["wording"] for e in entry.get("earlier", []) if e.get("until") == version),
                               entry["wording"])  # changed twice in one draft: keep the released words
            kind = "meaning" if h is not None and h.meaning_changed else "wording"
            entry["earlier"] = kept + [{"until": version, "change": kind, "wording": first_words}]
        entry["wording"] = words[item_id]
    out.entries = [reg[k] for k in sorted(reg)]
    return out


def _reader_fields_refused(data: SiteData, entry: dict, now: dict, rec: Any, released, out: Outcome) -> bool:
    """True (and the problem added) when a tool's reader fields changed with no history entry; else the
    register entry takes the fields as they are now (recorded the first time, or changed with an entry)."""
    kept = entry.get("reader_fields")  # none recorded yet: nothing to compare with
    fields = [k for k, v in now.get("reader_fields", {}).items() if kept.get(k) != v] if isinstance(kept, dict) else []
    if fields and rec is not None and entry_for(rec, released[0] if released else None) is None:
        out.problems.append(_reader_fields_problem(data, rec, fields, released))
        return True
    entry.update({"reader_fields": now["reader_fields"]} if "reader_fields" in now else {})
    return False


def _reader_fields_problem(data: SiteData, rec: Any, fields: list[str], released) -> Problem:
    """The problem of a tool whose reader fields changed with no history entry for the edition being prepared."""
    origin = data.origins.get(rec.id)
    file, line = (origin.file, origin.line(fields[0])) if origin else (data.file_of.get(rec.id, "data/tools/"), None)
    since = f"edition {released[0]}" if released else "it was registered"
    named = ", ".join(f"'{f}'" for f in fields)
    return Problem(file, rec.id, fields[0], f"what readers read of this tool changed since {since} ({named}), but its "
                   f"history has no entry for edition {data.site.version}, the edition being prepared. Every field "
                   f"a reader reads is under the history rule (CONTRIBUTING.md, 'The history rule: which fields it covers'). "
                   f"{_history_hint(data)}.", line)


def _plain(value: Any) -> Any:
    """Plain dicts and lists (the loader's line-keeping ones cannot be written back as YAML)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def register_problems(data: SiteData, locs: Mapping[str, Any]) -> list[Problem]:
    """Every way the current data breaks the committed register."""
    return compare(data, locs).problems


def register_text(entries: list[dict]) -> str:
    return HEADER + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True)
