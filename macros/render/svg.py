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
    for i, group in enumerate(order):
        cells.append(_shape(group, pad + (i % cols) * size, pad + (i // cols) * size, size))
    rows = -(-len(order) // cols)
    width, height = pad * 2 + cols * size, pad * 2 + rows * size
    return (
        f'<svg class="icon-array" id="{_t(svg_id)}" role="img" viewBox="0 0 {width} {height}" width="{width * 1.4:.0f}" '
        f'aria-labelledby="{_t(svg_id)}-title {_t(svg_id)}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{_t(svg_id)}-title">{_t(title)}</title><desc id="{_t(svg_id)}-desc">{_t(desc)}</desc>'
        + "".join(cells)
        + "</svg>"
    )


def _shape(group: str, x: float, y: float, size: float) -> str:
    """The symbol for one icon-array group in a size x size cell at (x, y)."""
    shape = {g: sh for g, _, sh in ICON_GROUPS}[group]
    c, k = size / 2, size / 26  # centre, and scale from the 26-unit design grid
    if shape == "circle":
        return f'<circle cx="{x + c:g}" cy="{y + c:g}" r="{10 * k:g}" class="ia-{group}"/>'
    if shape == "square":
        return f'<rect x="{x + 3 * k:g}" y="{y + 3 * k:g}" width="{20 * k:g}" height="{20 * k:g}" class="ia-{group}"/>'
    if shape == "triangle":
        return f'<path d="M{x + c:g} {y + 2 * k:g} L{x + 24 * k:g} {y + 23 * k:g} L{x + 2 * k:g} {y + 23 * k:g} Z" class="ia-{group}"/>'
    return f'<circle cx="{x + c:g}" cy="{y + c:g}" r="{4 * k:g}" class="ia-{group}"/>'


def legend_svg(group: str) -> str:
    """A small inline key symbol matching the icon array."""
    return f'<svg class="ia-key" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{_shape(group, 0, 0, 16)}</svg>'
