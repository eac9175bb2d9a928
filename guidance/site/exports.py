"""JSON and CSV exports of the data, and the JSON Schemas of every data file."""
from __future__ import annotations

import csv
import functools
import io
import json

from pydantic import TypeAdapter

from .. import paths
from ..data import models as m
from ..data.editions import Edition
from ..data.loader import SiteData
from ..data.status import STATES, rule_status
from ..paths import permalink
from ..render.standing import status_line
from .flow_exports import flow_exports

READING_EXPORTS = ("mappa-steps", "standards")  # exports that carry the in-force label and the Applies now line

# JSON Schema of every kind of data file, for editors (YAML language servers read these)
DATA_FILE_SCHEMAS = {
    "site": m.SiteInfo,
    "sources": list[m.Source],
    "recommendations-file": m.RecommendationsFile,
    "glossary-file": list[m.GlossaryEntry],
    "style": m.StyleRules,
    "mappa-structure": m.MappaFile,
    "mappa-steps-file": list[m.Step],
    "gaps-file": list[m.Gap],
    "facts-file": list[m.Fact],
    "standards-file": m.StandardsFile,
    "tool-file": m.Tool,
    "judiciary": m.JudiciaryFile,
    "training": list[m.TrainingPath],
    "search": m.SearchFile,
    "editions": list[Edition],
    "page-front-matter": m.PageMeta,
    "flow-file": m.Flow,  # decision flows (issue #33)
}

# which schema each data file follows (glob under the project root, first match wins); .vscode/settings.json
# says the same to an editor's YAML language server, and tests/test_editor_hints.py checks every file against it
DATA_FILES = {
    "data/site.yaml": "site",
    "data/sources/*.yaml": "sources",
    "data/recommendations.yaml": "recommendations-file",
    "data/glossary.yaml": "glossary-file",
    "data/style.yaml": "style",
    "data/mappa/structure.yaml": "mappa-structure",
    "data/mappa/steps/*.yaml": "mappa-steps-file",
    "data/gaps/*.yaml": "gaps-file",
    "data/facts/*.yaml": "facts-file",
    "data/standards.yaml": "standards-file",
    "data/tools/*.yaml": "tool-file",
    "data/judiciary.yaml": "judiciary",
    "data/training.yaml": "training",
    "data/search.yaml": "search",
    "data/editions.yaml": "editions",
    "data/id-register.yaml": "id-register",
    "data/flows/*.yaml": "flow-file",
}

_TEXT = {"type": "string", "minLength": 1}
_VERSION = {"type": "string", "pattern": r"^\d{4}\.\d{1,2}\.\d+$"}
# data/id-register.yaml is written by `make register`; an editor edits it only to retire an id
REGISTER_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "kind", "status"],
        "properties": {
            "id": _TEXT, "kind": _TEXT, "status": {"enum": ["published", "retired"]}, "fingerprint": _TEXT,
            "first_published": _VERSION, "changed_in": {"type": "array", "items": _VERSION}, "wording": _TEXT,
            "earlier": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["until", "wording"],
                "properties": {"until": _VERSION, "change": {"enum": ["wording", "meaning"]}, "wording": _TEXT}}},
            "retired_in": _VERSION, "reason": _TEXT, "successor": _TEXT,
            # a tool: a fingerprint of each field readers read (the history rule, guidance/data/register.py)
            "reader_fields": {"type": "object", "additionalProperties": _TEXT},
        },
        "if": {"properties": {"status": {"const": "retired"}}},
        "then": {"required": ["retired_in", "reason"]},
    },
}


def data_file_schema(name: str) -> dict:
    """The JSON Schema of one kind of data file (validation: what an editor may write, shorthands included)."""
    if name == "id-register":
        schema = dict(REGISTER_SCHEMA)
    else:
        schema = TypeAdapter(DATA_FILE_SCHEMAS[name]).json_schema(mode="validation")
    schema["title"] = f"data file: {name}"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _records(data: SiteData) -> dict[str, tuple[object, list[dict]]]:
    """export name -> (item type for the schema, list of JSON-ready dicts)."""
    def dump(x):
        return x.model_dump(mode="json")

    recs = []
    for r in data.recs.values():
        d = dump(r)
        d["id"] = r.id
        recs.append(d)
    def with_reading(x):
        # derived, read-only: the rule's one status, as every page shows it (guidance/data/status.py)
        got = rule_status(data, x)
        return dump(x) | {
            "status": got.state if got else "",
            "status_text": status_line(data, x),
            "status_source": (got.link or "") if got else "",
        }

    return {
        "recommendations": (m.Recommendation, recs),
        "mappa-steps": (m.Step, [with_reading(s) for s in data.steps]),
        "standards": (m.Standard, [with_reading(s) for s in data.standards]),
        "tools": (m.Tool, [dump(t) for t in data.tools]),
        "glossary": (m.Term, [dump(t) | {"id": t.id} for t in data.terms]),
    }


def export_schema(item_type) -> dict:
    """Schema of an export: an object with site version, date and a list of items."""
    item = TypeAdapter(item_type).json_schema()
    defs = item.pop("$defs", {})
    # exports add 'id' for recommendations and glossary terms (derived, read-only)
    if "properties" in item and "id" not in item["properties"]:
        item["properties"]["id"] = {"type": "string"}
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["site", "version", "version_date", "items"],
        "additionalProperties": False,
        "properties": {
            "site": {"type": "string"},
            "version": {"type": "string"},
            "version_date": {"type": "string", "format": "date"},
            "items": {"type": "array", "items": item},
        },
    }
    if defs:
        out["$defs"] = defs
    return out


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        if "not_known" in value and len(value) == 1:
            return "Not known: " + value["not_known"]
        if set(value) <= {"id", "at"}:
            return value["id"] + (f" ({value['at']})" if value.get("at") else "")
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items() if v not in (None, [], ""))
    if isinstance(value, list):
        return " | ".join(_flat(v) for v in value)
    return str(value)


def to_csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    fields: list[str] = []
    for r in rows:
        for k in r:
            if k not in fields:
                fields.append(k)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _flat(r.get(k)) for k in fields})
    return buf.getvalue()


@functools.cache  # the models do not change while a process runs (`make serve`: each save, README "Live reload")
def _export_schema_text(name: str, item_type) -> str:
    schema = export_schema(item_type)
    props = schema["properties"]["items"]["items"].setdefault("properties", {})
    props["permalink"] = {"type": "string"}
    if name in READING_EXPORTS:
        props["status"] = {"type": "string", "enum": list(STATES), "description": "the rule's one status, "
                           "as every page shows it (How to read, #status)"}
        props["status_text"] = {"type": "string", "description": "the status in words: the source in force "
                                "now, what replaces it, the areas, or what is not settled and who can answer"}
        props["status_source"] = {"type": "string", "description": "id of the source in force now or of what "
                                  "replaces it; empty otherwise"}
    schema["title"] = f"{name} export"
    return json.dumps(schema, indent=2, ensure_ascii=False)


@functools.cache
def _data_schema_text(name: str) -> str:
    return json.dumps(data_file_schema(name), indent=2, ensure_ascii=False)


class _Indented:
    """json.dumps(value, indent=2, ensure_ascii=False) of each export file, laid out again only when its value
    changed: the value is compared by its compact JSON (made by the C encoder, far faster than the indented
    one), so a save that changes one record lays out only the exports that hold it."""

    def __init__(self):
        self.last: dict[str, tuple[str, str]] = {}  # export path -> (compact JSON, indented JSON)

    def __call__(self, path: str, value) -> str:
        compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        hit = self.last.get(path)
        if hit is None or hit[0] != compact:
            hit = self.last[path] = (compact, json.dumps(value, indent=2, ensure_ascii=False))
        return hit[1]


_INDENTED = _Indented()


def all_exports(data: SiteData) -> dict[str, str]:
    """Relative output path -> file text, for every download."""
    out: dict[str, str] = {}
    head = {"site": data.site.title, "version": data.site.version, "version_date": data.site.version_date.isoformat()}
    for name, (item_type, rows) in _records(data).items():
        for r in rows:
            if "id" in r:
                r["permalink"] = "/" + permalink(r["id"])
        out[paths.download(name, "json")] = _INDENTED(paths.download(name, "json"), head | {"items": rows})
        out[paths.download(name, "csv")] = to_csv(rows)
        out[paths.schema(name)] = _export_schema_text(name, item_type)
    out.update(flow_exports(data, dumps=_INDENTED))  # decision flows (issue #33)
    for name in [*DATA_FILE_SCHEMAS, "id-register"]:
        out[f"downloads/schema/data/{name}.schema.json"] = _data_schema_text(name)
    # one checklist CSV per MAPPA stage, and the standards self-audit
    for st in data.mappa.stages:
        rows = []
        for s in [x for x in data.steps if x.stage == st.id]:
            rows.append({
                "done": "", "step": s.id, "who": data.role(s.actor).name, "normative": s.normative,
                "what": s.action, "when": s.when.text,
                "applies_to": ", ".join(s.categories), "status": status_line(data, s),
                "permalink": "/" + permalink(s.id), "notes": "",
            })
        out[paths.CHECKLIST_CSV.format(stage=st.id)] = (
            to_csv(rows) or "done,step,who,normative,what,when,applies_to,status,permalink,notes\n")
    rows = [{"standard": s.id, "title": s.title, "statement": s.statement, "check": e, "met (yes/no/n-a)": "", "evidence seen": ""}
            for s in data.standards for e in s.evidence]
    out[paths.SELF_AUDIT_CSV] = to_csv(rows)
    return out
