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
from pathlib import Path
from typing import Any

import yaml

from .editions import current_release, is_draft, version_key
from .errors import DataErrors, Problem
from .register_events import (
    REGISTER,
    REGISTER_FILE,
    ChangedWithoutHistory,
    DutyWordAsWording,
    IdAdded,
    KindChanged,
    Ledger,
    NewIdAfterRelease,
    NewIdInAnotherEdition,
    Outcome,
    PublishedIdGone,
    ReaderFieldsRecorded,
    ReaderFieldsWithoutHistory,
    Refusal,
    RetiredEntryIncomplete,
    RetiredIdPublished,
    SuccessorNotPublished,
    Update,
    WordingKept,
    WordsChanged,
)
from .sitedata import SiteData, per_data
from .yamlio import LineList, YamlProblem, load_file

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


_WORDS = ("must not", "should not", "must", "should", "may")


def _normative_word(wording: str) -> str | None:
    """The must/should/may word of registered words: a step's starts with it ('must: ...'), a standard's holds it."""
    head = wording.split(":", 1)[0].strip()
    if head in _WORDS:
        return head
    low = f" {wording.lower()} "
    found = [(low.find(f" {w} "), w) for w in _WORDS if f" {w} " in low]
    return min(found)[1] if found else None


def compare(data: SiteData, locs: Mapping[str, Any]) -> Outcome:
    """The problems of the current data against the register, and the register as it would be written: every
    id of the register judged first (`_registered`), then every id published now (`_published`), each finding
    an event (guidance/data/register_events.py) applied in that order."""
    out = Outcome()
    try:
        reg = {k: _plain(v) for k, v in read_register(data.root).items()}
        released = current_release(data)
        led = Ledger(data, reg, register_lines(data.root), is_draft(data), released[0] if released else None)
    except DataErrors as exc:
        out.problems.extend(exc.problems)
        return out
    cur = current_entries(data, locs)
    words = wordings(data)
    records = governed_records(data)
    events = [*(e for item_id, entry in reg.items()
                for e in _registered(led, item_id, entry, cur, records.get(item_id))),
              *(e for item_id, now in cur.items()
                for e in _published(led, item_id, now, records.get(item_id), words))]
    for event in events:
        if isinstance(event, Refusal):
            out.problems.append(event.problem(led))
        else:
            event.apply(led, out)
    out.entries = [reg[k] for k in sorted(reg)]
    return out


def _registered(led: Ledger, item_id: str, entry: dict, cur: Mapping[str, dict], rec: Any) -> list:
    """What the register's entry for `item_id` finds against the ids published now (`cur`)."""
    if entry.get("status") == "retired":
        found: list = [RetiredIdPublished(item_id)] if item_id in cur else []
        found += [RetiredEntryIncomplete(item_id, key) for key in ("retired_in", "reason") if not entry.get(key)]
        succ = entry.get("successor")
        return found + ([SuccessorNotPublished(item_id, succ)] if succ and succ not in cur else [])
    now = cur.get(item_id)
    if now is None:
        return [PublishedIdGone(item_id)]
    if now["kind"] != entry.get("kind"):
        return [KindChanged(item_id, entry.get("kind"), now["kind"])]
    fields = _reader_fields(led, item_id, entry, now, rec)
    if isinstance(fields, Refusal):
        return [fields]
    found = [fields] if fields is not None else []
    if now["fingerprint"] == entry.get("fingerprint"):
        return found
    return [*found, _changed_words(led, item_id, entry, now, rec)]


def _reader_fields(led: Ledger, item_id: str, entry: dict, now: dict, rec: Any) -> Refusal | Update | None:
    """A tool's reader fields changed with no history entry (refused); else the fields as they are now (recorded
    the first time, or changed with an entry); None for a record without reader fields."""
    kept = entry.get("reader_fields")  # none recorded yet: nothing to compare with
    fields = [k for k, v in now.get("reader_fields", {}).items() if kept.get(k) != v] if isinstance(kept, dict) else []
    if fields and rec is not None and entry_for(rec, led.released) is None:
        return ReaderFieldsWithoutHistory(item_id, tuple(fields))
    return ReaderFieldsRecorded(item_id, now["reader_fields"]) if "reader_fields" in now else None


def _changed_words(led: Ledger, item_id: str, entry: dict, now: dict, rec: Any) -> Refusal | Update:
    """The words a citation relies on changed: refused without a history entry (for a step, standard or tool),
    or when the entry says wording only but the duty word changed; else recorded."""
    if now["kind"] not in GOVERNED:
        return WordsChanged(item_id, now["fingerprint"])
    h = entry_for(rec, led.released) if rec is not None else None
    new_word = getattr(rec, "normative", None)
    if h is None:
        wording = entry.get("wording")
        return ChangedWithoutHistory(item_id, now["kind"], wording, _normative_word(entry.get("wording", "")), new_word)
    if not h.meaning_changed:  # the entry says the meaning is the same: a changed duty word says otherwise
        old_word = _normative_word(_released_words(led, entry))
        if old_word and new_word and old_word != new_word:
            return DutyWordAsWording(item_id, old_word, new_word)
    return WordsChanged(item_id, now["fingerprint"])


def _released_words(led: Ledger, entry: dict) -> str:
    """The words the entry had when the current edition was released (changed twice in one draft: the first)."""
    return next((e["wording"] for e in entry.get("earlier", []) if e.get("until") == led.version),
                entry.get("wording", ""))


def _published(led: Ledger, item_id: str, now: dict, rec: Any, words: Mapping[str, str]) -> list:
    """What an id published now finds against the register: new (in the right edition or not), or its
    words changed (the earlier words kept)."""
    entry = led.reg.get(item_id)
    first = rec.history[0].version if rec is not None and rec.history else None
    if entry is None and first is not None and (first != led.version or not led.draft):
        return [NewIdInAnotherEdition(item_id, first) if led.draft else NewIdAfterRelease(item_id)]
    if entry is None:
        added = now | {"first_published": led.version}
        if item_id in words:
            added["wording"] = words[item_id]
        return [IdAdded(item_id, added)]
    if entry.get("status") == "retired" or item_id not in words or entry.get("wording") == words[item_id]:
        return []
    earlier = None
    if entry.get("wording"):  # the rule reads differently now: keep the words it had until this edition
        h = entry_for(rec, led.released) if rec is not None else None
        kept = [e for e in entry.get("earlier", []) if e.get("until") != led.version]
        kind = "meaning" if h is not None and h.meaning_changed else "wording"
        earlier = (*kept, {"until": led.version, "change": kind, "wording": _released_words(led, entry)})
    return [WordingKept(item_id, words[item_id], earlier)]


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
