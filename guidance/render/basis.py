"""The basis label: a small tag beside a must/should word saying what the item rests on.

A sheriff or practitioner can then tell a legal duty (statute) from national guidance, an RMA
standard, a research finding, local practice or this site's own recommendation.
"""
from __future__ import annotations

from ..data.models import BASIS_KINDS

# what each label says on the page, and the longer explanation in its tooltip
BASIS_TEXT = {
    "statute": ("statute", "A legal duty set by an Act or regulations."),
    "national guidance": ("national guidance", "Scottish Government national guidance."),
    "RMA standard": ("RMA standard", "A standard or framework of the Risk Management Authority (RMA)."),
    "research finding": ("research finding", "What published research or a tool's own manual found."),
    "local practice": ("local practice", "How one or more local areas do it; not a national rule."),
    "site recommendation": ("this site's recommendation", "This site's own advice; no source makes it a duty."),
}
assert set(BASIS_TEXT) == set(BASIS_KINDS), "every basis kind needs a label"


def basis_label(item) -> str:
    """A small HTML span naming the item's basis; item is a record with a `basis` field, or the basis itself."""
    basis = item if isinstance(item, str) else getattr(item, "basis", None) or item.caution_basis
    label, title = BASIS_TEXT[basis]
    slug = basis.lower().replace(" ", "-")
    return f'<small class="basis basis-{slug}" title="{title}" data-search-exclude>Basis: {label}</small>'
