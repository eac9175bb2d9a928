"""Site-wide pages: glossary, sources, normative words, change history, review status, downloads, training."""
from __future__ import annotations

import datetime as dt
import re

from .. import paths
from ..data.editions import is_draft
from ..data.loader import SiteData
from ..data.register import change_kind
from ..downloads import by_key
from ..downloads import link as dl_link
from ..paths import anchor_of, ids, permalink, rel, rel_url, term_title
from ..sitemap import all_pages
from .basis import BASIS_TEXT
from .common import cite_list, today
from .text import attr, md, md_table, safe_url


def glossary(data: SiteData, src: str) -> str:
    return glossary_index(data) + concepts_list(data, src) + abbreviations(data, src)


def glossary_index(data: SiteData) -> str:
    """The glossary's index: its two parts, and the abbreviations by first letter (the sections' anchors)."""
    letters = sorted({t.abbr[0].upper() for t in data.terms})
    parts = ["[Words the guidance relies on](#words-the-guidance-relies-on)"] if data.concepts else []
    parts.append("[Abbreviations](#abbreviations)")
    return ('<nav class="page-index" aria-label="Glossary index" markdown>\n\n'
            f"**Jump to:** {' · '.join(parts)}. **Abbreviations by letter:** "
            + " ".join(f"[{c}](#letter-{c.lower()})" for c in letters) + "\n\n</nav>\n\n")


def concepts_list(data: SiteData, src: str) -> str:
    """The concepts the steps rely on, each with one sentence of meaning and its source."""
    if not data.concepts:
        return ""
    out = ["## Words the guidance relies on { #words-the-guidance-relies-on }\n"]
    for k in data.concepts:
        out.append(f"### {md(k.term[0].upper() + k.term[1:])} {{ #{anchor_of(k.id)} }}\n")
        out.append(f"{md(k.meaning)} <small>Source: {cite_list(data, src, list(k.sources))}</small>\n")
    return "\n".join(out) + "\n## Abbreviations { #abbreviations }\n\n"


def abbreviations(data: SiteData, src: str) -> str:
    letters: dict[str, list] = {}
    for t in data.terms:
        letters.setdefault(t.abbr[0].upper(), []).append(t)
    out = []
    for letter in sorted(letters):
        out.append(f"## {letter} {{ #letter-{letter.lower()} }}\n")
        for t in letters[letter]:
            cite = f" ({cite_list(data, src, list(t.sources))})" if t.sources else ""
            out.append(f"### {md(term_title(t.abbr, t.expansion))} {{ #{anchor_of(t.id)} }}\n")
            out.append(f"{md(t.definition)}{cite}\n")  # the source becomes a numbered note
    return "\n".join(out) + "\n"


def sources_list(data: SiteData, src: str) -> str:
    kinds: dict[str, list] = {}
    for s in data.sources.values():
        kinds.setdefault(s.kind, []).append(s)
    label = {
        "legislation": "Legislation", "guidance": "Guidance", "inspection": "Inspection reports", "standard": "Standards and the Risk Management Authority",
        "research": "Research", "tool-manual": "Tool manuals and developers' material", "local": "Local practice pages (not national guidance)",
        "secondary": "Secondary sources",
    }
    present = [k for k in label if kinds.get(k)]
    out = ['<nav class="page-index" aria-label="Kinds of source" markdown>\n',
           "**Jump to:** " + " · ".join(f"[{label[k]} ({len(kinds[k])})](#{slug(label[k])})" for k in present) + "\n",
           "</nav>\n"]
    for kind in present:
        items = sorted(kinds[kind], key=lambda s: s.title.lower())
        out.append(f"## {label[kind]} {{ #{slug(label[kind])} }}\n")  # the anchor the heading always had
        out.append('<ul class="sources" markdown="1">')
        for s in items:
            note = f" *{md(s.note)}*" if s.note else ""
            # the id sits on the <li> so that the print page (which renames li and heading ids) keeps links working
            out.append(
                f'<li id="src-{s.id}" markdown="span">**{md(s.title)}**. {md(s.publisher)}, {md(s.date)}. '
                f'<a data-search-exclude="1" href="{attr(safe_url(s.url))}" rel="noopener">{attr(s.url)}</a> `{s.id}`.{note}</li>'
            )
        out.append("</ul>\n")
    return "\n".join(out) + "\n"


def slug(heading: str) -> str:
    """The anchor Python-Markdown's table of contents gives a heading: kept, so old links still land."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


def normative_words(data: SiteData, src: str) -> str:
    """The one meaning of must, should and may (data/style.yaml), with what each may rest on: the same table on
    How to read, the standards index and the legal-basis page."""
    rows = ['<div class="normative-words" markdown>\n', "| Word | What it means on this site | It can rest on |", "|---|---|---|"]
    for w in data.style.normative_words:
        bases = []
        for b in w.bases:
            limit = next((x for x in w.limits if x.basis == b), None)
            bases.append(BASIS_TEXT[b][0] + (f" (only for a {limit.rule_names})" if limit else ""))
        rows.append(f"| **{w.word}** | {md(w.meaning)} | {md(', '.join(bases))} |")
    return "\n".join(rows) + "\n\n</div>\n"


def banned_phrases(data: SiteData, src: str) -> str:
    return ", ".join(f"“{md(p)}”" for p in data.style.banned_phrases) + "\n"


def history_items(data: SiteData):
    """(history entry, item id) for every record that keeps a change history."""
    for s in data.steps:
        for h in s.history:
            yield h, s.id
    for s in data.standards:
        for h in s.history:
            yield h, s.id
    for t in data.tools:
        for h in t.history:
            yield h, t.id


# how "What changed" marks each kind of recorded change (guidance/data/register.py change_kind)
CHANGE_LABELS = {"meaning": " **(meaning changed)**", "wording": " *(wording only: the meaning is the same)*"}


def what_changed(data: SiteData, src: str) -> str:
    by_version: dict[str, list] = {}
    for h, item in history_items(data):
        by_version.setdefault(h.version, []).append((h, item))
    out = []
    locs = ids(data)
    for version in sorted(by_version, key=lambda v: tuple(int(x) for x in v.split(".")), reverse=True):
        entries = by_version[version]
        draft = version == data.site.version and is_draft(data)
        out.append(f"## Version {version}" + (" (draft, not yet published)" if draft else "") + "\n")
        if draft:
            out.append("These changes are being prepared. They are not part of the current guidance until "
                       "this edition is published.\n")
        first = [e for e in entries if e[0].change.lower().startswith("first published")]
        rest = [e for e in entries if e not in first]
        for h, item in sorted(rest, key=lambda e: e[1]):
            loc = locs[item]
            flag = CHANGE_LABELS.get(change_kind(data, item, h), "")
            out.append(f"- [`{item}`]({rel(src, loc.page, loc.anchor)}), {h.date.isoformat()}: {md(h.change)}{flag}")
        if first:
            out.append(f"- First published: {len(first)} items (" + ", ".join(
                f"[`{item}`]({rel(src, locs[item].page, locs[item].anchor)})" for _h, item in sorted(first, key=lambda e: e[1])
            ) + ").")
        out.append("")
    return "\n".join(out) + "\n"


def review_rows(data: SiteData) -> list[tuple[str, str, str, dt.date, str]]:
    """(kind, id, title, review_due, owner) for every page and record."""
    rows = []
    for p in all_pages(data):
        rows.append(("page", p.id, p.title, dt.date.fromisoformat(p.review["review_due"]), p.review["owner"], p.src))
    locs = ids(data)
    for rec in list(data.steps) + list(data.standards) + list(data.tools):
        loc = locs[rec.id]
        rows.append((loc.kind, rec.id, loc.title, rec.review.review_due, rec.review.owner, loc.page))
    return rows


def overdue(data: SiteData) -> list:
    now = today(data)
    return [r for r in review_rows(data) if r[3] < now]


def review_status(data: SiteData, src: str) -> str:
    rows = sorted(review_rows(data), key=lambda r: r[3])
    late = [r for r in rows if r[3] < today(data)]
    out = [f"Checked on {today(data).isoformat()} (the build date). Overdue: **{len(late)}** of {len(rows)} pages and records.\n"]
    if late:
        out.append("| Kind | ID | Title | Review was due | Owner |\n|---|---|---|---|---|")
        out.extend(f"| {k} | [`{i}`]({rel(src, p)}) | {md(t)} | {d.isoformat()} | {md(o)} |" for k, i, t, d, o, p in late)
        out.append("")
    soon = [r for r in rows if today(data) <= r[3] <= today(data) + dt.timedelta(days=90)]
    out.append(f"### Due in the next 90 days: {len(soon)}\n")
    if soon:
        out.append("| Kind | ID | Title | Review due | Owner |\n|---|---|---|---|---|")
        out.extend(f"| {k} | [`{i}`]({rel(src, p)}) | {md(t)} | {d.isoformat()} | {md(o)} |" for k, i, t, d, o, p in soon)
    return "\n".join(out) + "\n"


EXPORTS = ("recommendations", "mappa-steps", "standards", "tools", "glossary")


def downloads_list(data: SiteData, src: str) -> str:
    rows = ["| Data | JSON | CSV | JSON Schema |", "|---|---|---|---|"]
    for name in EXPORTS:
        j = rel_url(src, paths.download(name, "json"))
        c = rel_url(src, paths.download(name, "csv"))
        s = rel_url(src, paths.schema(name))
        rows.append(f'| {name.replace("-", " ").capitalize()} | <a href="{j}" download>{name}.json</a> | '
                    f'<a href="{c}" download>{name}.csv</a> | <a href="{s}" download>{name}.schema.json</a> |')
    return "\n".join(rows) + "\n"


# the register's sections, in the order a reader meets the items; a kind not named here follows, in its own words
ID_SECTIONS = {"recommendation": "Recommendations of the 2009 report", "MAPPA stage": "MAPPA stages",
               "MAPPA step": "MAPPA steps", "standard": "Risk-assessment standards", "tool": "Risk-assessment tools",
               "question": "Questions to ask", "glossary term": "Glossary entries"}


def id_register_table(data: SiteData, src: str) -> str:
    """Every permanent ID by kind: an index of the sections first, then one short line per ID (ID and title),
    so the register reads on a phone; each ID links to its permanent link."""
    locs = ids(data)
    kinds: dict[str, list[str]] = {}
    for i in sorted(locs):
        if locs[i].kind != "page":
            kinds.setdefault(locs[i].kind, []).append(i)
    order = [k for k in ID_SECTIONS if k in kinds] + sorted(k for k in kinds if k not in ID_SECTIONS)
    title = {k: ID_SECTIONS.get(k, k[:1].upper() + k[1:] + "s") for k in order}
    anchor = {k: "ids-" + "-".join(k.lower().split()) for k in order}
    out = ['<nav class="page-index" aria-label="Sections of the register" markdown>\n',
           "**Jump to:** " + " · ".join(f"[{title[k]} ({len(kinds[k])})](#{anchor[k]})" for k in order) + "\n",
           "</nav>\n"]
    for k in order:
        out.append(f"## {title[k]} {{ #{anchor[k]} }}\n")
        out.append('<ul class="id-list" markdown="1">')
        out.extend(f'<li markdown="span"><a href="{attr(rel_url(src, permalink(i)))}">`{i}`</a> {md(locs[i].title)}</li>'
                   for i in kinds[k])
        out.append("</ul>\n")
    return "\n".join(out) + "\n"


def training_paths(data: SiteData, src: str) -> str:
    """The list of paths on the training index page."""
    rows = [[f"[{md(tp.title)}]({rel(src, paths.training_path_page(tp.id))})", md(tp.audience), len(tp.items),
             f"about {sum(i.minutes for i in tp.items)} minutes"] for tp in data.training]
    return md_table(["Path", "For", "Items", "Reading time"], rows)


def training_path_page(data: SiteData, src: str, path_id: str) -> str:
    """One path as a handout: ordered items, outcomes, minutes and permanent links printed in full."""
    tp = next(x for x in data.training if x.id == path_id)
    locs = ids(data)
    total = sum(i.minutes for i in tp.items)
    base = data.options.public_url
    out = [
        f"For: {md(tp.audience)}. {len(tp.items)} items, about {total} minutes of reading.\n",
        "Print this page to use it as a handout, or "
        + dl_link(src, by_key(data)[f"handout-{tp.id}"], "download this handout as a PDF")
        + ". The permanent links keep working when pages move.\n",
        "| # | Read | You will be able to | Minutes | Permanent link |",
        "|---|---|---|---|---|",
    ]
    for n, item in enumerate(tp.items, 1):
        loc = locs[item.id]
        link = f"[`{item.id}`: {md(loc.title)}]({rel(src, loc.page, loc.anchor)})"
        # the full public address, breakable only after a slash when printed; without PUBLIC_URL the path,
        # to which site.js adds the reader's own host
        folder = permalink(item.id).removesuffix(f"{item.id}/")  # "id/"
        shown = (f'{attr(base)}<wbr>{attr(folder)}<wbr><span class="nowrap">{attr(item.id)}/</span>' if base
                 else f"/{attr(permalink(item.id))}")
        perm = (f'<a class="handout-link" href="{attr(rel_url(src, permalink(item.id)))}" '
                f'data-abs-path="{attr(permalink(item.id))}"><code>{shown}</code></a>')
        out.append(f"| {n} | {link} | {md(item.outcome)} | {item.minutes} | {perm} |")
    return "\n".join(out) + "\n"
