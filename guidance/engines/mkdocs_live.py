"""`make serve` on MkDocs runs MkDocs' live server inside its own process (issue #30, README "Live reload"), as
`mkdocs serve --dirty --livereload` would (mkdocs.commands.serve, MkDocs 1.6), with two differences:
- no file watcher on the tree: `make serve` writes the tree and then asks for the rebuild at once (`rebuild`),
  so neither the watcher's polling (half a second) nor a late file event delays a reload or rebuilds twice;
- the post-build step (guidance/engines/mkdocs_plugin.py) loads the data in the process that has just loaded it
  (guidance/data/loader.py keeps the last data set of each project and options while its files are unchanged).
The pages rebuilt are only those changed (guidance/engines/mkdocs_dirty.py).
"""
from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

LOG_NAME = "mkdocs"


class _Lines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def _log_to_stdout() -> None:
    """MkDocs' messages as its command line prints them ("INFO    -  ..."), on standard output."""
    logger = logging.getLogger(LOG_NAME)
    if not any(getattr(h, "name", "") == "live-mkdocs" for h in logger.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.name = "live-mkdocs"
        handler.setFormatter(_Lines())
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


class LiveMkDocs:
    """MkDocs' live server on the generated tree (its mkdocs.yml), at host:port, in threads of this process."""

    def __init__(self, tree: Path, host: str, port: int):
        self.config_file = str(Path(tree).resolve() / "mkdocs.yml")
        self.address = f"{host}:{port}"
        self.site_dir = tempfile.mkdtemp(prefix="mkdocs_")
        self.server: LiveReloadServer | None = None
        self.thread: threading.Thread | None = None
        self.config = None
        self.serve_url = ""
        self.failed = False

    def _config(self):
        config = load_config(config_file=self.config_file, site_dir=self.site_dir, dev_addr=self.address)
        config.site_url = self.serve_url
        return config

    def start(self) -> None:
        """The first build (every page), then the server, in a thread."""
        _log_to_stdout()
        self.config = load_config(config_file=self.config_file, site_dir=self.site_dir, dev_addr=self.address)
        self.config.plugins.on_startup(command="serve", dirty=True)
        host, port = self.config.dev_addr
        mount = urlsplit(self.config.site_url or "/").path
        self.serve_url = self.config.site_url = _serve_url(host, port, mount)

        def builder(config=None) -> None:
            logging.getLogger(LOG_NAME).info("Building documentation...")
            build(config or self._config(), serve_url=self.serve_url, dirty=True)

        self.server = LiveReloadServer(builder=builder, host=host, port=port, root=self.site_dir, mount_path=mount)
        self.server.build_delay = 0  # the tree is whole when a rebuild is asked for (`rebuild`)
        self.server.error_handler = self._error_page
        try:
            builder(self.config)
        except Exception:  # noqa: BLE001 - as `mkdocs serve` does, the first build's failure ends the engine
            logging.getLogger(LOG_NAME).exception("The first build failed.")
            self.failed = True
            return
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            self.server.serve()
        except Exception:  # noqa: BLE001 - reported as the engine stopping (running() turns False)
            logging.getLogger(LOG_NAME).exception("The MkDocs server stopped.")
            self.failed = True

    def _error_page(self, code: int) -> bytes | None:
        page = Path(self.site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    def rebuild(self) -> None:
        """Rebuild now: the tree has just been written (MkDocs' own build loop runs it, then reloads the browsers)."""
        server = self.server
        with server._rebuild_cond:  # noqa: SLF001 - what MkDocs' file watcher does on a change (MkDocs 1.6)
            server._want_rebuild = True  # noqa: SLF001
            server._rebuild_cond.notify_all()  # noqa: SLF001

    def idle(self) -> bool:
        """No rebuild asked for or under way (the site served is the last one asked for)."""
        server = self.server
        with server._rebuild_cond, server._epoch_cond:  # noqa: SLF001 - MkDocs 1.6's build loop's own state
            return not server._want_rebuild and server._visible_epoch == server._wanted_epoch  # noqa: SLF001

    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive() and not self.failed

    def stop(self) -> None:
        try:
            if self.server is not None:
                self.server.shutdown()  # (its file watcher never started: there is nothing to wait for)
            if self.thread is not None:
                self.thread.join(timeout=30)  # the build loop, once a rebuild under way has ended
            if self.config is not None:
                self.config.plugins.on_shutdown()
        finally:
            shutil.rmtree(self.site_dir, ignore_errors=True)
