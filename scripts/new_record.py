"""Start a new tool, MAPPA step or source from its template (`make new-tool`, `make new-step`, `make new-source`).

Usage: python scripts/new_record.py tool TOOL-XYZ         -> data/tools/xyz.yaml
       python scripts/new_record.py step meeting          -> a new step at the end of data/mappa/steps/4-meeting.yaml
       python scripts/new_record.py source some-source-id -> a new source at the end of data/sources/general.yaml
Options: --root DIR (the project; default: this one), --file FILE (source: another file in data/sources/).
The templates (scripts/templates/) hold every field, each with a comment saying whether it may be unknown or
left out. What is written passes `make check` as it stands; the check warns until every "REPLACE" is gone.
A new item is published with the edition being prepared: start one first with `make next-edition`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from build_options import today
from edition_state import load_with_draft

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"


def fill(template: str, **values: str) -> str:
    """The template with its placeholders filled; each line's comment stays in its column."""
    out = []
    for line in template.split("\n"):
        new = line
        for key, value in values.items():
            new = new.replace(f"__{key.upper()}__", value)
        col, now = line.find(" #"), new.find(" #")
        if new != line and col > 0 and now > 0 and not line.lstrip().startswith("#"):
            head = new[:now].rstrip()
            new = head + " " * max(1, col + 1 - len(head)) + new[now + 1:]
        out.append(new)
    return "\n".join(out)


def _body(template: str) -> str:
    """The template without its opening comment lines (kept only in a file of its own)."""
    lines = template.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=["tool", "step", "source"])
    ap.add_argument("name", help="tool: TOOL-XYZ; step: the stage id (identification, meeting, ...); source: its id")
    ap.add_argument("--root", default=str(ROOT))
    ap.add_argument("--file", default="general.yaml", help="source: the file in data/sources/ to add it to")
    args = ap.parse_args()
    root = Path(args.root).resolve()
    loaded = load_with_draft(root, "nothing was written")
    if loaded is None:
        return 1
    data, draft = loaded
    if not draft:
        print(f"Edition {data.site.version} is already released. A new item is published with the next edition: "
              "run `make next-edition` first, then this again.", file=sys.stderr)
        return 1
    day = today()
    due = day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) else day + dt.timedelta(days=365)
    common = {"version": data.site.version, "date": day.isoformat(), "due": due.isoformat()}
    template = (TEMPLATES / f"{args.kind}.yaml").read_text(encoding="utf-8")

    if args.kind == "tool":
        if not re.fullmatch(r"TOOL-[A-Z0-9-]+", args.name):
            print("Give the tool id in capitals: make new-tool ID=TOOL-XYZ", file=sys.stderr)
            return 1
        abbr = args.name.removeprefix("TOOL-")
        path = root / "data" / "tools" / f"{abbr.lower()}.yaml"
        if path.exists() or args.name in {t.id for t in data.tools}:
            print(f"{args.name} already exists ({path.relative_to(root)}). Choose another id.", file=sys.stderr)
            return 1
        path.write_text(fill(template, id=args.name, abbr=abbr, **common), encoding="utf-8")
    elif args.kind == "step":
        stage = next((s for s in data.mappa.stages if s.id == args.name), None)
        if stage is None:
            print(f"No stage '{args.name}'. Stages: {', '.join(s.id for s in data.mappa.stages)}.", file=sys.stderr)
            return 1
        path = next((root / "data" / "mappa" / "steps").glob(f"*-{stage.id}.yaml"))
        steps = [s for s in data.steps if s.stage == stage.id]
        code = re.match(r"MAPPA-([A-Z]{2})-", steps[0].id).group(1) if steps else stage.id[:2].upper()
        register = (root / "data" / "id-register.yaml").read_text(encoding="utf-8")
        used = [int(n) for n in re.findall(rf"MAPPA-{code}-(\d+)", register + " ".join(s.id for s in steps))]
        new_id = f"MAPPA-{code}-{max(used, default=0) + 1:02d}"
        order = max((s.order for s in steps), default=0) + 1
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        path.write_text(text + fill(_body(template), id=new_id, stage=stage.id, order=str(order), **common),
                        encoding="utf-8")
        args.name = new_id
    else:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.name) or args.name in data.sources:
            print(f"'{args.name}' cannot be used: give a new id of lower-case letters, digits and hyphens "
                  "(make new-source ID=publisher-topic-2016).", file=sys.stderr)
            return 1
        path = root / "data" / "sources" / args.file
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" if path.exists() else ""
        path.write_text(text + fill(_body(template), id=args.name, **common), encoding="utf-8")
    print(f"{args.name} written to {path.relative_to(root)}. Replace every REPLACE with the real words, then run "
          "`make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
