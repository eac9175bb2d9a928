"""Start the next edition: raise `version` and `version_date` in data/site.yaml (`make next-edition`).

Usage: python scripts/next_edition.py [project-root] [--date YYYY-MM-DD]
The new version is the next calendar version (YYYY.M.N): the first of this month (YYYY.M.0), or the
next number when this month already has an edition. From then on every build is a draft: each page
says "Draft of edition X, not yet published", and the last released edition stays the current one
(Editions page, dates, change feed) until `make release` keeps the new edition. History entries of
the changes you make name the new version.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from build_options import today
from edition_state import load_with_draft

from guidance.data.editions import next_version

ROOT = Path(__file__).resolve().parents[1]
SITE_FILE = "data/site.yaml"


def set_version(text: str, version: str, day: dt.date) -> str:
    """data/site.yaml with a new version and version_date, comments and everything else left as they were."""
    text, n1 = re.subn(r"(?m)^version:.*$", f"version: {version}", text, count=1)
    text, n2 = re.subn(r"(?m)^version_date:.*$", f"version_date: {day.isoformat()}", text, count=1)
    if not (n1 and n2):
        raise ValueError(f"{SITE_FILE} has no 'version:' or 'version_date:' line at the start of a line")
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root", nargs="?", default=str(ROOT))
    ap.add_argument("--date", help="the day the edition is started (default: today, or SITE_TODAY)")
    args = ap.parse_args()
    root = Path(args.root).resolve()
    day = today(args.date)
    loaded = load_with_draft(root, "no new edition was started")
    if loaded is None:
        return 1
    data, draft = loaded
    site = data.site
    if draft:
        print(f"Edition {site.version} is already being prepared (it is not released yet). Carry on with it: name "
              f"{site.version} in the history entries of what you change, and run `make release SUMMARY=\"...\"` "
              "to publish it.")
        return 0
    new = next_version(site.version, day)
    path = root / SITE_FILE
    path.write_text(set_version(path.read_text(encoding="utf-8"), new, max(day, site.version_date + dt.timedelta(days=1))),
                    encoding="utf-8")
    print(f"Edition {new} started (draft). Name {new} in the history entry of everything you change, for example\n"
          f"  - {{version: {new}, date: {day.isoformat()}, kind: wording, change: \"...\"}}\n"
          f"Builds now say \"Draft of edition {new}, not yet published\"; edition {site.version} stays current until "
          f"you run `make release SUMMARY=\"...\"`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
