"""Every page of the site, hand-written or generated, with its metadata: the site map.

Hand-written pages come from docs/ (front matter, validated by the loader). Generated pages are
declared here from data: adding a tool, a stage, a role, a standard area or a recommendation
adds its page with no other change. Each generated page names its kind and key; the site layer
(guidance/site/generate.py) picks the renderer for the kind. Paths come from guidance/paths.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import paths
from .data.flows import all_flows, answer_ids, nodes, walk
from .data.models.flows import FlowOutcome
from .data.sitedata import SiteData, per_data
from .labels import lower_start, with_abbr

# top-level folder -> section name used in the traceability matrix and breadcrumbs
SECTIONS = {
    "mappa": "MAPPA guidance",
    "standards": "Risk-assessment standards",
    "tools": "Risk-assessment tools",
    "bench-notes": "Risk-assessment tools",
    "judiciary": "For the bench",
    "recommendations": "Recommendations",
    "flows": "Answer a case question",
    "training": "Training and citing",
    "": "About the site",
}


def section_of(src: str) -> str:
    top = src.split("/")[0] if "/" in src else ""
    return SECTIONS.get(top, "About the site")


@dataclass
class PageInfo:
    src: str
    title: str
    id: str
    answers: list[int] | str
    audience: list[str]
    review: dict
    readability: bool = False
    answers_note: str | None = None
    kind: str = ""  # generated pages: which renderer draws the body (see guidance/site/generate.py)
    key: str | int = ""  # the record the page is about (a stage id, a tool id, a recommendation number...)
    search_exclude: bool = False  # printable copies of content found elsewhere stay out of search

    def meta(self) -> dict:
        out = {
            "title": self.title,
            "id": self.id,
            "answers": self.answers,
            "audience": self.audience,
            "review": self.review,
            "render_macros": False,
        }
        if self.answers_note:
            out["answers_note"] = self.answers_note
        if self.search_exclude:
            out["search"] = {"exclude": True}
        return out


def _review(rec) -> dict:
    r = rec.review
    return {"owner": r.owner, "last_reviewed": r.last_reviewed.isoformat(), "review_due": r.review_due.isoformat()}


def _latest_review(records, owner: str, fallback: dict) -> dict:
    reviews = [r.review for r in records]
    if not reviews:  # a page with no records yet is reviewed with the release
        return fallback | {"owner": owner}
    last = min(reviews, key=lambda r: r.review_due)  # the page is due when its earliest item is due
    return {"owner": last.owner, "last_reviewed": last.last_reviewed.isoformat(), "review_due": last.review_due.isoformat()}


# Recommendations every page of a kind answers, whatever its records say (the 2009 report's numbering)
MAPPA_REC = 3      # Recommendation 3: succinct guidance on the MAPPA process
STANDARDS_REC = 2  # Recommendation 2: national standards for risk-assessment practice
BENCH_REC = 5      # Recommendation 5: what sheriffs, judges and Parole Board members need to know
MAPPA_OWNER = "MAPPA guidance editors"


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page: one page for each record of a list, about the records that belong to it."""

    kind: str
    src: Callable[[str], str]          # the record's id -> the page's path (guidance/paths.py)
    title: Callable[[Any], str]
    page_id: Callable[[Any], str]
    readability: bool = False
    search_exclude: bool = False


@dataclass(frozen=True)
class PageGroup:
    """Records of one list (stages, roles...), the records shown on each one's pages, and the kinds of page made."""

    records: Callable[[SiteData], list]
    members: Callable[[SiteData, Any], list]  # the steps (or standards) a record's pages show
    rec: int                                  # the recommendation every such page answers
    owner: str
    kinds: tuple[PageKind, ...]


def _steps_of_agency(data: SiteData, ag) -> list:
    roles = set(ag.roles) | {sh.role for sh in ag.shared}
    return [x for x in data.steps if x.actor in roles]


PAGE_GROUPS = (
    PageGroup(lambda d: d.mappa.stages, lambda d, st: [x for x in d.steps if x.stage == st.id], MAPPA_REC, MAPPA_OWNER, (
        PageKind("stage", paths.stage_page, lambda st: f"Stage {st.number}: {st.name}", lambda st: f"PAGE-STAGE-{st.number}",
                 readability=True),
        PageKind("checklist", paths.checklist_page, lambda st: f"Checklist: stage {st.number}, {lower_start(st.name)}",
                 lambda st: f"PAGE-CHECKLIST-{st.number}", search_exclude=True),
    )),
    PageGroup(lambda d: d.mappa.categories, lambda d, c: [x for x in d.steps if c.id in x.categories or "all" in x.categories],
              MAPPA_REC, MAPPA_OWNER, (
        PageKind("pathway", paths.pathway_page, lambda c: f"Pathway: {c.name}", lambda c: f"PAGE-PATHWAY-{c.id.upper()}",
                 readability=True),
    )),
    PageGroup(lambda d: d.mappa.roles, lambda d, r: [x for x in d.steps if x.actor == r.id], MAPPA_REC, MAPPA_OWNER, (
        PageKind("role", paths.role_page, lambda r: f"Who does what: {r.name}", lambda r: f"PAGE-ROLE-{r.id.upper()}",
                 readability=True),
    )),
    PageGroup(lambda d: d.mappa.agencies, _steps_of_agency, MAPPA_REC, MAPPA_OWNER, (
        PageKind("agency", paths.agency_page, lambda a: f"Your MAPPA steps: {a.name}", lambda a: f"PAGE-AGENCY-{a.id.upper()}"),
    )),
    PageGroup(lambda d: d.areas, lambda d, a: [x for x in d.standards if x.area == a.id], STANDARDS_REC,
              "Risk assessment standards editors", (
        PageKind("area", paths.area_page, lambda a: f"Standards: {a.title}", lambda a: f"PAGE-AREA-{a.id.upper()}"),
    )),
)


def generated_pages(data: SiteData) -> list[PageInfo]:
    pages: list[PageInfo] = []
    rec_review = {"owner": "Site editors", "last_reviewed": data.site.version_date.isoformat(),
                  "review_due": data.site.version_date.replace(year=data.site.version_date.year + 1).isoformat()}
    for r in data.recs.values():
        pages.append(PageInfo(
            src=paths.rec_page(r.number), title=f"Recommendation {r.number}: {r.title}",
            id=f"PAGE-REC-{r.number:02d}", answers=[r.number], audience=["everyone"], review=rec_review,
            kind="recommendation", key=r.number,
        ))
    for group in PAGE_GROUPS:
        for record in group.records(data):
            members = group.members(data, record)
            answers = sorted({group.rec} | {n for x in members for n in x.recommendations})
            review = _latest_review(members, group.owner, rec_review)
            pages.extend(PageInfo(
                src=k.src(record.id), title=k.title(record), id=k.page_id(record), answers=answers,
                audience=["practitioners"], review=dict(review), readability=k.readability, kind=k.kind, key=record.id,
                search_exclude=k.search_exclude,
            ) for k in group.kinds)
    for t in data.tools:
        pages.append(PageInfo(
            src=paths.tool_page(t.id), title=with_abbr(t.name, t.abbr),
            id=f"PAGE-{t.id}", answers=sorted(t.recommendations), audience=["judiciary", "practitioners"],
            review=_review(t), kind="tool", key=t.id,
        ))
        pages.append(PageInfo(
            src=paths.bench_note_page(t.id), title=f"Bench note: {t.abbr}", id=f"PAGE-BENCH-{t.id}",
            answers=sorted(t.recommendations), audience=["judiciary"], review=_review(t),
            kind="bench_note", key=t.id, search_exclude=True,
        ))
    pages.append(PageInfo(
        src=paths.TOOLS_AZ, title="Tools A to Z", id="PAGE-TOOLS-AZ", answers=[5],
        audience=["judiciary", "practitioners"], review=_latest_review(data.tools, "Site editors", rec_review),
        kind="tools_az", key="",
    ))
    for tp in data.training:
        recs = sorted({n for item in tp.items for n in item_recommendations(data, item.id)})
        pages.append(PageInfo(
            src=paths.training_path_page(tp.id), title=f"Training path: {tp.title}", id=f"PAGE-PATH-{tp.id.upper()}",
            answers=recs or "none", answers_note=None if recs else "The items on this path answer no recommendation.",
            audience=["trainers"], review=rec_review,
            kind="training_path", key=tp.id, search_exclude=True,
        ))
    pages.extend(flow_pages(data, rec_review))
    return pages


def flow_pages(data: SiteData, review: dict) -> list[PageInfo]:
    """The decision flows (issue #33): an index, and for each flow a page per question or outcome reached by
    each path (keyed by the answers so far) and its diagram. Only the index and first pages are searched."""
    out = [PageInfo(src=paths.FLOWS_INDEX, title="Answer a case question", id="PAGE-FLOWS", answers=[3, 5],
                    audience=["practitioners", "judiciary"], review=review, kind="flows_index", key="")]
    for flow in all_flows(data):
        info = {"answers": sorted(flow.recommendations) or "none", "audience": ["everyone"],
                "answers_note": None if flow.recommendations else "A decision aid over other pages.",
                "review": _review(flow)}
        out.append(PageInfo(src=paths.flow_map_page(flow.id), title=f"The whole flow: {lower_start(flow.title)}",
                            id=f"PAGE-FLOW-{flow.id.upper()}-MAP", kind="flow_map", key=flow.id, search_exclude=True, **info))
        for path, node in nodes(flow, walk(flow)):
            ids_ = answer_ids(path)
            is_outcome = isinstance(node, FlowOutcome)
            page_id = node.id if is_outcome else "-".join(["PAGE-FLOW", flow.id, *ids_]).upper()
            out.append(PageInfo(src=paths.flow_page(flow.id, ids_), title=flow.title if not path else node.title
                                if is_outcome else node.text, id=page_id, kind="flow_node",
                                key="/".join([flow.id, *ids_]), search_exclude=bool(path), **info))
    return out


def item_recommendations(data: SiteData, item_id: str) -> list[int]:
    """The recommendations a citable item answers (used to label training paths)."""
    if item_id.startswith("REC-"):
        return [int(item_id[4:])]
    for group in (data.steps, data.standards, data.tools):
        for rec in group:
            if rec.id == item_id:
                return list(rec.recommendations)
    if item_id.startswith("MAPPA-STAGE-"):
        return [MAPPA_REC]
    if item_id.startswith("Q-"):
        return [BENCH_REC]
    for p in data.pages.values():
        if p.meta.id == item_id and p.meta.answers != "none":
            return list(p.meta.answers)
    return []


def all_pages(data: SiteData) -> list[PageInfo]:
    return _all_pages(data)


def page_index(data: SiteData) -> dict[str, tuple[str, str, str]]:
    """Each page's (title, kind, key) by source path, for the plugin's breadcrumbs and furniture."""
    return _page_index(data)


@per_data
def _page_index(data: SiteData) -> dict[str, tuple[str, str, str]]:
    return {p.src: (p.title, p.kind, p.key) for p in all_pages(data)}


@per_data
def _all_pages(data: SiteData) -> list[PageInfo]:
    out: list[PageInfo] = []
    for p in data.pages.values():
        mm = p.meta
        out.append(PageInfo(
            src=p.src, title=mm.title, id=mm.id, answers=mm.answers, audience=list(mm.audience),
            review={"owner": mm.review.owner, "last_reviewed": mm.review.last_reviewed.isoformat(),
                    "review_due": mm.review.review_due.isoformat()},
            readability=mm.readability, answers_note=mm.answers_note,
        ))
    out.extend(generated_pages(data))
    return out


def pages_answering(data: SiteData, number: int) -> list[PageInfo]:
    return [p for p in all_pages(data) if p.answers != "none" and number in p.answers]
