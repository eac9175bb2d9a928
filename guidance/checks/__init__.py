"""Checks of the data that need page paths or the sitemap: the layer above guidance/data/, paths and sitemap.

Layers (README, "How it is built"): data -> paths -> sitemap -> checks -> render -> site. The data layer
(`guidance.data.loader.load_site`) validates files, records, references and the writing rules; the checks here
add what needs to know where every id and page lives: training items and data/search.yaml name published ids.

- `check_site(data)`: the problems these checks find (each placed at its file and line);
- `load_checked(root)`: the data set with every check passed, or DataErrors listing every problem.
"""
from __future__ import annotations

from pathlib import Path

from ..data.errors import Collector, DataErrors, Problem
from ..data.loader import load_site
from ..data.sitedata import SiteData, per_data
from ..options import BuildOptions
from .search import check_search
from .training import check_training

__all__ = ["DataErrors", "check_site", "load_checked"]


@per_data
def check_site(data: SiteData) -> list[Problem]:
    """Every problem of the checks that need paths or the sitemap (run once per data set)."""
    c = Collector(data.root)
    c.origins.update({id(rec): data.origins[rec.id] for rec in data.training if rec.id in data.origins})
    check_training(c, data)
    check_search(c, data)
    return list(c.problems)


def load_checked(root: Path, options: BuildOptions | None = None) -> SiteData:
    """The data set of `root` with every check passed; DataErrors lists every problem found."""
    data = load_site(root, options)
    problems = [p for p in check_site(data) if not p.warning]
    if problems:
        raise DataErrors(problems, None)
    return data
