"""Validated, strict, atomic build: the site is replaced only when the whole build succeeds.

Usage: python scripts/build.py [--site DIR] [--engine mkdocs|zensical] [--tree DIR]
1. Generate (scripts/generate.py): run the editors' check (the same as `make check`: data/, docs/ pages
   and their macro calls, the writing rules) and stop with every problem listed, before any engine is
   started; then write the engine-neutral source tree (build/src/).
2. Build the tree with the engine (`mkdocs build --strict`, the default, or Zensical) into a temporary
   folder next to the target; then the engine-neutral post-build step (macros/site/postbuild.py:
   permanent links, search keys, readability report).
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
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

from macros.engines import run
from macros.site.editions import add_editions
from macros.site.linkcheck import check
from macros.site.postbuild import finish_site
from macros.site.source_tree import DEFAULT_OUT

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(ROOT / "site"), help="output folder (default: site/)")
    ap.add_argument("--engine", default=os.environ.get("ENGINE") or "mkdocs", choices=run.ENGINES)
    ap.add_argument("--tree", default=str(ROOT / DEFAULT_OUT), help="the generated source tree (default: build/src/)")
    args = ap.parse_args()
    target = Path(args.site).resolve()
    start = time.perf_counter()
    data, _rep = generate(Path(args.tree))
    if data is None:
        print(f"\nBuild stopped before it started. The site in {target} was left as it was.", file=sys.stderr)
        return 1
    t_gen = time.perf_counter() - start

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    t_engine = time.perf_counter()
    rc = run.build(args.engine, Path(args.tree), tmp)
    if rc != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"\nBuild failed ({args.engine}, exit {rc}). The site in {target} was left as it was.", file=sys.stderr)
        return 1
    t_engine = time.perf_counter() - t_engine
    done = finish_site(data, tmp, args.engine)
    print("\n".join(done.log_lines()))
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
    print(f"Built {target} with {args.engine} in {time.perf_counter() - start:.1f} s (generation {t_gen:.1f} s, "
          f"engine {t_engine:.1f} s; {pages} HTML pages including permanent links).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
