"""SVG pictures drawn at build time from data: no JavaScript, no network, no fonts to fetch.

Each picture has a <title> and <desc>, and the page always shows the same content as text too.
"""
from __future__ import annotations

import re

from .text import attr


def _t(text: str) -> str:
    return attr(text)


# Pathway pictures are drawn twice at build time: a wide one (two columns) for desktop and print, and a
# narrow one (one column, top to bottom) for phones; CSS shows one, at the column's full width. Sizes are in
# SVG user units: the narrow picture is 270 units wide, so on the narrowest phone (320 px, 288 px of content)
# 1 unit is about 1.07 px and the smallest text (12 units) is at least 12 px; wider phones draw it larger.
PW_LAYOUTS = {"wide": (760, 2), "narrow": (270, 1)}
PW_HEAD, PW_WHO, PW_LABEL = 14, 12, 15  # font sizes (user units): action, who acts, stage label
_CHAR = 0.6  # a generous average glyph width, in em, so wrapped lines never run past their box


def wrap(text: str, width: float, size: float, hyphens: bool = False) -> list[str]:
    """Split text into lines that fit `width` user units at font `size` (estimated, never cut). With `hyphens`,
    capitals count wider and a word too long for a line (a permanent id such as FLOW-MAPPA-RSO-SUPERVISED) is
    broken after one of its hyphens, so a narrow drawing never runs text past its box."""
    per_line = max(8, int(width / (size * _CHAR)))
    lines: list[str] = []
    line = ""
    for word in text.split():
        for i, piece in enumerate(_pieces(word, per_line) if hyphens else [word]):
            glue = "" if i else " "  # a broken word's pieces join with no space
            if line and _units(line + glue + piece, hyphens) > per_line:
                lines.append(line)
                line = piece
            else:
                line = f"{line}{glue}{piece}" if line else piece
    if line:
        lines.append(line)
    return lines or [""]


def _units(text: str, capitals_wider: bool) -> float:
    """Estimated width in average characters; a capital or digit is about 1.2 of them."""
    return sum(1.2 if capitals_wider and (c.isupper() or c.isdigit()) else 1 for c in text)


def _pieces(word: str, per_line: int) -> list[str]:
    """A word that will not fit a line, as pieces each ending in a hyphen (the last one excepted)."""
    if _units(word, True) <= per_line or "-" not in word:
        return [word]
    pieces = [""]
    for part in re.split(r"(?<=-)", word):
        if pieces[-1] and _units(pieces[-1] + part, True) > per_line:
            pieces.append(part)
        else:
            pieces[-1] += part
    return pieces


def _lines(x: float, y: float, lines: list[str], size: int, cls: str) -> list[str]:
    lead = round(size * 1.3)
    return [f'<text x="{x:g}" y="{y + (i + 1) * lead - 4:g}" font-size="{size}" class="{cls}">{_t(s)}</text>'
            for i, s in enumerate(lines)]


def pathway_svg(svg_id: str, title: str, desc: str, rows: list[tuple[str, list[tuple[str, str]]]],
                layout: str = "wide") -> str:
    """rows: [(stage label, [(action heading, who acts), ...]), ...] drawn top to bottom with arrows.

    Each stage label sits on its own row, wrapped, above that stage's boxes; each box carries the action
    phrase and who acts. Nothing is cut: text is wrapped to fit its box.
    """
    width, cols = PW_LAYOUTS[layout]
    pad, gap = 10, 8
    chip_w = (width - 2 * pad - 2 * gap - (cols - 1) * gap) / cols
    inner = chip_w - 16
    y = 6
    parts: list[str] = []
    for i, (stage, steps) in enumerate(rows):
        top = y
        label = wrap(stage, width - 2 * pad - 16, PW_LABEL)
        label_h = len(label) * round(PW_LABEL * 1.3) + 8
        body: list[str] = _lines(pad + 8, top + 4, label, PW_LABEL, "pw-label")
        cy = top + label_h + 4
        if not steps:
            body += _lines(pad + 8, cy, ["No steps for this group at this stage"], PW_WHO, "pw-who")
            cy += round(PW_WHO * 1.3) + gap
        for r in range(0, len(steps), cols):
            chunk = steps[r:r + cols]
            texts = [(wrap(h, inner, PW_HEAD), wrap(w, inner, PW_WHO)) for h, w in chunk]
            h = max(len(a) * round(PW_HEAD * 1.3) + len(b) * round(PW_WHO * 1.3) for a, b in texts) + 14
            for j, (head, who) in enumerate(texts):
                cx = pad + gap + j * (chip_w + gap)
                body.append(f'<rect x="{cx:g}" y="{cy:g}" width="{chip_w:g}" height="{h}" rx="4" class="pw-box"/>')
                body += _lines(cx + 8, cy + 5, head, PW_HEAD, "pw-head")
                body += _lines(cx + 8, cy + 5 + len(head) * round(PW_HEAD * 1.3), who, PW_WHO, "pw-who")
            cy += h + gap
        height = cy - top + 2
        parts.append(f'<rect x="{pad - 5}" y="{top}" width="{width - 2 * pad + 10}" height="{height:g}" rx="6" class="pw-band"/>')
        parts.extend(body)
        y = top + height
        if i < len(rows) - 1:
            mid = width / 2
            parts.append(f'<path d="M{mid:g} {y + 2:g} L{mid:g} {y + 16:g}" class="pw-arrow"/>')
            parts.append(f'<path d="M{mid - 6:g} {y + 10:g} L{mid:g} {y + 18:g} L{mid + 6:g} {y + 10:g}" class="pw-arrow"/>')
            y += 22
    height = y + 6
    return (
        f'<svg data-search-exclude="1" class="pathway pathway-{layout}" id="{_t(svg_id)}" role="img" viewBox="0 0 {width} {height:g}" width="100%" '
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
        f'<svg data-search-exclude="1" class="icon-array" id="{_t(svg_id)}" role="img" viewBox="0 0 {width} {height}" width="{width * 1.4:.0f}" '
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
