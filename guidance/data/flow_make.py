"""The flows made from other records (`generate:` in data/flows/*.yaml): nothing in them is typed twice.

- tools: which tool, which result (band), what is true of the person -> the tool's reading and its cautions;
- steps: which category, which stage -> the steps of that stage, who acts and when;
- standards: what offending the report is about -> the checklist of the standards that apply.
Adding a tool, a step or a standard changes these flows with no other edit.
"""
from __future__ import annotations

from ..labels import lower_start, with_abbr
from . import models as m
from .models.flows import Flow, FlowAnswer, FlowOutcome, FlowQuestion

# groups of people a tool record can name (data/tools: not_validated_for), as a reader says them of one person
GROUP_WORDS = {
    "women": ("woman", "The person is a woman"),
    "young people": ("young", "The person is under 18"),
    "learning disability": ("ld", "The person has a learning disability"),
    "minority ethnic groups": ("ethnic", "The person is from a minority ethnic group"),
    "people with no conviction": ("noconv", "The person has no conviction"),
    "adults": ("adult", "The person is an adult (18 or over)"),
    "online offending": ("online", "The offending was online"),
}


def made(flow: Flow, data) -> Flow:
    """The flow with its questions and outcomes, made from the records it names (or as written)."""
    if flow.generate == "tools":
        start, qs, outs = _tool_nodes(data)
    elif flow.generate == "steps":
        start, qs, outs = _step_nodes(data)
    elif flow.generate == "standards":
        start, qs, outs = _standard_nodes(data)
    else:
        return flow
    return flow.model_copy(update={"start": start, "questions": qs, "outcomes": outs})


def tool_code(tool_id: str) -> str:
    return tool_id.removeprefix("TOOL-")


def bands_of(tool) -> list[m.Band]:
    return tool.bands if isinstance(tool.bands, list) else []


def groups_of(tool) -> list[m.NotValidated]:
    return [g for g in tool.not_validated_for if g.group in GROUP_WORDS] if isinstance(tool.not_validated_for, list) else []


def _tool_nodes(data) -> tuple[str, list[FlowQuestion], list[FlowOutcome]]:
    tools = sorted(data.tools, key=lambda t: t.abbr.casefold())
    qs: list[FlowQuestion] = []
    first: list[FlowAnswer] = []
    outs: list[FlowOutcome] = []
    for t in tools:
        slug, code = tool_code(t.id).lower(), tool_code(t.id)
        entries = []
        bands = bands_of(t)
        for band in range(1, len(bands) + 1) if bands else [0]:
            entry, qs_, outs_ = _who_nodes(t, slug, code, band)
            entries.append(entry)
            qs.extend(qs_)
            outs.extend(outs_)
        if bands:
            qs.append(FlowQuestion(
                id=f"band-{slug}", text=f"Which result does the {t.abbr} report give?",
                help="Choose the band or category the report names.",
                answers=[FlowAnswer(id=f"b{i}", text=b.label, next=e) for i, (b, e) in enumerate(zip(bands, entries, strict=True), 1)]))
        first.append(FlowAnswer(id=slug, text=with_abbr(t.name, t.abbr), next=f"band-{slug}" if bands else entries[0]))
    qs.insert(0, FlowQuestion(id="tool", text="Which tool does the report use?",
                              help="The report names the tool and gives its result. Choose the tool here.", answers=first))
    return "tool", qs, outs


def _who_nodes(t, slug: str, code: str, band: int) -> tuple[str, list[FlowQuestion], list[FlowOutcome]]:
    """The question 'is any of these true of the person?' for one tool and band, and its outcomes (just the
    outcome when the tool names no group): (the node to go to, questions, outcomes)."""
    suffix = f"-b{band}" if band else ""
    qid = f"who-{slug}{suffix}"
    base = f"FLOW-BENCH-{code}" + (f"-B{band}" if band else "")
    label = t.bands[band - 1].label if band else ""
    title = f"{t.abbr}" + (f", {label}" if label else "")
    groups = groups_of(t)

    def outcome(oid: str, chosen: list[str]) -> FlowOutcome:
        who = "; ".join(lower_start(GROUP_WORDS[g][1].removeprefix("The person ")) for g in chosen)
        reading = t.bands[band - 1].meaning if band else t.output
        return FlowOutcome(id=oid, title=title + (f": the person {who}" if who else ": none of the groups named applies"),
                           answer=reading,
                           rests_on=[t.id], band=band or None, groups=chosen)

    if not groups:
        return base, [], [outcome(base, [])]
    answers = [FlowAnswer(id=GROUP_WORDS[g.group][0], text=GROUP_WORDS[g.group][1],
                          next=f"{base}-{GROUP_WORDS[g.group][0].upper()}") for g in groups]
    outs = [outcome(a.next, [g.group]) for a, g in zip(answers, groups, strict=True)]
    answers.append(FlowAnswer(id="none", text="None of these", next=f"{base}-NONE"))
    outs.append(outcome(f"{base}-NONE", []))
    if len(groups) > 1:
        answers.append(FlowAnswer(id="several", text="More than one of these", next=f"{base}-SEVERAL"))
        outs.append(outcome(f"{base}-SEVERAL", [g.group for g in groups]))
    q = FlowQuestion(id=qid, text=f"{title}: is any of these true of the person?",
                     help=f"{t.abbr} is not shown to work for these groups: its sources say it was not built for them, "
                          "or no evidence was found that it works for them.",
                     answers=answers)
    return qid, [q], outs


def _step_nodes(data) -> tuple[str, list[FlowQuestion], list[FlowOutcome]]:
    cats = data.mappa.categories
    qs = [FlowQuestion(id="category", text="Which MAPPA category is the person in?",
                       help="If you are not sure, use the flow 'Is this person in MAPPA, and who leads?' first.",
                       answers=[FlowAnswer(id=c.id, text=with_abbr(c.name, c.short), next=f"stage-{c.id}") for c in cats])]
    outs: list[FlowOutcome] = []
    for c in cats:
        answers = []
        for st in data.mappa.stages:
            steps = [s for s in data.steps if s.stage == st.id and (c.id in s.categories or "all" in s.categories)]
            if not steps:
                continue
            oid = f"FLOW-NEXT-{c.id.upper()}-{st.number}"
            answers.append(FlowAnswer(id=st.id, text=f"Stage {st.number}: {st.name}", next=oid))
            outs.append(FlowOutcome(
                id=oid, title=f"{with_abbr(c.name, c.short)}: stage {st.number}, {lower_start(st.name)}",
                answer=st.summary, rests_on=[s.id for s in steps]))
        qs.append(FlowQuestion(id=f"stage-{c.id}", text=f"Which stage has the {lower_start(c.short)} case reached?",
                               help="The five MAPPA stages run in order, from identification to exit.", answers=answers))
    return "category", qs, outs


_OFFENDING = (("sexual", "Sexual offending", {"sexual"}), ("violent", "Violent offending", {"violent"}),
              ("both", "Both sexual and violent offending", {"sexual", "violent"}))


def _standard_nodes(data) -> tuple[str, list[FlowQuestion], list[FlowOutcome]]:
    answers, outs = [], []
    for key, text, kinds in _OFFENDING:
        oid = f"FLOW-CHECK-{key.upper()}"
        chosen = [s.id for s in data.standards if kinds & set(s.applies_to)]
        answers.append(FlowAnswer(id=key, text=text, next=oid))
        outs.append(FlowOutcome(
            id=oid, title=f"Checklist for a report on {lower_start(text)}",
            answer=f"{len(chosen)} of the {len(data.standards)} national standards apply to a risk assessment of "
                   f"{lower_start(text)}. Tick each one the report meets.", rests_on=chosen))
    q = FlowQuestion(id="offending", text="What offending is the risk assessment about?",
                     help="The standards cover risk of serious harm from sexual and from violent offending.", answers=answers)
    return "offending", [q], outs
