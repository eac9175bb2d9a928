"""Validated, strict, atomic build: the site is replaced only when the whole build succeeds.

Usage: python scripts/build.py [--site DIR]
1. Run the editors' check (the same as `make check`: data/, docs/ pages and their macro calls, the
   writing rules) and stop with every problem listed, before MkDocs is started.
2. Build with `mkdocs build --strict` into a temporary folder next to the target.
3. Add the kept editions: unpack every older edition (editions/<version>.zip, listed in
   data/editions.yaml) into editions/<version>/ and mark each of its pages as not current
   (macros/site/editions.py).
4. Check every internal link and anchor of the output, old editions included (macros/site/linkcheck.py).
5. Only on success, swap the new folder in. A failed build leaves the last good site untouched.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.check import check_project, report
from macros.site.editions import add_editions
from macros.site.linkcheck import check

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(ROOT / "site"), help="output folder (default: site/)")
    args = ap.parse_args()
    target = Path(args.site).resolve()
    data, problems = check_project(ROOT)
    if problems:
        print(report(problems), file=sys.stderr)
    if any(not p.warning for p in problems):
        print(f"\nBuild stopped before it started. The site in {target} was left as it was.", file=sys.stderr)
        return 1

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    # never pass -v: in MkDocs 1.6 it switches off anchor validation
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp)],
        cwd=ROOT, env=env,
    )
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"\nBuild failed (exit {proc.returncode}). The site in {target} was left as it was.", file=sys.stderr)
        return 1
    t_ed = time.perf_counter()
    for rep in add_editions(tmp, data):
        print(f"Edition {rep.version}: {rep.pages} pages marked as not current, {rep.bytes_on_disk / 1e6:.1f} MB "
              f"unpacked from a {rep.archive_bytes / 1e6:.1f} MB archive.")
    print(f"Editions added in {time.perf_counter() - t_ed:.1f} s.")
    # raw HTML and theme links are not covered by MkDocs' own validation: check every link and anchor
    _pages, _links, broken = check(tmp)
    if broken:
        shutil.rmtree(tmp, ignore_errors=True)
        print("Broken internal links or anchors:\n  " + "\n  ".join(broken[:50]), file=sys.stderr)
        print(f"\nBuild failed. The site in {target} was left as it was.", file=sys.stderr)
        return 1
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    tmp.rename(target)
    if old:
        shutil.rmtree(old, ignore_errors=True)
    pages = sum(1 for _ in target.rglob("index.html"))
    print(f"Built {target} in {time.perf_counter() - start:.1f} s ({pages} HTML pages including permanent links).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
