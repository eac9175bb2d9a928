"""Decision flows (issue #33): a page per question and per outcome, keyed by the answers so far.

Answers are plain links, so a flow works without JavaScript, from file:// and in both engines, and the
browser's Back button goes back one answer. Each page lists the answers so far, each with a link to change it.
An outcome page gives the answer first, then the rules it rests on, each with the status line its own page
shows (`standing_label`, the function the stage and standards pages use), then a decision record for the file.
"""
from __future__ import annotations

from .. import paths
from ..data.editions import is_draft
from ..data.flows import Step, all_flows, answer_ids, nodes, walk
from ..data.models.flows import Flow, FlowOutcome, FlowQuestion
from ..data.sitedata import SiteData, per_data
from ..paths import ids, permalink, rel, rel_url
from .common import cite_list, permalink_line
from .flow_outcomes import bench_body, checklist_body
from .mappa import step_sentence, when_text
from .standards import statement_md
from .standing import rule_basis_label, standing_label
from .text import attr, md


@per_data
def _by_key(data: SiteData) -> dict[str, tuple[Flow, tuple[Step, ...], FlowQuestion | FlowOutcome]]:
    out = {}
    for flow in all_flows(data):
        for path, node in nodes(flow, walk(flow)):
            out["/".join([flow.id, *answer_ids(path)])] = (flow, path, node)
    return out


def address(data: SiteData, item_id: str) -> str:
    """The address a printed record gives for an id: the public one when the build has one, else the path."""
    return (data.options.public_url or "/") + permalink(item_id)


def _answers_so_far(data: SiteData, src: str, flow: Flow, path: tuple[Step, ...]) -> str:
    if not path:
        return ""
    rows = []
    for i, s in enumerate(path):
        back = rel_url(src, paths.flow_page(flow.id, answer_ids(path[:i])))
        rows.append(f'<li><span class="flow-q">{attr(s.question.text)}</span> <strong>{attr(s.answer.text)}</strong> '
                    f'<a class="flow-change" href="{attr(back)}">Change<span class="visually-hidden"> this answer'
                    "</span></a></li>")
    return ('<section class="flow-path" aria-label="Your answers so far"><h2>Your answers so far</h2><ol>'
            + "".join(rows) + "</ol></section>\n\n")


def _foot(data: SiteData, src: str, flow: Flow) -> str:
    start = rel_url(src, paths.flow_page(flow.id))
    whole = rel_url(src, paths.flow_map_page(flow.id))
    again = f'<a href="{attr(start)}">Start again</a> · ' if start else ""  # not on the first page itself
    return (f'<p class="flow-foot" data-search-exclude>{again}'
            f'<a href="{attr(whole)}">See the whole flow</a> · '
            f'<a href="{attr(rel_url(src, paths.FLOWS_INDEX))}">Other questions</a></p>\n')


def _search_off(flow: Flow, node: FlowQuestion) -> str:
    """' data-search-exclude' on the answers of the first question of a flow made from the tools: each is a tool's name,
    which its tool page, bench note and its own flow pages hold for search (as the tools A to Z list leaves them
    out). Kept in, the one list grows with the tools, so that a search for a tool's name would find this page
    before them; and at some 1,800 tools it is over Zensical's limit for one field of its index (32,768 bytes)."""
    return " data-search-exclude" if flow.generate == "tools" and node.id == flow.start else ""


def flow_node_page(data: SiteData, src: str, key: str) -> str:
    flow, path, node = _by_key(data)[key]
    if isinstance(node, FlowOutcome):
        return outcome_page(data, src, flow, path, node)
    intro = f"{md(flow.intro)}\n\n" if not path else ""
    answers = "".join(f'<li><a href="{attr(rel_url(src, paths.flow_page(flow.id, (*answer_ids(path), a.id))))}">'
                      f"{attr(a.text)}</a></li>" for a in node.answers)
    body = [intro, _answers_so_far(data, src, flow, path)]
    if not path:  # the first page: the flow's title is the heading, the question comes under it
        body.append(f"## {md(node.text)}\n\n")
    body.append(f"{md(node.help)}\n\n" if node.help else "")
    body.append(f'<ul class="flow-answers"{_search_off(flow, node)}>{answers}</ul>\n\n')
    body.append(_foot(data, src, flow))
    return "".join(body)


def rule_line(data: SiteData, src: str, rid: str) -> str:
    """One rule an outcome rests on: its words and the same status line; its id, linked to its own page, only
    when the id has a permanent address (/id/<ID>/). A fact's record id is the editors' and never shown."""
    loc = ids(data).get(rid)
    link = f"[`{rid}`]({rel(src, loc.page, loc.anchor)})" if loc else ""
    if rid in data.facts:
        f = data.facts[rid]
        line = f"{md(f.text)} {standing_label(data, f, src)} ({cite_list(data, src, list(f.sources))})"
        return f"{link} {line}" if link else line
    std = next((s for s in data.standards if s.id == rid), None)
    if std is not None:
        return f"{link} **{md(std.title)}.** {statement_md(std)} {rule_basis_label(data, std)} {standing_label(data, std, src)}"
    step = data.step(rid) if rid in {s.id for s in data.steps} else None
    if step is not None:
        return (f"{link} {step_sentence(data, step, src=src)} **When:** {when_text(step)} "
                f"({cite_list(data, src, list(step.sources))})")
    return link


def outcome_page(data: SiteData, src: str, flow: Flow, path: tuple[Step, ...], o: FlowOutcome) -> str:
    out = [f'<p class="flow-id">Decision record <strong>{attr(o.id)}</strong> {permalink_line(data, src, o.id)}</p>\n\n',
           _answers_so_far(data, src, flow, path), "## The answer\n\n",
           f"{md(o.answer)}\n\n", f"**What happens next:** {md(o.next)}\n\n" if o.next else ""]
    if o.unsettled:
        out.append(f'!!! warning "Not settled nationally"\n    {md(o.unsettled)} {md(o.ask or "")}\n\n')
    if flow.generate == "tools":
        out.append(bench_body(data, src, o))
    elif flow.generate == "standards":
        out.append(checklist_body(data, src, o))
    else:
        title = "The steps, who takes them and when" if flow.generate == "steps" else "The rules this rests on"
        out.append(f'## {title}\n\n<div class="flow-rules" markdown>\n\n'
                   + "\n".join(f"- {rule_line(data, src, r)}" for r in o.rests_on) + "\n\n</div>\n\n")
    out.append(record_box(data, o))
    out.append(_foot(data, src, flow))
    return "".join(out)


def record_box(data: SiteData, o: FlowOutcome) -> str:
    """What makes the printed page a record: edition and date, the permanent link, every link's address."""
    site = data.site
    named = [r for r in o.rests_on if r in ids(data)]
    addrs = (f"Each rule shown here with its id has a permanent link, for example {attr(address(data, named[0]))}."
             if named else "")
    day = site.version_date
    state = "draft, not yet published" if is_draft(data) else "published"
    return (f'<section class="flow-record"><h2>For the case file</h2><p>{attr(site.title)}, edition {attr(site.version)} '
            f"({state}), {day.day} {day.strftime('%B %Y')}. Permanent link to this outcome: "
            f'<span class="cite-url">{attr(address(data, o.id))}</span>.</p>'
            f'<p class="flow-addresses">{addrs}</p>'
            "</section>\n\n")


def flows_index_page(data: SiteData, src: str, _key: str) -> str:
    out = ["Start from the question you have about a case. Each answer is a link: you can go back, change an "
           "answer, and print the outcome as a record.\n\n"]
    for flow in all_flows(data):
        start = rel(src, paths.flow_page(flow.id))
        whole = rel(src, paths.flow_map_page(flow.id))
        out.append(f"## [{md(flow.title)}]({start})\n\n{md(flow.intro)} [See the whole flow]({whole}). "
                   f"Data: [JSON]({rel_url(src, paths.flow_json(flow.id))}).\n\n")
    return "".join(out)




# ---------------------------------------------------------------- found where readers look
# One line on the pages made from data where a reader arrives with a case (issue #33): the stage, pathway and
# agency pages (who leads, what next), the tool pages and bench notes (a report in front of me), the standards.
FLOWS_FOR = {"stage": ("what-next", "is-it-mappa"), "pathway": ("what-next", "is-it-mappa"),
             "agency": ("is-it-mappa", "what-next"), "role": ("what-next",), "area": ("report-check",)}


def flow_links(data: SiteData, src: str, kind: str, key: str) -> str:
    """'Answer a case question: ...' with links to the flows that fit this kind of page, or ''."""
    flows = {f.id: f for f in all_flows(data)}
    if kind in ("tool", "bench_note") and "bench-report" in flows:
        tool = data.tool(key)
        target = paths.flow_page("bench-report", (key.removeprefix("TOOL-").lower(),))
        return (f'<p class="flow-link" data-search-exclude><strong>Reading a report that used {attr(tool.abbr)}?</strong> '
                f'<a href="{attr(rel_url(src, target))}">Answer two or three questions</a> for a one-page bench sheet: '
                "the reading of its result, the cautions for this person and the questions to ask.</p>\n\n")
    chosen = [flows[i] for i in FLOWS_FOR.get(kind, ()) if i in flows]
    if not chosen:
        return ""
    links = " · ".join(f'<a href="{attr(rel_url(src, paths.flow_page(f.id)))}">{attr(f.title)}</a>' for f in chosen)
    return f'<p class="flow-link" data-search-exclude><strong>Answer a case question:</strong> {links}</p>\n\n'
