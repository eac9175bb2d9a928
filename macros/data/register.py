"""The committed register of every published id (data/id-register.yaml).

Why: a trainer's handout or a court's citation may quote an id years later. The register lets
tests catch an id that disappears without a tombstone, an id reused for another kind of thing,
and normative text that changed without a history entry.

`scripts/update_register.py` adds newly published ids and records fingerprints; it refuses to
record a changed fingerprint unless the item has a history entry for the current site version.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from ..paths import ids
from .loader import SiteData

REGISTER = Path("data") / "id-register.yaml"


def read_register(root: Path) -> dict[str, dict]:
    path = Path(root) / REGISTER
    if not path.exists():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []  # noqa: S506 - safe loader
    return {e["id"]: e for e in entries}


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


def current_entries(data: SiteData) -> dict[str, dict]:
    locs = ids(data)
    texts = normative_texts(data)
    out = {}
    for item_id, loc in locs.items():
        out[item_id] = {
            "id": item_id,
            "kind": loc.kind,
            "status": "published",
            "fingerprint": fingerprint(texts.get(item_id, loc.title if loc.kind != "page" else loc.page)),
        }
    return out


def history_versions(data: SiteData) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for rec in list(data.steps) + list(data.standards) + list(data.tools):
        out[rec.id] = {h.version for h in rec.history if h.normative}
    return out


def register_problems(data: SiteData) -> list[str]:
    """Every way the current data breaks the committed register."""
    reg = read_register(data.root)
    cur = current_entries(data)
    hist = history_versions(data)
    problems = []
    for item_id, entry in reg.items():
        now = cur.get(item_id)
        if entry.get("status") == "retired":
            if now is not None:
                problems.append(f"{item_id} is retired in the register but is published again; retired ids are never reused.")
            for key in ("retired_in", "reason"):
                if not entry.get(key):
                    problems.append(f"{item_id} is retired but its register entry has no '{key}'.")
            succ = entry.get("successor")
            if succ and succ not in cur:
                problems.append(f"{item_id} names successor {succ}, which is not published.")
            continue
        if now is None:
            problems.append(
                f"{item_id} was published but is gone. Restore it, or retire it in data/id-register.yaml "
                "(status: retired, retired_in, reason, successor) so its permalink shows a tombstone."
            )
            continue
        if now["kind"] != entry.get("kind"):
            problems.append(f"{item_id} was a {entry.get('kind')} and is now a {now['kind']}; an id is never reused for another kind of thing.")
        if now["fingerprint"] != entry.get("fingerprint"):
            versions = hist.get(item_id, set())
            if entry.get("kind") in ("MAPPA step", "standard", "tool") and not versions - set(entry.get("changed_in", [])):
                problems.append(
                    f"{item_id}: its normative text changed but it has no new history entry with normative: true. "
                    "Add one (version, date, change, normative: true), then run scripts/update_register.py."
                )
    # a new id, or a change that has its history entry, is recorded when the next edition is cut
    # (`make release` runs scripts/update_register.py): not an editor's mistake
    return problems
