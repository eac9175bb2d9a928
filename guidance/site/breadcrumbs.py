"""Where a page sits: its breadcrumb trail and the navigation entry to show as active.

Pages in the navigation take their trail from it. A page generated from data (a stage, a tool, a
checklist...) is not listed in the navigation; it hangs under the nearest listed page: its folder's
index page (mappa/stages/index.md for a stage), walking up the folders, with three exceptions: a
bench note hangs under its tool's page, a stage checklist under the checklists page, and a decision flow
written for the bench (BENCH_FLOWS) under the bench section's first page, not under the flows index.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .. import paths


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str | None  # relative to the page showing the trail; None for a section heading or the page itself


# decision flows whose readers are the bench: their pages sit in the bench section of the trail
BENCH_FLOWS = frozenset({"bench-report"})
BENCH_HOME = "judiciary/index.md"


def parent_src(src: str, kind: str = "", key: str | int = "") -> str | None:
    """The page a page hangs under (None for the home page)."""
    if src == paths.HOME:
        return None
    if kind in ("flow_node", "flow_map") and str(key) in BENCH_FLOWS:  # the flow's first page, or its diagram
        return BENCH_HOME
    if kind == "bench_note" and key:
        return paths.tool_page(str(key))
    if kind == "checklist":
        return paths.CHECKLISTS
    folder = posixpath.dirname(src)
    if src.endswith("/index.md"):
        folder = posixpath.dirname(folder)
    while folder:
        candidate = f"{folder}/index.md"
        if candidate != src:
            return candidate
        folder = posixpath.dirname(folder)
    return paths.HOME


def trail(src: str, in_nav: set[str], info: dict[str, tuple[str, str, str | int]]) -> list[str]:
    """Sources from the nearest page in the navigation down to `src` (just [src] for a listed page)."""
    out = [src]
    cur = src
    guard = 0
    while cur not in in_nav and guard < 10:
        kind, key = (info.get(cur) or ("", "", ""))[1:]
        cur = parent_src(cur, kind, key)
        if cur is None:
            break
        if cur in info or cur in in_nav:  # a folder with no index page of its own is skipped
            out.insert(0, cur)
        guard += 1
    return out


def crumbs(src: str, sections: list[str], chain: list[str], titles: dict[str, str]) -> list[Crumb]:
    """Home, then the navigation sections, then each page of the chain; the last one is the page itself."""
    out = [Crumb("Home", None if src == paths.HOME else paths.rel_url(src, paths.HOME))]
    if src == paths.HOME:
        return out
    out.extend(Crumb(s, None) for s in sections)
    for s in chain:
        if s == paths.HOME:
            continue
        out.append(Crumb(titles.get(s, s), None if s == src else paths.rel_url(src, s)))
    return out
