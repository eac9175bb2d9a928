"""The validated data set of one build, with its look-ups. Built by the loader; never changed after."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import models as m


@dataclass
class Page:
    src: str  # path under docs/
    meta: m.PageMeta
    generated: bool = False


@dataclass
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
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------ look-ups by id (KeyError on a miss)
    def role(self, rid: str) -> m.Role:
        return self._index("roles", self.mappa.roles)[rid]

    def agency(self, aid: str) -> m.MappaAgency:
        return self._index("agencies", self.mappa.agencies)[aid]

    def stage(self, sid: str) -> m.Stage:
        return self._index("stages", self.mappa.stages)[sid]

    def category(self, cid: str) -> m.Category:
        return self._index("categories", self.mappa.categories)[cid]

    def tool(self, tid: str) -> m.Tool:
        return self._index("tools", self.tools)[tid]

    def step(self, sid: str) -> m.Step:
        return self._index("steps", self.steps)[sid]

    def _index(self, name: str, records) -> dict:
        return self.memo(f"index:{name}", lambda: {r.id: r for r in records})

    # ------------------------------------------------------------ derived views, computed once per data set
    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value derived from the data (the id map, the page list...), computed on first use and kept.

        The data set is never changed after loading, so a derived value stays true for its life.
        """
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def figure(self, fid: str) -> tuple[m.Tool, m.Figure]:
        for t in self.tools:
            for f in t.figures:
                if f.id == fid:
                    return t, f
        raise KeyError(fid)
