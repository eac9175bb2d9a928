"""Renderers shared by every part of the site: citations, id links, facts, gaps, page furniture."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from .. import paths
from ..data import models as m
from ..data.editions import current_release, editions, is_draft
from ..data.loader import SiteData
from ..data.status import reader_at
from ..labels import numbers
from ..paths import anchor_of, edition_permalink, ids, permalink, rel, rel_url
from .standing import standing_label
from .text import attr, md

SOURCES_PAGE = paths.SOURCES


def today(data: SiteData) -> dt.date:
    """The build date (BuildOptions.today: the command line sets it; SITE_TODAY=YYYY-MM-DD there)."""
    return data.options.today


# ---------------------------------------------------------------- citations


def cite_ref(data: SiteData, src: str, ref: m.SourceRef) -> str:
    source = data.sources[ref.id]
    at = reader_at(ref.at)  # the state of our own copies is on the editors' page, not here
    label = source.title + (f", {at}" if at else "")
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


def see_also(data: SiteData, src: str, links: list[m.SeeAlso]) -> str:
    """A short list of hand-written pages that answer questions a generated page leaves open ('' if none)."""
    if not links:
        return ""
    return "## Also for you { #see-also }\n\n" + "\n".join(f"- {ref(data, src, x.id)}: {md(x.why)}." for x in links) + "\n"


def id_badge(item_id: str) -> str:
    return f"`{item_id}`"


def permalink_line(data: SiteData, src: str, item_id: str) -> str:
    """One small permanent-link control: a link to /id/<ID>/ and, with JavaScript, a copy button."""
    url = rel_url(src, permalink(item_id))
    return (
        f'<span class="permalink" data-search-exclude><a class="permalink-link" href="{attr(url)}" '
        f'title="Permanent link to {attr(item_id)}: /{attr(permalink(item_id))}">Permanent link</a>'
        f'<button data-search-exclude="1" type="button" class="copy-cite" data-cite-path="{attr(permalink(item_id))}" '
        f'aria-label="Copy link to {attr(item_id)}">Copy link</button></span>'
    )


# ---------------------------------------------------------------- facts and gaps


def fact(data: SiteData, src: str, fact_id: str) -> str:
    f = data.facts.get(fact_id)
    if f is None:
        raise ValueError(f"fact(): unknown fact '{fact_id}' on page {src}")
    label = standing_label(data, f, src)
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
# Page order: title, a short head (what this page is, when it was last reviewed), the content, then
# one "About this page" panel (id, recommendations answered, review, how to cite) and "Report a problem".


def section_key(src: str) -> str:
    return src.split("/")[0] if "/" in src else ""


def page_head(data: SiteData, src: str, meta: dict) -> str:
    """Under the title: the section's status line and the review date, then an overdue warning if any."""
    review = meta.get("review") or {}
    status = data.site.section_status.get(section_key(src))
    parts = []
    if status:
        parts.append(f'<span class="page-status">{attr(status)}</span>')
    if review.get("last_reviewed"):
        parts.append(f'<span class="page-updated">Last reviewed {_d(review.get("last_reviewed"))}</span>')
    draft = draft_notice(data, src)
    if draft:
        parts.insert(0, draft)
    out = ('<p class="page-head" data-search-exclude>' + " ".join(parts) + "</p>\n\n") if parts else ""
    due = review.get("review_due")
    if due and _as_date(due) < today(data):
        out += (
            '!!! danger "This page may be out of date"\n'
            f"    Its review was due on {_d(due)}. Check with the owner ({md(review.get('owner', ''))}) "
            "before relying on it.\n\n"
        )
    return out


def draft_notice(data: SiteData, src: str) -> str:
    """On every page of a draft build, first under the title: one line saying which edition this is, and which one
    readers have now (linked: a draft build keeps it under editions/). Part of the page head (not an admonition),
    so it is never taken for the page's own first box."""
    if not is_draft(data):
        return ""
    now = current_release(data)
    current = (f'current guidance: <a href="{attr(rel_url(src, paths.edition_root(now[0])))}">edition {attr(now[0])}</a>'
               if now else "no edition is published yet")
    return (f'<span class="draft-notice" role="note"><strong>Draft of edition {attr(data.site.version)}, not yet '
            f"published</strong> \u2014 {current}.</span>")


def answers_line(data: SiteData, src: str, meta: dict) -> str:
    """Which of the 2009 recommendations the page answers, as links (numbers in order)."""
    answers = meta.get("answers")
    if answers == "none" or not answers:
        return "This page answers no recommendation directly: " + md(meta.get("answers_note", "") or "")
    nums = numbers(answers)
    if len(nums) <= 2:
        links = [f"[Recommendation {n}: {md(data.recs[n].title)}]({rel(src, paths.rec_page(n))})" for n in nums]
        return "**Answers** " + " · ".join(links)
    links = [f"[{n}]({rel(src, paths.rec_page(n))} \"Recommendation {n}: {attr(data.recs[n].title)}\")" for n in nums]
    return "**Answers recommendations** " + ", ".join(links)


def about_panel(data: SiteData, src: str, meta: dict, title: str) -> str:
    """The page's reference details in one closed panel at its foot, then "Report a problem"."""
    page_id = meta.get("id", "")
    review = meta.get("review") or {}
    rows = [f"- **Page ID** {id_badge(page_id)}", f"- {answers_line(data, src, meta)}"]
    if review.get("review_due"):
        rows.append(
            f"- **Last reviewed** {_d(review.get('last_reviewed'))} · **Review due** {_d(review.get('review_due'))}"
            + (f" · **Owner** {md(review.get('owner'))}" if review.get("owner") else "")
        )
    if is_draft(data):
        rows.append(f"- **Version** {md(data.site.version)}: a draft, not yet published")
    else:
        rows.append(f"- **Version** {md(data.site.version)} of this guidance, {_d(data.site.version_date)}")
    return (
        f'<details class="page-about" id="about-{anchor_of(page_id)}" data-search-exclude markdown="1">\n'
        "<summary>About this page: ID, recommendations answered, review dates and how to cite it</summary>\n\n"
        + "\n".join(rows) + "\n\n" + cite_this(data, src, title, page_id) + "\n</details>\n\n"
        + report_problem(data, src, title, page_id)
    )


def report_problem(data: SiteData, src: str, title: str, page_id: str) -> str:
    to = data.site.report_problem_to
    if not to:
        return ""
    if to.startswith("mailto:"):
        subject = quote(f"Problem with {page_id}: {title}")
        body = quote(f"Page ID: {page_id}\nPage: {title}\n\nWhat is wrong:\n")
        href = f"{to}?subject={subject}&body={body}"
    else:
        href = f"{to}{'&' if '?' in to else '?'}page={quote(page_id)}"
    return (
        f'<p class="report-problem" data-search-exclude><a href="{attr(href)}">Report a problem with this page</a> '
        f"(page ID {attr(page_id)})</p>\n"
    )


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
        f"{title}. {item_id}. {site.title}, edition {site.version} "
        + ("(draft, not yet published). " if is_draft(data) else f"({_d(site.version_date)}). ")
    )
    base = data.options.public_url  # PUBLIC_URL; without it no host is named and site.js fills in the reader's own
    if base:
        where = f'Permanent link: <span class="cite-url">{attr(base + path)}</span>'
        base_attr = f' data-cite-base="{attr(base)}"'
    else:
        where = (f'Find this page online by its permanent ID {attr(item_id)}: '
                 f'<span class="cite-url">/{attr(path)}</span>')
        base_attr = ""
    return (
        f'<div class="cite-this" id="cite-{anchor_of(item_id)}">\n'
        '<p class="cite-this-head"><strong>Cite this page</strong></p>\n'
        f'<p class="cite-text" data-cite-text="{attr(text)}" data-cite-path="{attr(path)}"{base_attr}>'
        f"{attr(text)}{where}</p>\n"
        f'<p><button data-search-exclude="1" type="button" class="copy-cite" data-copy-from="cite-text">Copy citation</button></p>\n'
        f"{_before_first_line(data, src)}"
        "</div>\n"
    )


def _before_first_line(data: SiteData, src: str) -> str:
    """One line in the cite box: for a date before the first edition, cite the sources (dates from data/editions.yaml)."""
    eds = editions(data)
    first = eds[0].date if eds else data.site.version_date
    href = rel_url(src, paths.CITE, paths.BEFORE_FIRST_EDITION)
    return (
        f'<p class="cite-before" data-search-exclude><small>This guidance began on {_d(first)}. For an earlier date, '
        f'cite its sources, not this site: see <a href="{attr(href)}">dates before the first edition</a>.</small></p>\n'
    )
