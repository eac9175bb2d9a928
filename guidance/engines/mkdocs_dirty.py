"""`make serve` on MkDocs rebuilds only the pages an edit changed (`mkdocs serve --dirty`), and keeps the rest right.

MkDocs' dirty build reads and renders only the pages whose source file is newer than their built HTML. The
generator rewrites a page's source only when its text changed (guidance/site/source_tree.py), so those are
exactly the pages an edit touched. The navigation stays right: every page of it has its title in the generated
mkdocs.yml. What a dirty build alone gets wrong, and what this module puts right, across the rebuilds of one
serve process (held by the plugin, which MkDocs keeps for the whole serve):
- the print page (mkdocs-print-site) is made from every page's HTML: pages not rendered this time lend it
  the HTML they had at the last rebuild; when no page of the navigation (the pages it prints) was rendered,
  it is not made again at all (print-site is off for that rebuild: its page stays as it was);
- MkDocs' search index holds only the pages rendered this time: their entries replace their old ones in the
  index kept from the last rebuild, before the post-build step adds keys and best bets to the whole;
- a changed configuration (navigation, theme settings) or theme file makes every page stale: the site
  folder is emptied, and everything is built again;
- MkDocs' own warning that a dirty build is under way would stop the strict build: it is left out.
It also keeps the theme's templates compiled from one rebuild to the next (MkDocs makes a new template
environment at each).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import jinja2
from mkdocs import utils

from ..site.postbuild import Incremental

INDEX = Path("search") / "search_index.json"  # Material's search index
DIRTY_WARNING = "A 'dirty' build is being performed"


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled once per serve (jinja checks each against its source)."""

    def __init__(self):
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


class DirtyServe:
    """What one `mkdocs serve --dirty` process keeps from one rebuild to the next."""

    def __init__(self):
        self.html: dict[str, str] = {}  # page source -> its HTML before the theme (print-site's copy)
        self.entries: list[dict] = []  # the search index of the last rebuild, as MkDocs wrote it
        self.stamp: tuple = ()  # the configuration's and theme files' times at the last rebuild
        self.rendered: set[str] | None = None  # page sources rendered in this rebuild; None: all of them
        self.post = Incremental()  # the post-build step's memory (guidance/site/postbuild.py)
        self.templates = _Compiled()
        self.paused = None  # print-site, while it is off for one rebuild

    def start(self) -> None:
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())

    def pre_build(self, config) -> None:
        """Empty the site folder when the configuration or a theme file changed since the last rebuild."""
        self.release_print_page()  # should the last rebuild have stopped half-way
        site = Path(config.site_dir)
        stamp = _stamp(config)
        if stamp != self.stamp and self.stamp:
            utils.clean_directory(str(site))
            self.entries, self.post = [], Incremental()  # nothing of the last rebuild is left
        self.stamp = stamp
        self.rendered = None if not (site / "index.html").exists() else set()

    def lend_html(self, env: jinja2.Environment, files) -> None:
        """After MkDocs read the pages: remember the HTML of those rendered, lend the rest their last HTML.
        The theme's templates, not yet loaded, come from those compiled at the last rebuild."""
        env.bytecode_cache = self.templates
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if page.content is not None:
                if self.rendered is not None:
                    self.rendered.add(file.src_uri)
                if hasattr(page, "html"):
                    self.html[file.src_uri] = page.html
            elif file.src_uri in self.html:
                page.html = self.html[file.src_uri]

    def hold_print_page(self, config, listed: set[str]) -> bool:
        """Before print-site's post-build: whether the print page is made again (a page of the navigation,
        `listed`, was rendered); if not, print-site is off until release_print_page."""
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

    def merge_index(self, site_dir: str) -> None:
        """The pages rendered this time replace their entries in the last rebuild's search index."""
        path = Path(site_dir) / INDEX
        if not path.exists():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        if self.rendered is not None and self.entries:
            fresh: dict[str, list[dict]] = {}
            for doc in index["docs"]:
                fresh.setdefault(_page_of(doc), []).append(doc)
            merged: list[dict] = []
            for doc in self.entries:
                page = _page_of(doc)
                if page not in fresh:
                    merged.append(doc)
                elif fresh[page]:
                    merged.extend(fresh[page])
                    fresh[page] = []
            merged.extend(doc for docs in fresh.values() for doc in docs)
            index["docs"] = merged
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self.entries = index["docs"]


def _page_of(doc: dict) -> str:
    return doc["location"].split("#")[0]


def _stamp(config) -> tuple:
    files = [Path(config.config_file_path)] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom:
        files.extend(sorted(p for p in Path(custom).rglob("*") if p.is_file()))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files if p.exists())

