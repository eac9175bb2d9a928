"""Every page of the site, hand-written or generated, with its metadata: the site map.

Hand-written pages come from docs/ (front matter, validated by the loader). Generated pages are
declared here from data: adding a tool, a stage, a role, a standard area or a recommendation
adds its page with no other change. Each generated page names its kind and key; the site layer
(macros/site/generate.py) picks the renderer for the kind. Paths come from macros/paths.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import paths
from .data.sitedata import SiteData
from .labels import lower_start, with_abbr

# top-level folder -> section name used in the traceability matrix and breadcrumbs
SECTIONS = {
    "mappa": "MAPPA guidance",
    "standards": "Risk-assessment standards",
    "tools": "Risk-assessment tools",
    "bench-notes": "Risk-assessment tools",
    "judiciary": "For the bench",
    "recommendations": "Recommendations",
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
    kind: str = ""  # generated pages: which renderer draws the body (see macros/site/generate.py)
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
    for st in data.mappa.stages:
        steps = [x for x in data.steps if x.stage == st.id]
        answers = sorted({3} | {n for x in steps for n in x.recommendations})
        pages.append(PageInfo(
            src=paths.stage_page(st.id), title=f"Stage {st.number}: {st.name}", id=f"PAGE-STAGE-{st.number}",
            answers=answers, audience=["practitioners"], review=_latest_review(steps, "MAPPA guidance editors", rec_review),
            readability=True, kind="stage", key=st.id,
        ))
        pages.append(PageInfo(
            src=paths.checklist_page(st.id), title=f"Checklist: stage {st.number}, {lower_start(st.name)}",
            id=f"PAGE-CHECKLIST-{st.number}", answers=answers, audience=["practitioners"],
            review=_latest_review(steps, "MAPPA guidance editors", rec_review),
            kind="checklist", key=st.id, search_exclude=True,
        ))
    for cat in data.mappa.categories:
        steps = [x for x in data.steps if cat.id in x.categories or "all" in x.categories]
        answers = sorted({3} | {n for x in steps for n in x.recommendations})
        pages.append(PageInfo(
            src=paths.pathway_page(cat.id), title=f"Pathway: {cat.name}", id=f"PAGE-PATHWAY-{cat.id.upper()}",
            answers=answers, audience=["practitioners"], review=_latest_review(steps, "MAPPA guidance editors", rec_review),
            readability=True, kind="pathway", key=cat.id,
        ))
    for role in data.mappa.roles:
        steps = [x for x in data.steps if x.actor == role.id]
        answers = sorted({3} | {n for x in steps for n in x.recommendations})
        pages.append(PageInfo(
            src=paths.role_page(role.id), title=f"Who does what: {role.name}", id=f"PAGE-ROLE-{role.id.upper()}",
            answers=answers, audience=["practitioners"], review=_latest_review(steps, "MAPPA guidance editors", rec_review),
            readability=True, kind="role", key=role.id,
        ))
    for ag in data.mappa.agencies:
        roles = set(ag.roles) | {sh.role for sh in ag.shared}
        steps = [x for x in data.steps if x.actor in roles]
        answers = sorted({3} | {n for x in steps for n in x.recommendations})
        pages.append(PageInfo(
            src=paths.agency_page(ag.id), title=f"Your MAPPA steps: {ag.name}", id=f"PAGE-AGENCY-{ag.id.upper()}",
            answers=answers, audience=["practitioners"], review=_latest_review(steps, "MAPPA guidance editors", rec_review),
            kind="agency", key=ag.id,
        ))
    for area in data.areas:
        stds = [x for x in data.standards if x.area == area.id]
        answers = sorted({2} | {n for x in stds for n in x.recommendations})
        pages.append(PageInfo(
            src=paths.area_page(area.id), title=f"Standards: {area.title}", id=f"PAGE-AREA-{area.id.upper()}",
            answers=answers, audience=["practitioners"], review=_latest_review(stds, "Risk assessment standards editors", rec_review),
            kind="area", key=area.id,
        ))
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
    return pages


def item_recommendations(data: SiteData, item_id: str) -> list[int]:
    """The recommendations a citable item answers (used to label training paths)."""
    if item_id.startswith("REC-"):
        return [int(item_id[4:])]
    for group in (data.steps, data.standards, data.tools):
        for rec in group:
            if rec.id == item_id:
                return list(rec.recommendations)
    if item_id.startswith("MAPPA-STAGE-"):
        return [3]
    if item_id.startswith("Q-"):
        return [5]
    for p in data.pages.values():
        if p.meta.id == item_id and p.meta.answers != "none":
            return list(p.meta.answers)
    return []


def all_pages(data: SiteData) -> list[PageInfo]:
    return data.memo("pages", lambda: _all_pages(data))


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
