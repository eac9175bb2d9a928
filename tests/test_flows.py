"""Decision flows (issue #33): every path of every flow, checked on the real data and on bad flows built in
memory; the outcome pages' rule lines against the rules' own lines; the JSON export; the editors' message."""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from guidance.data import models as m
from guidance.data.flows import MAX_QUESTIONS, all_flows, flow_problems, walk
from guidance.data.loader import DataErrors, load_site
from guidance.data.status import STATES
from guidance.render.common import fact as fact_line
from guidance.render.flows import flow_node_page, rule_line
from guidance.render.mappa import step_sentence
from guidance.render.standing import standing_label
from guidance.site.flow_exports import flow_exports
from guidance.sitemap import generated_pages

ROOT = Path(__file__).resolve().parents[1]


def flow(questions, outcomes, start="q1") -> m.Flow:
    return m.Flow.model_validate({
        "id": "test-flow", "title": "A test flow", "audience": ["practitioners"], "intro": "For the test.",
        "start": start, "questions": questions, "outcomes": outcomes,
        "review": {"owner": "Tests", "last_reviewed": "2026-12-01", "review_due": "2027-12-01"},
        "history": [{"version": "2026.12.2", "date": "2026-12-06", "change": "First published."}]})


def q(qid, *answers):
    return {"id": qid, "text": f"Question {qid}?", "answers": [{"id": a, "text": a, "next": n} for a, n in answers]}


def out(oid, rests=("MAPPA-ID-03",)):
    return {"id": oid, "title": oid, "answer": "The answer.", "rests_on": list(rests)}


def messages(data, f) -> str:
    return "\n".join(f"{fld}: {msg}" for fld, msg in flow_problems(data, f))


def test_every_path_of_every_flow_is_sound(data):
    flows = all_flows(data)
    assert {f.id for f in flows} >= {"is-it-mappa", "what-next", "bench-report", "report-check"}
    for f in flows:
        assert flow_problems(data, f) == [], f.id
        w = walk(f)
        assert w.paths, f.id
        assert max(len(p) for p, _ in w.paths) <= MAX_QUESTIONS
        assert {o.id for _, o in w.paths} == {o.id for o in f.outcomes}, f"{f.id}: an outcome no path reaches"


def test_a_sound_flow_in_memory_passes(data):
    good = flow([q("q1", ("yes", "FLOW-T-A"), ("no", "q2")), q("q2", ("yes", "FLOW-T-A"), ("no", "FLOW-T-B"))],
                [out("FLOW-T-A"), out("FLOW-T-B")])
    assert messages(data, good) == ""
    assert len(walk(good).paths) == 3


@pytest.mark.parametrize("questions, outcomes, expected", [
    ([q("q1", ("yes", "FLOW-T-A"), ("no", "FLOW-T-A"))], [out("FLOW-T-A"), out("FLOW-T-B")],
     "no answer leads to the outcome FLOW-T-B"),
    ([q("q1", ("yes", "FLOW-T-A"), ("no", "FLOW-T-AA"))], [out("FLOW-T-A")], "a dead end otherwise"),
    ([q("q1", ("yes", "FLOW-T-A"), ("no", "q2")), q("q2", ("back", "q1"), ("on", "FLOW-T-A"))], [out("FLOW-T-A")],
     "loop back to 'q1'"),
    ([q("q1", ("yes", "FLOW-T-A"), ("no", "FLOW-T-A")), q("q9", ("a", "FLOW-T-A"), ("b", "FLOW-T-A"))],
     [out("FLOW-T-A")], "no answer leads to the question 'q9'"),
    ([q("q1", ("yes", "FLOW-T-A"), ("no", "FLOW-T-A"))], [out("FLOW-T-A", ["MAPPA-ID-99"])], "unknown id 'MAPPA-ID-99'"),
    ([q(f"q{i}", ("yes", f"q{i + 1}"), ("no", "FLOW-T-A")) for i in range(1, 8)] + [q("q8", ("a", "FLOW-T-A"), ("b", "FLOW-T-A"))],
     [out("FLOW-T-A")], "more than 6 questions"),
])
def test_a_bad_flow_is_refused(data, questions, outcomes, expected):
    assert expected in messages(data, flow(questions, outcomes))


def test_an_outcome_on_a_replaced_rule_is_refused(data):
    """A rule whose one status is 'replaced' (its own page says what replaced it) cannot carry an outcome; a rule
    that rests only on replaced guidance is 'not settled' (the newer text was not read), which the outcome says."""
    fact = data.facts["mappa-ra-police"]
    by_flag = fact.model_copy(update={"applies_now": m.AppliesNow(state="no", replaced_by="mappa-ra-four")})
    by_source = fact.model_copy(update={"sources": [m.SourceRef(id="mappa-guidance-2014")]})
    f = flow([q("q1", ("yes", "FLOW-T-A"), ("no", "FLOW-T-A"))], [out("FLOW-T-A", ["mappa-ra-police"])])
    assert messages(data, f) == ""
    bad = dataclasses.replace(data, facts={**data.facts, "mappa-ra-police": by_flag})
    assert "FLOW-T-A rests on mappa-ra-police, but" in messages(bad, f)
    assert "replaced" in messages(bad, f)
    old = dataclasses.replace(data, facts={**data.facts, "mappa-ra-police": by_source})
    assert "FLOW-T-A rests on" not in messages(old, f)


def test_make_check_names_file_line_field_and_fix(tmp_path):
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "data" / "flows" / "is-it-mappa.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("next: FLOW-MAPPA-RP}", "next: FLOW-MAPPA-PR}").replace("[MAPPA-ID-03, MAPPA-ID-08,",
                                                                                       "[MAPPA-ID-30, MAPPA-ID-08,"),
                    encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_site(tmp_path)
    report = exc.value.report()
    assert report.count("data/flows/is-it-mappa.yaml") == 3, report  # the typo, what it leaves unreached, the id
    line = next(i for i, x in enumerate(path.read_text().splitlines(), 1) if "FLOW-MAPPA-PR" in x)
    assert f"data/flows/is-it-mappa.yaml:{line} | record is-it-mappa | field 'questions[1].answers[0].next'" in report
    assert "Did you mean 'FLOW-MAPPA-RP'?" in report
    assert "unknown id 'MAPPA-ID-30'" in report and "Did you mean 'MAPPA-ID-0" in report
    assert "no answer leads to the outcome FLOW-MAPPA-RP" in report


def test_each_outcome_shows_each_rule_with_the_status_its_own_page_shows(data):
    for f in all_flows(data):
        if f.generate == "tools":
            continue
        for page in [p for p in generated_pages(data) if p.kind == "flow_node" and p.key.startswith(f.id + "/")]:
            body = flow_node_page(data, page.src, page.key)
            o = next((o for o in f.outcomes if o.id == page.id), None)
            if o is None:
                continue
            for rid in o.rests_on:
                item = {**{s.id: s for s in data.steps}, **{s.id: s for s in data.standards}, **data.facts}[rid]
                own = standing_label(data, item, page.src)
                assert own in body, (page.src, rid)  # empty where the rule rests on no law or guidance
                if rid in data.facts:  # the same line as the fact() macro on its page
                    assert fact_line(data, page.src, rid).split(" (")[0] in body
                elif rid.startswith("MAPPA-"):  # the same sentence as on the stage page
                    assert step_sentence(data, item, src=page.src) in rule_line(data, page.src, rid)


def test_json_export_lists_questions_answers_outcomes_and_ids(data):
    exports = flow_exports(data)
    got = json.loads(exports["downloads/flows/is-it-mappa.json"])
    assert got["start"] == "registered"
    assert {"registered", "restricted", "supervised", "serious-harm", "rso-where"} == {x["id"] for x in got["questions"]}
    police = next(o for o in got["outcomes"] if o["id"] == "FLOW-MAPPA-RSO-POLICE")
    assert [r["id"] for r in police["rests_on"]][:1] == ["MAPPA-ID-03"]
    assert police["rests_on"][0]["status"] in STATES and police["rests_on"][0]["status_text"]
    assert police["permalink"] == "/id/FLOW-MAPPA-RSO-POLICE/"
    path = next(p for p in got["paths"] if p["outcome"] == "FLOW-MAPPA-RSO-POLICE")
    assert path["answers"] == [{"question": "registered", "answer": "yes"}, {"question": "rso-where", "answer": "not-supervised"}]
    bench = json.loads(exports["downloads/flows/bench-report.json"])
    tool_answers = next(x for x in bench["questions"] if x["id"] == "tool")["answers"]
    assert len(tool_answers) == len(data.tools)  # one data edit adds a tool to the bench flow


def test_bench_flow_follows_the_tool_records(data):
    """Adding a tool (or a group it is not shown to work for) changes the bench flow with no other edit."""
    f = next(x for x in all_flows(data) if x.id == "bench-report")
    s99 = next(t for t in data.tools if t.id == "TOOL-STATIC-99R")
    who = next(x for x in f.questions if x.id == "who-static-99r-b1")
    assert [a.id for a in who.answers] == ["woman", "young", "ld", "ethnic", "none", "several"]
    new = s99.model_copy(update={"id": "TOOL-NEW", "abbr": "NEW-1", "name": "A new tool", "not_validated_for": []})
    more = dataclasses.replace(data, tools=[*data.tools, new])
    g = next(x for x in all_flows(more) if x.id == "bench-report")
    assert flow_problems(more, g) == []
    assert "new" in [a.id for a in g.questions[0].answers]
    assert "FLOW-BENCH-NEW-B9" in {o.id for o in g.outcomes}
