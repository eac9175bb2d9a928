"""`make bench`'s reload figure: save a data file under `make serve` and time until the changed page is served,
split into its phases as `make serve` reports them.

Usage: python scripts/bench_reload.py [--engine mkdocs|zensical] [--runs 3] [PROJECT]
(PROJECT: a copy of the project to edit, made in a temporary folder when left out; this folder is never edited.)

One run: a one-line edit to one record (a line of what the tool RM2000 does not tell, or with --edit name
its name, shown on every page that names it), then the time until http://127.0.0.1:PORT/tools/rm2000/ answers with the new text. The phases, from
the lines `make serve` prints: load, check, generate (scripts/serve.py), MkDocs' rebuild and the post-build step
(guidance/engines/mkdocs_plugin.py), and the rest (noticing the saved file, waiting, serving). The *_cpu
figures are the CPU seconds of the thread doing each phase: on a busy machine (2 cores shared) they tell what
the phase costs better than the wall clock does.
"""
from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parents[1]
PAGE = "/tools/rm2000/"
RECORD = Path("data") / "tools" / "rm2000.yaml"
NAME = "Risk Matrix 2000"  # on the page: it is served
EDITS = {  # the line edited: a one-line text shown on the tool's pages, or its name (on every page naming it)
    "text": "  - How serious any new offence would be.",
    "name": "name: Risk Matrix 2000",
}

_REGENERATED = re.compile(r"Regenerated: (.*?);")
_BEFORE = re.compile(r"Regenerated in ([\d.]+) s")  # the serve.py of before issue #30: one figure
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
_POST = re.compile(r"Rebuilt .*: MkDocs ([\d.]+) s \(CPU ([\d.]+) s\), then the post-build step: load ([\d.]+) s, "
                   r"step ([\d.]+) s \(CPU ([\d.]+) s\)")


class _Log:
    """The lines a running `make serve` prints, each with the time it came."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def since(self, t: float) -> list[str]:
        return [line for when, line in list(self.lines) if when >= t]


def phases(lines: list[str]) -> dict[str, float]:
    """Seconds by phase, from the lines of one reload (MkDocs may rebuild a second time, with no page, after
    the page was served: the first rebuild counts)."""
    out: dict[str, float] = {}
    for line in lines:
        if m := _REGENERATED.search(line):
            out.update({k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+) s", m.group(1))})
        elif m := _BEFORE.search(line):
            out["check_and_generate"] = float(m.group(1))
        elif (m := _POST.search(line)) and "post_cpu" not in out:  # the first rebuild: the page is served after it
            out["mkdocs_rebuild"], out["mkdocs_rebuild_cpu"], out["post_load"], out["post_step"], out["post_cpu"] = (
                float(x) for x in m.groups())
        elif (m := _BUILT.search(line)) and "mkdocs_rebuild" not in out:  # before issue #30: MkDocs' own figure
            out["mkdocs_rebuild"] = float(m.group(1))
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def reload_runs(project: Path, engine: str = "mkdocs", runs: int = 3, edit: str = "text") -> list[dict]:
    """Edit one record `runs` times under `make serve`; for each: total seconds and the phases."""
    line = EDITS[edit]
    port = _free_port()
    proc = subprocess.Popen([PY, "-u", str(project / "scripts" / "serve.py"), "--engine", engine, "--port", str(port),
                             "--root", str(project)], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    log = _Log(proc.stdout)
    url = f"http://127.0.0.1:{port}{PAGE}"
    record = project / RECORD
    original = record.read_text(encoding="utf-8")
    out = []
    try:
        deadline = time.time() + 300
        while NAME not in _served(url):
            if time.time() > deadline or proc.poll() is not None:
                raise SystemExit(f"{engine} serve did not start:\n" + "\n".join(line for _t, line in log.lines[-30:]))
            time.sleep(0.5)
        time.sleep(3)  # let the first build settle
        for k in range(runs):
            word = f"Reloadcheck{k}{engine}"
            t = time.perf_counter()
            record.write_text(original.replace(line, f"{line} {word}", 1), encoding="utf-8")
            while word not in _served(url) and time.perf_counter() - t < 120:
                time.sleep(0.02)
            total = time.perf_counter() - t
            time.sleep(2)  # the lines of this reload, and a quiet machine for the next
            got = {"total": total, **phases(log.since(t))}
            got["rest"] = total - sum(v for key, v in got.items() if key != "total" and not key.endswith("_cpu"))
            out.append(got)
    finally:
        record.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return out


def describe(runs: list[dict]) -> str:
    keys = [k for k in ("load", "check", "generate", "check_and_generate", "mkdocs_rebuild", "post_load", "post_step", "rest",
                        "load_cpu", "generate_cpu", "mkdocs_rebuild_cpu", "post_cpu") if any(k in r for r in runs)]
    med = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in ["total", *keys]}
    return (f"median {med['total']:.2f} s of " + ", ".join(f"{r['total']:.2f}" for r in runs) + " (median by phase: "
            + ", ".join(f"{k} {med[k]:.2f} s" for k in keys) + ")")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("project", nargs="?")
    ap.add_argument("--engine", default="mkdocs")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--edit", choices=sorted(EDITS), default="text")
    args = ap.parse_args()
    work = None
    if args.project:
        project = Path(args.project).resolve()
    else:
        work = Path(tempfile.mkdtemp(prefix="reload-"))
        project = work / "project"
        for name in ("data", "docs", "editions", "guidance", "overrides", "scripts", "reader-text"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    try:
        runs = reload_runs(project, args.engine, args.runs, args.edit)
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)
    for k, r in enumerate(runs):
        print(f"run {k + 1}: " + ", ".join(f"{key} {v:.2f} s" for key, v in r.items()))
    print(f"reload ({args.engine}): {describe(runs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
