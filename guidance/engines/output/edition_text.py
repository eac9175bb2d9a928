"""The reader text of released editions, and what changed between two editions, sentence by sentence.

`make release` keeps the reader text of each edition it cuts beside its archive
(editions/<version>-reader-text.zip, one file per page id, as in reader-text/). For an edition released
before that (2026.12.1 and earlier) the text is read from its archive of built HTML: each page's content
(the theme's article), read by the same HTML reader as the current pages (guidance/site/reader_html.py).
"What changed" is then the diff of the two texts, page by page, without the edition's own furniture (the
draft notice, the version and the dates in citations), which changes on every page at every release.
"""
from __future__ import annotations

import difflib
import html
import re
import zipfile
from pathlib import Path

from ...site.reader_html import html_lines
from ...theme import ARTICLE_OPEN

_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_GUIDANCE_ID = re.compile(r'<meta name="guidance-id" content="([^"]+)"')
_ARTICLE = re.compile(ARTICLE_OPEN + r"(?P<body>.*?)</article>", re.S)
# lines that change with every edition, on every page: not a change of what the guidance says
_FURNITURE = re.compile(r"Draft of edition|This page may change before it is published|The current guidance is edition|"
                        r"^\s*- Version \d|edition \d{4}\.\d+\.\d+|/editions/\d{4}\.\d+\.\d+/|^\s*(- )?Last reviewed \d|"
                        r"^Checked on \d{4}-\d\d-\d\d \(the build date\)")
_VERSION = re.compile(r"\b\d{4}\.\d{1,2}\.\d+\b")


def text_archive(version: str) -> str:
    return f"editions/{version}-reader-text.zip"


def write_text_archive(texts: dict[str, str], out: Path) -> None:
    """Keep an edition's reader text: one file per page id, in a zip with fixed dates (same text, same bytes)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for page_id in sorted(texts):
            info = zipfile.ZipInfo(f"{page_id}.txt", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, texts[page_id].encode("utf-8"))


def _read_text_archive(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {Path(n).stem: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".txt")}


def text_from_built(archive: Path) -> dict[str, str]:
    """The reader text of an edition kept only as built HTML: each page's content, by its page id."""
    out: dict[str, str] = {}
    with zipfile.ZipFile(archive) as z:
        for name in sorted(z.namelist()):
            if not name.endswith("index.html") or name.startswith(("id/", "editions/")):
                continue
            text = z.read(name).decode("utf-8", "replace")
            found, body = _GUIDANCE_ID.search(text), _ARTICLE.search(text)
            if found and body:
                out.setdefault(html.unescape(found.group(1)), "\n".join(html_lines(body.group("body"))) + "\n")
    return out


def edition_text(root: Path, version: str, archive: str) -> dict[str, str]:
    """A released edition's reader text: kept beside its archive, or read from the archive's HTML."""
    kept = Path(root) / text_archive(version)
    return _read_text_archive(kept) if kept.exists() else text_from_built(Path(root) / archive)


def _words(text: str) -> list[str]:
    return [row for row in text.splitlines() if not _FURNITURE.search(row)]


def unread(kept: dict[str, str], now: dict[str, str]) -> set[str]:
    """Pages whose sentences (furniture aside) differ from the reader text kept: words no one has read yet."""
    def words(text: str) -> list[str]:
        return [_VERSION.sub("<version>", row) for row in _words(text)]

    return {page_id for page_id in set(kept) | set(now) if words(kept.get(page_id, "")) != words(now.get(page_id, ""))}


def what_changed(before: dict[str, str], after: dict[str, str], old: str, new: str) -> str:
    """Every sentence that changed from edition `old` to `new`, page by page ('-' old words, '+' new)."""
    parts = []
    for page_id in sorted(set(before) | set(after)):
        a, b = _words(before.get(page_id, "")), _words(after.get(page_id, ""))
        if a == b:
            continue
        state = " (new page)" if page_id not in before else " (page removed)" if page_id not in after else ""
        diff = [row for row in difflib.unified_diff(a, b, lineterm="", n=0) if not row.startswith(("---", "+++", "@@"))]
        parts.append(f"## {page_id}{state}\n" + "\n".join(diff))
    head = f"What changed from edition {old} to edition {new}, sentence by sentence ('-' {old}, '+' {new})"
    return head + ":\n\n" + ("\n\n".join(parts) if parts else "No sentence changed.") + "\n"
