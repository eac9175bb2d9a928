"""Risk-assessment tool pages, bench notes, comparison and band tables, numbers and questions."""
from __future__ import annotations

from .. import paths
from ..data import models as m
from ..data.loader import SiteData
from ..labels import end_sentence, join_items
from ..paths import anchor_of, rel
from .common import cite_list, id_badge, permalink_line
from .standards import standards_for_tool
from .svg import ICON_GROUPS, icon_array_svg, legend_svg
from .text import attr, in_100, join_words, lower_first, md, pct

DECISIONS = {
    "mappa": ("MAPPA risk management", paths.MAPPA_HOME),
    "jswr": ("Justice social work reports to court", paths.BENCH_GUIDE),
    "rar": ("Risk Assessment Reports for an Order for Lifelong Restriction", paths.OLR),
    "parole": ("Parole Board for Scotland dossiers", paths.PAROLE),
    "icm": ("Integrated Case Management in prison", paths.PRISON),
}

# the order of sections on every tool page (a judge always knows where to look)
TOOL_SECTIONS = (
    ("at-a-glance", "At a glance"),
    ("what-it-assesses", "What it assesses"),
    ("what-it-does-not-tell-you", "What it does not tell you"),
    ("who-it-was-built-for", "Who it was developed and validated on"),
    ("output-and-bands", "Output and what each band means"),
    ("published-rates", "Published rates"),
    ("who-may-use-it", "Who may use it"),
    ("use-in-scotland", "Who uses it in Scotland, and when"),
    ("strengths", "Strengths"),
    ("limitations", "Limitations"),
    ("questions-to-ask", "Questions to ask about an assessment that used it"),
    ("related-standards", "Related standards"),
    ("sources", "Sources and review"),
)


def known(value, fmt=md) -> str:
    if isinstance(value, m.NotKnown):
        return f'<span class="not-known">Not known: {md(value.not_known)}</span>'
    return fmt(value)


def is_known(value) -> bool:
    return not isinstance(value, m.NotKnown)


def tool_link(src: str, t: m.Tool, text: str | None = None) -> str:
    return f"[{md(text or t.abbr)}]({rel(src, paths.tool_page(t.id))})"


def _page_link(data: SiteData, src: str, label: str, target: str) -> str:
    return f"[{md(label)}]({rel(src, target)})" if target in data.pages else md(label)


# ---------------------------------------------------------------- numbers


def figure_text(data: SiteData, src: str, f: m.Figure, with_source: bool = True) -> str:
    """A rate as 'about 8 in 100 (7.6%)' with group, outcome, follow-up and sample, never bare."""
    interval = ""
    if f.interval:
        interval = f", published range {pct(f.interval[0])} to {pct(f.interval[1])}"
    base = " This is the base rate: the rate for the whole sample." if f.base_rate else ""
    src_txt = f" ({cite_list(data, src, list(f.sources))})" if with_source else ""
    return (
        f'<span class="figure" data-figure="{attr(f.id)}"><strong>{in_100(f.percent)} ({pct(f.percent)}{interval})</strong>'
        f"</span> of {md(lower_first(f.describes))} had {md(lower_first(f.outcome))} within {md(lower_first(f.follow_up))}. "
        f"Sample: {md(f.sample)}.{base}{src_txt}"
    )


def figure(data: SiteData, src: str, figure_id: str) -> str:
    try:
        _t, f = data.figure(figure_id)
    except KeyError:
        raise ValueError(f"figure(): unknown figure '{figure_id}' on page {src}") from None
    return figure_text(data, src, f)


# ---------------------------------------------------------------- caution box


def caution_items(data: SiteData, t: m.Tool) -> list[str]:
    items = []
    if isinstance(t.not_validated_for, m.NotKnown):
        items.append(f"Groups it is not validated for: not known ({md(t.not_validated_for.not_known)}).")
    elif t.not_validated_for:
        groups = join_words([g.group for g in t.not_validated_for])
        items.append(f"Not validated for: {md(groups)}.")
    items.append("It does not tell you: " + " ".join(md(x) for x in t.does_not_tell[:2]))
    items.append("Validation in Scotland or the UK: " + known(t.validation.scotland_or_uk))
    rated = t.validation.rated
    items.append(
        "Status in the Risk Management Authority's tools directory (RATED): "
        + (md(rated) if rated != "not known" else "not known from the sources used")
        + (f" ({md(t.validation.rated_note)})" if t.validation.rated_note else "")
        + "."
    )
    if t.comparator:
        items.insert(0, "This tool is used in England and Wales, not in Scotland. It is here for comparison.")
    return items


def caution_box(data: SiteData, src: str, t: m.Tool) -> str:
    lines = [f'!!! warning "Read this first: limits of {md(t.abbr)}"']
    lines.extend(f"    - {x}" for x in caution_items(data, t))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- bands


def bands_md(data: SiteData, src: str, t: m.Tool) -> str:
    if isinstance(t.bands, m.NotKnown):
        return known(t.bands) + "\n"
    figs = {f.id: f for f in t.figures}
    rows = ["| Band | What it means | Reported rate |", "|---|---|---|"]
    for b in t.bands:
        rate = figure_text(data, src, figs[b.figure], with_source=False) if b.figure else "Not published in the sources used."
        rows.append(f"| {md(b.label)} | {md(b.meaning)} | {rate} |")
    return "\n".join(rows) + "\n"


# ---------------------------------------------------------------- questions


def _field_answer(data: SiteData, src: str, t: m.Tool, q: m.BenchQuestion) -> str:
    f = q.tool_field
    if f == "none":
        return "The tool record cannot answer this; only the report can."
    if f == "assesses":
        return md(t.assesses) + " Follow-up: " + known(t.follow_up)
    if f == "follow_up":
        return known(t.follow_up)
    if f == "developed_on":
        return known(t.developed_on)
    if f == "not_validated_for":
        if isinstance(t.not_validated_for, m.NotKnown):
            return known(t.not_validated_for)
        return join_items(f"{md(g.group)}: {md(g.note)}" for g in t.not_validated_for) or "No groups listed."
    if f == "bands":
        if isinstance(t.bands, m.NotKnown):
            return known(t.bands)
        return join_items(f"{md(b.label)}: {md(b.meaning)}" for b in t.bands)
    if f == "figures":
        if not t.figures:
            return "No rates are published in the sources used."
        return " ".join(figure_text(data, src, x, with_source=False) for x in t.figures)
    if f == "who_may_use":
        return known(t.who_may_use)
    if f == "validation":
        return "Scotland or UK: " + end_sentence(known(t.validation.scotland_or_uk)) + f" RATED: {end_sentence(md(t.validation.rated))}"
    if f == "does_not_tell":
        return " ".join(md(x) for x in t.does_not_tell)
    if f == "limitations":
        return " ".join(md(x) for x in t.limitations)
    if f == "used_in_scotland":
        if isinstance(t.used_in_scotland, m.NotKnown):
            return known(t.used_in_scotland)
        return join_items(f"{md(u.agency)}: {md(u.when)}" for u in t.used_in_scotland)
    if f == "decisions":
        return join_words([DECISIONS[d][0] for d in t.decisions]) or "None recorded."
    if f == "type":
        return md(t.type)
    return ""


def questions_list(data: SiteData, src: str) -> str:
    out = []
    for q in data.judiciary.questions:
        out.append(f"## {q.id}. {md(q.question)} {{ #{anchor_of(q.id)} }}\n")
        out.append(f'<p class="q-why" markdown="span">{md(q.why)}</p>\n')
        out.append(f"**The report needs to tell you:** {md(q.report_must_supply)}\n")
        out.append(f'<p class="q-sources" markdown="span"><small>Sources: {cite_list(data, src, list(q.sources))}</small></p>\n')
    return "\n".join(out) + "\n"


def _tool_questions(data: SiteData, src: str, t: m.Tool) -> str:
    out = ["**Specific to this tool:**\n"]
    out.extend(f"- {md(x)}" for x in t.questions)
    out.append("")
    out.append("**General questions, with what this site already knows about the tool:**\n")
    out.append("| Question | What the site holds for this tool | What the report in front of you must supply |")
    out.append("|---|---|---|")
    for q in data.judiciary.questions:
        qlink = f"[`{q.id}`]({rel(src, paths.QUESTIONS, anchor_of(q.id))}) {md(q.question)}"
        out.append(f"| {qlink} | {_field_answer(data, src, t, q)} | {md(q.report_must_supply)} |")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- pages


def _glance(data: SiteData, src: str, t: m.Tool) -> str:
    uses = known(t.used_in_scotland, lambda v: join_words([u.agency for u in v])) if not isinstance(t.used_in_scotland, list) \
        else md(join_words([u.agency for u in t.used_in_scotland]))
    decisions = join_words(
        [_page_link(data, src, DECISIONS[d][0], DECISIONS[d][1]) for d in t.decisions]
    ) or "None recorded in the sources used."
    rows = [
        "| Feature | This tool |", "|---|---|",
        f"| Type | {md(t.type)} |",
        f"| Authors and year | {known(t.authors)}, {known(t.year)} |",
        f"| Assesses | {md(t.assesses)} |",
        f"| Follow-up period | {known(t.follow_up)} |",
        f"| Output | {md(t.output)} |",
        f"| Used in Scotland by | {uses} |",
        f"| Feeds these decisions | {decisions} |",
    ]
    return "\n".join(rows) + "\n"


def tool_page(data: SiteData, src: str, tool_id: str) -> str:
    t = data.tool(tool_id)
    sec = dict(TOOL_SECTIONS)
    out = [
        f"{id_badge(t.id)} {permalink_line(data, src, t.id)}\n",
        f"**{md(t.name)}**. [One-page bench note to print]({rel(src, paths.bench_note_page(t.id))}) · "
        f"[All tools compared]({rel(src, paths.TOOLS_INDEX)})\n",
        caution_box(data, src, t),
        f"## {sec['at-a-glance']} {{ #at-a-glance }}\n", _glance(data, src, t),
        f"## {sec['what-it-assesses']} {{ #what-it-assesses }}\n", md(t.assesses) + "\n",
        f"Follow-up period: {known(t.follow_up)}\n",
        f"## {sec['what-it-does-not-tell-you']} {{ #what-it-does-not-tell-you }}\n",
        "\n".join(f"- {md(x)}" for x in t.does_not_tell) + "\n",
        f"## {sec['who-it-was-built-for']} {{ #who-it-was-built-for }}\n",
        f"Developed on: {known(t.developed_on)}\n",
    ]
    if isinstance(t.not_validated_for, m.NotKnown):
        out.append("Groups it is not validated for: " + known(t.not_validated_for) + "\n")
    else:
        out.append("Not validated for:\n")
        out.append("\n".join(f"- **{md(g.group)}**: {md(g.note)}" for g in t.not_validated_for) + "\n")
    out += [
        f"## {sec['output-and-bands']} {{ #output-and-bands }}\n", md(t.output) + "\n", bands_md(data, src, t),
        f"## {sec['published-rates']} {{ #published-rates }}\n",
    ]
    if t.figures:
        out.append("\n".join(f"- {figure_text(data, src, f)}" for f in t.figures) + "\n")
    else:
        out.append("No rates for this tool are published in the sources used.\n")
    out += [
        f"## {sec['who-may-use-it']} {{ #who-may-use-it }}\n", known(t.who_may_use) + "\n",
        f"## {sec['use-in-scotland']} {{ #use-in-scotland }}\n",
    ]
    if isinstance(t.used_in_scotland, m.NotKnown):
        out.append(known(t.used_in_scotland) + "\n")
    else:
        out.append("\n".join(f"- **{md(u.agency)}**: {md(u.when)}" for u in t.used_in_scotland) + "\n")
    if t.decisions:
        out.append("It feeds these decisions: " + join_words(
            [_page_link(data, src, DECISIONS[d][0], DECISIONS[d][1]) for d in t.decisions]) + ".\n")
    out += [
        f"## {sec['strengths']} {{ #strengths }}\n", "\n".join(f"- {md(x)}" for x in t.strengths) + "\n",
        f"## {sec['limitations']} {{ #limitations }}\n", "\n".join(f"- {md(x)}" for x in t.limitations) + "\n",
        f"## {sec['questions-to-ask']} {{ #questions-to-ask }}\n", _tool_questions(data, src, t),
        f"## {sec['related-standards']} {{ #related-standards }}\n",
    ]
    stds = standards_for_tool(data, t.id)
    if stds:
        out.append("\n".join(
            f"- [`{s.id}`: {md(s.title)}]({rel(src, paths.area_page(s.area), anchor_of(s.id))})" for s in stds) + "\n")
    else:
        out.append("No standard on this site names this tool.\n")
    out += [
        f"## {sec['sources']} {{ #sources }}\n",
        cite_list(data, src, list(t.sources)) + "\n",
        "Answers: " + ", ".join(f"[Recommendation {n}]({rel(src, paths.rec_page(n))})" for n in t.recommendations) + "\n",
        "**Change history**\n",
        "\n".join(f"- {h.version} ({h.date.isoformat()}): {md(h.change)}" for h in t.history) + "\n",
    ]
    return "\n".join(out) + "\n"


def bench_note_page(data: SiteData, src: str, tool_id: str) -> str:
    t = data.tool(tool_id)
    out = [
        f"{id_badge(t.id)} One page to keep beside a report that used {md(t.name)}. "
        f"[Full tool page]({rel(src, paths.tool_page(t.id))}).\n",
        caution_box(data, src, t),
        "## What a result means\n",
        f"{md(t.assesses)} Output: {md(t.output)}\n",
    ]
    if isinstance(t.bands, list) and t.bands:
        out.append(join_items(f"**{md(b.label)}**: {md(b.meaning)}" for b in t.bands) + "\n")
    else:
        out.append(known(t.bands) + "\n" if isinstance(t.bands, m.NotKnown) else "")
    out.append("## Questions to ask\n")
    out.extend(f"- {md(x)}" for x in t.questions)
    out.append(
        f"\nAlso ask the {len(data.judiciary.questions)} general questions in "
        f"[questions to ask about a risk assessment]({rel(src, paths.QUESTIONS)}).\n"
    )
    return "\n".join(out) + "\n"


def tools_comparison(data: SiteData, src: str) -> str:
    head = ["Tool", "Type", "Assesses", "Developed on", "Output", "Used in Scotland by"]
    rows = [
        '<p class="sortable-note">Select a column heading to sort the table. Without JavaScript the table stays in alphabetical order.</p>\n',
        '<div class="sortable-table" markdown>\n',
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for t in data.tools:
        users = (
            md(join_words([u.agency for u in t.used_in_scotland])) if isinstance(t.used_in_scotland, list) else known(t.used_in_scotland)
        )
        name = tool_link(src, t, t.abbr) + (" (England and Wales comparator)" if t.comparator else "")
        rows.append(
            f"| {name} | {md(t.type)} | {md(t.assesses)} | {known(t.developed_on)} | {md(t.output)} | {users} |"
        )
    return "\n".join(rows) + "\n\n</div>\n"


def band_table(data: SiteData, src: str) -> str:
    rows = [
        "| Tool | Band | What it means | Reported rate (with base rate and follow-up) | Place on a shared scale |",
        "|---|---|---|---|---|",
    ]
    for t in data.tools:
        if isinstance(t.bands, m.NotKnown):
            rows.append(f"| {tool_link(src, t)} | – | {known(t.bands)} | – | – |")
            continue
        figs = {f.id: f for f in t.figures}
        base = next((f for f in t.figures if f.base_rate), None)
        for b in t.bands:
            rate = figure_text(data, src, figs[b.figure], with_source=False) if b.figure else "Not published in the sources used."
            if b.figure and base and base.id != b.figure:
                rate += " Base rate: " + figure_text(data, src, base, with_source=False)
            scale = known(b.shared_scale)
            rows.append(f"| {tool_link(src, t)} | {md(b.label)} | {md(b.meaning)} | {rate} | {scale} |")
    return "\n".join(rows) + "\n"


def base_rate_example(data: SiteData, src: str) -> str:
    ex = data.judiciary.base_rate_example
    _tool, base = data.figure(ex.base_rate_figure)
    counts = {
        "flagged-reoffend": ex.flagged_who_reoffend,
        "flagged-not": ex.flagged_who_do_not,
        "missed": ex.reoffend - ex.flagged_who_reoffend,
        "clear": ex.people - ex.reoffend - ex.flagged_who_do_not,
    }
    flagged = ex.flagged_who_reoffend + ex.flagged_who_do_not
    labels = {g: label for g, label, _ in ICON_GROUPS}
    desc = (
        f"{ex.people} people. {ex.reoffend} reoffend. {flagged} are flagged as high risk: "
        f"{ex.flagged_who_reoffend} of them reoffend and {ex.flagged_who_do_not} do not. "
        f"{counts['missed']} people who reoffend are not flagged."
    )
    svg = icon_array_svg("base-rate-array", f"Base-rate example with {ex.people} people", desc, counts)
    key = "\n".join(f"- {legend_svg(g)} {labels[g]}: **{counts[g]}**" for g, _, _ in ICON_GROUPS)
    note = "The flagged numbers are made up to show the arithmetic. They do not describe any real tool." if ex.illustrative else ""
    return (
        f'<figure class="base-rate" markdown>\n{svg}\n<figcaption>{attr(desc)}</figcaption>\n</figure>\n\n'
        f"{key}\n\n"
        f"Where the group's rate comes from: {figure_text(data, src, base)}\n\n"
        f"{md(ex.explanation)} {note} ({cite_list(data, src, list(ex.sources))})\n\n"
        f"In this example, of the {flagged} people flagged, {ex.flagged_who_reoffend} reoffend: "
        f"that is {ex.flagged_who_reoffend} in {flagged}.\n"
    )
