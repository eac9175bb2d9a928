"""Check everything an editor can touch (data/, docs/ pages and their macro calls, the writing rules)
without building the site.

Usage: python scripts/check_data.py [project-root]
Exit 0 and one line when all is well (warnings, if any, are listed); exit 1 with every problem listed otherwise.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from build_options import options_or_none

from guidance.check import check_project, report

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]


def main() -> int:
    start = time.perf_counter()
    options = options_or_none(argparse.Namespace())  # PUBLIC_URL and SITE_TODAY from the environment, as a build has them
    if options is None:
        return 1
    data, problems = check_project(ROOT, options, reader_text=True)
    if problems:
        print(report(problems), file=sys.stderr)
    if data is None or any(not p.warning for p in problems):
        return 1
    print(
        f"Data OK: {len(data.recs)} recommendations, {len(data.sources)} sources, {len(data.steps)} MAPPA steps, "
        f"{len(data.standards)} standards, {len(data.tools)} tools, {len(data.terms)} glossary terms, "
        f"{len(data.pages)} pages; docs/ pages, writing rules and the reader text checked in {time.perf_counter() - start:.1f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
