"""The editors' check never crashes (issue 31): an impossible value is a message with file, line and field; a
hidden over-indented key is reported at its own line; every macro argument is checked from one description;
`make serve` stays up and says "use PORT=..." when its port is taken; `make preview` stops its nginx however
it is ended."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from guidance.check import check_project
from guidance.site import page_macros

ROOT = Path(__file__).resolve().parents[1]


def _errors(project: Path) -> list[str]:
    _data, problems = check_project(project)
    return [str(p) for p in problems if not p.warning]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _review_line(path: Path) -> int:
    """The line of the record's 'last_reviewed' date, found in the file (no line number typed in)."""
    return next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "last_reviewed:" in row)


def test_an_impossible_date_is_a_message_with_file_line_and_field_never_a_traceback(project):
    _replace(project / "data/tools/hcr-20-v3.yaml", "last_reviewed: 2026-11-25", "last_reviewed: 2026-13-31")
    line = _review_line(project / "data/tools/hcr-20-v3.yaml")
    found = _errors(project)
    assert len(found) == 1 and found[0].startswith(f"data/tools/hcr-20-v3.yaml:{line}:"), found
    assert "field 'last_reviewed'" in found[0] and "'2026-13-31' is not a real date" in found[0] and "YYYY-MM-DD" in found[0]
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/check_data.py"), str(project)], capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and f"hcr-20-v3.yaml:{line}" in proc.stderr


def test_a_key_indented_into_the_text_above_is_reported_at_its_own_line(project):
    path = project / "data/tools/hcr-20-v3.yaml"
    rows = path.read_text(encoding="utf-8").split("\n")
    line = rows.index("not_validated_for:") + 1
    _replace(path, "\nnot_validated_for:", "\n    not_validated_for:")
    found = _errors(project)
    assert any(f"hcr-20-v3.yaml:{line} " in p and "'not_validated_for' is indented" in p for p in found), found


def test_every_macro_argument_is_checked_from_one_description(project, monkeypatch):
    _replace(project / "docs/index.md", 'download_line("offline",', 'download_line("offline-typo",')
    found = _errors(project)
    assert any("docs/index.md:" in p and "unknown download 'offline-typo'" in p and "Did you mean 'offline'" in p
               for p in found), found

    def new_macro(data, src, tool_id):  # a macro added without describing its argument
        return tool_id

    monkeypatch.setitem(page_macros.MACROS, "new_macro", new_macro)
    found = _errors(project)
    assert any("MACRO_ARGS" in p and "new_macro(tool_id)" in p for p in found), found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_says_use_port_when_its_port_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "scripts/serve.py", "--port", str(port)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and f"PORT={port + 1}" in proc.stderr and "Traceback" not in proc.stderr


def test_serve_stays_up_through_an_impossible_date_and_shows_it_in_the_browser(project):
    _replace(project / "data/tools/hcr-20-v3.yaml", "last_reviewed: 2026-11-25", "last_reviewed: 2026-13-31")
    line = _review_line(project / "data/tools/hcr-20-v3.yaml")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port), "--root", str(project)],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        page = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    page = r.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.5)
        assert page is not None and "is not a real date" in page and f"hcr-20-v3.yaml:{line}" in page
        assert proc.poll() is None  # still serving
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


CHILD = "import os, sys, time; print(os.getpid(), flush=True); time.sleep(120)"
RUNNER = ("import sys, tempfile, pathlib; from guidance.engines.output.nginx_preview import run_until_stopped; "
          f"sys.exit(run_until_stopped([sys.executable, '-c', {CHILD!r}], pathlib.Path(tempfile.mkdtemp())))")


def _gone(pid: int, wait: float = 10) -> bool:
    end = time.time() + wait
    while time.time() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a child of ours that ended but was not reaped yet counts as gone
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                return True
        except ChildProcessError:
            pass
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
def test_preview_stops_its_server_however_it_is_ended(how):
    runner = subprocess.Popen([sys.executable, "-c", RUNNER], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        child = int(runner.stdout.readline())
        runner.send_signal(how)
        runner.wait(timeout=30)
        assert _gone(child), f"the server outlived make preview after signal {how.name}"
    finally:
        if runner.poll() is None:
            runner.kill()
