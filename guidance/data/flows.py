"""Decision flows: every path of every flow, and the checks `make check` runs on them.

`all_flows(data)` gives each flow with its questions and outcomes (made from the records where the file says
`generate:`). `walk(flow)` follows every answer from the first question and returns the paths and the problems:
a question or outcome no path reaches, an answer that leads nowhere, a loop, a path of more than six questions.
`check_flows` adds those, unknown ids in `rests_on`, and an outcome that rests on a rule that has been replaced.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import models as m
from .errors import Collector, closest, line_at
from .flow_make import made
from .models.flows import Flow, FlowAnswer, FlowOutcome, FlowQuestion
from .sitedata import SiteData, per_data
from .status import rule_status

MAX_QUESTIONS = 6  # no path asks more than six questions


@dataclass(frozen=True)
class Step:
    """One answer taken on a path: the question and the answer."""

    question: FlowQuestion
    answer: FlowAnswer


@dataclass
class Walk:
    paths: list[tuple[tuple[Step, ...], FlowOutcome]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field, message)


def walk(flow: Flow) -> Walk:
    """Every path from the first question to an outcome, and what is wrong with the flow's shape."""
    out = Walk()
    qs = {q.id: q for q in flow.questions}
    outs = {o.id: o for o in flow.outcomes}
    for kind, ids in (("questions", [q.id for q in flow.questions]), ("outcomes", [o.id for o in flow.outcomes])):
        seen: set[str] = set()
        for i, nid in enumerate(ids):
            if nid in seen or (kind == "outcomes" and nid in qs):
                out.problems.append((f"{kind}[{i}].id", f"the id '{nid}' is used twice in this flow. Give each "
                                     "question and outcome its own id."))
            seen.add(nid)
    if flow.start not in qs:
        out.problems.append(("start", f"no question '{flow.start}' in this flow.{_did_you_mean(flow.start, qs)} "
                             "Name the id of the first question."))
        return out
    reached: set[str] = set()
    _follow(flow, qs, outs, flow.start, (), out, reached)
    for i, q in enumerate(flow.questions):
        if q.id not in reached:
            out.problems.append((f"questions[{i}]", f"no answer leads to the question '{q.id}'. Point an answer's "
                                 "'next' at it, or delete it."))
    for i, o in enumerate(flow.outcomes):
        if o.id not in reached:
            out.problems.append((f"outcomes[{i}]", f"no answer leads to the outcome {o.id}. Point an answer's "
                                 "'next' at it, or delete it."))
    return out


def _follow(flow: Flow, qs: dict, outs: dict, node: str, path: tuple[Step, ...], out: Walk, reached: set) -> None:
    reached.add(node)
    if node in outs:
        out.paths.append((path, outs[node]))
        return
    q = qs[node]
    qi = next(i for i, x in enumerate(flow.questions) if x is q)  # by identity: == compares whole records
    if any(s.question.id == node for s in path):
        trail = " -> ".join([s.question.id for s in path] + [node])
        out.problems.append((f"questions[{qi}]", f"the answers loop back to '{node}' ({trail}). Each path goes "
                             "forward to an outcome: point the answer at a later question or an outcome."))
        return
    if len(path) >= MAX_QUESTIONS:
        trail = " -> ".join(s.question.id for s in path)
        out.problems.append((f"questions[{qi}]", f"a path asks more than {MAX_QUESTIONS} questions ({trail} -> "
                             f"{node}). Join questions or end the path sooner with an outcome."))
        return
    answer_ids: set[str] = set()
    for ai, a in enumerate(q.answers):
        where = f"questions[{qi}].answers[{ai}]"
        if a.id in answer_ids:
            out.problems.append((f"{where}.id", f"the answer id '{a.id}' is used twice in '{q.id}'. Give each "
                                 "answer its own id."))
        answer_ids.add(a.id)
        if a.next not in qs and a.next not in outs:
            out.problems.append((f"{where}.next", f"the answer '{a.text}' leads to '{a.next}', which is no question "
                                 f"or outcome of this flow.{_did_you_mean(a.next, [*qs, *outs])} Every answer "
                                 "leads to a question or an outcome (a dead end otherwise)."))
            continue
        _follow(flow, qs, outs, a.next, (*path, Step(q, a)), out, reached)


def _did_you_mean(word: str, options) -> str:
    return closest(word, list(options))


def rule_records(data: SiteData) -> dict:
    """Every record an outcome may rest on, by id: steps, standards, facts and tools."""
    return {**{s.id: s for s in data.steps}, **{s.id: s for s in data.standards}, **dict(data.facts),
            **{t.id: t for t in data.tools}}


def replaced(data: SiteData, item) -> str | None:
    """Why a rule no longer applies (it has been replaced), or None: the one status every page shows
    (`status.rule_status`)."""
    if isinstance(item, m.Tool):  # a tool rests on research, not on law or guidance: it is never replaced
        return None
    got = rule_status(data, item)
    if got is not None and got.state == "replaced":
        return "it has been replaced" + (f" by {got.link}" if got.link else "")
    return None


def outcome_problems(data: SiteData, flow: Flow) -> list[tuple[str, str]]:
    records = rule_records(data)
    out = []
    for i, o in enumerate(flow.outcomes):
        if not o.rests_on:
            out.append((f"outcomes[{i}].rests_on", f"{o.id} names no rule it rests on. List the ids of the steps, "
                        "standards, facts or tools behind it."))
        for j, rid in enumerate(o.rests_on):
            where = f"outcomes[{i}].rests_on[{j}]"
            if rid not in records:
                out.append((where, f"unknown id '{rid}' in {o.id}.{_did_you_mean(rid, records)} Expected the id "
                            "of a step, standard, fact or tool."))
            elif why := replaced(data, records[rid]):
                out.append((where, f"{o.id} rests on {rid}, but {why}. Point it at the rule that applies now."))
    return out


def flow_problems(data: SiteData, flow: Flow) -> list[tuple[str, str]]:
    """Every problem of one flow (made from its records first), as (field, message)."""
    full = made(flow, data)
    return walk(full).problems + outcome_problems(data, full)


def check_flows(c: Collector, data: SiteData) -> None:
    seen: dict[str, str] = {}
    for flow in data.flows:
        origin = c.origin(flow)
        for fld, message in flow_problems(data, flow):
            loc = tuple(int(p) if p.isdigit() else p for p in fld.replace("]", "").replace("[", ".").split("."))
            line = line_at(origin.raw, loc) if flow.generate is None else origin.line("generate")
            c.add(origin.file, flow.id, fld, message, line)
        for o in made(flow, data).outcomes:
            if o.id in seen and seen[o.id] != flow.id:
                c.add(origin.file, flow.id, "outcomes", f"the outcome id {o.id} is also used in the flow "
                      f"'{seen[o.id]}'. Each outcome id is used once.", origin.line("outcomes"))
            seen.setdefault(o.id, flow.id)


@per_data
def all_flows(data: SiteData) -> list[Flow]:
    """Every flow with its questions and outcomes, in the order of their files."""
    return [made(f, data) for f in data.flows]


def nodes(flow: Flow, w: Walk) -> list[tuple[tuple[Step, ...], FlowQuestion | FlowOutcome]]:
    """Every page of a flow: each question and outcome, once for each path that reaches it (pages are keyed
    by the answers so far, so a page can show the path that led to it without JavaScript)."""
    out: dict[tuple[str, ...], tuple[tuple[Step, ...], FlowQuestion | FlowOutcome]] = {}
    for path, outcome in w.paths:
        for i in range(len(path)):
            out.setdefault(answer_ids(path[:i]), (path[:i], path[i].question))
        out.setdefault(answer_ids(path), (path, outcome))
    return list(out.values())


def answer_ids(path: tuple[Step, ...]) -> tuple[str, ...]:
    return tuple(s.answer.id for s in path)


def first_paths(w: Walk) -> dict[str, tuple[Step, ...]]:
    """Each outcome's first path: where its permanent link leads."""
    out: dict[str, tuple[Step, ...]] = {}
    for path, outcome in w.paths:
        out.setdefault(outcome.id, path)
    return out
