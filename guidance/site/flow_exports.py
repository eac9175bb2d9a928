"""Each decision flow as JSON beside the other exports (downloads/flows/<id>.json): its questions and answers,
its outcomes, the ids each outcome rests on with the status line their pages show, and every path."""
from __future__ import annotations

import json

from .. import paths
from ..data.flows import all_flows, answer_ids, rule_records, walk
from ..data.sitedata import SiteData
from ..data.status import rule_status
from ..paths import permalink
from ..render.standing import status_line


def _rests_on(data: SiteData, rid: str) -> dict:
    """An id an outcome rests on, with the one status its own page shows (empty for a tool: no status)."""
    item = rule_records(data).get(rid)
    got = rule_status(data, item) if item is not None else None
    return {"id": rid, "status": got.state if got else "", "status_text": status_line(data, item) if got else ""}


def flow_export(data: SiteData, flow) -> dict:
    w = walk(flow)
    return {
        "site": data.site.title, "version": data.site.version, "version_date": data.site.version_date.isoformat(),
        "id": flow.id, "title": flow.title, "audience": list(flow.audience), "intro": flow.intro, "start": flow.start,
        "questions": [{"id": q.id, "text": q.text, "help": q.help or "",
                       "answers": [{"id": a.id, "text": a.text, "next": a.next} for a in q.answers]} for q in flow.questions],
        "outcomes": [{"id": o.id, "title": o.title, "answer": o.answer, "next": o.next or "",
                      "unsettled": o.unsettled or "", "ask": o.ask or "", "permalink": "/" + permalink(o.id),
                      "rests_on": [_rests_on(data, r) for r in o.rests_on]} for o in flow.outcomes],
        "paths": [{"answers": [{"question": s.question.id, "answer": s.answer.id} for s in path], "outcome": o.id,
                   "page": "/" + paths.page_url(paths.flow_page(flow.id, answer_ids(path)))} for path, o in w.paths],
    }


def _indented(_path: str, value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def flow_exports(data: SiteData, dumps=_indented) -> dict[str, str]:
    """Path -> JSON text; `dumps(path, value)` lays the JSON out (exports.py's remembers the last of each path)."""
    return {paths.flow_json(f.id): dumps(paths.flow_json(f.id), flow_export(data, f)) for f in all_flows(data)}
