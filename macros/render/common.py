"""Renderers shared by every part of the site: citations, id links, facts, gaps, page furniture."""
from __future__ import annotations

import datetime as dt
import os

from .. import paths
from ..data import models as m
from ..data.loader import SiteData
from ..paths import edition_permalink, ids, permalink, rel, rel_url
from .standing import standing_label
from .text import attr, md

SOURCES_PAGE = paths.SOURCES


def today() -> dt.date:
    """Build date; SITE_TODAY=YYYY-MM-DD overrides it (tests use this)."""
    forced = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()


def ids_on_page(data: SiteData, src: str) -> list[str]:
    """Citable ids that live on a page (glossary terms and page ids left out)."""
    return list(data.memo("ids_by_page", lambda: _ids_by_page(data)).get(src, []))


def _ids_by_page(data: SiteData) -> dict[str, list[str]]:
    """Built once per build: pages x ids would be quadratic."""
    by_page: dict[str, list[str]] = {}
    abbr = {t.id: t.abbr for t in data.tools}
    for i, loc in sorted(ids(data).items()):
        if loc.kind in ("glossary term", "page"):
            continue
        by_page.setdefault(loc.page, []).append(i)
        if i in abbr:  # a tool is also searched by its short name
            by_page[loc.page].append(abbr[i])
    return by_page


# ---------------------------------------------------------------- citations


def cite_ref(data: SiteData, src: str, ref: m.SourceRef) -> str:
    source = data.sources[ref.id]
    label = source.title + (f", {ref.at}" if ref.at else "")
    return f"[{md(label)}]({rel(src, SOURCES_PAGE, 'src-' + ref.id)}){{ .cite }}"


def cite_list(data: SiteData, src: str, refs: list[m.SourceRef]) -> str:
    return "; ".join(cite_ref(data, src, r) for r in refs)


def cite(data: SiteData, src: str, source_id: str, at: str | None = None) -> str:
    if source_id not in data.sources:
        raise ValueError(f"cite(): unknown source '{source_id}' on page {src}")
    return "(" + cite_ref(data, src, m.SourceRef(id=source_id, at=at)) + ")"


# ---------------------------------------------------------------- links to ids


def ref(data: SiteData, src: str, item_id: str, text: str | None = None) -> str:
    loc = ids(data).get(item_id)
    if loc is None:
        raise ValueError(f"ref(): unknown id '{item_id}' on page {src}")
    label = md(text) if text else (md(loc.title) if loc.kind in ("page", "tool", "recommendation") else f"`{loc.id}`")
    return f"[{label}]({rel(src, loc.page, loc.anchor)})"


def id_badge(item_id: str) -> str:
    return f"`{item_id}`"


def permalink_line(data: SiteData, src: str, item_id: str) -> str:
    url = rel_url(src, permalink(item_id))
    return (
        f'<span class="permalink">Permanent link: <a href="{attr(url)}">`/{permalink(item_id)}`</a> '
        f'<button type="button" class="copy-cite" data-cite-path="{attr(permalink(item_id))}" '
        f'aria-label="Copy link to {attr(item_id)}">Copy link</button></span>'
    )


# ---------------------------------------------------------------- facts and gaps


def fact(data: SiteData, src: str, fact_id: str) -> str:
    f = data.facts.get(fact_id)
    if f is None:
        raise ValueError(f"fact(): unknown fact '{fact_id}' on page {src}")
    label = standing_label(data, f)
    return f"{md(f.text)} ({cite_list(data, src, list(f.sources))})" + (f" {label}" if label else "")


def facts(data: SiteData, src: str, topic: str) -> str:
    chosen = [f for f in data.facts.values() if f.topic == topic]
    if not chosen:
        raise ValueError(f"facts(): no facts with topic '{topic}' (page {src})")
    return "\n".join(f"- {fact(data, src, f.id)}" for f in chosen) + "\n"


GAP_TITLES = {
    "silent": "The sources are silent",
    "conflict": "The sources disagree",
    "unconfirmed": "Not yet confirmed",
}


def gap_box(data: SiteData, src: str, g: m.Gap) -> str:
    body = f"**{md(g.topic)}.** {md(g.statement)} ({cite_list(data, src, list(g.sources))})"
    return f'!!! warning "{GAP_TITLES[g.kind]}"\n    {body}\n'


def gaps_here(data: SiteData, src: str) -> str:
    chosen = [g for g in data.gaps if src in g.pages]
    if not chosen:
        return ""
    return "\n".join(gap_box(data, src, g) for g in chosen) + "\n"


# ---------------------------------------------------------------- page furniture


def answers_banner(data: SiteData, src: str, meta: dict) -> str:
    answers = meta.get("answers")
    page_id = meta.get("id", "")
    if answers == "none":
        recs = "This page answers no recommendation directly: " + md(meta.get("answers_note", "")) + ""
    else:
        if len(answers) <= 2:
            links = [
                f"[Recommendation {n}: {md(data.recs[n].title)}]({rel(src, paths.rec_page(n))})"
                for n in answers
            ]
            recs = "**Answers** " + " · ".join(links)
        else:  # many: numbers only, each titled, to keep the box short
            links = [
                f"[{n}]({rel(src, paths.rec_page(n))} \"Recommendation {n}: {attr(data.recs[n].title)}\")"
                for n in answers
            ]
            recs = "**Answers recommendations** " + ", ".join(links)
    lines = ['<div class="page-facts" data-search-exclude markdown>', f"{recs}<br>", f"**Page ID** {id_badge(page_id)}"]
    review = meta.get("review") or {}
    due = review.get("review_due")
    if due:
        due_d = due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due))
        lines[-1] += f" · **Last reviewed** {_d(review.get('last_reviewed'))} · **Review due** {_d(due_d)}"
    lines.append("</div>\n")
    out = "\n".join(lines) + "\n"
    if due and _as_date(due) < today():
        out = (
            '!!! danger "This page may be out of date"\n'
            f"    Its review was due on {_d(due)}. Check with the owner ({md(review.get('owner', ''))}) "
            "before relying on it.\n\n" + out
        )
    return out


def _as_date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def _d(v) -> str:
    if not v:
        return ""
    d = _as_date(v)
    return f"{d.day} {d.strftime('%B %Y')}"


def cite_this(data: SiteData, src: str, title: str, item_id: str) -> str:
    site = data.site
    path = edition_permalink(site.version, item_id)  # the words as cited, in this edition, for good
    text = (
        f"{title}. {item_id}. {site.title}, edition {site.version} ({_d(site.version_date)}). "
    )
    base = site.public_url
    url = base + path
    return (
        '<section class="cite-this" data-search-exclude markdown>\n\n'
        "## Cite this page { #cite-this }\n\n"
        f'<p class="cite-text" data-cite-text="{attr(text)}" data-cite-path="{attr(path)}" data-cite-base="{attr(base)}">'
        f"{attr(text)}Permanent link: <span class=\"cite-url\">{attr(url)}</span></p>\n\n"
        f'<button type="button" class="copy-cite" data-copy-from="cite-text">Copy citation</button>\n\n'
        "</section>\n"
    )
