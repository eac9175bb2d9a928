"""`make bench`'s test-lane figures: the wall time of the two test lanes, `make test-fast` and `make test`.

Each lane is its pytest run as the Makefile has it (the marker expression is read from the Makefile, so the
figure cannot drift from the lane), on the Makefile's workers (its XDIST options, asked of make itself), without
`make lint` before it."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def lane_arguments(makefile: Path = ROOT / "Makefile") -> dict[str, list[str]]:
    """The pytest arguments of each lane, from the recipe of its Makefile target."""
    text = makefile.read_text(encoding="utf-8")
    lanes = {}
    for lane in ("test-fast", "test"):
        recipe = re.search(rf"(?m)^{re.escape(lane)}:.*\n\t.*-m pytest(.*)$", text)
        if recipe is None:
            raise SystemExit(f"Makefile: no pytest recipe under the target '{lane}'")
        lanes[lane] = shlex.split(recipe.group(1))
    return lanes


def worker_options(root: Path = ROOT) -> list[str]:
    """The pytest-xdist options the Makefile's lanes run with (its XDIST; empty when PYTEST_WORKERS=0 or no
    Makefile says any)."""
    proc = subprocess.run(["make", "-s", "--no-print-directory", "--eval", "print-xdist: ; @printf '%s\\n' '$(XDIST)'",
                           "print-xdist"], cwd=root, capture_output=True, text=True)
    return shlex.split(proc.stdout) if proc.returncode == 0 else []


def lane_seconds(lanes: dict[str, list[str]], root: Path = ROOT) -> dict[str, dict]:
    """lane -> {seconds, passed, summary (pytest's last line)}, each lane run once, one after the other."""
    out = {}
    workers = worker_options(root) if (root / "Makefile").exists() else []
    # the lane runs with the Makefile's worker options alone: not with those of a pytest run it is started from
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    for lane, args in lanes.items():
        t = time.perf_counter()
        proc = subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *workers, *args], cwd=root,
                              capture_output=True, text=True, env=env)
        last = (proc.stdout.strip().splitlines() or [""])[-1].strip("= ")
        out[lane] = {"seconds": time.perf_counter() - t, "passed": proc.returncode == 0, "summary": last}
    return out
