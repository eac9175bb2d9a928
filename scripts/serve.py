"""Preview the site while editing (`make serve PORT=8000 ENGINE=mkdocs|zensical`): the live site, or the
check's messages in the browser.

1. Run the editors' check (the same as `make check`). While it finds problems, answer every address on
   127.0.0.1:PORT with an error page listing them (guidance/site/error_page.py), and check again whenever a
   file in data/ or docs/ changes. The page reloads itself when the data is right.
2. When the data is right, generate the source tree (build/src/) and start the engine's live-reloading server
   on it, on the same port: MkDocs inside this process (guidance/engines/mkdocs_live.py), Zensical as its own.
   Each saved file: load and validate the data, render every page once (guidance/site/rendering.py), write the
   tree (only files whose text changed are rewritten), and MkDocs rebuilds only those pages at once
   (guidance/engines/mkdocs_dirty.py); when the page is served, the rest of the check runs on the same
   rendering (Checking). If an edit breaks the data, stop the engine and go back to 1: the open page reloads
   into the error page instead of waiting. Each reload prints its phases and their CPU seconds: load and
   generate here, MkDocs' rebuild and the post-build step in MkDocs' log.
Stop with Ctrl+C. Restart after editing code in guidance/.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from build_options import add_arguments, options_or_none
from generate import tree_of

from guidance.check import check_and_render, report
from guidance.data.errors import Problem
from guidance.data.loader import DataErrors, load_site
from guidance.engines import run
from guidance.engines.mkdocs_live import LiveMkDocs
from guidance.options import BuildOptions
from guidance.site.docs_render import PageError
from guidance.site.error_page import ERROR_HEADER, RELOAD_NOW, digest, error_page
from guidance.site.rendering import Rendering, render_site
from guidance.site.serve import port_in_use
from guidance.site.source_tree import TreeError, TreeReport, write_tree

ROOT = Path(__file__).resolve().parents[1]


def stamp(root: Path) -> tuple:
    """Changes whenever an editor saves a file the check or the generator reads."""
    files = [*sorted((root / "data").rglob("*.yaml")), *sorted((root / "docs").rglob("*")),
             *sorted((root / "overrides").rglob("*")), root / "mkdocs.yml"]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


def checked(root: Path, options: BuildOptions, rendering: Rendering | None = None) -> list:
    """The editors' check's problems (of the data and pages of `rendering` when given: those just written); a
    check that stops is itself a problem shown in the browser, never the end."""
    try:
        return check_and_render(root, options, rendering=rendering)[1]
    except Exception as exc:  # noqa: BLE001 - `make serve` stays up through any mistake
        return [Problem("", "", "", f"the check stopped ({type(exc).__name__}: {exc}). Undo your last change; "
                        "if the message stays, tell a developer.")]


def blocking(problems) -> bool:
    return any(not getattr(p, "warning", False) for p in problems)


class ErrorServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, problems):
        self.set_problems(problems)
        super().__init__(("127.0.0.1", port), _Handler)

    def set_problems(self, problems) -> None:
        self.page = error_page(problems).encode("utf-8")
        self.key = digest(problems)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: ErrorServer

    def do_GET(self):  # noqa: N802 - the name http.server calls
        if self.path.startswith("/livereload/"):  # an open page of the live site: make it reload into this page
            time.sleep(0.5)
            body, kind = RELOAD_NOW, "text/plain"
        else:
            body, kind = self.server.page, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header(ERROR_HEADER, self.server.key)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


def show_errors(port: int, problems, root: Path, options: BuildOptions) -> None:
    """Serve the error page until the check passes."""
    print(report(problems), file=sys.stderr, flush=True)
    print(f"\nThe browser at http://127.0.0.1:{port}/ shows these messages until they are fixed.", file=sys.stderr,
          flush=True)
    srv = ErrorServer(port, problems)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    seen = stamp(root)
    try:
        while True:
            time.sleep(0.7)
            now = stamp(root)
            if now == seen:
                continue
            seen = now
            problems = checked(root, options)
            if not blocking(problems):
                print("The data is right again: building the site.", flush=True)
                return
            srv.set_problems(problems)
            print("\n" + report(problems), file=sys.stderr, flush=True)
    finally:
        srv.shutdown()
        srv.server_close()


def run_engine(options: BuildOptions, port: int, root: Path) -> list | None:
    """The engine's live server on the generated tree until a saved file breaks the data (returns the problems)
    or the engine stops (returns None). The data has just passed the check."""
    tree = tree_of(options, root)
    problems, rep, _phases, _rendering = regenerate(options, root)
    if problems:
        return problems
    print(f"Generated {tree}: {rep.files} files, {len(rep.written)} written, {len(rep.removed)} removed.", flush=True)
    engine = start_engine(options.engine, tree, port)
    seen = stamp(root)
    checking = Checking(root, options)
    to_check = None  # the rendering of the last save, checked once the engine has rebuilt
    try:
        while engine.running():
            time.sleep(0.05)
            if to_check is not None and engine.idle():
                checking.start(to_check)  # the rest of the check, on the same pages, once the page is served
                to_check = None
            problems = checking.problems()
            if problems:
                return problems
            now = stamp(root)
            if now == seen:
                continue
            seen = now
            problems, rep, phases, rendering = regenerate(options, root)
            if problems:
                return problems
            engine.rebuild()
            checking.cancel()  # a newer save: only its check counts
            to_check = rendering
            print(f"Regenerated: {', '.join(f'{k} {v:.2f} s' for k, v in phases.items())}; {len(rep.written)} files "
                  f"changed ({', '.join(rep.written[:5])}{' ...' if len(rep.written) > 5 else ''}).", flush=True)
        return None
    finally:
        checking.stop()
        engine.stop()


class EngineProcess:
    """An engine's own live server as a process of its own (Zensical), watching the tree itself."""

    def __init__(self, engine: str, tree: Path, port: int):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        self.proc = subprocess.Popen(run.serve_command(engine, tree, f"127.0.0.1:{port}"), cwd=tree, env=env,
                                     start_new_session=True)

    def running(self) -> bool:
        return self.proc.poll() is None

    def rebuild(self) -> None:
        pass  # it saw the tree change

    def idle(self) -> bool:
        return True  # its rebuild runs in its own process: the check may run beside it

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)


def start_engine(engine: str, tree: Path, port: int):
    """MkDocs inside this process (guidance/engines/mkdocs_live.py: rebuilt as soon as the tree is written,
    the data loaded once a save); another engine as its own process."""
    if engine != "mkdocs":
        return EngineProcess(engine, tree, port)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's note on MkDocs 2
    live = LiveMkDocs(tree, "127.0.0.1", port)
    live.start()
    return live


class Checking:
    """The editors' check of the last saved data, on the rendering the tree was written from: the data was
    loaded and validated (guidance/data/loader.py) before the tree was written; what is left (docs/ macros, the
    generated sentences, the id register) runs once the engine has rebuilt, so the changed page is served
    first (MkDocs shares this process) and, should the check find a problem, the browser turns to the error
    page when it ends. Runs at a lower priority than the engine."""

    def __init__(self, root: Path, options: BuildOptions):
        self.root, self.options = root, options
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self.pending: concurrent.futures.Future | None = None

    def start(self, rendering: Rendering | None) -> None:
        self.cancel()
        self.pending = self.pool.submit(self._run, rendering)

    def cancel(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None

    def _run(self, rendering: Rendering | None) -> list:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # this thread only (Linux)
        except (OSError, AttributeError):
            pass
        return checked(self.root, self.options, rendering)

    def problems(self) -> list:
        """The blocking problems of the last check, once it has ended ([] before)."""
        if self.pending is None or not self.pending.done() or self.pending.cancelled():
            return []
        problems, self.pending = self.pending.result(), None
        return problems if blocking(problems) else []

    def stop(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def regenerate(options: BuildOptions, root: Path) -> tuple[list, TreeReport | None, dict[str, float], Rendering | None]:
    """Load and validate the data, render every page once (guidance/site/rendering.py), then write the tree:
    (problems that stop it, the tree's report, seconds by phase, the rendering). The check's other parts run
    after, on the same rendering (Checking)."""
    phases: dict[str, float] = {}
    t, cpu = time.perf_counter(), time.thread_time()  # CPU: this thread's, not the check's beside it

    def lap(name: str) -> None:
        nonlocal t, cpu
        phases[name], phases[f"{name}_cpu"] = time.perf_counter() - t, time.thread_time() - cpu
        t, cpu = time.perf_counter(), time.thread_time()

    try:
        data = load_site(root, options)
        lap("load")
        rendering = render_site(data, root)
        rep = write_tree(data, root, tree_of(options, root), rendering)
        lap("generate")
    except DataErrors as exc:
        return exc.problems, None, phases, None
    except (TreeError, PageError) as exc:
        return [Problem("docs/", "", "", str(exc))], None, phases, None
    except Exception as exc:  # noqa: BLE001 - `make serve` stays up through any mistake
        return [Problem("", "", "", f"the site could not be generated ({type(exc).__name__}: {exc}). Undo "
                        "your last change; if the message stays, tell a developer.")], None, phases, None
    return [], rep, phases, rendering


def _stop(_signum, _frame):
    raise KeyboardInterrupt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    ap.add_argument("--root", default=str(ROOT))
    add_arguments(ap)
    args = ap.parse_args()
    root = Path(args.root).resolve()
    options = options_or_none(args)
    if options is None:
        return 1
    busy = port_in_use(args.port)
    if busy:
        print(busy, file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop)  # stopped by a process manager: stop mkdocs too, as on Ctrl+C
    signal.signal(signal.SIGINT, _stop)  # also when started in the background, where Ctrl+C is ignored
    try:
        problems = checked(root, options)
        while True:
            if blocking(problems):
                show_errors(args.port, problems, root, options)  # until the check passes
            problems = run_engine(options, args.port, root)
            if problems is None:
                return 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
