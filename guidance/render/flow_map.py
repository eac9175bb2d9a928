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

# Each map is drawn twice at build time, as the pathway pictures are (svg.py): a wide drawing for a wide column
# and a narrow one that the stylesheet shows when the map's own box is narrower than 640 px. Sizes are
# user units (width, font size, indent per level). Either drawing is shown at its column's width: the wide one
# from 640 px (text at least 640/760 x 15 = 12.6 px), the narrow one down to a 259 px fold on a 320 px phone
# (text at least 259/300 x 15 = 12.9 px), so the text is never under 12 px and the map never scrolls sideways.
LAYOUTS = {"wide": (760, 15, 22), "narrow": (300, 15, 14)}
FOLD_OVER = 40  # rows: a longer flow shows each branch of its first question in a fold of its own (issue #32)


def _rows(flow) -> list[tuple[tuple[Step, ...], object]]:
    """Every row, in the order of the questions and of each question's answers."""
    at = {(q.id, a.id): (qi, ai) for qi, q in enumerate(flow.questions) for ai, a in enumerate(q.answers)}
    return sorted(nodes(flow, walk(flow)), key=lambda pn: [at[(s.question.id, s.answer.id)] for s in pn[0]])


def _label(node) -> str:
    return f"{node.id}: {node.title}" if isinstance(node, FlowOutcome) else node.text


def _branch(rows, answer_id: str) -> list[tuple[tuple[Step, ...], object]]:
    """The rows under one answer to the flow's first question, that answer's row first."""
    return [(p, n) for p, n in rows if p and p[0].answer.id == answer_id]


def flow_svg(flow, rows=None, key: str = "", layout: str = "wide") -> str:
    """An indented tree: each answer, then the next question (plain box) or outcome (heavy box). Given the
    rows of one branch, it draws that branch from its answer."""
    width, size, indent = LAYOUTS[layout]
    lead = round(size * 1.3)
    parts, y = [], 6
    rows = _rows(flow) if rows is None else rows
    top = min(len(p) for p, _ in rows)
    for path, node in rows:
        x = 8 + indent * (len(path) - top)
        text = (f"{path[-1].answer.text} → " if path else "") + _label(node)
        lines = wrap(text, width - x - 24, size, hyphens=layout == "narrow")
        h = len(lines) * lead + 8
        cls = "flow-svg-out" if isinstance(node, FlowOutcome) else "flow-svg-q"
        if len(path) > top:
            parts.append(f'<path d="M{x - indent + 6} {y - 4} V{y + h / 2} H{x}" class="flow-svg-line"/>')
        parts.append(f'<rect x="{x}" y="{y}" width="{width - x - 8}" height="{h}" rx="4" class="{cls}"/>')
        parts += [f'<text x="{x + 8}" y="{y + (i + 1) * lead - 2}" font-size="{size}">{attr(s)}</text>'
                  for i, s in enumerate(lines)]
        y += h + 6
    title = f"Diagram of the flow: {flow.title}" + (f", answer {rows[0][0][-1].answer.text}" if key else "")
    tid = f"flow-svg-{flow.id}{'-' + key if key else ''}-{layout}-t"
    return (f'<svg class="flow-svg flow-svg-{layout}" role="img" aria-labelledby="{tid}" viewBox="0 0 {width} {y}" '
            f'width="100%" xmlns="http://www.w3.org/2000/svg"><title id="{tid}">{attr(title)}</title>'
            "<desc>Each row is an answer and the question or outcome it leads to; the text version below says the same."
            f"</desc>{''.join(parts)}</svg>")


def flow_text(src: str, flow, rows=None) -> str:
    out = []
    rows = _rows(flow) if rows is None else rows
    top = min(len(p) for p, _ in rows)
    for path, node in rows:
        pad = "    " * (len(path) - top)
        lead = f"*{md(path[-1].answer.text)}* → " if path else ""
        target = rel(src, paths.flow_page(flow.id, answer_ids(path)))
        if isinstance(node, FlowOutcome):
            out.append(f"{pad}- {lead}**[{md(node.title)}]({target})** (`{node.id}`)")
        else:
            out.append(f"{pad}- {lead}[{md(node.text)}]({target})")
    return "\n".join(out) + "\n"


def _figure(flow, rows=None, key: str = "") -> str:
    """Both drawings of the map; the stylesheet shows the one that fits the map's box (never scrolled sideways)."""
    wide, narrow = (flow_svg(flow, rows, key, layout) for layout in LAYOUTS)
    # the narrow drawing repeats the wide one's words: read (reader text) and indexed (search) once
    return f'<figure class="flow-map">{wide}<div class="flow-map-alt" data-alt-layout data-search-exclude>{narrow}</div></figure>'


def _outcomes(rows) -> str:
    n = sum(isinstance(node, FlowOutcome) for _, node in rows)
    return f"{n} outcome{'s' if n != 1 else ''}"


def _folded(src: str, flow, every: list) -> str:
    """Each answer to the first question in a fold: the branch drawn, then the same branch as text."""
    first = next(node for path, node in every if not path)
    out = [f"## Each answer to \u201c{md(first.text)}\u201d {{ #branches }}\n",
           '<p class="screen-only">Open an answer for its part of the flow: a drawing, then the same part as text.</p>\n']
    for answer in first.answers:
        rows = _branch(every, answer.id)
        out.append(f'<details class="flow-branch" markdown="1">\n'
                   f"<summary>{attr(answer.text)}: {_outcomes(rows)}</summary>\n\n"
                   f"{_figure(flow, rows, answer.id)}\n\n{flow_text(src, flow, rows)}\n</details>\n")
    return "\n".join(out)


def flow_map_page(data: SiteData, src: str, flow_id: str) -> str:
    flow = next(f for f in all_flows(data) if f.id == flow_id)
    start = rel(src, paths.flow_page(flow.id))
    lead = f"{md(flow.intro)} [Start the questions]({start}).\n\n"
    rows = _rows(flow)
    if len(rows) > FOLD_OVER:
        return lead + _folded(src, flow, rows) + "\n"
    return (lead + f"{_figure(flow)}\n\n## The same flow as text\n\n{flow_text(src, flow)}\n")
