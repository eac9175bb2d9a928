"""`make serve` on MkDocs: MkDocs' live server inside `make serve`'s own process (README "Live reload"), as
`mkdocs serve --dirty --livereload` (MkDocs 1.6, mkdocs.commands.serve) but with no file watcher: `make serve`
asks for the rebuild as soon as it has written the tree (no polling delay, no second rebuild on a late file
event), and the post-build step (mkdocs_plugin.py) reads the data this process has just loaded. Each rebuild
validates the configuration again, as `mkdocs serve` does, but parses it again only when it changed
(ConfigFile), matches the generated pages' `not_in_nav` list as one set of paths (ListedPaths), and lists the
theme's files once while no theme file changed (ThemeFiles).
"""
from __future__ import annotations

import copy
import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.utils.yaml import yaml_load

log = logging.getLogger("mkdocs")
_WILD = set("*?[]\\!#")  # what makes a gitignore pattern more than one path


class ListedPaths:
    """`not_in_nav` when every pattern is one path from the top (`/tools/rm2000.md`, as engine_config.py writes
    them): the same answers as MkDocs' gitignore matcher (the path itself, or anything under it), by one look-up
    instead of 400 regular expressions for each of the 1,000 files on every rebuild."""

    def __init__(self, paths: set[str]):
        self.paths = paths

    @classmethod
    def of(cls, spec):
        """The faster matcher, or `spec` itself when a pattern is not a plain path."""
        texts = [getattr(p, "pattern", None) for p in getattr(spec, "patterns", None) or []]
        if not texts or any(not isinstance(t, str) or not t.startswith("/") or t.endswith("/") or _WILD & set(t)
                            or t != t.strip() for t in texts):
            return spec
        return cls({t[1:] for t in texts})

    def match_file(self, path: str) -> bool:
        parts = path.split("/")
        return any("/".join(parts[:n]) in self.paths for n in range(1, len(parts) + 1))


class ThemeFiles:
    """The theme's file list (MkDocs lists every file of every theme folder on each rebuild: Material's icons are
    thousands), kept while the theme's folders, their files' times and the patterns left out are the same."""

    def __init__(self):
        self.key, self.names = None, []

    def listing(self, theme, env: jinja2.Environment):
        def list_templates(extensions=None, filter_func=None):
            custom = Path(theme.custom_dir) if theme.custom_dir else None
            files = sorted(p for p in custom.rglob("*") if p.is_file()) if custom else []
            key = (tuple(theme.dirs), tuple((str(p), p.stat().st_mtime_ns) for p in files),
                   tuple(sorted(theme.static_templates)), extensions)
            if key != self.key:
                self.key, self.names = key, jinja2.Environment.list_templates(env, extensions, filter_func)
            return list(self.names)
        return list_templates


class ConfigFile:
    """The generated mkdocs.yml, parsed again only when its bytes changed; validated on every rebuild as MkDocs'
    load_config does (a fresh configuration: plugins without on_startup start anew, as under `mkdocs serve`)."""

    def __init__(self, path: str):
        self.path, self.text, self.values = path, None, {}

    def load(self, **options) -> MkDocsConfig:
        text = Path(self.path).read_bytes()
        if b"INHERIT" in text or b"!relative" in text:  # tied to the file or to the configuration object
            return load_config(config_file=self.path, **options)
        if text != self.text:
            self.values, self.text = yaml_load(text) or {}, text
        cfg = MkDocsConfig(config_file_path=self.path)
        cfg.load_dict(copy.deepcopy(self.values))
        cfg.load_dict(options)
        errors, warnings = cfg.validate()
        for name, warning in warnings:
            log.warning(f"Config value '{name}': {warning}")
        for name, error in errors:
            log.error(f"Config value '{name}': {error}")
        if errors:
            raise exceptions.Abort("Aborted with a configuration error!")
        if cfg.strict and warnings:
            raise exceptions.Abort(f"Aborted with {len(warnings)} configuration warnings in 'strict' mode!")
        return cfg


class LiveMkDocs:
    """MkDocs' live server on the generated tree at host:port, its build loop in a thread of this process."""

    def __init__(self, tree: Path, host: str, port: int):
        self.config_file, self.address = str(Path(tree).resolve() / "mkdocs.yml"), f"{host}:{port}"
        self.site_dir = tempfile.mkdtemp(prefix="mkdocs_")
        self.server, self.thread, self.config, self.failed = None, None, None, False
        self.theme_files, self.config_file_read = ThemeFiles(), ConfigFile(self.config_file)

    def _config(self):
        config = self.config_file_read.load(site_dir=self.site_dir, dev_addr=self.address)
        config["not_in_nav"] = ListedPaths.of(config["not_in_nav"])
        theme, get_env = config.theme, config.theme.get_env

        def env() -> jinja2.Environment:
            made = get_env()
            made.list_templates = self.theme_files.listing(theme, made)
            return made

        theme.get_env = env
        return config

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
