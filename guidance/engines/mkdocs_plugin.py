"""The MkDocs plugin `guidance` (listed in the generated mkdocs.yml): the little that needs MkDocs itself.

Pages reach MkDocs finished (scripts/generate.py writes them, guidance/site/page_html.py finishes their
HTML). What is left needs MkDocs' own objects:
- the page-HTML pass is told which page MkDocs converts (its front matter `id` and source path; MkDocs
  converts pages one after another), for the source notes' anchors;
- a page outside the navigation (a stage, a tool...) shows the listed page it hangs under as the
  active section (front matter `nav_parent`, written by the generator);
- the page description is escaped (the theme prints it as it is);
- under `mkdocs serve`, the post-build step runs after every rebuild, for the pages rebuilt (`make serve` rebuilds
  only the changed pages: mkdocs_dirty.py); `scripts/build.py` runs it itself after a build, for either engine.
"""
from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ..options import BuildOptions
from ..site.page_html import page_ref, set_page
from .mkdocs_dirty import DirtyServe
from .output.postbuild import rebuild_report
from .output.rebuild_memory import merge_index

NOT_HERE = ("This mkdocs.yml is the source of the generated configuration, not run as it is: the pages are "
            "generated from data/ first. Run `make build` (or `make serve` for a live preview); MkDocs then builds "
            "build/src/mkdocs.yml.")


class GuidancePlugin(BasePlugin):
    config_scheme = (
        ("project", config_options.Type(str, default="")),  # the project folder (data/)
        # the build's options (guidance/options.py), as the generator wrote them into the generated mkdocs.yml
        ("public_url", config_options.Type(str, default="")),
        ("today", config_options.Type(str, default="")),
        ("release", config_options.Type(bool, default=False)),
    )

    def __init__(self):
        super().__init__()
        self.command = "build"
        self.nav_pages: dict = {}  # src -> the navigation's Page
        self.activated = None  # the listed page marked active while a page outside the navigation renders
        self.print_page_again = True  # under serve: whether print-site made the print page in this rebuild
        self.serving = DirtyServe()  # kept for the whole `mkdocs serve` (as is a plugin that has on_startup)

    def on_startup(self, *, command, dirty):
        self.command = command
        if command == "serve":
            self.serving.start()

    def on_pre_build(self, config):
        if self.command == "serve":
            self.serving.pre_build(config)

    def on_env(self, env, config, files):
        if self.command == "serve":
            self.serving.lend_html(env, files)
        return env

    def on_config(self, config):
        if not self.config["project"]:  # the project's own mkdocs.yml: the source of the generated one
            raise PluginError(NOT_HERE)
        return config

    def on_nav(self, nav, config, files):
        self.nav_pages = {p.file.src_uri: p for p in nav.pages}
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        set_page(page_ref(page.meta.get("id"), page.file.src_uri))  # the page MkDocs converts next
        return markdown

    def on_page_content(self, html, page, config, files):
        set_page(None)  # converted: a later conversion is no page's
        return html

    def on_page_context(self, context, page, config, nav):
        desc = page.meta.get("description")
        if desc:
            page.meta["description"] = html.escape(" ".join(str(desc).split()), quote=True)
        top = self.nav_pages.get(page.meta.get("nav_parent") or "")
        if top is not None and top is not page:  # a page outside the navigation: show where it belongs
            top.active = True
            self.activated = top
        return context

    def on_post_page(self, output, page, config):
        if self.activated is not None:
            self.activated.active = False
            self.activated = None
        return output

    @event_priority(100)  # before print-site makes the print page: under serve, only when a page on it changed
    def _before_print_page(self, config):
        if self.command == "serve":
            self.print_page_again = self.serving.hold_print_page(config, set(self.nav_pages))

    @event_priority(-100)  # after print-site has written the print page, whose links the step repairs
    def _post_build(self, config):
        if self.command != "serve":
            return
        self.serving.release_print_page()
        self.serving.entries = merge_index(config.site_dir, self.serving.entries, self.serving.rendered is not None)
        c = self.config
        options = BuildOptions(public_url=c["public_url"] or None, release=c["release"],
                               **({"today": dt.date.fromisoformat(c["today"])} if c["today"] else {}))
        logging.getLogger("mkdocs.plugins.guidance").info(rebuild_report(
            c["project"], options, Path(config.site_dir), self.serving.rendered, self.serving.post,
            self.print_page_again, self.serving.started))

    on_post_build = CombinedEvent(_before_print_page, _post_build)
