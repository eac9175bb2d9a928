"""Where every published id lives: one function decides page, anchor and permalink."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .loader import SiteData


@dataclass(frozen=True)
class Located:
    id: str
    kind: str
    title: str
    page: str  # source path under docs/, e.g. tools/rm2000.md
    anchor: str = ""  # without '#'

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. tools/rm2000/#x."""
        return page_url(self.page) + (f"#{self.anchor}" if self.anchor else "")


def page_url(src: str) -> str:
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


def anchor_of(item_id: str) -> str:
    """Anchor derived from an id: MAPPA-ID-01 -> mappa-id-01."""
    return item_id.lower()


def tool_slug(tool_id: str) -> str:
    return tool_id.removeprefix("TOOL-").lower()


def permalink(item_id: str) -> str:
    return f"id/{item_id}/"


def all_ids(data: "SiteData") -> dict[str, Located]:
    out: dict[str, Located] = {}

    def put(loc: Located):
        out[loc.id] = loc

    for r in data.recs.values():
        put(Located(r.id, "recommendation", f"Recommendation {r.number}: {r.title}", f"recommendations/rec-{r.number:02d}.md"))
    for s in data.steps:
        put(Located(s.id, "MAPPA step", f"{s.id}", f"mappa/stages/{s.stage}.md", anchor_of(s.id)))
    for s in data.mappa.stages:
        put(Located(f"MAPPA-STAGE-{s.number}", "MAPPA stage", f"Stage {s.number}: {s.name}", f"mappa/stages/{s.id}.md"))
    for s in data.standards:
        put(Located(s.id, "standard", f"{s.id}: {s.title}", f"standards/areas/{s.area}.md", anchor_of(s.id)))
    for t in data.tools:
        put(Located(t.id, "tool", t.name if t.name == t.abbr else f"{t.name} ({t.abbr})", f"tools/{tool_slug(t.id)}.md"))
    for q in data.judiciary.questions:
        put(Located(q.id, "question", q.question, "judiciary/questions.md", anchor_of(q.id)))
    for term in data.terms:
        put(Located(term.id, "glossary term", f"{term.abbr}: {term.expansion}", "glossary.md", anchor_of(term.id)))
    for p in data.pages.values():
        put(Located(p.meta.id, "page", p.meta.title, p.src))
    return out
