"""Newcomer traps at the front door: a root `mkdocs build` says what to run instead, and each Makefile target
listens on the port the README gives it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mkdocs_at_the_root_says_to_run_make_build(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=ROOT,
                          capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=300)
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Run `make build`" in said and "source of the generated configuration" in said
    assert "WARNING" not in said and not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(("target", "port"), [("serve", "8000"), ("preview", "8080")])
def test_each_target_has_its_own_default_port(target, port):
    env = {k: v for k, v in os.environ.items() if k != "PORT"}
    out = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, env=env).stdout
    assert f"--port {port}" in out
    other = subprocess.run(["make", "-n", target, "PORT=9123"], cwd=ROOT, capture_output=True, text=True, env=env).stdout
    assert "--port 9123" in other
