"""Load data/ and the front matter of docs/, validate it, check every reference and the writing rules.

This is the data layer: it knows nothing of pages or paths. The checks that need them (training items and
data/search.yaml naming published ids) run one layer up, in guidance/checks/ (`guidance.checks.load_checked`).

`load_site(root)` returns a SiteData or raises DataErrors listing *every* problem found, each
naming the file and line, the record (id or position), the field, what is wrong and what would be
right. The steps, each in its own module: read.py (files -> records), checks.py (across records),
rules.py (the plain-language rules), errors.py (the wording). Results are cached on a fingerprint
of the input files, so the plugin and the macros share one load per build, and an edited file is
picked up by `mkdocs serve`.
"""
from __future__ import annotations

from pathlib import Path

from ..options import BuildOptions
from .checks import check_all
from .errors import Collector, DataErrors, Problem
from .flows import check_flows
from .in_force import check_in_force
from .read import Records, read_all, read_id_register
from .rules import check_content
from .sitedata import Page, SiteData

__all__ = ["DataErrors", "Page", "Problem", "Records", "SiteData", "load_site"]

_CACHE: dict[tuple[Path, BuildOptions], tuple[tuple, SiteData]] = {}


def load_site(root: Path, options: BuildOptions | None = None) -> SiteData:
    """The data set of `root` for one build's options (the command line makes them; default: no public
    address, today's date, a draft, MkDocs)."""
    root = Path(root).resolve()
    options = BuildOptions() if options is None else options
    key = _fingerprint(root)
    cached = _CACHE.get((root, options))
    if cached and cached[0] == key:
        return cached[1]
    data = _load(root, options)
    _CACHE[(root, options)] = (key, data)
    return data


def _fingerprint(root: Path) -> tuple:
    files = sorted(list((root / "data").rglob("*.yaml")) + list((root / "docs").rglob("*.md")))
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def _load(root: Path, options: BuildOptions) -> SiteData:
    c = Collector(root)
    records = read_all(c, root)
    check_all(c, records)
    check_content(c, records)
    if c.problems:
        raise DataErrors(c.problems, records)
    data = _site_data(root, records, c, options)
    check_in_force(c, data)
    check_flows(c, data)
    if c.problems:
        raise DataErrors(c.problems, records)
    return data


def _site_data(root: Path, r: Records, c: Collector, options: BuildOptions) -> SiteData:
    """The validated data set; called only when every file was read and every check passed."""
    stage_number = {x.id: x.number for x in r.mappa.stages}
    file_of = {getattr(rec, "id", ""): o.file for rec in [*r.sources, *r.gaps, *r.steps, *r.facts, *r.tools]
               if (o := c.origin(rec))}
    file_of.update({s.id: "data/standards.yaml" for s in r.standards_file.standards})
    return SiteData(
        root=root, site=r.site, sources={s.id: s for s in r.sources}, report=r.recs_file.report,
        recs={x.number: x for x in sorted(r.recs_file.recommendations, key=lambda x: x.number)},
        terms=sorted(r.terms, key=lambda t: t.abbr.lower()), style=r.style, mappa=r.mappa,
        steps=sorted(r.steps, key=lambda s: (stage_number[s.stage], s.order, s.id)),
        gaps=r.gaps, facts={f.id: f for f in r.facts},
        areas=r.standards_file.areas, standards=r.standards_file.standards,
        tools=sorted(r.tools, key=lambda t: (t.comparator, t.abbr.lower())), judiciary=r.judiciary,
        training=r.training, pages=r.pages, file_of=file_of, search=r.search,
        concepts=sorted(r.concepts, key=lambda k: k.term.lower()),
        origins={rec.id: c.origin(rec) for rec in [*r.gaps, *r.facts, *r.steps, *r.standards_file.standards, *r.tools, *r.training]}, register=read_id_register(root),
        options=options, flows=r.flows,
    )

