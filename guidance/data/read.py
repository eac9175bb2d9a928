"""Read every file an editor can touch into validated records, noting each problem and each record's place.

One function per kind of file. A file that cannot be read or validated adds its problems and
leaves its records out; its kind is noted in `Records.failed`, so that later checks do not
report every reference to it as unknown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from . import models as m
from .errors import Collector
from .sitedata import Page
from .yamlio import YamlProblem, decode, load_text, split_front_matter

# what each data file holds, for the message about an empty file
_EXPECTED = {
    "list": "a list of records, each starting with '- '",
    "mapping": "lines of 'field: value'",
}


@dataclass
class Records:
    """What could be read. Any of these may be empty or None when its file had problems."""

    site: m.SiteInfo | None = None
    sources: list[m.Source] = field(default_factory=list)
    recs_file: m.RecommendationsFile | None = None
    terms: list[m.Term] = field(default_factory=list)
    concepts: list[m.Concept] = field(default_factory=list)
    search: m.SearchFile = field(default_factory=m.SearchFile)
    style: m.StyleRules | None = None
    mappa: m.MappaFile | None = None
    gaps: list[m.Gap] = field(default_factory=list)
    standards_file: m.StandardsFile | None = None
    judiciary: m.JudiciaryFile | None = None
    training: list[m.TrainingPath] = field(default_factory=list)
    steps: list[m.Step] = field(default_factory=list)
    facts: list[m.Fact] = field(default_factory=list)
    tools: list[m.Tool] = field(default_factory=list)
    flows: list[m.Flow] = field(default_factory=list)  # data/flows/*.yaml, one flow a file
    pages: dict[str, Page] = field(default_factory=dict)
    page_bodies: dict[str, tuple[str, int]] = field(default_factory=dict)  # src -> (body, line offset)
    failed: set[str] = field(default_factory=set)  # kinds of record whose files had problems
    step_files: dict[str, tuple[Path, int]] = field(default_factory=dict)  # step id -> (file, position)


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


class ParsedFiles:
    """The YAML of each file as last parsed, kept with the text it was parsed from: under `make serve` a save
    parses again only the files whose text changed (README "Live reload"). The parsed values are only read
    (validation makes new records each load), so one parse serves every load of the same text."""

    LIMIT = 4000  # files remembered, over every project this process loads (tests load many small ones)

    def __init__(self):
        self.known: dict[tuple[str, Path], tuple[str | bytes, Any]] = {}

    def _get(self, key: tuple[str, Path], source: str | bytes, parse) -> Any:
        hit = self.known.get(key)
        if hit is not None and hit[0] == source:
            return hit[1]
        raw = parse(source)  # a file that does not parse raises, and is parsed again next time
        if len(self.known) >= self.LIMIT:
            self.known.clear()
        self.known[key] = (source, raw)
        return raw

    def file(self, path: Path) -> Any:
        return self._get(("file", path), path.read_bytes(), lambda b: load_text(decode(b)))

    def text(self, path: Path, text: str) -> Any:
        """YAML held in part of a file (a page's front matter)."""
        return self._get(("text", path), text, load_text)


_PARSED = ParsedFiles()


def parsed(path: Path) -> Any:
    """The YAML of a data file (as yamlio.load_file), parsed again only when its bytes changed."""
    return _PARSED.file(Path(path).resolve())


def read_yaml(c: Collector, path: Path, shape: str) -> Any:
    """The parsed file, or None after noting why it could not be read (missing, empty, encoding, syntax)."""
    if not path.exists():
        c.add(path, "", "", "this data file is missing. Restore it (see `git status`).")
        return None
    try:
        raw = parsed(path)
    except YamlProblem as exc:
        c.add(path, "", "", with_column(exc), exc.line)
        return None
    if raw is None:
        c.add(path, "", "", f"the file is empty (or holds only blank lines and comments). It should hold "
              f"{_EXPECTED[shape]}. Restore it (see `git diff`).", 1)
        return None
    return raw


def with_column(exc: YamlProblem) -> str:
    return exc.message.rstrip(".") + (f" (column {exc.column})." if exc.column else ".")


def read_one(c: Collector, path: Path, model: Any, kind: str, list_key: str | None = None) -> Any:
    shape = "list" if getattr(model, "__origin__", None) is list else "mapping"
    raw = read_yaml(c, path, shape)
    got = None if raw is None else c.validate(path, TypeAdapter(model), raw, list_key)
    if got is None:
        c.failed.add(kind)
        return None, raw
    if isinstance(got, list):
        c.remember(path, got, raw)
    return got, raw


def read_all(c: Collector, root: Path) -> Records:
    r = Records(failed=c.failed)
    d = root / "data"
    r.site, _ = read_one(c, d / "site.yaml", m.SiteInfo, "site")
    r.sources = _read_folder(c, d / "sources", m.Source, "sources")
    r.recs_file, raw = read_one(c, d / "recommendations.yaml", m.RecommendationsFile, "recs", "recommendations")
    if r.recs_file:
        c.remember(d / "recommendations.yaml", r.recs_file.recommendations, raw.get("recommendations"))
    entries = read_one(c, d / "glossary.yaml", list[m.GlossaryEntry], "terms")[0] or []
    r.terms = [e for e in entries if isinstance(e, m.Term)]
    r.concepts = [e for e in entries if isinstance(e, m.Concept)]
    r.style, _ = read_one(c, d / "style.yaml", m.StyleRules, "style")
    r.mappa = _read_mappa(c, d / "mappa" / "structure.yaml")
    r.gaps = _read_folder(c, d / "gaps", m.Gap, "gaps")
    r.standards_file = _read_standards(c, d / "standards.yaml")
    r.judiciary, raw = read_one(c, d / "judiciary.yaml", m.JudiciaryFile, "questions", "questions")
    if r.judiciary:
        c.remember(d / "judiciary.yaml", r.judiciary.questions, raw.get("questions"))
    r.training = read_one(c, d / "training.yaml", list[m.TrainingPath], "training")[0] or []
    if (d / "search.yaml").exists():  # optional: synonyms and best bets for the site's search
        r.search = read_one(c, d / "search.yaml", m.SearchFile, "search")[0] or m.SearchFile()
    r.steps = _read_steps(c, d / "mappa" / "steps", r)
    r.facts = _read_folder(c, d / "facts", m.Fact, "facts")
    r.tools = _read_tools(c, d / "tools", r)
    r.flows = _read_flows(c, d / "flows")
    _read_pages(c, root, r)
    return r


def _read_folder(c: Collector, folder: Path, model: Any, kind: str) -> list:
    """Every record of every YAML file in a folder (one file per stage, per topic, ...)."""
    out: list = []
    for path in yaml_files(folder):
        out.extend(read_one(c, path, list[model], kind)[0] or [])
    return out


def _read_steps(c: Collector, folder: Path, r: Records) -> list[m.Step]:
    out: list[m.Step] = []
    for path in yaml_files(folder):
        got = read_one(c, path, list[m.Step], "steps")[0] or []
        for i, s in enumerate(got):
            r.step_files.setdefault(s.id, (path, i + 1))
        out.extend(got)
    return out


def _read_mappa(c: Collector, path: Path) -> m.MappaFile | None:
    mappa, raw = read_one(c, path, m.MappaFile, "mappa")
    if mappa:
        for name in ("agencies", "roles", "categories", "levels", "stages", "documents"):
            c.remember(path, getattr(mappa, name), raw.get(name))
    return mappa


def _read_standards(c: Collector, path: Path) -> m.StandardsFile | None:
    got, raw = read_one(c, path, m.StandardsFile, "standards", "standards")
    if got:
        c.remember(path, got.standards, raw.get("standards"))
        c.remember(path, got.areas, raw.get("areas"))
    return got


def _read_tools(c: Collector, folder: Path, r: Records) -> list[m.Tool]:
    tools: list[m.Tool] = []
    for path in yaml_files(folder):
        tool, raw = read_one(c, path, m.Tool, "tools")
        if tool is None:
            continue
        c.remember(path, [tool], [raw])
        expected = "TOOL-" + path.stem.upper()
        if tool.id != expected:
            c.at(tool, tool.id, "id", f"the id must match the file name: expected '{expected}' in {path.name}. "
                 "Rename the file or change the id.")
        tools.append(tool)
    return tools


def _read_flows(c: Collector, folder: Path) -> list[m.Flow]:
    flows: list[m.Flow] = []
    for path in yaml_files(folder):
        flow, raw = read_one(c, path, m.Flow, "flows")
        if flow is not None:
            c.remember(path, [flow], [raw])
            flows.append(flow)
    return flows


def _read_pages(c: Collector, root: Path, r: Records) -> None:
    adapter = TypeAdapter(m.PageMeta)
    for path in sorted((root / "docs").rglob("*.md")):
        src = path.relative_to(root / "docs").as_posix()
        try:
            text = load_text_file(path)
        except YamlProblem as exc:
            c.add(path, "", "", with_column(exc), exc.line)
            r.failed.add("pages")
            continue
        fm, body, offset = split_front_matter(text)
        if fm is None:
            c.add(path, "", "front matter", "every page needs front matter between '---' lines with at least "
                  "title, id, answers (recommendation numbers or 'none'), audience and review.", 1)
            r.failed.add("pages")
            continue
        r.page_bodies[src] = (body, offset)
        meta = _page_meta(c, path, fm, adapter)
        if meta is None:
            r.failed.add("pages")
        else:
            r.pages[src] = Page(src=src, meta=meta)


def read_id_register(root: Path) -> dict[str, dict]:
    """data/id-register.yaml (written by `make register`, never by hand): each published id's entry, by id."""
    path = root / "data" / "id-register.yaml"
    try:
        entries = parsed(path) if path.exists() else None
    except YamlProblem:  # reported with its line by the register check (guidance/data/register.py), with the rest
        return {}
    return {e["id"]: e for e in entries or [] if isinstance(e, dict) and "id" in e}


def load_text_file(path: Path) -> str:
    return decode(path.read_bytes(), check_tabs=False)


def _page_meta(c: Collector, path: Path, fm: str, adapter: TypeAdapter) -> m.PageMeta | None:
    try:  # front matter starts on line 2 of the file: lines the YAML gives are shifted by one
        raw = _PARSED.text(path, fm) or {}
    except YamlProblem as exc:
        c.add(path, "", "front matter", exc.message + ".", exc.line + 1 if exc.line else None)
        return None
    return c.validate(path, adapter, raw, line_offset=1)
