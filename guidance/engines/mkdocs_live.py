"""`make serve` on MkDocs: MkDocs' live server inside `make serve`'s own process (README "Live reload"), as
`mkdocs serve --dirty --livereload` (MkDocs 1.6, mkdocs.commands.serve) but with no file watcher: `make serve`
asks for the rebuild as soon as it has written the tree (no polling delay, no second rebuild on a late file
event), and the post-build step (mkdocs_plugin.py) reads the data this process has just loaded.
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

log = logging.getLogger("mkdocs")


class LiveMkDocs:
    """MkDocs' live server on the generated tree at host:port, its build loop in a thread of this process."""

    def __init__(self, tree: Path, host: str, port: int):
        self.config_file, self.address = str(Path(tree).resolve() / "mkdocs.yml"), f"{host}:{port}"
        self.site_dir = tempfile.mkdtemp(prefix="mkdocs_")
        self.server, self.thread, self.config, self.failed = None, None, None, False

    def _config(self):
        return load_config(config_file=self.config_file, site_dir=self.site_dir, dev_addr=self.address)

    def start(self) -> None:
        """The first build (every page), then the server."""
        if not any(h.get_name() == "live" for h in log.handlers):  # MkDocs' messages, as its command line prints them
            handler = logging.StreamHandler(sys.stdout)
            handler.set_name("live")
            handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
            log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=True)
        host, port = self.config.dev_addr
        mount = urlsplit(self.config.site_url or "/").path
        url = self.config.site_url = _serve_url(host, port, mount)

        def builder(config=None) -> None:
            if config is None:
                config = self._config()
                config.site_url = url
            build(config, serve_url=url, dirty=True)

        self.server = LiveReloadServer(builder=builder, host=host, port=port, root=self.site_dir, mount_path=mount)
        self.server.build_delay = 0  # the tree is whole when a rebuild is asked for
        self.server.error_handler = lambda code: self._page(f"{code}.html") if code in (404, 500) else None
        try:
            builder(self.config)
        except Exception:  # noqa: BLE001 - as with `mkdocs serve`, a failed first build ends the engine
            log.exception("The first build failed.")
            self.failed = True
            return
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            self.server.serve()
        except Exception:  # noqa: BLE001 - the engine has stopped: running() says so
            log.exception("The MkDocs server stopped.")
            self.failed = True

    def _page(self, name: str) -> bytes | None:
        page = Path(self.site_dir) / name
        return page.read_bytes() if page.is_file() else None

    # MkDocs 1.6's build loop's own state: what its file watcher sets on a change, and what the loop sets after
    def rebuild(self) -> None:
        with self.server._rebuild_cond:  # noqa: SLF001
            self.server._want_rebuild = True  # noqa: SLF001
            self.server._rebuild_cond.notify_all()  # noqa: SLF001

    def idle(self) -> bool:
        """No rebuild asked for or under way."""
        s = self.server
        with s._rebuild_cond, s._epoch_cond:  # noqa: SLF001
            return not s._want_rebuild and s._visible_epoch == s._wanted_epoch  # noqa: SLF001

    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive() and not self.failed

    def stop(self) -> None:
        try:
            if self.server is not None:
                self.server.shutdown()  # (its file watcher never started: nothing to wait for)
            if self.thread is not None:
                self.thread.join(timeout=30)  # the build loop ends once a rebuild under way has ended
            if self.config is not None:
                self.config.plugins.on_shutdown()
        finally:
            shutil.rmtree(self.site_dir, ignore_errors=True)
