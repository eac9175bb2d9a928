"""Record newly published ids and changed words in data/id-register.yaml (`make register`; `make release`
runs it too). The rules are in guidance/data/register.py, the same module `make check` uses:

- a new id is added with the site version as first_published;
- a step, standard or tool whose words changed is recorded only when it has a history entry for the
  edition being prepared (kind: wording or kind: meaning); its earlier words are kept;
- an id that has gone is never removed: retire it by hand (status: retired, retired_in, reason,
  successor) so its permanent link explains what happened.
Nothing is written while any problem is left; every problem is listed with its file and line.

Usage: python scripts/update_register.py [project-root]
"""
from __future__ import annotations

import sys
from pathlib import Path

from guidance.data.errors import report
from guidance.data.loader import DataErrors, load_site
from guidance.data.register import REGISTER, compare, register_text
from guidance.paths import ids

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]


def main() -> int:
    try:
        data = load_site(ROOT)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    out = compare(data, ids(data))
    if out.problems:
        print(report(out.problems) + "\nThe id register was not changed.", file=sys.stderr)
        return 1
    text = register_text(out.entries)
    path = ROOT / REGISTER
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(f"Register already up to date: {len(out.entries)} ids.")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"Register updated: {out.added} new, {out.changed} changed, {len(out.entries)} ids in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
