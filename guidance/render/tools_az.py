"""Tools A to Z: one line per tool, a phone's way into the tool pages (issue #25).

Each line says what the tool predicts or assesses, over what period, and who it was developed on, taken
from the first sentence of the tool record's own fields (no new facts), and links to the tool page.
"Tools compared" (tools/index.md) stays the wide view.
"""
from __future__ import annotations

import re

from .. import paths
from ..data import models as m
from ..data.loader import SiteData
from ..paths import rel
from .text import md
from .tool_text import is_known

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def first_sentence(text: str) -> str:
    """The first sentence of a field, with its full stop."""
    s = _SENTENCE.split(" ".join(str(text).split()), maxsplit=1)[0]
    return s if s[-1:] in ".?!" else s + "."


def tool_line(src: str, t: m.Tool) -> str:
    """One tool on one line. A part the sources do not give is left out (said once above the list)."""
    name = f"[{md(t.abbr)}]({rel(src, paths.tool_page(t.id))})"
    extra = " England and Wales comparator." if t.comparator else ""
    line = f"- **{name}** ({md(t.type)}).{extra} **Assesses:** {md(first_sentence(t.assesses))}"
    if is_known(t.follow_up):
        line += f" **Period:** {md(first_sentence(t.follow_up))}"
    if is_known(t.developed_on):
        line += f" **Developed on:** {md(first_sentence(t.developed_on))}"
    return line


def tools_az_page(data: SiteData, src: str, _key: object = None) -> str:
    tools = sorted(data.tools, key=lambda t: t.abbr.lower())
    out = [
        f"Every risk-assessment tool on this site, from A to Z: {len(tools)} tools, one line each. "
        "Select a tool's name for its full page. "
        f"To compare the tools side by side on a wide screen, see [tools compared]({rel(src, paths.TOOLS_INDEX)}). "
        "Where a line gives no period or no sample, the sources we used do not give one; the tool's page says more.\n",
        '<div class="tools-az" data-search-exclude markdown>\n',  # each line repeats its tool page, which search holds
        "\n".join(tool_line(src, t) for t in tools),
        "\n</div>\n",
        f"What a band such as \"high\" means on each tool: [what a band means]({rel(src, paths.BANDS)}).\n",
    ]
    return "\n".join(out) + "\n"
