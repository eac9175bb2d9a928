"""Record newly published ids and changed fingerprints in data/id-register.yaml.

Usage: python scripts/update_register.py
- A new id is added with the current site version as first_published.
- A changed fingerprint is recorded only if the item has a new history entry marked
  `normative: true` (steps, standards, tools); otherwise nothing is written and you are told why.
- An id that has gone is never removed: retire it by hand (status: retired, retired_in, reason,
  successor) so its permanent link shows a tombstone.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from macros.data.loader import DataErrors, load_site
from macros.data.register import REGISTER, current_entries, history_versions, read_register, wordings

ROOT = Path(__file__).resolve().parents[1]

HEADER = """# Register of every published id. Written by scripts/update_register.py; edit by hand only to
# retire an id (status: retired, retired_in: <version>, reason: <plain words>, successor: <id or omit>).
# Tests fail if a published id disappears without a tombstone, changes kind, or changes its
# normative text without a history entry.
"""


def main() -> int:
    try:
        data = load_site(ROOT)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    reg = read_register(ROOT)
    cur = current_entries(data)
    hist = history_versions(data)
    words = wordings(data)
    refused, added, changed = [], 0, 0
    for item_id, now in cur.items():
        old = reg.get(item_id)
        if old is None:
            reg[item_id] = now | {"first_published": data.site.version}
            if item_id in words:
                reg[item_id]["wording"] = words[item_id]
            added += 1
            continue
        if old.get("status") == "retired":
            refused.append(f"{item_id} is retired and cannot be published again; choose a new id.")
            continue
        if old.get("kind") != now["kind"]:
            refused.append(f"{item_id} changed kind ({old.get('kind')} -> {now['kind']}); ids are never reused.")
            continue
        if old["fingerprint"] != now["fingerprint"]:
            new_versions = sorted(hist.get(item_id, set()) - set(old.get("changed_in", [])))
            if now["kind"] in ("MAPPA step", "standard", "tool") and not new_versions:
                refused.append(f"{item_id}: text changed but no new history entry with normative: true.")
                continue
            old["fingerprint"] = now["fingerprint"]
            old.setdefault("changed_in", []).extend(new_versions or [data.site.version])
            changed += 1
        if item_id in words and old.get("wording") != words[item_id]:
            if old.get("wording"):  # the rule reads differently now: keep the words it had until this edition
                old.setdefault("earlier", []).append({"until": data.site.version, "wording": old["wording"]})
            old["wording"] = words[item_id]
    gone = [i for i, e in reg.items() if i not in cur and e.get("status") != "retired"]
    for i in gone:
        refused.append(f"{i} was published and is gone: retire it by hand in {REGISTER} or restore it.")
    if refused:
        print("Register not updated:\n  " + "\n  ".join(refused), file=sys.stderr)
        return 1
    entries = [reg[k] for k in sorted(reg)]
    (ROOT / REGISTER).write_text(HEADER + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"Register updated: {added} new, {changed} changed, {len(entries)} ids in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
