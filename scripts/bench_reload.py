"""`make bench`'s reload figure: save a data file under `make serve` and time until the changed page is served."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PY = sys.executable


def reload_seconds(project: Path, engine: str, runs: int = 3) -> list[float]:
    """Save a data file under `make serve` (scripts/serve.py) and time until the changed page is served."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([PY, str(project / "scripts" / "serve.py"), "--engine", engine, "--port", str(port),
                             "--root", str(project)], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/tools/rm2000/"
    tool = project / "data" / "tools" / "rm2000.yaml"
    original = tool.read_text(encoding="utf-8")

    def served() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read().decode("utf-8", "replace")
        except OSError:
            return ""

    times = []
    try:
        deadline = time.time() + 300
        while "Risk Matrix 2000" not in served():
            if time.time() > deadline or proc.poll() is not None:
                raise SystemExit(f"{engine} serve did not start")
            time.sleep(0.5)
        time.sleep(3)  # let the first build settle
        for k in range(runs):
            word = f"Reloadcheck{k}{engine}"
            tool.write_text(original.replace("name: Risk Matrix 2000", f"name: Risk Matrix 2000 {word}", 1), encoding="utf-8")
            t = time.perf_counter()
            while word not in served():
                if time.perf_counter() - t > 120:
                    break
                time.sleep(0.05)
            times.append(time.perf_counter() - t)
            time.sleep(2)
    finally:
        tool.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return times
