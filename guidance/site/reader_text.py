"""The reader text: every page readers see, as plain text, one sentence or list item per line, in reading order.

It is read from the rendering the site ships (guidance/site/rendering.py: rendered once a run, for the check
and the tree writer alike): each page's finished Markdown (guidance/site/source_tree.py,
the same heading, page head, status and basis lines, body and "About this page" panel every engine gets),
converted by Python-Markdown with the site's own extensions and page-HTML pass (guidance/site/engine_config.py),
then read back as a reader hears it (an HTML parser, guidance/site/reader_html.py). One file per page, named by
its page id, is kept in `reader-text/` beside the data: `make check` compares the words the generator would
publish with it (guidance/check.py), `make accept` writes it after an editor has read the changes, and
`make release` diffs it against the previous edition's for "What changed".

Converting ~150 pages takes a few seconds, so each page's text is kept in a cache (build/ of this checkout),
keyed by its Markdown and by the code and settings that turn Markdown into HTML; only changed pages are
converted. The key is the content, so one cache serves every project this code checks (test copies included).
"""
from __future__ import annotations

import difflib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import markdown

from ..data.sitedata import SiteData
from . import abbr_first, page_html, page_search, phone_tables, reader_html, source_notes
from .engine_config import page_extensions, read_config
from .rendering import Rendering, render_site
from .source_tree import page_content

READER_TEXT = "reader-text"  # the folder, at the project's root
CODE_ROOT = Path(__file__).resolve().parents[2]
CACHE = CODE_ROOT / "build" / "reader-text-cache.json"
CACHE_SIZE = 3000  # pages' texts kept: this project's and, after them, those of recent other copies
_CODE = (abbr_first, page_html, page_search, phone_tables, reader_html, source_notes)


@dataclass(frozen=True)
class ReaderPage:
    id: str
    src: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    @property
    def file(self) -> str:
        return f"{READER_TEXT}/{self.id}.txt"


def _converter(data: SiteData, root: Path) -> tuple[markdown.Markdown, str]:
    """Python-Markdown set up as the engines are, and a fingerprint of everything that shapes its output."""
    names: list[str] = []
    configs: dict[str, dict] = {}
    config = read_config(root if (root / "mkdocs.yml").exists() else CODE_ROOT)  # a data-only project: the site's own
    for ext in page_extensions(config, data):
        if isinstance(ext, str):
            names.append(ext)
        else:
            (name, config), = ext.items()
            names.append(name)
            configs[name] = config or {}
    digest = hashlib.sha256(json.dumps([names, configs, markdown.__version__], sort_keys=True, default=str).encode())
    for module in _CODE:
        digest.update(Path(module.__file__).read_bytes())
    return markdown.Markdown(extensions=names, extension_configs=configs), digest.hexdigest()


def _read_cache(path: Path) -> dict[str, list[str]]:
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return cache if isinstance(cache, dict) else {}


def _write_cache(path: Path, cache: dict[str, list[str]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # its own: builds and test workers run at once
        tmp.write_text(json.dumps(cache), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only checkout: the text is simply converted again next time


def reader_pages(data: SiteData, root: Path, rendering: Rendering | None = None) -> dict[str, ReaderPage]:
    """Every page readers see (hand-written and generated), by page id, as the words they read on the
    edition's date (data/site.yaml version_date), from `rendering` (guidance/site/rendering.py: the one the
    site is written from; made here when None)."""
    root = Path(root)
    rendering = rendering or render_site(data, root)
    data = rendering.reader_data
    md, fingerprint = _converter(data, root)
    cache = _read_cache(CACHE)
    kept: dict[str, list[str]] = {}
    out: dict[str, ReaderPage] = {}
    for rendered in rendering.reader:
        src, meta = rendered.src, rendered.meta
        content = page_content(data, src, meta, rendered.body)
        page = page_html.page_ref(meta.get("id"), src)  # the page, named as the engines name it
        key = hashlib.sha256(f"{fingerprint}\n{page.id} {page.src}\n{content}".encode()).hexdigest()
        lines = cache.get(key)
        if not isinstance(lines, list):
            md.reset()
            with page_html.converting(page):
                lines = reader_html.html_lines(md.convert(content))
        kept[key] = lines
        page_id = str(meta.get("id") or src)
        out[page_id] = ReaderPage(page_id, src, tuple(lines))
    if not kept.keys() <= cache.keys():
        for key, lines in cache.items():
            if len(kept) >= CACHE_SIZE:
                break
            kept.setdefault(key, lines)
        _write_cache(CACHE, kept)
    return out


def committed(root: Path) -> dict[str, str] | None:
    """The reader text kept in the repository, by page id (None when the folder does not exist)."""
    folder = Path(root) / READER_TEXT
    if not folder.is_dir():
        return None
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def unified(before: str, after: str, name: str) -> str:
    """The changed sentences of one page, as a unified diff (old text '-', new text '+')."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"{name} (committed)", f"{name} (the data now)", n=1))


def changes(kept: dict[str, str], pages: dict[str, ReaderPage]) -> list[tuple[str, str, str]]:
    """(page id, source path or '', diff) for each page whose words differ from the kept text, added or gone."""
    out = []
    for page_id in sorted(set(kept) | set(pages)):
        page = pages.get(page_id)
        now = page.text if page else ""
        before = kept.get(page_id, "")
        if now != before:
            out.append((page_id, page.src if page else "", unified(before, now, f"{READER_TEXT}/{page_id}.txt")))
    return out


def write_reader_text(root: Path, pages: dict[str, ReaderPage]) -> list[str]:
    """Write the reader text (`make accept`): one file per page, pages gone removed. Returns the files changed."""
    folder = Path(root) / READER_TEXT
    folder.mkdir(exist_ok=True)
    changed = []
    for page in pages.values():
        path = folder / f"{page.id}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != page.text:
            path.write_text(page.text, encoding="utf-8")
            changed.append(page.file)
    for path in sorted(folder.glob("*.txt")):
        if path.stem not in pages:
            path.unlink()
            changed.append(f"{READER_TEXT}/{path.name}")
    return changed
