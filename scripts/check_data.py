"""Check everything an editor can touch (data/, docs/ pages and their macro calls, the writing rules)
without building the site.

Usage: python scripts/check_data.py [project-folder]   (python scripts/check_data.py --help says more)
Exit 0 and one line when all is well (warnings, if any, are listed); exit 1 with every problem listed otherwise.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from build_options import options_or_none

from guidance.check import check_project, report

HERE = Path(__file__).resolve().parents[1]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="check_data.py",
        description="Check the data (data/), the pages (docs/) and the reader text without building the site. "
                    "Prints one line when all is well, or every problem with its file, line, record and field.",
        epilog="Most editors run `make check` from the project folder instead: it runs this script.",
    )
    parser.add_argument("project", nargs="?", default=str(HERE),
                        help="the project folder, the one that holds data/ and docs/ (default: the folder this "
                             "script belongs to, wherever you run it from)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)  # --help prints the usage and exits here, before anything is checked
    root = Path(args.project).resolve()
    if not (root / "data").is_dir():
        print(f"{root} is not a project folder: it has no data/ folder. Name the folder that holds data/ and docs/ "
              f"(for example: python scripts/check_data.py {HERE}), or run `make check` from the project folder.",
              file=sys.stderr)
        return 2
    start = time.perf_counter()
    options = options_or_none(argparse.Namespace())  # PUBLIC_URL and SITE_TODAY from the environment, as a build has them
    if options is None:
        return 1
    data, problems = check_project(root, options, reader_text=True)
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
