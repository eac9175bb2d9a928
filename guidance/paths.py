"""Where every page lives and where every published id points: the one place that knows.

Renderers, the page catalogue, permanent links, exports and the data checks ask this module for a
page's source path (under docs/), its URL, an item's anchor or its permanent link. No other module
spells out a path. Of the package it imports only guidance/labels.py (an abbreviation in a link's text) and, from the
data layer below it, `per_data` (the id map is computed once per data set).
"""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from .data.flows import all_flows, answer_ids, first_paths, walk
from .data.sitedata import per_data
from .labels import with_abbr

# ------------------------------------------------------------------ hand-written pages that renderers link to
HOME = "index.md"
HOW_TO_READ = "how-to-read.md"
SOURCES = "sources.md"
GLOSSARY = "glossary.md"
QUESTIONS = "judiciary/questions.md"
BENCH_GUIDE = "judiciary/reading-a-risk-assessment.md"
TOOLS_INDEX = "tools/index.md"
TOOLS_AZ = "tools/a-z.md"  # generated: one line per tool (issue #25)
BANDS = "judiciary/bands.md"
TIMESCALES = "mappa/timescales.md"
CHANGES = "training/changes.md"
MAPPA_HOME = "mappa/index.md"
STAGES_INDEX = "mappa/stages/index.md"
OLR = "mappa/olr.md"
PAROLE = "judiciary/parole-board.md"
PRISON = "mappa/prison.md"
EDITIONS = "training/editions.md"
CITE = "training/cite.md"
BEFORE_FIRST_EDITION = "before-the-first-edition"  # the anchor, on CITE and EDITIONS, of what to cite for earlier dates
CHECKLISTS = "mappa/checklists.md"

# ------------------------------------------------------------------ downloads
CHECKLIST_CSV = "downloads/checklists/{stage}.csv"
SELF_AUDIT_CSV = "downloads/standards-self-audit.csv"


def download(name: str, ext: str) -> str:
    return f"downloads/{name}.{ext}"


CHANGE_FEED = "downloads/changes.atom"  # the Atom feed of every release and every changed item
# made by `make dist` only (guidance/downloads.py): the offline pack and the PDFs, listed on the Downloads page
DOWNLOADS_PAGE = "training/downloads.md"


def offline_zip(version: str) -> str:
    return f"downloads/mappa-guidance-{version}-offline.zip"


def guidance_pdf(version: str) -> str:
    return f"downloads/mappa-guidance-{version}.pdf"


def bench_note_pdf(tool_id: str) -> str:
    return f"downloads/bench-notes/{tool_slug(tool_id)}.pdf"


def handout_pdf(path_id: str) -> str:
    return f"downloads/handouts/{path_id}.pdf"


def schema(name: str) -> str:
    return f"downloads/schema/{name}.schema.json"


# ------------------------------------------------------------------ generated pages, one function per kind
def tool_slug(tool_id: str) -> str:
    return tool_id.removeprefix("TOOL-").lower()


def rec_page(number: int) -> str:
    return f"recommendations/rec-{number:02d}.md"


def stage_page(stage_id: str) -> str:
    return f"mappa/stages/{stage_id}.md"


def checklist_page(stage_id: str) -> str:
    return f"mappa/checklists/{stage_id}.md"


def pathway_page(category_id: str) -> str:
    return f"mappa/pathways/{category_id}.md"


def role_page(role_id: str) -> str:
    return f"mappa/roles/{role_id}.md"


def agency_page(agency_id: str) -> str:
    return f"mappa/agencies/{agency_id}.md"


def area_page(area_id: str) -> str:
    return f"standards/areas/{area_id}.md"


def tool_page(tool_id: str) -> str:
    return f"tools/{tool_slug(tool_id)}.md"


def bench_note_page(tool_id: str) -> str:
    return f"bench-notes/{tool_slug(tool_id)}.md"


def training_path_page(path_id: str) -> str:
    return f"training/paths/{path_id}.md"


# decision flows (issue #33): one page per question or outcome, keyed by the answers so far
FLOWS_INDEX = "flows/index.md"


def flow_page(flow_id: str, answers: tuple[str, ...] = ()) -> str:
    """flows/is-it-mappa/index.md (the first question), flows/is-it-mappa/yes/in-prison/index.md (after two answers)."""
    return "/".join(["flows", flow_id, *answers, "index.md"])


def flow_map_page(flow_id: str) -> str:
    return f"flows/{flow_id}/map.md"


def flow_json(flow_id: str) -> str:
    return f"downloads/flows/{flow_id}.json"


# ------------------------------------------------------------------ URLs, anchors, permanent links
def page_url(src: str) -> str:
    """Site-relative URL of a page with directory URLs: tools/rm2000.md -> tools/rm2000/."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


def anchor_of(item_id: str) -> str:
    """Anchor derived from an id: MAPPA-ID-01 -> mappa-id-01."""
    return item_id.lower()


def permalink(item_id: str) -> str:
    return f"id/{item_id}/"


def edition_root(version: str) -> str:
    """Where a kept edition lives: editions/2026.11.0/."""
    return f"editions/{version}/"


def edition_permalink(version: str, item_id: str) -> str:
    """An item's permanent link inside one edition: editions/2026.11.0/id/MAPPA-ID-01/ (what citations use)."""
    return edition_root(version) + permalink(item_id)


def rel(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative Markdown link target from one docs file to another (MkDocs resolves and checks it)."""
    base = posixpath.dirname(from_src)
    target = _relpath(to_src, base or ".")
    return target + (f"#{anchor}" if anchor else "")


def rel_url(from_src: str, to_path: str, anchor: str = "") -> str:
    """Relative URL (for raw HTML and downloads) from the built page of from_src to a page or file."""
    here = page_url(from_src)
    there = page_url(to_path) if to_path.endswith(".md") else to_path
    out = _relpath(there or ".", here.rstrip("/") or ".")
    if (there == "" or there.endswith("/")) and not out.endswith("/"):
        out += "/"
    if out == "./":
        out = ""
    return out + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for two paths inside the site, without asking the system for the working folder (it
    did, twice a link: `make serve` makes some 10,000 links on each save); the same answer."""
    if not path:
        raise ValueError("no path specified")
    p, s = posixpath.normpath(path), posixpath.normpath(start)
    if p.startswith(("/", "..")) or s.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    p_parts = [x for x in p.split("/") if x not in ("", ".")]
    s_parts = [x for x in s.split("/") if x not in ("", ".")]
    i = 0
    while i < min(len(p_parts), len(s_parts)) and p_parts[i] == s_parts[i]:
        i += 1
    parts = [".."] * (len(s_parts) - i) + p_parts[i:]
    return "/".join(parts) if parts else "."


# ------------------------------------------------------------------ every published id
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


def ids(data) -> dict[str, Located]:
    """Every published id of a data set and where it lives (computed once per data set)."""
    return _ids_once(data)


def all_ids(data) -> dict[str, Located]:
    """Every citable id of the site data (a SiteData), with the page and anchor where it lives."""
    out: dict[str, Located] = {}

    def put(loc: Located):
        out[loc.id] = loc

    for r in data.recs.values():
        put(Located(r.id, "recommendation", f"Recommendation {r.number}: {r.title}", rec_page(r.number)))
    for s in data.steps:
        put(Located(s.id, "MAPPA step", step_title(s), stage_page(s.stage), anchor_of(s.id)))
    for s in data.mappa.stages:
        put(Located(f"MAPPA-STAGE-{s.number}", "MAPPA stage", f"Stage {s.number}: {s.name}", stage_page(s.id)))
    for s in data.standards:
        put(Located(s.id, "standard", f"{s.id}: {s.title}", area_page(s.area), anchor_of(s.id)))
    for t in data.tools:
        put(Located(t.id, "tool", with_abbr(t.name, t.abbr), tool_page(t.id)))
    for q in data.judiciary.questions:
        put(Located(q.id, "question", q.question, QUESTIONS, anchor_of(q.id)))
    for term in data.terms:
        put(Located(term.id, "glossary term", term_title(term.abbr, term.expansion), GLOSSARY, anchor_of(term.id)))
    for concept in getattr(data, "concepts", []):
        put(Located(concept.id, "glossary term", concept.term, GLOSSARY, anchor_of(concept.id)))
    for p in data.pages.values():
        put(Located(p.meta.id, "page", p.meta.title, p.src))
    for flow in all_flows(data):  # each outcome of a decision flow, at the page of the first path to it
        firsts = first_paths(walk(flow))
        for o in flow.outcomes:
            if o.id in firsts:
                put(Located(o.id, "decision outcome", o.title, flow_page(flow.id, answer_ids(firsts[o.id]))))
    return out


def step_title(step) -> str:
    """A step's own title: its action heading when the data gives one, else its action (never its id)."""
    heading = getattr(step, "heading", None)
    text = " ".join(str(heading or step.action).split())
    text = text.split(". ", 1)[0]  # the first sentence says what is done
    if len(text) > 90:
        text = text[:90].rsplit(" ", 1)[0] + "…"
    return text.rstrip(".")


def term_title(abbr: str, expansion: str) -> str:
    """'ABBR: expansion', or the expansion alone when it already starts with the abbreviation."""
    return expansion if expansion.casefold().startswith(abbr.casefold()) else f"{abbr}: {expansion}"


_ids_once = per_data(all_ids)
