"""The whole flow on one page: a diagram (SVG, drawn as an indented tree) and the same tree as text.

Both come from the same walk of the flow's data, so they cannot disagree. Each row is one answer and the
question or outcome it leads to; an outcome's row names its permanent id and links to its page.
"""
from __future__ import annotations

from .. import paths
from ..data.flows import Step, all_flows, answer_ids, nodes, walk
from ..data.models.flows import FlowOutcome
from ..data.sitedata import SiteData
from ..paths import rel
from .svg import wrap
from .text import attr, md

INDENT, WIDTH, SIZE, LEAD = 22, 760, 13, 17


def _rows(flow) -> list[tuple[tuple[Step, ...], object]]:
    return sorted(nodes(flow, walk(flow)), key=lambda pn: [(flow_index(flow, s)) for s in pn[0]])


def flow_index(flow, s: Step) -> tuple[int, int]:
    qi = next(i for i, q in enumerate(flow.questions) if q.id == s.question.id)
    return qi, next(i for i, a in enumerate(s.question.answers) if a.id == s.answer.id)


def _label(node) -> str:
    return f"{node.id}: {node.title}" if isinstance(node, FlowOutcome) else node.text


def flow_svg(flow) -> str:
    """An indented tree: each answer, then the next question (plain box) or outcome (heavy box)."""
    parts, y = [], 6
    for path, node in _rows(flow):
        x = 8 + INDENT * len(path)
        text = (f"{path[-1].answer.text} → " if path else "") + _label(node)
        lines = wrap(text, WIDTH - x - 24, SIZE)
        h = len(lines) * LEAD + 8
        cls = "flow-svg-out" if isinstance(node, FlowOutcome) else "flow-svg-q"
        if path:
            parts.append(f'<path d="M{x - INDENT + 6} {y - 4} V{y + h / 2} H{x}" class="flow-svg-line"/>')
        parts.append(f'<rect x="{x}" y="{y}" width="{WIDTH - x - 8}" height="{h}" rx="4" class="{cls}"/>')
        parts += [f'<text x="{x + 8}" y="{y + (i + 1) * LEAD}" font-size="{SIZE}">{attr(s)}</text>'
                  for i, s in enumerate(lines)]
        y += h + 6
    title = f"Diagram of the flow: {flow.title}"
    return (f'<svg class="flow-svg" role="img" aria-labelledby="flow-svg-{flow.id}-t" viewBox="0 0 {WIDTH} {y}" '
            f'width="100%" xmlns="http://www.w3.org/2000/svg"><title id="flow-svg-{flow.id}-t">{attr(title)}</title>'
            "<desc>Each row is an answer and the question or outcome it leads to; the text version below says the same."
            f"</desc>{''.join(parts)}</svg>")


def flow_text(src: str, flow) -> str:
    out = []
    for path, node in _rows(flow):
        pad = "    " * len(path)
        lead = f"*{md(path[-1].answer.text)}* → " if path else ""
        target = rel(src, paths.flow_page(flow.id, answer_ids(path)))
        if isinstance(node, FlowOutcome):
            out.append(f"{pad}- {lead}**[{md(node.title)}]({target})** (`{node.id}`)")
        else:
            out.append(f"{pad}- {lead}[{md(node.text)}]({target})")
    return "\n".join(out) + "\n"


def flow_map_page(data: SiteData, src: str, flow_id: str) -> str:
    flow = next(f for f in all_flows(data) if f.id == flow_id)
    start = rel(src, paths.flow_page(flow.id))
    return (f"{md(flow.intro)} [Start the questions]({start}).\n\n"
            f'<figure class="flow-map" tabindex="0" aria-label="The flow drawn as a tree; it scrolls sideways">{flow_svg(flow)}</figure>\n\n## The same flow as text\n\n{flow_text(src, flow)}\n')
