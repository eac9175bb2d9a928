"""SVG pictures drawn at build time from data: no JavaScript, no network, no fonts to fetch.

Each picture has a <title> and <desc>, and the page always shows the same content as text too.
"""
from __future__ import annotations

from .text import attr


def _t(text: str) -> str:
    return attr(text)


def pathway_svg(svg_id: str, title: str, desc: str, rows: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """rows: [(stage label, [(step id, actor name), ...]), ...] drawn top to bottom with arrows."""
    per_row = 3
    chip_w, chip_h, gap = 190, 40, 10
    label_w = 170
    width = label_w + per_row * (chip_w + gap) + 10
    y = 10
    parts: list[str] = []
    for i, (stage, steps) in enumerate(rows):
        lines = max(1, -(-len(steps) // per_row))
        h = lines * (chip_h + gap) + gap
        parts.append(f'<rect x="5" y="{y}" width="{width - 10}" height="{h}" rx="6" class="pw-stage"/>')
        parts.append(f'<text x="15" y="{y + 22}" class="pw-stage-label">{_t(stage)}</text>')
        if not steps:
            parts.append(f'<text x="{label_w}" y="{y + 26}" class="pw-none">No steps for this category</text>')
        for j, (sid, actor) in enumerate(steps):
            cx = label_w + (j % per_row) * (chip_w + gap)
            cy = y + gap + (j // per_row) * (chip_h + gap)
            parts.append(f'<rect x="{cx}" y="{cy}" width="{chip_w}" height="{chip_h}" rx="4" class="pw-step"/>')
            parts.append(f'<text x="{cx + 8}" y="{cy + 16}" class="pw-id">{_t(sid)}</text>')
            parts.append(f'<text x="{cx + 8}" y="{cy + 32}" class="pw-actor">{_t(actor[:30])}</text>')
        y += h
        if i < len(rows) - 1:
            mid = width // 2
            parts.append(f'<path d="M{mid} {y + 2} L{mid} {y + 18}" class="pw-arrow"/>')
            parts.append(f'<path d="M{mid - 6} {y + 12} L{mid} {y + 20} L{mid + 6} {y + 12}" class="pw-arrow"/>')
            y += 22
    height = y + 10
    return (
        f'<svg class="pathway" id="{_t(svg_id)}" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{_t(svg_id)}-title {_t(svg_id)}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{_t(svg_id)}-title">{_t(title)}</title><desc id="{_t(svg_id)}-desc">{_t(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )


# four groups in the base-rate icon array; shapes differ as well as colours
ICON_GROUPS = (
    ("flagged-reoffend", "Flagged and did reoffend", "circle"),
    ("flagged-not", "Flagged but did not reoffend", "square"),
    ("missed", "Not flagged but did reoffend", "triangle"),
    ("clear", "Not flagged and did not reoffend", "dot"),
)


def icon_array_svg(svg_id: str, title: str, desc: str, counts: dict[str, int]) -> str:
    """A 10-column icon array; counts keys are the ICON_GROUPS keys, in that order."""
    size, pad = 26, 4
    cols = 10
    cells: list[str] = []
    order = [g for g, _, _ in ICON_GROUPS for _ in range(counts.get(g, 0))]
    shapes = {g: s for g, _, s in ICON_GROUPS}
    for i, group in enumerate(order):
        x = pad + (i % cols) * size
        y = pad + (i // cols) * size
        c = size / 2
        shape = shapes[group]
        if shape == "circle":
            el = f'<circle cx="{x + c}" cy="{y + c}" r="10" class="ia-{group}"/>'
        elif shape == "square":
            el = f'<rect x="{x + 3}" y="{y + 3}" width="20" height="20" class="ia-{group}"/>'
        elif shape == "triangle":
            el = f'<path d="M{x + c} {y + 2} L{x + 24} {y + 23} L{x + 2} {y + 23} Z" class="ia-{group}"/>'
        else:
            el = f'<circle cx="{x + c}" cy="{y + c}" r="4" class="ia-{group}"/>'
        cells.append(el)
    rows = -(-len(order) // cols)
    width, height = pad * 2 + cols * size, pad * 2 + rows * size
    return (
        f'<svg class="icon-array" id="{_t(svg_id)}" role="img" viewBox="0 0 {width} {height}" width="{width * 1.4:.0f}" '
        f'aria-labelledby="{_t(svg_id)}-title {_t(svg_id)}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{_t(svg_id)}-title">{_t(title)}</title><desc id="{_t(svg_id)}-desc">{_t(desc)}</desc>'
        + "".join(cells)
        + "</svg>"
    )


def legend_svg(group: str) -> str:
    """A small inline key symbol matching the icon array."""
    shape = {g: s for g, _, s in ICON_GROUPS}[group]
    if shape == "circle":
        el = f'<circle cx="8" cy="8" r="7" class="ia-{group}"/>'
    elif shape == "square":
        el = f'<rect x="1" y="1" width="14" height="14" class="ia-{group}"/>'
    elif shape == "triangle":
        el = f'<path d="M8 1 L15 15 L1 15 Z" class="ia-{group}"/>'
    else:
        el = f'<circle cx="8" cy="8" r="3" class="ia-{group}"/>'
    return f'<svg class="ia-key" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{el}</svg>'
