"""Generation as its own step: the complete, engine-neutral source tree, written before any engine runs.

`write_tree(data, root, out)` writes into `out` (build/src/ by default):
- `docs/`: every page as finished Markdown with its front matter. Hand-written pages have their macros
  rendered; generated pages are drawn from data. Each page carries its heading, the page head, the
  "About this page" panel, its breadcrumbs (front matter `crumbs`, drawn by overrides/partials/path.html)
  and its search settings (`search`, from data/search.yaml). Plus every asset of docs/, the exports,
  JSON Schemas and the change feed.
- `overrides/`: the theme additions, copied.
- `mkdocs.yml` and `zensical.yml`: each engine's configuration (guidance/site/engine_config.py).
A file is written only when its text changed, and files no longer generated are removed, so an
engine watching the tree rebuilds only what changed.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data.sitedata import SiteData
from ..paths import CHANGE_FEED
from ..render.common import about_panel, page_head
from ..render.standing import not_settled_box
from ..sitemap import generated_pages, page_index
from ..theme import ZENSICAL_SEARCH_SHIM, ZENSICAL_SEARCH_SHIM_PATH
from .breadcrumbs import crumbs, trail
from .engine_config import ENGINES, config_text, engine_config, nav_entries, read_config
from .exports import all_exports
from .feed import change_feed
from .page_search import search_meta
from .rendering import Rendering, render_site
from .rendering import TreeError as TreeError  # where the callers have always found it

DEFAULT_OUT = Path("build") / "src"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class TreeReport:
    written: list[str] = field(default_factory=list)  # paths (under the tree) whose text changed
    removed: list[str] = field(default_factory=list)
    files: int = 0


class _ByRepr:
    """A value (front matter, an engine's configuration) known by its repr: the same repr, the same YAML."""
    __slots__ = ("key", "value")

    def __init__(self, value):
        self.value, self.key = value, repr(value)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, _ByRepr) and self.key == other.key


# YAML text, written once for each value: `make serve` writes the same front matter and configurations on every
# save (a pure function's results, not the pages: the rendering is made anew each run, guidance/site/rendering.py)
@functools.lru_cache(maxsize=4096)
def _front_text(meta: _ByRepr) -> str:
    # libyaml's dumper when there is one: the same text, several times faster
    return yaml.dump(meta.value, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)


@functools.lru_cache(maxsize=8)
def _config_text(config: _ByRepr) -> str:
    return config_text(config.value)


def _differs(path: Path, content: str | bytes) -> bool:
    try:
        return path.read_bytes() != (content.encode("utf-8") if isinstance(content, str) else content)
    except OSError:
        return True


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    tmp.replace(path)  # an engine watching the tree never reads a half-written file


def page_content(data: SiteData, src: str, meta: dict, body: str) -> str:
    """A page's Markdown below its front matter: heading, page head, body, about panel (also read by the reader
    text, guidance/site/reader_text.py). Which page it is lives in the front matter (`id`), not in the text."""
    title = meta.get("title") or ""
    head = page_head(data, src, meta)
    foot = about_panel(data, src, meta, title)
    text = body.lstrip()
    if text.startswith("# "):  # a page that writes its own title: the head goes under it
        first, _, rest = text.partition("\n")
        heading, text = first + "\n\n", rest
    else:
        heading = f"# {title}\n\n"
    # rules the national text read here does not settle: said once, after the page's own answer (each such
    # rule's status line links down to it), so a reader meets what the page says first
    box = not_settled_box(data, src, text)
    return f"{heading}{head}\n{text.rstrip()}\n\n{box}{foot}"


def finish_page(data: SiteData, src: str, meta: dict, body: str, nav_crumbs) -> str:
    """A page as every engine receives it: front matter, heading, page head, body, about panel."""
    meta = dict(meta)
    meta["search"] = search_meta(data, meta)
    if not meta["search"]:
        del meta["search"]
    content = page_content(data, src, meta, body)
    chain, trail_crumbs = nav_crumbs(src)
    meta["crumbs"] = [{"title": c.title, "url": c.url} for c in trail_crumbs]
    if chain[0] != src:
        meta["nav_parent"] = chain[0]  # the listed page to show as the active section
    meta.pop("render_macros", None)
    front = _front_text(_ByRepr(meta))
    return f"---\n{front}---\n\n{content}"


def _crumb_maker(data: SiteData, config: dict):
    nav = nav_entries(config)
    info = page_index(data)
    titles = {s: t for s, (t, _k, _key) in info.items()}

    def make(src: str):
        chain = trail(src, set(nav), info)
        top = nav.get(chain[0])
        sections = list(top.sections) if top is not None else []
        return chain, crumbs(src, sections, chain, titles)

    return make


def tree_files(data: SiteData, root: Path, rendering: Rendering | None = None) -> dict[str, str | bytes]:
    """Every file of the tree (path under the tree -> content), pages and configurations included, the pages
    from `rendering` (guidance/site/rendering.py; rendered here when None)."""
    root = Path(root)
    rendering = rendering or render_site(data, root)
    config = read_config(root)
    nav_crumbs = _crumb_maker(data, config)
    docs = root / "docs"
    out: dict[str, str | bytes] = {}
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        if path.suffix != ".md":
            out[f"docs/{path.relative_to(docs).as_posix()}"] = path.read_bytes()
    for page in rendering.pages:
        out[f"docs/{page.src}"] = finish_page(data, page.src, page.meta, page.body, nav_crumbs)
    generated = generated_pages(data)
    for path, text in all_exports(data).items():
        out[f"docs/{path}"] = text
    out[f"docs/{CHANGE_FEED}"] = change_feed(data)
    out[f"docs/{ZENSICAL_SEARCH_SHIM_PATH}"] = ZENSICAL_SEARCH_SHIM
    overrides = root / "overrides"
    for path in sorted(p for p in overrides.rglob("*") if p.is_file()):
        out[f"overrides/{path.relative_to(overrides).as_posix()}"] = path.read_bytes()
    srcs = [p.src for p in generated]
    for engine in ENGINES:
        name = "mkdocs.yml" if engine == "mkdocs" else "zensical.yml"
        out[name] = _config_text(_ByRepr(engine_config(config, data, engine, srcs, root)))
    return out


def write_tree(data: SiteData, root: Path, out: Path | None = None, rendering: Rendering | None = None) -> TreeReport:
    """Write the tree (its pages from `rendering`, made here when None); only changed files are touched, stale
    ones removed."""
    root = Path(root).resolve()
    out = (root / DEFAULT_OUT) if out is None else Path(out)
    files = tree_files(data, root, rendering)
    report = TreeReport(files=len(files))
    stale = [rel for rel, content in files.items() if _differs(out / rel, content)]
    for rel in stale:  # written one after the other, so an engine watching the tree rebuilds once
        _write(out / rel, files[rel])
        report.written.append(rel)
    for sub in ("docs", "overrides"):
        base = out / sub
        if not base.exists():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
                report.removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return report
