"""MAPPA pages and tables, all generated from data/mappa/."""
from __future__ import annotations

from .. import paths
from ..data import models as m
from ..data.loader import SiteData
from ..labels import join_items, with_abbr
from ..paths import anchor_of, rel, rel_url
from .common import cite_list, gaps_here, id_badge, permalink_line, see_also
from .standards import standards_for_step
from .standing import rule_basis_label, standing_label
from .svg import pathway_svg
from .text import attr, lower_first, md
from .wording import earlier_wording

CHECKLIST_CSV = paths.CHECKLIST_CSV


def step_sentence(data: SiteData, step: m.Step, you: bool = False, src: str = "") -> str:
    name = data.role(step.actor).name
    who = "You" if you else (name if name.startswith("The ") else "The " + lower_first(name))
    action = lower_first(step.action.rstrip("."))
    labels = [x for x in (rule_basis_label(data, step), standing_label(data, step, src)) if x]
    return " ".join([f"{md(who)} **{step.normative}** {md(action)}.", *labels])


def when_text(step: m.Step) -> str:
    """The step's *When*. Whether the timing was checked against the official text is the editors' matter
    (What we still need to check); a timescale that rests only on a copy makes the rule's one status
    'not settled' (guidance.data.status), so readers never see a second status here."""
    return md(step.when.text)


def limit_label(lim: m.TimeLimit) -> str:
    """The label of a time limit stated for a stage outside any step, in words How to read defines (#status):
    one the national text read here does not settle is an open question, like a rule's."""
    return "Open question" if lim.status == "unconfirmed" else "Stated in the source"


def _cats(data: SiteData, step: m.Step) -> str:
    if "all" in step.categories:
        return "All categories"
    return ", ".join(md(data.category(c).short) for c in step.categories)


def _step_link(src: str, step: m.Step) -> str:
    return f"[`{step.id}`]({rel(src, paths.stage_page(step.stage), anchor_of(step.id))})"


def step_title_link(src: str, step: m.Step) -> str:
    """The step's action heading, linked to the step on its stage page."""
    return f"[{md(step.heading)}]({rel(src, paths.stage_page(step.stage), anchor_of(step.id))})"


def applies(step: m.Step, category: str) -> bool:
    return category in step.categories or "all" in step.categories


def steps_at(data: SiteData, stage_id: str, category: str | None = None) -> list[m.Step]:
    """The steps of one stage in their order (the `order` field, then id), optionally for one category."""
    chosen = [s for s in data.steps if s.stage == stage_id and (category is None or applies(s, category))]
    return sorted(chosen, key=lambda s: (s.order, s.id))


def stages_in_order(data: SiteData) -> list[m.Stage]:
    return sorted(data.mappa.stages, key=lambda x: x.number)


def agencies_of_role(data: SiteData, role_id: str) -> list[m.MappaAgency]:
    """Agencies whose own steps include this role's, then agencies that fill it in some cases."""
    own = [a for a in data.mappa.agencies if role_id in a.roles]
    shared = [a for a in data.mappa.agencies if any(sh.role == role_id for sh in a.shared)]
    return own + [a for a in shared if a not in own]


def time_limits_box(data: SiteData, src: str, stage_id: str) -> str:
    """ "Time limits at this stage": the steps that set one, the stage's stated limits with their status,
    or plainly none. An unconfirmed limit is a statement here, never a step to follow."""
    items = []
    for s in steps_at(data, stage_id):
        if s.when.kind == "timescale":
            items.append(f"- **{step_title_link(src, s)}** ({md(data.role(s.actor).name)}; {_cats(data, s)}): "
                         f"{md(s.when.text)} ({cite_list(data, src, list(s.sources))}) {standing_label(data, s, src)}")
    for lim in data.stage(stage_id).time_limits:
        items.append(f"- *{limit_label(lim)}:* {md(lim.text)} ({cite_list(data, src, list(lim.sources))})")
    if not items:
        items.append("- None set nationally in the sources read. Each step below starts from an event, given as its *When*.")
    items.append(f"- All time limits, for every stage: [timescales at a glance]({rel(src, paths.TIMESCALES)}).")
    body = "\n".join("    " + line for line in items)
    return f'!!! info "Time limits at this stage"\n\n{body}\n'


def guide_anchor(stage_id: str) -> str:
    """The anchor of a stage's question box, where a link to one of the box's own steps lands."""
    return f"guide-{stage_id}"


def summary_step_link(data: SiteData, src: str, step: m.Step) -> str:
    """A step's title linked where its answer starts: the question box of its stage when the box names
    the step (the box says which level and who decides), otherwise the step itself."""
    g = data.stage(step.stage).guide
    if g is not None and step.id in g.steps:
        return f"[{md(step.heading)}]({rel(src, paths.stage_page(step.stage), guide_anchor(step.stage))})"
    return step_title_link(src, step)


def guide_box(data: SiteData, src: str, stage_id: str) -> str:
    """A stage's question box (e.g. "Which level, and who decides"), from the sources, with what is unknown.
    Written as the theme's admonition in HTML, so that it carries an anchor (links to its steps land here)."""
    g = data.stage(stage_id).guide
    if g is None:
        return ""
    lines = [f"- {md(pt.text)} ({cite_list(data, src, list(pt.sources))})" for pt in g.points]
    if g.steps:
        lines.append("- The steps: " + "; ".join(step_title_link(src, data.step(x)) for x in g.steps) + ".")
    lines.append(f"- **Could not be checked:** {md(g.unknown)}")
    body = "\n".join(lines)
    return (f'<div class="admonition question" id="{guide_anchor(stage_id)}" markdown>\n'
            f'<p class="admonition-title">{attr(g.title)}</p>\n\n{body}\n\n</div>\n')


# ---------------------------------------------------------------- tables for hand-written pages


def steps_table(data: SiteData, src: str, stage: str | None = None, category: str | None = None) -> str:
    chosen = [
        s for s in data.steps
        if (stage is None or s.stage == stage) and (category is None or category in s.categories or "all" in s.categories)
    ]
    if stage is not None and stage not in {x.id for x in data.mappa.stages}:
        raise ValueError(f"steps_table(): unknown stage '{stage}' on page {src}")
    if category is not None and category not in {x.id for x in data.mappa.categories}:
        raise ValueError(f"steps_table(): unknown category '{category}' on page {src}")
    if not chosen:
        return "No steps in the data match.\n"
    rows = ["| Step | Who acts | What they do | When | Applies to | Source |", "|---|---|---|---|---|---|"]
    for s in chosen:
        first = _step_link(src, s)
        who = f"[{md(data.role(s.actor).name)}]({rel(src, paths.role_page(s.actor))})"
        what = step_sentence(data, s, src=src)
        if s.documents:
            what += " Uses: " + ", ".join(md(next(d.name for d in data.mappa.documents if d.id == x)) for x in s.documents) + "."
        if s.note:
            what += f" *Note: {md(s.note)}*"
        rows.append(f"| {first} | {who} | {what} | {when_text(s)} | {_cats(data, s)} | {cite_list(data, src, list(s.sources))} |")
    return "\n".join(rows) + "\n"


def pathway_links(data: SiteData, src: str) -> str:
    return "\n".join(
        f"- [{md(with_abbr(c.name, c.short))}]({rel(src, paths.pathway_page(c.id))})" for c in data.mappa.categories
    ) + "\n"


def checklist_links(data: SiteData, src: str) -> str:
    out = []
    for st in sorted(data.mappa.stages, key=lambda x: x.number):
        csv = rel_url(src, CHECKLIST_CSV.format(stage=st.id))
        out.append(
            f"- [Stage {st.number}: {md(st.name)}]({rel(src, paths.checklist_page(st.id))}) · "
            f'<a href="{attr(csv)}" download>CSV</a>'
        )
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- generated pages


def step_block(data: SiteData, src: str, s: m.Step) -> str:
    """One step as its own section: the action as the heading (anchor = the id), then who, what, when."""
    role = data.role(s.actor)
    lines = [
        f"### {md(s.heading)} {{ #{anchor_of(s.id)} }}\n",
        f'<p class="step-label" data-search-exclude><code>{s.id}</code> · {md(role.name)} · {_cats(data, s)}</p>\n',
        step_sentence(data, s, src=src) + "\n",
        '<div class="step-meta" markdown>\n',
        f"**When:** {when_text(s)}  ",
        f"**Applies to:** {_cats(data, s)}  ",
    ]
    if s.documents:
        names = [next(d for d in data.mappa.documents if d.id == x) for x in s.documents]
        lines.append("**Documents:** " + ", ".join(f"{md(d.name)} ({md(d.number)})" for d in names) + "  ")
    lines.append(f"**Who acts:** [{md(role.name)}]({rel(src, paths.role_page(role.id))})  ")
    lines.append(f"**Source:** {cite_list(data, src, list(s.sources))}  ")
    lines.append("**Answers:** " + ", ".join(
        f"[Recommendation {n}]({rel(src, paths.rec_page(n))})" for n in sorted(s.recommendations)) + "\n")
    stds = standards_for_step(data, s.id)
    if stds:
        lines.append("**Standards that apply:** " + ", ".join(
            f"[`{x.id}` {md(x.title)}]({rel(src, paths.area_page(x.area), anchor_of(x.id))})" for x in stds) + "  ")
    lines.append("**History:** " + join_items(f"{h.version}: {md(h.change)}" for h in s.history) + "  ")
    lines.append(earlier_wording(data, s.id))
    lines.append(permalink_line(data, src, s.id) + "\n")
    lines.append("</div>\n")
    if s.note:
        lines.append(f"*Note: {md(s.note)}*\n")
    return "\n".join(lines)


def stage_page(data: SiteData, src: str, stage_id: str) -> str:
    st = data.stage(stage_id)
    steps = steps_at(data, stage_id)
    out = [
        f"{id_badge(f'MAPPA-STAGE-{st.number}')} {permalink_line(data, src, f'MAPPA-STAGE-{st.number}')}\n",
        f"{md(st.summary)} ({cite_list(data, src, list(st.sources))})\n",
        time_limits_box(data, src, stage_id),
        guide_box(data, src, stage_id),
        "Each step says who acts, what they do and when. The words **must**, **should** and **may** have one meaning each: "
        f"see [how to read this guidance]({rel(src, paths.HOW_TO_READ)}).\n",
        f"[Printable checklist for this stage]({rel(src, paths.checklist_page(stage_id))}) · "
        f'<a href="{attr(rel_url(src, CHECKLIST_CSV.format(stage=stage_id)))}" download>Download the checklist (CSV)</a>\n',
        "Find your own steps: " + " · ".join(
            f"[{md(a.name)}]({rel(src, paths.agency_page(a.id))})" for a in data.mappa.agencies) + "\n",
        "## Steps\n",
    ]
    out.extend(step_block(data, src, s) for s in steps)
    gaps = gaps_here(data, src)
    if gaps:
        out.append("## Where the sources are silent or disagree\n")
        out.append(gaps)
    nav = []
    num = st.number
    prev = next((x for x in data.mappa.stages if x.number == num - 1), None)
    nxt = next((x for x in data.mappa.stages if x.number == num + 1), None)
    if prev:
        nav.append(f"Previous: [Stage {prev.number}: {md(prev.name)}]({rel(src, paths.stage_page(prev.id))})")
    if nxt:
        nav.append(f"Next: [Stage {nxt.number}: {md(nxt.name)}]({rel(src, paths.stage_page(nxt.id))})")
    if nav:
        out.append("\n" + " · ".join(nav) + "\n")
    return "\n".join(out)


def checklist_page(data: SiteData, src: str, stage_id: str) -> str:
    st = data.stage(stage_id)
    steps = steps_at(data, stage_id)
    csv = rel_url(src, CHECKLIST_CSV.format(stage=stage_id))
    out = [
        f"Use this list to check a case at stage {st.number}. Tick each step when it is done, or write why it does not apply. "
        f"The full wording and sources are on the [stage page]({rel(src, paths.stage_page(stage_id))}).\n",
        f'<a href="{attr(csv)}" download>Download this checklist (CSV)</a> · Print this page: it fits the steps on A4.\n',
        "Tick only the steps whose *Applies to* includes the person's group: "
        + ", ".join(md(with_abbr(c.name, c.short)) for c in data.mappa.categories) + ".\n",
        "| Done | Step | Who | What | When | Applies to |",
        "|---|---|---|---|---|---|",
    ]
    for s in steps:
        out.append(
            f"| ☐ | {step_title_link(src, s)} <small>{s.id}</small> | {md(data.role(s.actor).name)} | {step_sentence(data, s, src=src)} "
            f"| {when_text(s)} | {_cats(data, s)} |"
        )
    out.append("\nCase reference: ______________________ Checked by: ______________________ Date: ____________\n")
    return "\n".join(out) + "\n"


def pathway_page(data: SiteData, src: str, cat_id: str) -> str:
    cat = data.category(cat_id)
    out = [
        f"{md(with_abbr(cat.name, cat.short))}. Legal basis: {md(cat.legal_basis)} ({cite_list(data, src, list(cat.sources))}).\n",
        "## Who is in this category\n",
        "\n".join(f"- {md(x)}" for x in cat.entry_criteria) + "\n",
        f"Levels used: {', '.join(str(n) for n in cat.levels)}.\n",
    ]
    if cat.note:
        out.append(f"!!! note\n    {md(cat.note)}\n")
    if cat.see_also:
        out.append(see_also(data, src, list(cat.see_also)))
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    text: list[str] = []
    for st in stages_in_order(data):
        steps = steps_at(data, st.id, cat_id)
        rows.append((f"Stage {st.number}: {st.name}", [(s.heading, data.role(s.actor).name) for s in steps]))
        text.append(f"### Stage {st.number}: {md(st.name)}\n")
        if steps:
            text.extend(f"1. **{summary_step_link(data, src, s)}** <small>{s.id}</small>: {step_sentence(data, s, src=src)} "
                        f"*When:* {when_text(s)}" for s in steps)
        else:
            text.append("No steps for this category at this stage in the sources used.")
        text.append("")
    total = sum(len(r[1]) for r in rows)
    desc = (
        f"Flow of the five MAPPA stages for {cat.name}, with {total} steps. "
        "The same steps are listed as text below the picture."
    )
    out.append("## The pathway at a glance\n")
    out.append('<div class="diagram">'
               + pathway_svg(f"pathway-{cat_id}", f"MAPPA pathway: {cat.name}", desc, rows, "wide")
               + pathway_svg(f"pathway-{cat_id}-narrow", f"MAPPA pathway: {cat.name}", desc, rows, "narrow")
               + "</div>\n")
    out.append("## The pathway step by step\n")
    out.append("This list is the text version of the picture above.\n")
    # the steps' words are indexed on their stage pages: the list stays out of search here
    out.append('<div class="pathway-steps" data-search-exclude markdown>\n')
    out.extend(text)
    out.append("\n</div>")
    out.append(gaps_here(data, src))
    return "\n".join(out) + "\n"


def role_page(data: SiteData, src: str, role_id: str) -> str:
    role = data.role(role_id)
    steps = [s for s in data.steps if s.actor == role_id]
    out = [
        f"**Agency:** {md(role.agency)}\n",
        f"{md(role.description)} ({cite_list(data, src, list(role.sources))})\n",
    ]
    own = [a for a in data.mappa.agencies if role_id in a.roles]
    filling = [(a, sh) for a in data.mappa.agencies for sh in a.shared if sh.role == role_id]
    for a in own if steps else []:
        out.append(f"**All your steps, including those you take as the lead authority or with the other agencies:** "
                   f"[{md(a.name)}: your MAPPA steps]({rel(src, paths.agency_page(a.id))}).\n")
    if filling:
        out.append(f"## Who is the {md(lower_first(role.name.removeprefix('The ')))}\n")
        out.extend(f"- **[{md(a.name)}]({rel(src, paths.agency_page(a.id))})**: {md(sh.when)} "
                   f"({cite_list(data, src, list(sh.sources))})" for a, sh in filling)
        out.append("")
    out.append("## What you do\n")
    if not steps:
        where = [f"[{md(a.name)}: your MAPPA steps]({rel(src, paths.agency_page(a.id))})" for a in own]
        out.append(
            (f"You act through your agency. All your steps, including those you take as the lead authority or "
             f"with the other agencies, are on {', '.join(where)}. " if where else
             "What this role does is set out at the top of this page. ")
            + f"For the whole process, see [the five stages]({rel(src, paths.STAGES_INDEX)}) "
            f"and [timescales at a glance]({rel(src, paths.TIMESCALES)}).\n"
        )
    else:
        # the steps' words are indexed on their stage pages: the table stays out of search here
        out.append('<div class="role-steps" data-search-exclude markdown>\n')
        out.append("| Step | Stage | What you do | When | Applies to |\n|---|---|---|---|---|")
        for s in sorted(steps, key=lambda x: (data.stage(x.stage).number, x.order, x.id)):
            st = data.stage(s.stage)
            out.append(
                f"| {summary_step_link(data, src, s)} <small>{s.id}</small> | {st.number}. {md(st.name)} "
                f"| {step_sentence(data, s, you=True, src=src)} | {when_text(s)} | {_cats(data, s)} |"
            )
        out.append("\n</div>\n")
    out.append(gaps_here(data, src))
    return "\n".join(out) + "\n"


def agency_links(data: SiteData, src: str) -> str:
    """Links to each agency's page (for the home page and the roles page)."""
    return " · ".join(f"[{md(a.name)}]({rel(src, paths.agency_page(a.id))})" for a in data.mappa.agencies)
