"""The files a reader can download, and how pages link to them.

Two kinds:
- made by every build: the JSON/CSV exports, their schemas and the change feed (under downloads/);
- made only by `make dist` (scripts/dist.py): the offline pack, the whole guidance as one PDF, one PDF per
  bench note and per training handout. A plain build (`make build`, `make serve`, the tests) does not have
  them, so its pages link each one to its row on the Downloads page, which says how to get it; `make dist`
  then points every such link at the file itself (`finish_links`), checks each file exists and fills in its
  size. The markup that carries a link is written here and read back here, nowhere else.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from . import paths
from .paths import DOWNLOADS_PAGE, bench_note_pdf, guidance_pdf, handout_pdf, offline_zip

__all__ = ["DOWNLOADS_PAGE", "bench_note_pdf", "guidance_pdf", "handout_pdf", "offline_zip"]
HOW_TO_GET = "how-to-get-these-files"  # the Downloads page section for a copy built without them


@dataclass(frozen=True)
class Download:
    key: str      # stable name used in links: offline, guidance-pdf, bench-note-<slug>, handout-<id>
    path: str     # site-relative path of the file under downloads/
    title: str    # what a reader is offered
    kind: str     # "zip file" or "PDF"
    group: str    # heading on the Downloads page

    @property
    def anchor(self) -> str:
        return "dl-" + self.key


def made_by_dist(data) -> list[Download]:
    """Every file `make dist` adds, in the order the Downloads page lists them."""
    v = data.site.version
    out = [
        Download("offline", offline_zip(v), "Offline pack: the whole guidance for use without the internet, search included",
                 "zip file", "The whole guidance"),
        Download("guidance-pdf", guidance_pdf(v), "The whole guidance: every page in reading order, with contents, bookmarks and page numbers",
                 "PDF", "The whole guidance"),
    ]
    out += [Download(f"bench-note-{paths.tool_slug(t.id)}", bench_note_pdf(t.id), f"Bench note: {t.name}", "PDF",
                     "Bench notes (one page per tool)") for t in data.tools]
    out += [Download(f"handout-{p.id}", handout_pdf(p.id), f"Training handout: {p.title}", "PDF",
                     "Training handouts") for p in data.training]
    return out


def by_key(data) -> dict[str, Download]:
    return {d.key: d for d in made_by_dist(data)}


# ---------------------------------------------------------------- links in pages


def link(src: str, d: Download, text: str, cls: str = "download-link") -> str:
    """An <a> to a download: in a plain build to its row on the Downloads page, after `make dist` to the file."""
    # on the Downloads page itself, a file this copy lacks leads to the words on how to get it
    href = paths.rel_url(src, DOWNLOADS_PAGE, HOW_TO_GET if src == DOWNLOADS_PAGE else d.anchor)
    return f'<a class="{cls}" data-download="{d.key}" href="{html.escape(href)}">{text}</a>'


def size_cell(d: Download) -> str:
    return f'<span data-download-size="{d.key}">not in this copy</span>'


_LINK = re.compile(r'(<a\b[^>]*?\sdata-download="(?P<key>[^"]+)"[^>]*?\shref=")(?P<href>[^"]*)(")')
_SIZE = re.compile(r'(<span data-download-size="(?P<key>[^"]+)">)[^<]*(</span>)')


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def finish_links(text: str, page_rel: str, present: dict[str, tuple[str, int]]) -> tuple[str, int]:
    """Point every download link of one page (site-relative path page_rel, e.g. tools/rm2000/index.html) at
    its file, and fill in sizes. present: key -> (file path, bytes) of the files this copy holds; a link to
    a key not present is left pointing at the Downloads page. Returns the new text and how many changed."""
    here = posixpath.dirname(page_rel)
    changed = 0

    def swap(m: re.Match) -> str:
        nonlocal changed
        found = present.get(m.group("key"))
        if not found:
            return m.group(0)
        changed += 1
        return m.group(1) + html.escape(posixpath.relpath(found[0], here or ".")) + m.group(4)

    def size(m: re.Match) -> str:
        found = present.get(m.group("key"))
        return m.group(1) + human_size(found[1]) + m.group(3) if found else m.group(0)

    return _SIZE.sub(size, _LINK.sub(swap, text)), changed


def keys_linked(text: str) -> set[str]:
    return {m.group("key") for m in _LINK.finditer(text)}
