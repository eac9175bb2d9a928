"""Zensical: raw-HTML links written for the built page, made relative to the source file.

MkDocs leaves links inside raw HTML as they are, so the renderers write them relative to the built
page (`tools/rm2000.md` is built as `tools/rm2000/index.html`). Zensical 0.0.x rewrites every relative
link as if it were relative to the source file, adding a `../` for every page that is not an index
page. This Markdown extension (listed only in the generated zensical.yml) converts the links of raw
HTML blocks of such pages to source-relative form before Zensical sees them; Markdown links are
source-relative already and are left alone.
"""
from __future__ import annotations

import posixpath
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

from ..paths import page_url
from ..site.page_html import current_page

_ATTR = re.compile(r'\b(href|src)="(?![a-z][a-z0-9+.-]*:|#|/|\?)([^"]*)"')


def source_relative(link: str, src: str) -> str:
    """A link relative to the built page of src, made relative to src's folder."""
    path, hash_, frag = link.partition("#")
    if not path:
        return link
    page_dir = page_url(src) or "."
    target = posixpath.normpath(posixpath.join(page_dir, path))
    rel = posixpath.relpath(target, posixpath.dirname(src) or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + hash_ + frag


class _Links(Postprocessor):
    """Runs once per stash block: a block already converted is remembered (nested conversions share the stash)."""

    def run(self, text: str) -> str:
        page = current_page()  # named by guidance/engines/zensical_page.py
        src = page.src if page is not None else ""
        if not src or src.endswith("index.md"):
            return text
        blocks = self.md.htmlStash.rawHtmlBlocks
        done = self.md.__dict__.setdefault("_guidance_converted", set())
        for i, block in enumerate(blocks):
            if isinstance(block, str) and block not in done:
                blocks[i] = _ATTR.sub(lambda m: f'{m.group(1)}="{source_relative(m.group(2), src)}"', block)
                done.add(blocks[i])
        return text


class ZensicalLinks(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(_Links(md), "guidance_zensical_links", 35)  # before raw HTML is restored (30)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return ZensicalLinks(**kwargs)
