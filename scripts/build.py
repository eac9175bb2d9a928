"""Validated, strict, atomic build: the site is replaced only when the whole build succeeds.

Usage: python scripts/build.py [--site DIR] [--engine mkdocs|zensical] [--tree DIR] [--public-url URL] [--release]
                             [--check-editions]
(the build's options: scripts/build_options.py). The source tree is build/src/ for the default site folder;
a build into another folder (tests, make dist) writes a tree of its own beside it and removes it after.
1. Generate (scripts/generate.py): run the editors' check (the same as `make check`: data/, docs/ pages
   and their macro calls, the writing rules) and stop with every problem listed, before any engine is
   started; then write the engine-neutral source tree (build/src/).
2. Build the tree with the engine (`mkdocs build --strict`, the default, or Zensical) into a temporary
   folder next to the target; then the engine-neutral post-build step (guidance/engines/output/postbuild.py:
   permanent links, search keys, readability report).
3. Add the kept editions: unpack every older edition (editions/<version>.zip, listed in
   data/editions.yaml) into editions/<version>/ and mark each of its pages as not current
   (guidance/engines/output/editions.py).
4. Check every internal link and anchor of the output (guidance/engines/output/linkcheck.py). The kept editions' frozen
   pages are checked when an edition is cut (`make release` passes --check-editions) and by
   tests/test_editions.py; an ordinary build checks only the links into them.
5. Only on success, swap the new folder in. A failed build leaves the last good site untouched.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from build_options import add_arguments, options_or_none
from generate import generate

from guidance.engines import run
from guidance.engines.output.editions import add_editions
from guidance.engines.output.linkcheck import check
from guidance.engines.output.postbuild import finish_site
from guidance.options import BuildOptions
from guidance.paths import edition_root
from guidance.site.source_tree import DEFAULT_OUT

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(ROOT / "site"), help="output folder (default: site/)")
    ap.add_argument("--check-editions", action="store_true",
                    help="also check the links of the kept editions' frozen pages (make release does)")
    add_arguments(ap)
    args = ap.parse_args()
    target = Path(args.site).resolve()
    options = options_or_none(args)
    if options is None:
        return 1
    own_tree = None
    if options.tree is None and target != (ROOT / "site").resolve():  # never the checkout's build/src/
        target.parent.mkdir(parents=True, exist_ok=True)
        own_tree = Path(tempfile.mkdtemp(prefix=f".{target.name}-src-", dir=target.parent))
        options = replace(options, tree=own_tree)
    try:
        return build(options, target, args.check_editions)
    finally:
        if own_tree is not None:
            shutil.rmtree(own_tree, ignore_errors=True)


def build(options: BuildOptions, target: Path, check_editions: bool = False) -> int:  # long: the five steps of the docstring, in order
    tree = options.tree or (ROOT / DEFAULT_OUT)
    start = time.perf_counter()
    data, _rep = generate(options)
    if data is None:
        print(f"\nBuild stopped before it started. The site in {target} was left as it was.", file=sys.stderr)
        return 1
    t_gen = time.perf_counter() - start

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    t_engine = time.perf_counter()
    rc = run.build(options.engine, tree, tmp)
    if rc != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"\nBuild failed ({options.engine}, exit {rc}). The site in {target} was left as it was.", file=sys.stderr)
        return 1
    t_engine = time.perf_counter() - t_engine
    done = finish_site(data, tmp, options.engine)
    print("\n".join(done.log_lines()))
    t_ed = time.perf_counter()
    kept = add_editions(tmp, data)
    for rep in kept:
        print(f"Edition {rep.version}: {rep.pages} pages marked as not current, {rep.bytes_on_disk / 1e6:.1f} MB "
              f"unpacked from a {rep.archive_bytes / 1e6:.1f} MB archive.")
    print(f"Editions added in {time.perf_counter() - t_ed:.1f} s.")
    # raw HTML and theme links are not covered by MkDocs' own validation: check every link and anchor; the
    # kept editions' frozen pages were checked when they were cut (make release), unless asked again
    frozen = [] if check_editions else [edition_root(rep.version) for rep in kept]
    t_check = time.perf_counter()
    n_pages, n_links, broken = check(tmp, frozen)
    print(f"Links checked in {time.perf_counter() - t_check:.1f} s: {n_links} links of {n_pages} pages"
          + (f" (the frozen pages of {len(frozen)} kept editions were checked when each was cut)." if frozen else "."))
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
    print(f"Built {target} with {options.engine} in {time.perf_counter() - start:.1f} s (generation {t_gen:.1f} s, "
          f"engine {t_engine:.1f} s; {pages} HTML pages including permanent links).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
