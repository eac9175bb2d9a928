"""Risk-assessment tool pages, bench notes, the comparison table, numbers and questions."""
from __future__ import annotations

from typing import get_args

from .. import downloads, paths
from ..data import models as m
from ..data.loader import SiteData
from ..labels import with_abbr
from ..paths import anchor_of, rel
from .bands import bands_md, own_reading, reading_html, shared_reading_md
from .common import cite_list, id_badge, permalink_line
from .standards import standards_for_tool
from .svg import ICON_GROUPS, icon_array_svg, legend_svg
from .text import attr, in_100, join_words, lower_first, md, pct
from .tool_text import (
    NO_EVIDENCE_LEAD,
    NOT_FOUND_ABOVE,
    caution_box,
    decisions_text,
    figure_text,
    group_link,
    html_list,
    is_known,
    no_band_rates_line,
    no_evidence,
    not_found_box,
    not_known_text,
    not_tell_sentence,
    not_validated,
    nothing_held,
    page_link,
    sentences,
    tool_link,
)
from .tools_az import first_sentence

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


# ---------------------------------------------------------------- questions


def _field_answer(data: SiteData, src: str, t: m.Tool, q: m.BenchQuestion) -> str:
    """What the tool record truly holds for a general question; a plain sentence when it holds nothing for it."""
    f = q.tool_field
    if f == "none":
        return nothing_held(t, "none")
    if f == "assesses":
        return md(t.assesses)
    if f in ("follow_up", "developed_on", "who_may_use"):
        return not_known_text(getattr(t, f), pointer=NOT_FOUND_ABOVE)
    if f == "not_validated_for":
        if isinstance(t.not_validated_for, m.NotKnown) or not t.not_validated_for:
            return nothing_held(t, f)
        return html_list([f"{group_link(src, g.group)}: {md(g.note)}" for g in not_validated(t)]
                         + [f"{group_link(src, g.group)} (no evidence found in the sources held): {md(g.note)}"
                            for g in no_evidence(t)])
    if f == "bands":
        if isinstance(t.bands, m.NotKnown):
            return nothing_held(t, f)
        return html_list([f"{md(b.label)}: {md(b.meaning)}" for b in t.bands])
    if f == "base_rate":
        base = [x for x in t.figures if x.base_rate]
        return html_list([figure_text(data, src, x, with_source=False) for x in base]) if base else nothing_held(t, f)
    if f == "intervals":
        with_range = [x for x in t.figures if x.interval]
        return html_list([figure_text(data, src, x, with_source=False) for x in with_range]) if with_range else nothing_held(t, f)
    if f == "validation":
        parts = []
        if is_known(t.validation.scotland_or_uk):
            parts.append("Scotland or UK: " + md(sentences([t.validation.scotland_or_uk])))
        if t.validation.rated != "not known":
            note = f" {md(sentences([t.validation.rated_note]))}" if t.validation.rated_note else ""
            parts.append(f"RATED: {md(t.validation.rated)}.{note}")
        return " ".join(parts) or nothing_held(t, f)
    if f == "does_not_tell":
        return html_list([md(not_tell_sentence(x)) for x in t.does_not_tell])
    if f == "used_in_scotland":
        if isinstance(t.used_in_scotland, m.NotKnown):
            return nothing_held(t, f)
        return html_list([f"{md(u.agency)}: {md(u.when)}" for u in t.used_in_scotland])
    if f == "decisions":
        if not t.decisions:
            return decisions_text(data, src, t, DECISIONS)
        return html_list([page_link(data, src, DECISIONS[d][0], DECISIONS[d][1]) for d in t.decisions])
    raise ValueError(f"question {q.id}: no rendering for tool_field '{f}'")


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
    out.append("**General questions, with what this site already knows about the tool.** Where a row says "
               "\"Nothing held\", this site has nothing on that question for this tool: look for the answer in the "
               "report in front of you.\n")
    # the table repeats this page's fields and the general questions page: kept out of the search index
    out.append('<div class="tool-questions" data-search-exclude markdown>\n')
    out.append("| Question | What the site holds for this tool | What the report in front of you needs to show |")
    out.append("|---|---|---|")
    for q in data.judiciary.questions:
        qlink = f"[`{q.id}`]({rel(src, paths.QUESTIONS, anchor_of(q.id))}) {md(q.question)}"
        out.append(f"| {qlink} | {_field_answer(data, src, t, q)} | {md(q.report_must_supply)} |")
    out.append("\n</div>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- pages


def _glance(data: SiteData, src: str, t: m.Tool) -> str:
    """Each feature in a sentence or a value, never a bare dash: on a phone each row is read alone."""
    uses = not_known_text(t.used_in_scotland, lambda us: md(join_words([u.agency for u in us])))
    rows = [
        "| Feature | This tool |", "|---|---|",
        f"| Type | {md(t.type)} |",
        f"| Authors | {not_known_text(t.authors)} |",
        f"| Year | {not_known_text(t.year)} |",
        f"| Follow-up period | {not_known_text(t.follow_up)} |",
        f"| Used in Scotland by | {uses} |",
        f"| Feeds these decisions | {decisions_text(data, src, t, DECISIONS)} |",
    ]
    return "\n".join(rows) + "\n"


def _full_name(t: m.Tool) -> str:
    """'Level of Service/Case Management Inventory (LS/CMI)', or just the name where it equals the short name."""
    return md(with_abbr(t.name, t.abbr))  # one bracket at most: a name that already holds the short form keeps it


def bench_note_pdf_link(data: SiteData, src: str, t: m.Tool) -> str:
    """The bench note as a PDF (made by `make dist`; guidance/downloads.py)."""
    d = downloads.by_key(data)[f"bench-note-{paths.tool_slug(t.id)}"]
    return downloads.link(src, d, "Bench note as a PDF")


def tool_page(data: SiteData, src: str, tool_id: str) -> str:  # long: one page, its sections in reading order
    t = data.tool(tool_id)
    sec = dict(TOOL_SECTIONS)
    out = [
        f"{id_badge(t.id)} {permalink_line(data, src, t.id)}\n",
        f"**{md(t.name)}**. [One-page bench note to print]({rel(src, paths.bench_note_page(t.id))}) · "
        f"{bench_note_pdf_link(data, src, t)} · "
        f"[All tools compared]({rel(src, paths.TOOLS_INDEX)})\n",
        caution_box(data, src, t),
        f"## {sec['at-a-glance']} {{ #at-a-glance }}\n", _glance(data, src, t),
        not_found_box(t),
        f"## {sec['what-it-assesses']} {{ #what-it-assesses }}\n", md(t.assesses) + "\n",
    ]
    if is_known(t.follow_up):
        out.append(f"Follow-up period: {md(t.follow_up)}\n")
    out += [
        f"## {sec['what-it-does-not-tell-you']} {{ #what-it-does-not-tell-you }}\n",
        "\n".join(f"- {md(not_tell_sentence(x))}" for x in t.does_not_tell) + "\n",
        f"## {sec['who-it-was-built-for']} {{ #who-it-was-built-for }}\n",
    ]
    if is_known(t.developed_on):
        out.append(f"Developed on: {md(t.developed_on)}\n")
    if not_validated(t):
        out.append("Not validated for (a source says it was not built for these groups; "
                   "each group links to the bench guide's passage on it):\n")
        out.append("\n".join(f"- **{group_link(src, g.group)}**: {md(g.note)}" for g in not_validated(t)) + "\n")
    if no_evidence(t):
        out.append(f"{NO_EVIDENCE_LEAD} (we searched the sources listed at the foot of this page):\n")
        out.append("\n".join(f"- **{group_link(src, g.group)}**: {md(g.note)}" for g in no_evidence(t)) + "\n")
    if t.also_see_groups:
        out.append("The bench guide says more about assessing: "
                   + join_words([group_link(src, g) for g in t.also_see_groups]) + ".\n")
    out += [
        f"## {sec['output-and-bands']} {{ #output-and-bands }}\n", md(t.output) + "\n", bands_md(data, src, t),
        f"## {sec['published-rates']} {{ #published-rates }}\n",
    ]
    if t.figures:
        out.append("\n".join(f"- {figure_text(data, src, f)}" for f in t.figures) + "\n")
    elif t.band_rates_note:
        out.append(md(sentences([t.band_rates_note])) + "\n")
    else:
        out.append("No published reoffending rates for this tool in the sources held.\n")
    out.append(f"## {sec['who-may-use-it']} {{ #who-may-use-it }}\n")
    out.append((md(t.who_may_use) if is_known(t.who_may_use) else "Not stated in the sources held.") + "\n")
    out.append(f"## {sec['use-in-scotland']} {{ #use-in-scotland }}\n")
    if isinstance(t.used_in_scotland, m.NotKnown):
        out.append("No routine use by a Scottish agency was found in the sources held.\n")
    else:
        # the agency opens the list item, so it starts with a capital ('None in Scotland: ...')
        out.append("\n".join(f"- **{md(u.agency[:1].upper() + u.agency[1:])}**: {md(u.when)}" for u in t.used_in_scotland) + "\n")
    if t.decisions:
        out.append("It feeds these decisions: " + join_words(
            [page_link(data, src, DECISIONS[d][0], DECISIONS[d][1]) for d in t.decisions]) + ".\n")
    out += [
        f"## {sec['strengths']} {{ #strengths }}\n", "\n".join(f"- {md(x)}" for x in t.strengths) + "\n",
        f"## {sec['limitations']} {{ #limitations }}\n", "\n".join(f"- {md(x)}" for x in t.limitations) + "\n",
        f"## {sec['questions-to-ask']} {{ #questions-to-ask }}\n", _tool_questions(data, src, t),
        f"## {sec['related-standards']} {{ #related-standards }}\n",
    ]
    stds = standards_for_tool(data, t.id)
    if stds:
        # each line repeats a standard that search holds on its own page
        out.append('<div class="related-standards" data-search-exclude markdown>\n\n' + "\n".join(
            f"- [`{s.id}`: {md(s.title)}]({rel(src, paths.area_page(s.area), anchor_of(s.id))})" for s in stds)
            + "\n\n</div>\n")
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
        f"{id_badge(t.id)} One page to keep beside a report that used {_full_name(t)}. "
        f"[Full tool page]({rel(src, paths.tool_page(t.id))}). "
        f'<span class="screen-only">{bench_note_pdf_link(data, src, t)}.</span>\n',
        caution_box(data, src, t),
        "## What a result means\n",
        f"{md(sentences([t.assesses]))} Output: {md(sentences([t.output]))}\n",
        shared_reading_md(t),
    ]
    if isinstance(t.bands, list) and t.bands:
        items = []
        for b in t.bands:
            item = f"- **{md(b.label)}**: {md(b.meaning)}"
            if own_reading(t, b):
                item += " " + reading_html(t, b)
            if b.figure:  # the band's reported rate, with its context, as on the full page
                item += " Reported rate: " + figure_text(data, src, data.figure(b.figure)[1], with_source=False)
            items.append(item)
        out.append("\n".join(items) + "\n")
        if not any(b.figure for b in t.bands):
            out.append(_bench_rates(data, src, t))
    out.append("## Questions to ask\n")
    out.extend(f"- {md(x)}" for x in t.questions)
    out.append(
        f"\nAlso ask the {len(data.judiciary.questions)} general questions in "
        f"[questions to ask about a risk assessment]({rel(src, paths.QUESTIONS)}).\n"
    )
    return "\n".join(out) + "\n"


def _bench_rates(data: SiteData, src: str, t: m.Tool) -> str:
    """Under bands with no rate of their own: the rates the tool does publish, printed with their source (a bench
    note is read on paper, where a link to another page leads nowhere)."""
    if t.band_rates_note or not t.figures:  # the note says what the report needs to give instead
        return no_band_rates_line(src, t) + "\n"
    groups: dict[tuple[str, str], list[m.Figure]] = {}
    for f in t.figures:  # rates for the same people and outcome, said in one sentence (the note fits one page)
        groups.setdefault((f.describes, f.outcome), []).append(f)
    said = []
    for (who, outcome), figs in groups.items():
        rates = "; ".join(
            f'<span class="figure" data-figure="{attr(f.id)}"><strong>{in_100(f.percent)} ({pct(f.percent)})</strong></span>'
            f"{' had ' + md(lower_first(outcome)) if i == 0 else ''} within {md(lower_first(f.follow_up))} "
            f"(sample: {md(f.sample)})" for i, f in enumerate(figs))
        refs = [r for f in figs for r in f.sources]
        cited = cite_list(data, src, [r for i, r in enumerate(refs) if r not in refs[:i]])
        said.append(f"Of {md(lower_first(who))}: {rates} ({cited}).")
    return "The sources held give no reoffending rate for each band, but they do publish these rates. " + " ".join(said) + "\n"


def tools_by_type(src: str, tools: list[m.Tool]) -> str:
    """The tools grouped by their type (the record's own field), one short line each: the phone's way in."""
    out = []
    for kind in get_args(m.ToolType):
        group = [t for t in tools if t.type == kind]
        if not group:
            continue
        count = f"{len(group)} tool{'s' if len(group) > 1 else ''}"
        out.append(f"### {md(kind[:1].upper() + kind[1:])} ({count}) {{ #type-{kind.replace(' ', '-')} }}\n")
        # each line repeats its tool page, which search holds
        out.append('<div class="tools-by-type" data-search-exclude markdown>\n')
        out += [f"- **{tool_link(src, t, t.abbr)}**"
                + (" (England and Wales comparator)" if t.comparator else "")
                + f". {md(first_sentence(t.assesses))}" for t in group]
        out.append("\n</div>\n")
    return "\n".join(out) + "\n"


def tools_comparison(data: SiteData, src: str) -> str:
    """The tools by type, then side by side (the table folded on a phone, open on a wider screen)."""
    guide = paths.BENCH_GUIDE
    return (f"## The tools by type {{ #by-type }}\n\n"
            f"The bench guide explains [the ways to assess risk]({rel(src, guide, 'three-ways-to-assess-risk')}) "
            f"and [static and dynamic factors]({rel(src, guide, 'static-and-dynamic-factors')}).\n\n"
            f"{tools_by_type(src, list(data.tools))}"
            f"## All {len(data.tools)} tools side by side {{ #side-by-side }}\n\n"
            "The table gives each tool's type, what it assesses, who it was developed on, its output and who in "
            "Scotland uses it. Where the sources we hold do not say, the cell says so.\n\n"
            '<details class="tools-compared" markdown="1">\n'
            f"<summary>Show the table: {len(data.tools)} tools, one card each</summary>\n\n"
            f"{_comparison_table(data, src)}\n</details>\n")


def _comparison_table(data: SiteData, src: str) -> str:
    head = ["Tool", "Type", "Assesses", "Developed on", "Output", "Used in Scotland by"]
    rows = [
        '<p class="sortable-note">Select a column heading to sort the table. Without JavaScript the table stays in alphabetical order.</p>\n',
        # each row repeats its tool page, where search finds the same words
        '<div class="sortable-table" data-search-exclude markdown>\n',
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for t in data.tools:
        users = not_known_text(t.used_in_scotland, lambda us: md(join_words([u.agency for u in us])),
                               pointer="None named in the sources we hold")
        developed = not_known_text(t.developed_on, pointer="Not described in the sources we hold")
        name = tool_link(src, t, t.abbr) + (" (England and Wales comparator)" if t.comparator else "")
        rows.append(
            f"| {name} | {md(t.type)} | {md(t.assesses)} | {developed} | {md(t.output)} | {users} |"
        )
    return "\n".join(rows) + "\n\n</div>\n"


# a bench-guide passage that also covers a narrower group ('people under 16' is read with 'young people')
GROUPS_IN_PASSAGE = {"young people": ("young people", "people under 16")}


def tools_not_validated_for(data: SiteData, src: str, group: str) -> str:
    """For the bench guide: the tools whose records flag a group (not validated for it, or see also), linked."""
    rows = []
    for t in data.tools:
        rows += [f"- {tool_link(src, t)}: not validated for {md(g.group)}. {md(sentences([g.note]))}"
                 for g in not_validated(t) if g.group in GROUPS_IN_PASSAGE.get(group, (group,))]
        rows += [f"- {tool_link(src, t)}: no evidence of validation for {md(g.group)} was found in the sources held. "
                 f"{md(sentences([g.note]))}" for g in no_evidence(t) if g.group in GROUPS_IN_PASSAGE.get(group, (group,))]
        if group in t.also_see_groups:
            rows.append(f"- {tool_link(src, t)}: its norms include {md(group)}. What this passage says still applies "
                        "to its results.")
    if not rows:
        raise ValueError(f"tools_not_validated_for(): no tool names the group '{group}' on page {src}")
    # kept out of search: each row repeats its tool's own note, which the tool page holds for search; kept in, the
    # section grows with the tools, and at some 1,800 tools it is over Zensical's limit for one field (make bench)
    return '<div class="group-tools" data-search-exclude markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


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
