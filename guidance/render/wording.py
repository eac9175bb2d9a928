"""Changes over time: a rule's earlier wording beside the current one, the change marked word by word.

The register (data/id-register.yaml) keeps each step's and standard's wording; when an edition changes
it, the earlier words are kept with the edition they lasted until (`earlier`, written by
scripts/update_register.py when an edition is cut).
"""
from __future__ import annotations

import difflib
import html

from ..data.register import wordings
from ..data.sitedata import SiteData


def word_diff(before: str, after: str) -> str:
    """HTML of `after` with the words taken out of `before` in <del> and the words put in as <ins>."""
    a, b = before.split(), after.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
        if op == "equal":
            out.append(html.escape(" ".join(a[i1:i2])))
    return " ".join(out)


_KIND = {"meaning": ": the meaning changed", "wording": ": wording only, the meaning is the same"}


def earlier_wording(data: SiteData, item_id: str) -> str:
    """A short block per earlier wording of a rule (empty when it never changed)."""
    entry = data.register.get(item_id) or {}
    now = wordings(data).get(item_id)
    if not entry.get("earlier") or now is None:
        return ""
    blocks = []
    later = [e["until"] for e in entry["earlier"][1:]] + [None]
    for old, nxt in zip(entry["earlier"], later, strict=True):
        newer = now if nxt is None else next(e["wording"] for e in entry["earlier"] if e["until"] == nxt)
        blocks.append(
            f'<p class="earlier-wording" data-search-exclude><strong>Changed in edition {html.escape(old["until"])}'
            f'{_KIND.get(old.get("change"), "")}.</strong> '
            f"Words taken out are struck through; words put in are underlined: {word_diff(old['wording'], newer)}</p>"
        )
    return "\n" + "\n".join(blocks) + "\n"
