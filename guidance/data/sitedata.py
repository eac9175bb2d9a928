"""The validated data set of one build, with its look-ups. Built by the loader; never changed after."""
from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..options import BuildOptions
from . import models as m
from .errors import Origin

T = TypeVar("T")


def per_data(compute: Callable[[SiteData], T]) -> Callable[[SiteData], T]:
    """Cache a value derived from a data set (the id map, the page list...): computed on first use, kept
    while that data set lives. A data set is never changed after loading, so the value stays true."""
    cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @functools.wraps(compute)
    def cached(data: SiteData) -> T:
        if data not in cache:
            cache[data] = compute(data)
        return cache[data]

    return cached


@dataclass
class Page:
    src: str  # path under docs/
    meta: m.PageMeta
    generated: bool = False


@dataclass(eq=False)  # compared and hashed by identity: one loaded data set is one object
class SiteData:
    root: Path
    site: m.SiteInfo
    sources: dict[str, m.Source]
    report: m.ReportInfo
    recs: dict[int, m.Recommendation]
    terms: list[m.Term]
    style: m.StyleRules
    mappa: m.MappaFile
    steps: list[m.Step]
    gaps: list[m.Gap]
    facts: dict[str, m.Fact]
    areas: list[m.StandardArea]
    standards: list[m.Standard]
    tools: list[m.Tool]
    judiciary: m.JudiciaryFile
    training: list[m.TrainingPath]
    pages: dict[str, Page] = field(default_factory=dict)
    file_of: dict[str, str] = field(default_factory=dict)  # record id -> data file
    concepts: list[m.Concept] = field(default_factory=list)  # glossary concepts (not abbreviations)

    search: m.SearchFile = field(default_factory=m.SearchFile)  # data/search.yaml: synonyms, best bets
    origins: dict[str, Origin] = field(default_factory=dict, repr=False)  # record id -> file and lines (gaps, facts, steps, training)
    register: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)  # data/id-register.yaml by id
    options: BuildOptions = field(default_factory=BuildOptions)  # what this build is asked for (guidance/options.py)
    flows: list[m.Flow] = field(default_factory=list)  # data/flows/*.yaml as written (guidance/data/flows.py makes them whole)
    _by_id: dict[str, dict[str, Any]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {
            "roles": {r.id: r for r in self.mappa.roles}, "agencies": {a.id: a for a in self.mappa.agencies},
            "stages": {s.id: s for s in self.mappa.stages}, "categories": {c.id: c for c in self.mappa.categories},
            "tools": {t.id: t for t in self.tools}, "steps": {s.id: s for s in self.steps},
        }

    # ------------------------------------------------------------ look-ups by id (KeyError on a miss)
    def role(self, rid: str) -> m.Role:
        return self._by_id["roles"][rid]

    def agency(self, aid: str) -> m.MappaAgency:
        return self._by_id["agencies"][aid]

    def stage(self, sid: str) -> m.Stage:
        return self._by_id["stages"][sid]

    def category(self, cid: str) -> m.Category:
        return self._by_id["categories"][cid]

    def tool(self, tid: str) -> m.Tool:
        return self._by_id["tools"][tid]

    def step(self, sid: str) -> m.Step:
        return self._by_id["steps"][sid]

    def figure(self, fid: str) -> tuple[m.Tool, m.Figure]:
        for t in self.tools:
            for f in t.figures:
                if f.id == fid:
                    return t, f
        raise KeyError(fid)
