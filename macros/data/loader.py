"""Load data/ and the front matter of docs/, validate it, check every reference.

`load_site(root)` returns a SiteData or raises DataErrors listing *every* problem found,
each naming the file, the record (id or position), the field and what was expected.
Results are cached on a fingerprint of the input files, so the hooks and the macros
share one load per build, and an edited file is picked up by `mkdocs serve`.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..paths import all_ids
from ..sitemap import generated_pages
from . import models as m
from .in_force import check_in_force
from .sitedata import Page, SiteData
from .yamlio import YamlProblem, load_file, load_text, split_front_matter

# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f" | record {self.record}"
        if self.field:
            where += f" | field '{self.field}'"
        return f"{where}: {self.message}"


class DataErrors(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"The data has {n} problem{'s' if n != 1 else ''}. Nothing was built. Fix these and build again:"
        return "\n".join([head] + [f"  {i}. {p}" for i, p in enumerate(self.problems, 1)])


# example ids, so a pattern failure can say what is expected in plain words
_PATTERN_HINTS = {
    m.MAPPA_STEP_ID: "an id like MAPPA-ID-01 (stage code ID, LV, PM, MT or EX, then two digits)",
    r"^RAS-\d{2}$": "an id like RAS-01",
    r"^TOOL-[A-Z0-9-]+$": "an id like TOOL-RM2000 (capitals, digits and hyphens)",
    r"^Q-\d{2}$": "an id like Q-01",
    r"^PAGE-[A-Z0-9-]+$": "an id like PAGE-MAPPA-OVERVIEW",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "a lower-case id made of letters, digits and single hyphens, like mappa-2016",
    r"^\d{4}\.\d{1,2}\.\d+$": "a calendar version like 2026.11.0",
}

_ALL_FIELDS: set[str] = set()
for _obj in vars(m).values():
    if isinstance(_obj, type) and issubclass(_obj, BaseModel):
        _ALL_FIELDS.update(_obj.model_fields)


def _closest(word: str, options: Iterable[str]) -> str:
    match = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""


def _plain(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return "this field is required but is missing."
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        return f"'{name}' is not a field this record can have (check the spelling).{_closest(name, _ALL_FIELDS)}"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        hint = _PATTERN_HINTS.get(pattern, f"text matching {pattern}")
        return f"expected {hint}; got {err.get('input')!r}."
    if kind in ("literal_error", "enum"):
        return f"expected {err['ctx']['expected']}; got {err.get('input')!r}."
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"expected a date written YYYY-MM-DD; got {err.get('input')!r}."
    if kind == "too_short":
        return "this list must not be empty." if err.get("ctx", {}).get("min_length") == 1 else err["msg"] + "."
    if kind == "string_too_short":
        return "this text must not be empty."
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ") + "."
    if kind in ("int_parsing", "int_type"):
        return f"expected a whole number; got {err.get('input')!r}."
    if kind in ("string_type",):
        return f"expected text; got {err.get('input')!r}."
    if kind in ("list_type",):
        return f"expected a list (lines starting with '- '); got {err.get('input')!r}."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields (key: value); got {err.get('input')!r}."
    return err["msg"] + "."


def _loc_to_field(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            # pydantic adds union branch names like 'list[...]' or 'NotKnown'; hide them
            if "[" in str(part) or str(part) in ("NotKnown", "str", "function-before[_source_shorthand(), SourceRef]"):
                continue
            out += ("." if out else "") + str(part)
    return out


def _record_label(raw: Any, index: int | None) -> str:
    if isinstance(raw, dict):
        for key in ("id", "number", "abbr", "word", "label"):
            if key in raw and isinstance(raw[key], (str, int)):
                val = raw[key]
                return f"REC-{val:02d}" if key == "number" and isinstance(val, int) else str(val)
    return f"#{index + 1}" if index is not None else ""


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path | str, record: str, field_: str, message: str) -> None:
        name = path if isinstance(path, str) else self.rel(path)
        self.problems.append(Problem(name, record, field_, message))

    def read_yaml(self, path: Path):
        if not path.exists():
            self.add(path, "", "", "this data file is missing.")
            return None
        try:
            return load_file(path)
        except YamlProblem as exc:
            line = f" (line {exc.line})" if exc.line else ""
            self.add(path, "", "", exc.message + line)
            return None

    def validate(self, path: Path | str, adapter: TypeAdapter, raw: Any, list_key: str | None = None):
        """Validate raw data; on failure add one problem per pydantic error."""
        try:
            return adapter.validate_python(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                record, rest = "", loc
                items = raw if isinstance(raw, list) else None
                if list_key and isinstance(raw, dict) and loc[:1] == (list_key,):
                    items, rest = raw.get(list_key), loc[1:]
                if isinstance(items, list) and rest and isinstance(rest[0], int):
                    idx = rest[0]
                    record = _record_label(items[idx] if idx < len(items) else None, idx)
                    rest = rest[1:]
                elif isinstance(raw, dict) and not list_key:
                    record = _record_label(raw, None)
                fld = _loc_to_field(rest) or (list_key if list_key and loc[:1] == (list_key,) and not record else "")
                self.add(path, record, fld, _plain(err))
            return None


# ---------------------------------------------------------------- the data set


def _walk_sources(obj: Any, path: str = "") -> Iterable[tuple[str, m.SourceRef]]:
    if isinstance(obj, m.SourceRef):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk_sources(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _walk_sources(item, f"{path}[{i}]")


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


GENERATED_PREFIXES = ("recommendations/rec-", "mappa/stages/", "mappa/pathways/", "mappa/roles/", "mappa/agencies/",
                      "mappa/checklists/",
                      "standards/areas/", "tools/", "bench-notes/", "training/paths/")


def load_site(root: Path) -> SiteData:
    root = Path(root).resolve()
    key = _fingerprint(root)
    cached = _CACHE.get(root)
    if cached and cached[0] == key:
        return cached[1]
    data = _load(root)
    _CACHE[root] = (key, data)
    return data


_CACHE: dict[Path, tuple[tuple, SiteData]] = {}


def _fingerprint(root: Path) -> tuple:
    files = sorted(list((root / "data").rglob("*.yaml")) + list((root / "docs").rglob("*.md")))
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def _load(root: Path) -> SiteData:  # noqa: C901  (to be split into named steps)
    c = _Collector(root)
    d = root / "data"

    def one(path: Path, model, list_key: str | None = None):
        raw = c.read_yaml(path)
        if raw is None:
            return None
        return c.validate(path, TypeAdapter(model), raw, list_key)

    file_of: dict[str, str] = {}

    def many(folder: Path, model) -> list:
        """Every record of every YAML file in a folder (one file per stage, per topic, ...)."""
        out: list = []
        for path in _yaml_files(folder):
            got = one(path, list[model]) or []
            for rec in got:
                file_of.setdefault(rec.id, c.rel(path))
            out.extend(got)
        return out

    site = one(d / "site.yaml", m.SiteInfo)
    sources_list: list[m.Source] = []
    for path in _yaml_files(d / "sources"):
        got = one(path, list[m.Source]) or []
        for x in got:
            if x.id in file_of:
                c.add(path, x.id, "id", f"source id '{x.id}' is already defined in {file_of[x.id]}; "
                      "ids must be unique across data/sources/. Reuse that record instead.")
                continue
            file_of[x.id] = c.rel(path)
            sources_list.append(x)
    recs_file = one(d / "recommendations.yaml", m.RecommendationsFile, "recommendations")
    glossary_entries = one(d / "glossary.yaml", list[m.GlossaryEntry]) or []
    terms = [e for e in glossary_entries if isinstance(e, m.Term)]
    concepts = [e for e in glossary_entries if isinstance(e, m.Concept)]
    style = one(d / "style.yaml", m.StyleRules)
    mappa = one(d / "mappa" / "structure.yaml", m.MappaFile)
    gaps = many(d / "gaps", m.Gap)
    standards_file = one(d / "standards.yaml", m.StandardsFile, "standards")
    judiciary = one(d / "judiciary.yaml", m.JudiciaryFile, "questions")
    training = one(d / "training.yaml", list[m.TrainingPath]) or []
    search = (one(d / "search.yaml", m.SearchFile) if (d / "search.yaml").exists() else None) or m.SearchFile()

    steps = many(d / "mappa" / "steps", m.Step)
    facts_list = many(d / "facts", m.Fact)
    tools: list[m.Tool] = []
    for path in _yaml_files(d / "tools"):
        tool = one(path, m.Tool)
        if tool is None:
            continue
        expected = "TOOL-" + path.stem.upper()
        if tool.id != expected:
            c.add(path, tool.id, "id", f"the id must match the file name: expected '{expected}' in {path.name}.")
        tools.append(tool)
        file_of[tool.id] = c.rel(path)

    # ---- page front matter
    pages = _read_pages(root, c)

    # record -> file, for messages
    rel = c.rel
    if standards_file:
        for s in standards_file.standards:
            file_of.setdefault(s.id, rel(d / "standards.yaml"))

    # ---- uniqueness
    def unique(items, key, path: Path, what: str):
        seen: set = set()
        for it in items:
            k = key(it)
            if k in seen:
                c.add(path, str(k), "id", f"{what} '{k}' is used twice; ids must be unique.")
            seen.add(k)


    unique(terms, lambda t: t.abbr, d / "glossary.yaml", "abbreviation")
    unique(steps, lambda s: s.id, d / "mappa" / "steps", "step id")
    unique(tools, lambda t: t.id, d / "tools", "tool id")
    unique(facts_list, lambda f: f.id, d / "facts", "fact id")
    unique(gaps, lambda g: g.id, d / "gaps", "gap id")
    if recs_file:
        unique(recs_file.recommendations, lambda r: r.number, d / "recommendations.yaml", "recommendation number")
        missing = set(range(1, 20)) - {r.number for r in recs_file.recommendations}
        if missing:
            c.add(d / "recommendations.yaml", "", "recommendations",
                  f"the 2009 report has 19 recommendations; missing number(s) {sorted(missing)}.")
    if standards_file:
        unique(standards_file.standards, lambda s: s.id, d / "standards.yaml", "standard id")
        unique(standards_file.areas, lambda a: a.id, d / "standards.yaml", "area id")
    if mappa:
        for name in ("roles", "categories", "stages", "documents"):
            unique(getattr(mappa, name), lambda r: r.id, d / "mappa" / "structure.yaml", name[:-1] + " id")
    if judiciary:
        unique(judiciary.questions, lambda q: q.id, d / "judiciary.yaml", "question id")
    all_figs = [f.id for t in tools for f in t.figures]
    unique(all_figs, lambda x: x, d / "tools", "figure id")

    # ---- references
    source_ids = {s.id for s in sources_list}

    def check_sources(obj, path: Path | str, record: str):
        for where, ref in _walk_sources(obj):
            if ref.id not in source_ids:
                c.add(path, record, where + ".id" if not where.endswith("]") else where,
                      f"unknown source '{ref.id}'. Expected an id from data/sources/*.yaml.{_closest(ref.id, source_ids)}")

    def check_ref(value, known, path, record, fld, what, where_defined):
        if value not in known:
            c.add(path, record, fld, f"unknown {what} '{value}'. Expected one of the {what} ids in {where_defined}.{_closest(value, known)}")

    if recs_file:
        check_sources(recs_file.report, d / "recommendations.yaml", "report")
    for t in terms:
        check_sources(t, d / "glossary.yaml", t.abbr)
    for k in concepts:
        check_sources(k, d / "glossary.yaml", k.term)
    for g in gaps:
        check_sources(g, file_of[g.id], g.id)
        for i, pg in enumerate(g.pages):
            if pg not in pages and not pg.startswith(GENERATED_PREFIXES):
                c.add(file_of[g.id], g.id, f"pages[{i}]", f"no page '{pg}' in docs/.{_closest(pg, pages)}")
    for f in facts_list:
        check_sources(f, file_of[f.id], f.id)

    role_ids = {r.id for r in mappa.roles} if mappa else set()
    stage_ids = {s.id for s in mappa.stages} if mappa else set()
    cat_ids = {x.id for x in mappa.categories} if mappa else set()
    doc_ids = {x.id for x in mappa.documents} if mappa else set()
    if mappa:
        for name in ("agencies", "roles", "categories", "levels", "stages", "documents"):
            for r in getattr(mappa, name):
                check_sources(r, d / "mappa" / "structure.yaml", getattr(r, "id", None) or f"level {getattr(r, 'number', '')}")
    step_ids = {s.id for s in steps}
    for a in mappa.agencies if mappa else []:  # agency pages: the roles and cases each agency fills
        for i, rid in enumerate(a.roles):
            check_ref(rid, role_ids, d / "mappa" / "structure.yaml", a.id, f"roles[{i}]", "role", "data/mappa/structure.yaml")
        for i, sh in enumerate(a.shared):
            check_ref(sh.role, role_ids, d / "mappa" / "structure.yaml", a.id, f"shared[{i}].role", "role", "data/mappa/structure.yaml")
    for st in mappa.stages if mappa else []:
        for sid in st.guide.steps if st.guide else []:
            check_ref(sid, step_ids, d / "mappa" / "structure.yaml", st.id, "guide.steps", "MAPPA step", "data/mappa/steps/")
    for s in steps:
        path = file_of[s.id]
        check_sources(s, path, s.id)
        if mappa:
            check_ref(s.actor, role_ids, path, s.id, "actor", "role", "data/mappa/structure.yaml")
            check_ref(s.stage, stage_ids, path, s.id, "stage", "stage", "data/mappa/structure.yaml")
            for i, cat in enumerate(s.categories):
                if cat != "all":
                    check_ref(cat, cat_ids | {"all"}, path, s.id, f"categories[{i}]", "category", "data/mappa/structure.yaml")
            for i, doc in enumerate(s.documents):
                check_ref(doc, doc_ids, path, s.id, f"documents[{i}]", "document", "data/mappa/structure.yaml")
        _check_history(c, path, s.id, s.history, site)

    tool_ids = {t.id for t in tools}
    for t in tools:
        path = file_of[t.id]
        check_sources(t, path, t.id)
        fig_ids = {f.id for f in t.figures}
        if not isinstance(t.bands, m.NotKnown):
            for i, b in enumerate(t.bands):
                if b.figure:
                    check_ref(b.figure, fig_ids, path, t.id, f"bands[{i}].figure", "figure", "this tool's figures list")
        _check_history(c, path, t.id, t.history, site)

    if standards_file:
        area_ids = {a.id for a in standards_file.areas}
        path = d / "standards.yaml"
        for s in standards_file.standards:
            check_sources(s, path, s.id)
            check_ref(s.area, area_ids, path, s.id, "area", "area", "the areas list of data/standards.yaml")
            for i, sid in enumerate(s.mappa_steps):
                check_ref(sid, step_ids, path, s.id, f"mappa_steps[{i}]", "MAPPA step", "data/mappa/steps/")
            for i, tid in enumerate(s.tools):
                check_ref(tid, tool_ids, path, s.id, f"tools[{i}]", "tool", "data/tools/")
            _check_history(c, path, s.id, s.history, site)

    if judiciary:
        path = d / "judiciary.yaml"
        for q in judiciary.questions:
            check_sources(q, path, q.id)
        check_sources(judiciary.base_rate_example, path, "base_rate_example")
        check_ref(judiciary.base_rate_example.base_rate_figure, set(all_figs), path, "base_rate_example",
                  "base_rate_figure", "figure", "the figures of data/tools/*.yaml")

    rec_numbers = {r.number for r in recs_file.recommendations} if recs_file else set()
    for src, pg in pages.items():
        if pg.meta.answers != "none":
            for i, n in enumerate(pg.meta.answers):
                if n not in rec_numbers:
                    c.add(f"docs/{src}", pg.meta.id, f"answers[{i}]", f"no recommendation {n} in data/recommendations.yaml.")
    unique([p.meta.id for p in pages.values()], lambda x: x, "docs/", "page id")

    if c.problems:
        raise DataErrors(c.problems)

    data = SiteData(
        root=root, site=site, sources={s.id: s for s in sources_list}, report=recs_file.report,
        recs={r.number: r for r in sorted(recs_file.recommendations, key=lambda r: r.number)},
        terms=sorted(terms, key=lambda t: t.abbr.lower()), style=style, mappa=mappa,
        steps=sorted(steps, key=lambda s: (next(x.number for x in mappa.stages if x.id == s.stage), s.order, s.id)),
        gaps=gaps, facts={f.id: f for f in facts_list},
        areas=standards_file.areas, standards=standards_file.standards,
        tools=sorted(tools, key=lambda t: (t.comparator, t.abbr.lower())), judiciary=judiciary,
        training=training, pages=pages, file_of=file_of, search=search,
        concepts=sorted(concepts, key=lambda k: k.term.lower()),
    )
    # training items must point at ids that exist; checked once every id is known
    known = all_ids(data)
    for tp in training:
        for i, item in enumerate(tp.items):
            if item.id not in known:
                c.add(d / "training.yaml", tp.id, f"items[{i}].id", f"unknown id '{item.id}'.{_closest(item.id, known)}")
    _check_search(c, d / "search.yaml", data, known)
    check_in_force(data, c.add)
    if c.problems:
        raise DataErrors(c.problems)
    return data


def _check_search(c: _Collector, path: Path, data: SiteData, known) -> None:
    """Every id in data/search.yaml names a page or item that exists (generated pages included)."""
    ids = set(known) | {p.id for p in generated_pages(data)}
    s = data.search
    refs = [(f"synonyms[{i}].id", x.id, x.id) for i, x in enumerate(s.synonyms)]
    refs += [(f"best_bets[{i}].id", x.query, x.id) for i, x in enumerate(s.best_bets)]
    refs += [(f"boost.{k}", k, k) for k in s.boost] + [(f"exclude[{i}]", k, k) for i, k in enumerate(s.exclude)]
    for fld, record, item_id in refs:
        if item_id not in ids:
            c.add(path, record, fld, f"unknown id '{item_id}': use the permanent ID of a page or item "
                  f"(see /training/ids/ or the page's front matter).{_closest(item_id, ids)}")
    seen: dict[str, str] = {}
    for i, x in enumerate(s.best_bets):
        key = " ".join(x.query.lower().split())
        if key in seen and seen[key] != x.id:
            c.add(path, x.query, f"best_bets[{i}].query", f"this query is already a best bet for {seen[key]}; "
                  "a query can have only one best bet.")
        seen.setdefault(key, x.id)


def _check_history(c: _Collector, path, record: str, history: list[m.HistoryEntry], site: m.SiteInfo | None):
    if site is None:
        return
    for i, h in enumerate(history):
        if _calver_key(h.version) > _calver_key(site.version):
            c.add(path, record, f"history[{i}].version",
                  f"version {h.version} is later than the site version {site.version} in data/site.yaml.")


def _calver_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def _read_pages(root: Path, c: _Collector) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    adapter = TypeAdapter(m.PageMeta)
    for path in sorted((root / "docs").rglob("*.md")):
        src = path.relative_to(root / "docs").as_posix()
        text = path.read_text(encoding="utf-8")
        fm, _body, _ = split_front_matter(text)
        if fm is None:
            c.add(path, "", "front matter", "every page needs front matter between '---' lines with at least "
                  "title, id, answers (recommendation numbers or 'none'), audience and review.")
            continue
        try:
            raw = load_text(fm) or {}
        except YamlProblem as exc:
            c.add(path, "", "front matter", exc.message + (f" (line {exc.line + 1})" if exc.line else ""))
            continue
        meta = c.validate(path, adapter, raw)
        if meta is not None:
            pages[src] = Page(src=src, meta=meta)
    return pages
