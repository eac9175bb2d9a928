"""Generate the engine-neutral source tree (build/src/) from data/ and docs/, after the editors' check.

Usage: python scripts/generate.py [--out DIR] [--quiet]
Writes only files whose text changed; exits 1 with every problem listed when the check fails.
See macros/site/source_tree.py for what the tree holds.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from macros.check import check_project, report
from macros.public_url import ENV, PublicUrlError, public_url
from macros.site.docs_render import PageError
from macros.site.source_tree import DEFAULT_OUT, TreeError, write_tree

ROOT = Path(__file__).resolve().parents[1]


def generate(out: Path, quiet: bool = False, root: Path = ROOT):
    """(data, report) or (None, None) after printing the problems."""
    t0 = time.perf_counter()
    data, problems = check_project(root)
    if problems:
        print(report(problems), file=sys.stderr)
    if data is None or any(not p.warning for p in problems):
        print("\nNothing was generated: correct the problems above first.", file=sys.stderr)
        return None, None
    if not _public_address():
        return None, None
    try:
        rep = write_tree(data, root, out)
    except (TreeError, PageError) as exc:
        print(str(exc), file=sys.stderr)
        return None, None
    if not quiet:
        print(f"Generated {out}: {rep.files} files, {len(rep.written)} written, {len(rep.removed)} removed, "
              f"in {time.perf_counter() - t0:.2f} s.")
    return data, rep


def _public_address() -> bool:
    """PUBLIC_URL (macros/public_url.py): said on every run; a malformed one stops generation."""
    try:
        url = public_url()
    except PublicUrlError as exc:
        print(str(exc), file=sys.stderr)
        return False
    if url:
        print(f"Public address: {url}")
    else:
        print(f"No public address ({ENV} is not set): pages name paths, not a host. `make dist` needs it.")
    return True


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / DEFAULT_OUT))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    data, _rep = generate(Path(args.out), args.quiet)
    return 0 if data is not None else 1


if __name__ == "__main__":
    sys.exit(main())
