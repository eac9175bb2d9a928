"""Checks across records: unique ids (both places named), references that resolve, steps in their
stage's file and in order, history versions. Each check adds problems; none stops the others.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import models as m
from .errors import Collector, closest, closest_source, superseded_sources
from .read import Records

STRUCTURE = "data/mappa/structure.yaml"


def check_all(c: Collector, r: Records) -> None:
    check_unique(c, r)
    check_sources(c, r)
    check_steps(c, r)
    check_agencies(c, r)
    check_tools(c, r)
    check_standards(c, r)
    check_judiciary(c, r)
    check_recommendations(c, r)
    check_pages(c, r)


# ---------------------------------------------------------------- unique ids


def unique(c: Collector, records: Iterable, key: Callable[[Any], Any], what: str) -> None:
    """Each key once; a second use names both places, so the editor can choose which to change."""
    first: dict[Any, Any] = {}
    for rec in records:
        k = key(rec)
        if k not in first:
            first[k] = rec
            continue
        o = c.origin(first[k])
        here = f"{o.file}:{o.line()}" if o.line() else o.file
        c.at(rec, str(k), "id", f"{what} '{k}' is used twice: here and in {here}. Each {what} must be unique: "
             "give one of them a new id, or delete the copy.")


def check_unique(c: Collector, r: Records) -> None:
    unique(c, r.sources, lambda s: s.id, "source id")
    unique(c, r.terms, lambda t: t.abbr, "abbreviation")
    unique(c, r.steps, lambda s: s.id, "step id")
    unique(c, r.tools, lambda t: t.id, "tool id")
    unique(c, r.facts, lambda f: f.id, "fact id")
    unique(c, r.gaps, lambda g: g.id, "gap id")
    if r.recs_file:
        unique(c, r.recs_file.recommendations, lambda x: x.number, "recommendation number")
    if r.standards_file:
        unique(c, r.standards_file.standards, lambda s: s.id, "standard id")
        unique(c, r.standards_file.areas, lambda a: a.id, "area id")
    if r.mappa:
        for name in ("roles", "categories", "stages", "documents"):
            unique(c, getattr(r.mappa, name), lambda x: x.id, name[:-1] + " id")
    if r.judiciary:
        unique(c, r.judiciary.questions, lambda q: q.id, "question id")
    unique(c, r.concepts, lambda k: " ".join(k.term.lower().split()), "glossary term")
    figures = [(t, f) for t in r.tools for f in t.figures]
    seen: dict[str, m.Tool] = {}
    for t, f in figures:
        if f.id in seen:
            c.at(t, t.id, "figures", f"figure id '{f.id}' is used twice: here and in {c.origin(seen[f.id]).file}. "
                 "Give one of them a new id.")
        seen.setdefault(f.id, t)


# ---------------------------------------------------------------- sources


def walk_sources(obj: Any, path: str = "") -> Iterable[tuple[str, m.SourceRef]]:
    if isinstance(obj, m.SourceRef):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk_sources(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from walk_sources(item, f"{path}[{i}]")


def check_sources(c: Collector, r: Records) -> None:
    if "sources" in r.failed:
        return  # a sources file could not be read: every reference to it would look unknown
    known = {s.id for s in r.sources}
    records: list[tuple[Any, str]] = [(t, t.abbr) for t in r.terms] + [(k, k.term) for k in r.concepts]
    records += [(x, x.id) for x in [*r.gaps, *r.facts, *r.steps, *r.tools]]
    if r.mappa:
        for name in ("agencies", "roles", "categories", "stages", "documents"):
            records += [(x, x.id) for x in getattr(r.mappa, name)]
        records += [(lv, f"level {lv.number}") for lv in r.mappa.levels]
    if r.standards_file:
        records += [(s, s.id) for s in r.standards_file.standards]
    if r.judiciary:
        records += [(q, q.id) for q in r.judiciary.questions]
    old = superseded_sources(r.sources)
    for rec, label in records:
        _sources_of(c, rec, rec, label, known, superseded=old)
    if r.recs_file:
        _sources_of(c, r.recs_file, r.recs_file.report, "report", known, "data/recommendations.yaml", old)
    if r.judiciary:
        _sources_of(c, r.judiciary, r.judiciary.base_rate_example, "base_rate_example", known, "data/judiciary.yaml", old)


def _sources_of(c: Collector, rec: Any, obj: Any, label: str, known: set[str], file: str | None = None,
                superseded: dict[str, str] | None = None) -> None:
    for where, ref in walk_sources(obj):
        if ref.id in known:
            continue
        msg = (f"unknown source '{ref.id}'. Expected an id from data/sources/*.yaml."
               f"{closest_source(ref.id, known, superseded)}")
        if file:
            c.add(file, label, where, msg)
        else:
            c.at(rec, label, where, msg)


# ---------------------------------------------------------------- references


LIST_UP_TO = 12  # a short list of valid ids is given in full, so the editor can pick one without opening the file


def check_ref(c: Collector, rec: Any, label: str, value: str, known: set, field_: str, what: str, where: str) -> None:
    if value not in known:
        valid = (f": {', '.join(sorted(map(str, known)))}" if 0 < len(known) <= LIST_UP_TO else "")
        c.at(rec, label, field_, f"unknown {what} '{value}'. Expected one of the {what} ids in {where}{valid}."
             f"{closest(value, known)}")


def check_agencies(c: Collector, r: Records) -> None:
    """Agency pages: the roles each agency fills exist; each stage's guide box names steps that exist."""
    if not r.mappa:
        return
    roles = {x.id for x in r.mappa.roles}
    for a in r.mappa.agencies:
        for i, rid in enumerate(a.roles):
            check_ref(c, a, a.id, rid, roles, f"roles[{i}]", "role", STRUCTURE)
        for i, sh in enumerate(a.shared):
            check_ref(c, a, a.id, sh.role, roles, f"shared[{i}].role", "role", STRUCTURE)
    page_ids = {pg.meta.id for pg in r.pages.values()}
    for rec in [*r.mappa.agencies, *r.mappa.categories]:
        for i, sa in enumerate(rec.see_also):
            check_ref(c, rec, rec.id, sa.id, page_ids, f"see_also[{i}].id", "page", "the 'id' line at the top of each page in docs/")
    if "steps" in r.failed:
        return
    steps = {s.id for s in r.steps}
    for st in r.mappa.stages:
        for i, sid in enumerate(st.guide.steps if st.guide else []):
            check_ref(c, st, st.id, sid, steps, f"guide.steps[{i}]", "MAPPA step", "data/mappa/steps/")


def check_steps(c: Collector, r: Records) -> None:
    if not r.mappa:
        return
    roles = {x.id for x in r.mappa.roles}
    stages = {x.id: x for x in r.mappa.stages}
    cats = {x.id for x in r.mappa.categories} | {"all"}
    docs = {x.id for x in r.mappa.documents}
    for s in r.steps:
        check_ref(c, s, s.id, s.actor, roles, "actor", "role", f"the roles list of {STRUCTURE}")
        check_ref(c, s, s.id, s.stage, set(stages), "stage", "stage", f"the stages list of {STRUCTURE}")
        for i, cat in enumerate(s.categories):
            check_ref(c, s, s.id, cat, cats, f"categories[{i}]", "category", f"the categories list of {STRUCTURE}")
        for i, doc in enumerate(s.documents):
            check_ref(c, s, s.id, doc, docs, f"documents[{i}]", "document", f"the documents list of {STRUCTURE}")
        check_history(c, s, s.id, s.history, r.site)
        _step_place(c, r, s, stages)
    _step_orders(c, r)


def _step_place(c: Collector, r: Records, s: m.Step, stages: dict[str, m.Stage]) -> None:
    """A step's stage and id prefix follow from its file (N-stage.yaml)."""
    path, _position = r.step_files.get(s.id, (Path(""), 0))
    number, _, file_stage = path.stem.partition("-")
    code = m.STAGE_CODES.get(file_stage)
    if file_stage not in stages:
        c.at(s, s.id, "", f"{path.name} is not named for a stage. Step files are named N-stage.yaml, one per "
             f"stage: {', '.join(f'{x.number}-{x.id}.yaml' for x in stages.values())}.")
        return
    if s.stage != file_stage:
        c.at(s, s.id, "stage", f"this step is in {path.name}, the file of stage '{file_stage}', but says "
             f"stage '{s.stage}'. Write stage: {file_stage}, or move the step to the file of stage '{s.stage}'.")
    elif code and not s.id.startswith(f"MAPPA-{code}-"):
        c.at(s, s.id, "id", f"a step of stage '{file_stage}' has an id starting MAPPA-{code}-; got '{s.id}'. "
             f"Use the next unused MAPPA-{code}- number (see data/id-register.yaml).")
    if number != str(stages[file_stage].number):
        c.at(s, s.id, "", f"{path.name} should be named {stages[file_stage].number}-{file_stage}.yaml "
             "(the stage's number first).")


def _step_orders(c: Collector, r: Records) -> None:
    """Steps are read in `order` within their stage's file: two steps there may not share a number."""
    first: dict[tuple[str, int], m.Step] = {}
    for s in r.steps:
        key = (str(r.step_files.get(s.id, ("", 0))[0]), s.order)
        if key in first:
            other = first[key]
            c.at(s, s.id, "order", f"order {s.order} is also the order of {other.id} "
                 f"({c.origin(other).file}:{c.origin(other).line('order')}). Give each step of a stage its own "
                 "number (renumber the steps after it).")
        first.setdefault(key, s)


def check_tools(c: Collector, r: Records) -> None:
    for t in r.tools:
        fig_ids = {f.id for f in t.figures}
        if not isinstance(t.bands, m.NotKnown):
            for i, b in enumerate(t.bands):
                if b.figure:
                    check_ref(c, t, t.id, b.figure, fig_ids, f"bands[{i}].figure", "figure", "this tool's figures list")
        check_history(c, t, t.id, t.history, r.site)


def check_standards(c: Collector, r: Records) -> None:
    if not r.standards_file:
        return
    areas = {a.id for a in r.standards_file.areas}
    steps = {s.id for s in r.steps}
    tools = {t.id for t in r.tools}
    for s in r.standards_file.standards:
        check_ref(c, s, s.id, s.area, areas, "area", "area", "the areas list of data/standards.yaml")
        if "steps" not in r.failed:
            for i, sid in enumerate(s.mappa_steps):
                check_ref(c, s, s.id, sid, steps, f"mappa_steps[{i}]", "MAPPA step", "data/mappa/steps/")
        if "tools" not in r.failed:
            for i, tid in enumerate(s.tools):
                check_ref(c, s, s.id, tid, tools, f"tools[{i}]", "tool", "data/tools/")
        check_history(c, s, s.id, s.history, r.site)


def check_judiciary(c: Collector, r: Records) -> None:
    if not r.judiciary or "tools" in r.failed:
        return
    figures = {f.id for t in r.tools for f in t.figures}
    value = r.judiciary.base_rate_example.base_rate_figure
    if value not in figures:
        c.add("data/judiciary.yaml", "base_rate_example", "base_rate_figure",
              f"unknown figure '{value}'. Expected one of the figure ids in data/tools/*.yaml.{closest(value, figures)}")


def check_recommendations(c: Collector, r: Records) -> None:
    if not r.recs_file:
        return
    missing = set(range(1, 20)) - {x.number for x in r.recs_file.recommendations}
    if missing:
        c.add("data/recommendations.yaml", "", "recommendations",
              f"the 2009 report has 19 recommendations; missing number(s) {sorted(missing)}. Add them back.")


def check_pages(c: Collector, r: Records) -> None:
    numbers = {x.number for x in r.recs_file.recommendations} if r.recs_file else set(range(1, 20))
    first: dict[str, str] = {}
    for src, pg in r.pages.items():
        if pg.meta.answers != "none":
            for i, n in enumerate(pg.meta.answers):
                if n not in numbers:
                    c.add(f"docs/{src}", pg.meta.id, f"answers[{i}]",
                          f"no recommendation {n} in data/recommendations.yaml (they are numbered 1 to 19).")
        if pg.meta.id in first:
            c.add(f"docs/{src}", pg.meta.id, "id", f"page id '{pg.meta.id}' is used twice: here and in "
                  f"docs/{first[pg.meta.id]}. Give this page a new id.")
        first.setdefault(pg.meta.id, src)


def check_history(c: Collector, rec: Any, label: str, history: list[m.HistoryEntry], site: m.SiteInfo | None) -> None:
    if site is None:
        return
    for i, h in enumerate(history):
        if _calver(h.version) > _calver(site.version):
            c.at(rec, label, f"history[{i}].version", f"version {h.version} is later than {site.version}, the "
                 f"edition being prepared ('version' in data/site.yaml). To start a new edition, run `make "
                 f"next-edition` (it raises the version), then name that version here; or use {site.version}.")


def _calver(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))
