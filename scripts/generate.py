"""Generate the engine-neutral source tree (build/src/) from data/ and docs/, after the editors' check.

Usage: python scripts/generate.py [--tree DIR] [--quiet] [--public-url URL] [--today DATE] [--release]
Writes only files whose text changed; exits 1 with every problem listed when the check fails.
See guidance/site/source_tree.py for what the tree holds, scripts/build_options.py for the options.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from build_options import add_arguments, options_or_none

from guidance.check import check_and_render, report
from guidance.options import BuildOptions
from guidance.public_url import ENV
from guidance.site.docs_render import PageError
from guidance.site.source_tree import DEFAULT_OUT, TreeError, write_tree

ROOT = Path(__file__).resolve().parents[1]


def tree_of(options: BuildOptions, root: Path = ROOT) -> Path:
    """Where this build's source tree goes: its own --tree, else the project's build/src/."""
    return options.tree or (root / DEFAULT_OUT)


def generate(options: BuildOptions, quiet: bool = False, root: Path = ROOT):
    """(data, report) or (None, None) after printing the problems. The pages are rendered once, for the check and
    the tree alike (guidance/site/rendering.py)."""
    t0 = time.perf_counter()
    data, problems, rendering = check_and_render(root, options)
    if problems:
        print(report(problems), file=sys.stderr)
    if data is None or any(not p.warning for p in problems):
        print("\nNothing was generated: correct the problems above first.", file=sys.stderr)
        return None, None
    _say_public_address(options)
    out = tree_of(options, root)
    try:
        rep = write_tree(data, root, out, rendering)
    except (TreeError, PageError) as exc:
        print(str(exc), file=sys.stderr)
        return None, None
    if not quiet:
        print(f"Generated {out}: {rep.files} files, {len(rep.written)} written, {len(rep.removed)} removed, "
              f"in {time.perf_counter() - t0:.2f} s.")
    return data, rep


def _say_public_address(options: BuildOptions) -> None:
    """PUBLIC_URL (guidance/public_url.py), said on every run."""
    if options.public_url:
        print(f"Public address: {options.public_url}")
    else:
        print(f"No public address ({ENV} is not set): pages name paths, not a host. `make dist` needs it.")


def main() -> int:
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    options = options_or_none(args)
    if options is None:
        return 1
    data, _rep = generate(options, args.quiet)
    return 0 if data is not None else 1


if __name__ == "__main__":
    sys.exit(main())
