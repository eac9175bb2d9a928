"""`make serve` on MkDocs rebuilds only the changed pages (`mkdocs serve --dirty`; README, "Live reload"): the
generator rewrites only pages whose text changed; the navigation has every title in mkdocs.yml. Kept across
rebuilds: the HTML of pages not rendered (for the print page, made again only when a page of the navigation
changed), the search index (the rendered pages' entries merged in), the compiled theme templates. A changed
configuration or theme file empties the site. MkDocs' dirty-build warning (it would stop strict) is left out.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs import utils

from .output.postbuild import Incremental
from .output.rebuild_memory import CompiledTemplates

DIRTY_WARNING = "A 'dirty' build is being performed"


class DirtyServe:
    """What one `mkdocs serve --dirty` process keeps from one rebuild to the next."""

    def __init__(self):
        self.html: dict[str, str] = {}  # page source -> its HTML before the theme (print-site's copy)
        self.entries: list[dict] = []  # the search index of the last rebuild, as MkDocs wrote it
        self.stamp: tuple = ()  # the configuration's and theme files' times at the last rebuild
        self.rendered: set[str] | None = None  # page sources rendered in this rebuild; None: all of them
        self.post = Incremental()  # the post-build step's memory (guidance/engines/output/postbuild.py)
        self.templates = CompiledTemplates()
        self.paused = None  # print-site, while it is off for one rebuild

    def start(self) -> None:
        logging.getLogger("mkdocs.commands.build").addFilter(lambda r: not str(r.msg).startswith(DIRTY_WARNING))

    def pre_build(self, config) -> None:
        """Empty the site folder when the configuration or a theme file changed since the last rebuild."""
        self.started = (time.perf_counter(), time.thread_time())  # the rebuild's wall clock and CPU time
        self.release_print_page()  # should the last rebuild have stopped half-way
        site = Path(config.site_dir)
        stamp = _stamp(config)
        if stamp != self.stamp and self.stamp:
            utils.clean_directory(str(site))
            self.entries, self.post = [], Incremental()  # nothing of the last rebuild is left
        self.stamp = stamp
        self.rendered = None if not (site / "index.html").exists() else set()

    def lend_html(self, env, files) -> None:
        """After MkDocs read the pages: remember the HTML of those rendered, lend the rest their last HTML.
        The theme's templates, not yet loaded, come from those compiled at the last rebuild."""
        env.bytecode_cache = self.templates
        for file in files.documentation_pages():
            if (page := file.page) is None:
                continue
            if page.content is not None:
                if self.rendered is not None:
                    self.rendered.add(file.src_uri)
                if hasattr(page, "html"):
                    self.html[file.src_uri] = page.html
            elif file.src_uri in self.html:
                page.html = self.html[file.src_uri]

    def hold_print_page(self, config, listed: set[str]) -> bool:
        """Whether the print page is made again (a page of the navigation was rendered); else print-site is off."""
        printer = config.plugins.get("print-site")
        again = self.rendered is None or bool(self.rendered & listed) or printer is None
        if not again and printer.config.get("enabled"):
            printer.config["enabled"] = False
            self.paused = printer
        return again

    def release_print_page(self) -> None:
        if self.paused is not None:
            self.paused.config["enabled"] = True
            self.paused = None

def _stamp(config) -> tuple:
    theme = sorted(p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file()) if config.theme.custom_dir else []
    files = [Path(config.config_file_path)] if config.config_file_path else []
    return tuple((str(p), p.stat().st_mtime_ns) for p in [*files, *theme] if p.exists())

