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
    _public_address(data)
    try:
        rep = write_tree(data, root, out)
    except (TreeError, PageError) as exc:
        print(str(exc), file=sys.stderr)
        return None, None
    if not quiet:
        print(f"Generated {out}: {rep.files} files, {len(rep.written)} written, {len(rep.removed)} removed, "
              f"in {time.perf_counter() - t0:.2f} s.")
    return data, rep


def _public_address(data) -> None:
    """A placeholder public address is reported on every build, and refused when
    GUIDANCE_REQUIRE_PUBLIC_URL is set, as a release to the public host should."""
    import os

    site = data.site
    if not site.public_url_is_placeholder:
        return
    if os.environ.get("GUIDANCE_REQUIRE_PUBLIC_URL"):
        raise SystemExit(f"data/site.yaml: public_url is still the placeholder {site.public_url}. Set the site's real "
                         "public address before publishing (GUIDANCE_REQUIRE_PUBLIC_URL is set).")
    print(f"PLACEHOLDER public address: citations, printed links and PDFs show {site.public_url}. Set public_url in "
          "data/site.yaml to the real address before publishing.")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / DEFAULT_OUT))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    data, _rep = generate(Path(args.out), args.quiet)
    return 0 if data is not None else 1


if __name__ == "__main__":
    sys.exit(main())
