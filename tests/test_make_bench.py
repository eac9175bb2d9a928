"""`make bench` at a small scale, so that it cannot break unseen: the synthetic records it makes (every tool
copied with new ids) pass the release rules, and each engine builds them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.node  # the offline pack's figures need node_modules/iframe-worker
def test_bench_runs_at_x1_and_x2(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--scales", "1,2", "--quick", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=3000)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    got = json.loads(out.read_text(encoding="utf-8"))
    one, two = got["1"], got["2"]
    assert two["tools"] == 2 * one["tools"] and two["pages"] > one["pages"]
    for figure in ("generate_s", "mkdocs_s", "zensical_s", "plain_build_s"):
        assert one[figure] > 0 and two[figure] > 0, figure
