"""`make serve PORT=...`: while the data is broken, the browser shows the check's messages (issue #26)."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from guidance.data.errors import Problem
from guidance.site.error_page import ERROR_HEADER, digest, error_page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_error_page_lists_every_problem_escaped():
    problems = [Problem("data/tools/x.yaml", "TOOL-X", "name", "bad <script>alert(1)</script> & more", 3),
                Problem("docs/a.md", "", "", "a warning", 1, warning=True)]
    page = error_page(problems)
    assert page.startswith("<!doctype html>") and "</html>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "data/tools/x.yaml:3 | record TOOL-X | field &#x27;name&#x27;" in page
    assert "The data has 1 problem. Nothing was built." in page  # warnings are listed but not counted
    assert f'data-problems="{digest(problems)}"' in page and ERROR_HEADER in page
    assert "http://" not in page and "https://" not in page  # nothing fetched from elsewhere


def test_serve_shows_the_check_in_the_browser_then_lets_the_site_through(project):
    tool = project / "data" / "tools" / "rm2000.yaml"
    good = tool.read_text(encoding="utf-8")
    tool.write_text(good.replace("\nabbr:", "\nabreviation:", 1), encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port), "--root", str(project)],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/mappa/"
        page, headers = None, None
        for _ in range(60):
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    page, headers = r.read().decode("utf-8"), r.headers
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert page is not None, "nothing answered on the port"
        assert "Nothing was built" in page and "&#x27;abreviation&#x27; is not a field" in page
        first = headers[ERROR_HEADER]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/livereload/123/1", timeout=5) as r:
            assert float(r.read()) > 1e15  # an open page of the site reloads into the messages
        # another mistake: the page's list changes
        tool.write_text(good.replace("\nabbr:", "\nabbrev:", 1), encoding="utf-8")
        for _ in range(40):
            time.sleep(0.5)
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.headers[ERROR_HEADER] != first:
                    assert "abbrev" in r.read().decode("utf-8")
                    break
        else:
            raise AssertionError("the error page did not follow the new mistake")
        # fixed: the error page goes away (the site is being built by mkdocs serve)
        tool.write_text(good, encoding="utf-8")
        for _ in range(40):
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    if ERROR_HEADER not in r.headers:
                        break
            except (urllib.error.URLError, ConnectionError):
                break
        else:
            raise AssertionError("the error page stayed after the data was fixed")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _load_serve_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "serve.py"
    if str(path.parent) not in sys.path:  # serve.py imports its neighbour generate.py, as when run as a script
        sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("scripts_serve", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sys.modules["scripts_serve"] = mod
    return mod


def test_error_server_answers_every_address():
    mod = _load_serve_module()
    problems = [Problem("data/site.yaml", "", "version", "expected a calendar version", 4)]
    srv = mod.ErrorServer(_free_port(), problems)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        port = srv.server_address[1]
        for path in ("/", "/tools/rm2000/", "/no/such/page.html"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                assert r.status == 200 and r.headers[ERROR_HEADER] == digest(problems)
                assert "expected a calendar version" in r.read().decode("utf-8")
    finally:
        srv.shutdown()
        srv.server_close()


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def _nav_titles(page: str) -> list[str]:
    return re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>\s*)?([^<]+?)\s*<', page)


def _index_after_rebuild(base: str, before_index: list[dict]) -> tuple[list[dict], bool, set[str]]:
    """The search index once the post-build step has rewritten it after MkDocs wrote it (it is waited for: no
    fixed time on a busy machine), whether it lists the same pages as before, and which entries changed."""
    for _ in range(120):
        index = json.loads(_get(f"{base}/search/search_index.json") or '{"docs": []}')["docs"]
        same_pages = [d["location"] for d in index] == [d["location"] for d in before_index]
        changed = {d["location"] for d, b in zip(index, before_index, strict=True) if d != b} if same_pages else set()
        if changed and all(loc.startswith("tools/rm2000/") for loc in changed):
            break
        time.sleep(0.5)
    return index, same_pages, changed


def test_serve_shows_an_edited_record_and_keeps_the_rest_of_the_site(small_buildable, tmp_path):
    """After a one-line data edit, MkDocs rebuilds only the changed pages (issue #30): the served page shows
    the new text, its navigation is whole, and the search index keeps every other page's entries. A mistake
    that only the check's later parts find still turns the browser to the error page."""
    project = small_buildable
    tool = project / "data" / "tools" / "rm2000.yaml"
    old, new = "How serious any new offence would be.", "How grave any new offence would be."
    assert old in tool.read_text(encoding="utf-8")
    shown_old, shown_new = "It does not tell you how serious any", "It does not tell you how grave any"
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port), "--root", str(project)],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if shown_old in _get(f"{base}/tools/rm2000/"):
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the preview did not start:\n" + (tmp_path / "serve.log").read_text()[-3000:])
        before_page = _get(f"{base}/tools/rm2000/")
        before_index = json.loads(_get(f"{base}/search/search_index.json"))["docs"]
        tool.write_text(tool.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        for _ in range(240):
            page = _get(f"{base}/tools/rm2000/")
            if shown_new in page:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the edit never reached the page:\n" + (tmp_path / "serve.log").read_text()[-3000:])
        assert shown_old not in page and ERROR_HEADER not in page
        assert _nav_titles(page) == _nav_titles(before_page) and len(_nav_titles(page)) > 10
        index, same_pages, changed = _index_after_rebuild(base, before_index)
        assert same_pages, "a page was lost from the search index"
        assert changed and all(loc.startswith("tools/rm2000/") for loc in changed), changed
        assert any("grave" in d["text"] for d in index if d["location"].startswith("tools/rm2000/"))
        rebuilt = re.findall(r"Rebuilt (\d+) pages: MkDocs", (tmp_path / "serve.log").read_text())  # after the edit
        assert rebuilt and 0 < int(rebuilt[0]) < len({d["location"].split("#")[0] for d in index}) / 4  # dirty
        # a mistake only the rest of the check finds (it runs beside the rebuild): the browser turns to the error page
        tool.write_text(tool.read_text(encoding="utf-8").replace(new, f"{new} You must always score it twice."),
                        encoding="utf-8")
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{base}/tools/rm2000/", timeout=5) as r:
                    if ERROR_HEADER in r.headers:
                        assert "You must always score it twice." in r.read().decode("utf-8")
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        else:
            raise AssertionError("the check's problem never reached the browser")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def test_a_dirty_rebuild_replaces_only_the_rendered_pages_entries_in_the_search_index(tmp_path):
    from guidance.engines.output.rebuild_memory import merge_index
    from guidance.engines.output.search_index import INDEX

    def write(docs):
        (tmp_path / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / INDEX).write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")

    # the first build: every page
    write([{"location": "a/", "text": "A"}, {"location": "a/#x", "text": "X"}, {"location": "b/", "text": "old"}])
    kept = merge_index(str(tmp_path), [], partial=False)
    # a rebuild of two pages: MkDocs' index holds only theirs
    write([{"location": "b/", "text": "new"}, {"location": "b/#y", "text": "Y"}, {"location": "c/", "text": "C"}])
    kept = merge_index(str(tmp_path), kept, partial=True)
    docs = json.loads((tmp_path / INDEX).read_text(encoding="utf-8"))["docs"]
    assert docs == kept
    assert [(d["location"], d["text"]) for d in docs] == [("a/", "A"), ("a/#x", "X"), ("b/", "new"), ("b/#y", "Y"),
                                                          ("c/", "C")]
