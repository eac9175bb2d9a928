"""`make serve`: generate, start the engine's live-reloading server on the generated tree, and regenerate
whenever an editor saves a file in data/, docs/ or overrides/ (or mkdocs.yml).

Usage: python scripts/serve.py [--engine mkdocs|zensical] [--address 127.0.0.1:8000]
The generator rewrites only the files whose text changed, so the engine rebuilds only what changed.
A data edit with a mistake is reported here and the last good pages stay served.
Restart after editing code in macros/.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from generate import generate

from macros.engines import run
from macros.site.source_tree import DEFAULT_OUT

ROOT = Path(__file__).resolve().parents[1]
WATCHED = ("data", "docs", "overrides")


def snapshot() -> dict[str, float]:
    out = {}
    for name in WATCHED:
        for p in (ROOT / name).rglob("*"):
            if p.is_file():
                try:
                    out[str(p)] = p.stat().st_mtime_ns
                except OSError:
                    pass
    cfg = ROOT / "mkdocs.yml"
    out[str(cfg)] = cfg.stat().st_mtime_ns
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", default=os.environ.get("ENGINE") or "mkdocs", choices=run.ENGINES)
    ap.add_argument("--address", default=f"127.0.0.1:{os.environ.get('PORT') or 8000}")
    ap.add_argument("--interval", type=float, default=0.2)
    args = ap.parse_args()
    tree = ROOT / DEFAULT_OUT
    data, _ = generate(tree)
    if data is None:
        return 1
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(run.serve_command(args.engine, tree, args.address), cwd=tree, env=env)
    seen = snapshot()
    try:
        while server.poll() is None:
            time.sleep(args.interval)
            now = snapshot()
            if now == seen:
                continue
            seen = now
            t0 = time.perf_counter()
            data, rep = generate(tree, quiet=True)
            if rep is not None:
                print(f"Regenerated in {time.perf_counter() - t0:.2f} s: {len(rep.written)} files changed "
                      f"({', '.join(rep.written[:5])}{' ...' if len(rep.written) > 5 else ''}).", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
