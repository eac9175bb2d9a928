"""Agency pages: "what do I do?" for the staff of one agency, built from the step data.

An agency's steps are those of its own roles, plus the steps of roles it fills in some cases (the lead
authority, the responsible authorities acting together), limited to the categories in which it fills
them. Nothing here names a step: a new step in data/ appears on the right pages by itself.
"""
from __future__ import annotations

from .. import paths
from ..data import models as m
from ..data.loader import SiteData
from ..paths import rel
from .common import cite_list, see_also
from .mappa import agencies_of_role, stages_in_order, step_sentence, steps_at, summary_step_link, when_text
from .text import in_sentence, lower_first, md


def name_in_sentence(agency: m.MappaAgency) -> str:
    """The agency's name where it runs on inside a sentence: 'the local council ...', 'health boards'."""
    return agency.in_sentence or in_sentence(agency.name)


def the_role(name: str) -> str:
    """'Lead authority' -> 'the lead authority'; 'The responsible authorities' -> 'the responsible authorities'."""
    return in_sentence(name) if name.split(" ", 1)[0] in ("The", "A", "An") else "the " + lower_first(name)


def _short(data: SiteData, cats: list[str]) -> str:
    if "all" in cats:
        return "All groups"
    return ", ".join(md(data.category(c).short) for c in cats)


def capacity(data: SiteData, agency: m.MappaAgency, step: m.Step) -> tuple[str, list[str]] | None:
    """How the agency takes this step (a label) and in which categories; None if it does not."""
    role = data.role(step.actor)
    if step.actor in agency.roles:
        return md(role.name), list(step.categories)
    for sh in agency.shared:
        if sh.role != step.actor:
            continue
        cats = [c for c in step.categories if c in sh.categories] if "all" not in step.categories else list(sh.categories)
        if not cats:
            return None
        if role.name.startswith("The "):
            return f"Together, as {md(lower_first(role.name))}", cats
        return f"As the {md(lower_first(role.name))}", cats
    return None


def agency_steps(data: SiteData, agency: m.MappaAgency, stage_id: str | None = None) -> list[tuple[m.Step, str, list[str]]]:
    """Every step the agency takes, in stage and step order, with how it takes it and for which groups."""
    out = []
    for st in stages_in_order(data):
        if stage_id is not None and st.id != stage_id:
            continue
        for s in steps_at(data, st.id):
            got = capacity(data, agency, s)
            if got:
                out.append((s, got[0], got[1]))
    return out


def _other_link(data: SiteData, src: str, role_id: str, stage_number: int) -> str:
    """Another role's name, linked to its agency's steps at this stage (or to the role's page)."""
    role = data.role(role_id)
    name = md(lower_first(in_sentence(role.name)))  # it runs on in a sentence: 'the court', 'prison staff (SPS)'
    owners = agencies_of_role(data, role_id)
    if owners:
        return f"[{name}]({rel(src, paths.agency_page(owners[0].id), f'stage-{stage_number}')})"
    return f"[{name}]({rel(src, paths.role_page(role_id))})"


def what_you_do(data: SiteData, src: str, a: m.MappaAgency, mine: list[tuple[m.Step, str, list[str]]]) -> str:
    """The answer first: every action of the agency by stage, with its time limit where the sources set one,
    and once for the page that the other steps have no national timescale (they start on an event)."""
    timed = [s for s, _, _ in mine if s.when.kind == "timescale"]
    if timed:
        limits = (f"{len(timed)} of them have a national time limit in the sources used (in bold); the others have "
                  "no national timescale: each starts when something happens, named on the step.")
    else:
        limits = ("None of them has a national time limit in the sources used: each starts when something happens, "
                  "named on the step.")
    cats = sorted({c for _, _, cs in mine for c in cs}, key=lambda c: [x.id for x in data.mappa.categories].index(c) if c != "all" else -1)
    groups = (f"You take **{len(mine)} steps**, for these groups: "
              + "; ".join(md(data.category(c).name) for c in cats if c != "all") + ".")
    out = ["## What you do, by when { #what-you-do }\n", '<div class="what-you-do" data-search-exclude markdown>\n',
           groups + " " + limits + "\n"]
    for st in stages_in_order(data):
        here = [s for s, _, _ in mine if s.stage == st.id]
        if not here:
            continue
        acts = []
        for s in here:
            act, limit = md(lower_first(s.heading)), lower_first(s.when.text).rstrip(".")
            if s.when.kind == "timescale":  # the limit in bold, said once when the action names it already
                act = f"**{act}**" if limit.lower() in act.lower() else f"{act} (**{md(limit)}**)"
            if act not in acts:
                acts.append(act)
        out.append(f"- [Stage {st.number}, {md(lower_first(st.name))}](#stage-{st.number}): " + "; ".join(acts) + ".")
    out.append(f"\nTime limits for every stage, and who sets them, are on "
               f"[timescales at a glance]({rel(src, paths.TIMESCALES)}).\n")
    out.append("</div>\n")
    return "\n".join(out)


def agency_page(data: SiteData, src: str, agency_id: str) -> str:
    a = data.agency(agency_id)
    mine = agency_steps(data, a)
    out = [
        what_you_do(data, src, a, mine),
        see_also(data, src, list(a.see_also)),
        "## About this page { #about }\n",
        f"This page is for {md(a.staff)}. It lists every MAPPA step that {md(name_in_sentence(a))} "
        f"{'take' if a.plural else 'takes'}, stage by stage: "
        f"what you do, when, and for which group of people. Each step links to its full wording and sources.\n",
    ]
    for sh in a.shared:
        role = data.role(sh.role)
        if role.name.startswith("The "):
            title = f"When you act with the other {role.name.removeprefix('The ')}"
        else:
            title = f"When you are the {lower_first(role.name)}"
        out.append(f'!!! info "{title}"\n\n    {md(sh.when)} ({cite_list(data, src, list(sh.sources))}) '
                   f"Applies to: {_short(data, list(sh.categories))}. "
                   f"[More about the role of {md(the_role(role.name))}]({rel(src, paths.role_page(role.id))}).\n")
    out.append("## Your steps, stage by stage\n")
    for st in stages_in_order(data):
        here = [x for x in mine if x[0].stage == st.id]
        out.append(f"### Stage {st.number}: {md(st.name)} {{ #stage-{st.number} }}\n")
        if not here:
            out.append("You have no step at this stage in the sources used.\n")
        if here:  # the steps' words are indexed on their stage page: kept out of search here
            out.append('<div class="agency-steps" data-search-exclude markdown>\n')
        for s, how, cs in here:
            out.append(
                f"- **{summary_step_link(data, src, s)}** <small>{s.id}</small>  \n"
                f"  *{how}* · {_short(data, cs)}  \n"
                + (f"  {md(s.categories_why)}  \n" if s.categories_why else "")
                + f"  {step_sentence(data, s, you=True, src=src)} **When:** {when_text(s)}"
            )
        if here:
            out.append("\n</div>")
        others: list[str] = []
        for s in steps_at(data, st.id):
            if s.actor not in a.roles and not any(sh.role == s.actor for sh in a.shared):
                link = _other_link(data, src, s.actor, st.number)
                if link not in others:
                    others.append(link)
        out.append("")
        if others:
            out.append(f"Others who act at this stage: {', '.join(others)}. "
                       f"See [the stage page]({rel(src, paths.stage_page(st.id))}) for their steps.\n")
    roles = [data.role(r) for r in a.roles] + [data.role(sh.role) for sh in a.shared]
    out.append("## Roles on this page\n")
    out.extend(f"- [{md(r.name)}]({rel(src, paths.role_page(r.id))})" for r in roles)
    out.append("")
    return "\n".join(out) + "\n"
