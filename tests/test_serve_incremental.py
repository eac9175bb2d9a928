"""Issue #30: what `make serve` keeps from one save to the next (README "Live reload"): the parsed YAML of files
whose text did not change, the exports' laid-out JSON, MkDocs' not_in_nav as one set of paths and the theme's
file list. Each kept thing gives what making it anew gives; the live server follows a second file after the
first, and a broken file after both."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pathspec
import pytest

from guidance.data import read
from guidance.data.loader import DataErrors, load_site
from guidance.engines.mkdocs_live import ListedPaths
from guidance.site import exports
from guidance.site.error_page import ERROR_HEADER


def test_a_save_parses_again_only_the_changed_file_and_sees_every_edit(small_project):
    sara, rm = small_project / "data" / "tools" / "sara.yaml", small_project / "data" / "tools" / "rm2000.yaml"
    first = load_site(small_project)
    kept = read.parsed(rm)
    sara.write_text(sara.read_text(encoding="utf-8").replace("outside intimate relationships", "outside the home"),
                    encoding="utf-8")
    second = load_site(small_project)
    assert "Risk of violence to people outside the home." in second.tool("TOOL-SARA").does_not_tell
    assert read.parsed(rm) is kept  # the other file: the same parse
    assert second.tool("TOOL-RM2000") is not first.tool("TOOL-RM2000")  # validated anew: records are never shared
    # a second, different file, then a mistake: named at once; mended: both edits are there
    good = rm.read_text(encoding="utf-8")
    rm.write_text(good.replace("\nabbr:", "\nabbr: [", 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site(small_project)
    assert any(p.file == "data/tools/rm2000.yaml" for p in caught.value.problems)
    with pytest.raises(DataErrors):  # a file that does not parse is never kept: named again
        load_site(small_project)
    rm.write_text(good.replace("name: Risk Matrix 2000", "name: Risk Matrix 2000 (edited)"), encoding="utf-8")
    third = load_site(small_project)
    assert third.tool("TOOL-RM2000").name == "Risk Matrix 2000 (edited)"
    assert "Risk of violence to people outside the home." in third.tool("TOOL-SARA").does_not_tell


def test_not_in_nav_as_one_set_of_paths_answers_as_the_gitignore_patterns():
    listed = ["/tools/rm2000.md", "/flows/bench-report/rm2000/b1/young/index.md", "/a b/c.md"]
    spec = pathspec.GitIgnoreSpec.from_lines(listed)
    fast = ListedPaths.of(spec)
    assert isinstance(fast, ListedPaths)
    for path in ["tools/rm2000.md", "tools/rm2000.md/x.png", "tools/rm2000.mdx", "x/tools/rm2000.md", "tools",
                 "flows/bench-report/rm2000/b1/young/index.md", "flows/bench-report/rm2000/b1/index.md", "a b/c.md",
                 "index.md"]:
        assert fast.match_file(path) == spec.match_file(path), path
    for other in (["/tools/*.md"], ["tools/rm2000.md"], ["/tools/"], ["!/tools/x.md"]):  # patterns: kept as they are
        spec = pathspec.GitIgnoreSpec.from_lines(other)
        assert ListedPaths.of(spec) is spec


def test_an_export_laid_out_from_memory_is_the_one_laid_out_anew():
    lay = exports._Indented()  # noqa: SLF001
    value = {"items": [{"id": "X", "text": "é", "n": 1.5}], "site": "S"}
    assert lay("a.json", value) == json.dumps(value, indent=2, ensure_ascii=False)
    value["items"][0]["text"] = "changed"
    assert lay("a.json", value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert lay("b.json", {"n": 1}) == json.dumps({"n": 1}, indent=2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace"), dict(r.headers)
    except (urllib.error.URLError, ConnectionError):
        return "", {}


def _wait(url: str, ok, what: str, log) -> str:
    for _ in range(240):
        page, headers = _get(url)
        if ok(page, headers):
            return page
        time.sleep(0.5)
    raise AssertionError(f"{what}:\n" + log.read_text()[-3000:])


def test_serve_follows_a_second_file_after_the_first_then_a_mistake(small_buildable, tmp_path):
    project = small_buildable
    rm, sara = project / "data" / "tools" / "rm2000.yaml", project / "data" / "tools" / "sara.yaml"
    port, log = _free_port(), tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port), "--root", str(project)],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/tools/sara/", lambda p, h: "outside intimate relationships" in p, "the preview did not start", log)
        rm.write_text(rm.read_text(encoding="utf-8").replace("How serious any", "How grave any"), encoding="utf-8")
        _wait(f"{base}/tools/rm2000/", lambda p, h: "how grave any" in p, "the first edit never reached its page", log)
        sara.write_text(sara.read_text(encoding="utf-8").replace("outside intimate relationships", "outside the home"),
                        encoding="utf-8")
        page = _wait(f"{base}/tools/sara/", lambda p, h: "outside the home" in p, "the second file's edit never came", log)
        assert ERROR_HEADER not in _get(f"{base}/tools/sara/")[1] and "outside intimate relationships" not in page
        assert "how grave any" in _get(f"{base}/tools/rm2000/")[0]  # the first edit stays
        good = sara.read_text(encoding="utf-8")
        sara.write_text(good.replace("\nabbr:", "\nabbr: [", 1), encoding="utf-8")
        page = _wait(f"{base}/tools/sara/", lambda p, h: ERROR_HEADER in h, "the broken file never showed the error page",
                     log)
        assert "data/tools/sara.yaml" in page
        sara.write_text(good, encoding="utf-8")
        _wait(f"{base}/tools/sara/", lambda p, h: ERROR_HEADER not in h and "outside the home" in p,
              "the mended file never brought the site back", log)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
