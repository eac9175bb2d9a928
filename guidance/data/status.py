"""One status per rule, decided here and nowhere else (issue #29).

A rule is a MAPPA step, a standard, or a fact that rests on law or guidance. `rule_status` reads the rule and
its sources once and returns a small value that every page, print, search and the exports show unchanged:

- in force: the source in force now is named (for a law, the Act and section);
- replaced: what replaces it, following every 'superseded by' and 'replaced by' to the end of the chain;
- local practice: the areas that work this way;
- recommendation: this site's own advice (or advice drawn from research);
- not in force: a provision made or passed but not brought into force;
- not settled: the national text read here does not settle it; the page's box says why and who can answer.

The state of the project's own copies (a citation read only in a copy, 'not yet checked'; a timing that
awaits a check) never changes what a reader sees here: it is listed on the editors' page "What we still need
to check" (`open_checks`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import models as m
from .in_force import UNCHECKED_AT
from .sitedata import SiteData, per_data

STATES = ("in force", "replaced", "local practice", "recommendation", "not in force", "not settled")
# who can settle what the national text read here does not, by the reader's role (How to read, #status)
ASKERS = {
    "coordinator": "your Multi-Agency Public Protection Arrangements (MAPPA) co-ordinator",
    "oversight-group": "the Strategic Oversight Group (SOG) for your MAPPA area, which directs the co-ordinator",
    "rma": "the Risk Management Authority (RMA)",
    "tribunal": "the Mental Health Tribunal for Scotland",
    "solicitor": "a solicitor",
    "restricted-patients-team": "the Scottish Government's restricted patients team, which publishes the Memorandum of "
                                "Procedure on Restricted Patients",
}
NOT_SETTLED = "Not settled by the national text read here"
RMA = "Risk Management Authority"
# an editor's note may still end by naming whom to ask: the page's box says that once, by role
_ASK_TAIL = re.compile(r"\s*(Ask your MAPPA co-ordinator|Check the current source before you rely on it)\.?\s*$")


@dataclass(frozen=True)
class RuleStatus:
    state: str  # one of STATES
    text: str  # the words every page shows beside the rule, e.g. "In force: MAPPA: national guidance 2022"
    link: str | None = None  # id of the source (or rule) in force now or that replaces it, for a link
    reason: str = ""  # not settled: what the national text read here does not tell you
    ask: str = ""  # not settled: key of ASKERS

    @property
    def slug(self) -> str:
        return self.state.replace(" ", "-")


_COPY_NOTE = re.compile(r"\s*\((?:[^()]*\b)?not yet checked\)|,?\s*(?:[^,()]*\b)?not yet checked\b", re.I)


def reader_at(at: str | None) -> str:
    """A citation's place as readers see it: the project's note on its own copies ('copies only, not yet
    checked') is for the editors' page, not for readers."""
    return _COPY_NOTE.sub("", at or "").strip(" ,;")


def current(data: SiteData, item_id: str) -> str:
    """Follow 'superseded by' (sources) and 'replaced by' (rules) to the end of the chain."""
    rules = rules_by_id(data)
    seen: set[str] = set()
    while item_id not in seen:
        seen.add(item_id)
        source = data.sources.get(item_id)
        if source is not None and source.in_force and source.in_force.state == "superseded" and source.in_force.by:
            item_id = source.in_force.by
            continue
        rule = rules.get(item_id)
        own = getattr(rule, "applies_now", None)
        if own is not None and own.state == "no" and own.replaced_by:
            item_id = own.replaced_by
            continue
        break
    return item_id


def name_of(data: SiteData, item_id: str) -> str:
    if item_id in data.sources:
        return data.sources[item_id].title
    rule = rules_by_id(data).get(item_id)
    return getattr(rule, "heading", None) or item_id


@per_data
def rules_by_id(data: SiteData) -> dict[str, object]:
    return {**{s.id: s for s in data.steps}, **{s.id: s for s in data.standards}, **data.facts}


def _law_or_guidance(data: SiteData, ref: m.SourceRef) -> m.InForce | None:
    source = data.sources.get(ref.id)
    if source is None or source.kind not in m.IN_FORCE_KINDS:
        return None
    return source.in_force


def _in_force_ref(data: SiteData, item) -> m.SourceRef | None:
    """The citation a rule rests on today: a law first for a statutory rule, else the first in force."""
    live = [r for r in item.sources if (s := _law_or_guidance(data, r)) is not None and s.state == "in force"]
    if getattr(item, "basis", None) == "statute":
        live.sort(key=lambda r: data.sources[r.id].kind != "legislation")
    return live[0] if live else None


def _in_force(data: SiteData, ref: m.SourceRef) -> RuleStatus:
    source = data.sources[ref.id]
    text = f"In force: {source.title}"
    at = reader_at(ref.at)
    if source.kind == "legislation" and re.fullmatch(r"s\d+\S*( to \S+)?", at):
        section = re.search(r", section (\d+)[^,]*$", source.title)
        if section and at[1:].startswith(section.group(1)):  # 'Act 2005, section 10' at 's10(1)(a)'
            text = f"In force: {source.title[:section.start()]}, section {at[1:]}"
        else:
            text += f", section {at[1:]}"
    return RuleStatus("in force", text, ref.id)


def _asker(data: SiteData, item, source_ids: list[str]) -> str:
    """Who can answer, by role: never the co-ordinator for the co-ordinator's or the meeting chair's own question
    (a chair may be the co-ordinator; both answer to the Strategic Oversight Group), an RMA document or a
    Tribunal power."""
    own = getattr(item, "applies_now", None)
    if own is not None and own.ask:
        return own.ask
    sources = [data.sources[i] for i in source_ids if i in data.sources]
    if sources and all(RMA in s.publisher for s in sources):
        return "rma"
    if any(s.kind == "legislation" for s in sources):
        return "solicitor"
    return "oversight-group" if getattr(item, "actor", "") in ("coordinator", "chair") else "coordinator"


def _not_settled(data: SiteData, item, reason: str, source_ids: list[str]) -> RuleStatus:
    reason = _ASK_TAIL.sub("", " ".join(reason.split())).strip()
    return RuleStatus("not settled", NOT_SETTLED, None, reason, _asker(data, item, source_ids))


def _by_basis(data: SiteData, item) -> RuleStatus | None:
    basis = getattr(item, "basis", None)
    if basis == "site recommendation":
        return RuleStatus("recommendation", "This site's recommendation")
    if basis == "research finding":
        return RuleStatus("recommendation", "This site's recommendation, drawn from research")
    if basis == "local practice":
        areas = sorted({data.sources[r.id].publisher for r in item.sources
                        if r.id in data.sources and data.sources[r.id].kind == "local"})
        return RuleStatus("local practice", "Local practice" + (f" in {' and '.join(areas)}" if areas else ""))
    if basis == "RMA standard" and _in_force_ref(data, item) is None:
        rma = [r for r in item.sources if r.id in data.sources and RMA in data.sources[r.id].publisher]
        if rma:
            return RuleStatus("in force", f"In force: {data.sources[rma[0].id].title} (RMA standard)", rma[0].id)
    return None


def rule_status(data: SiteData, item) -> RuleStatus | None:
    """The one status of a rule; None for a fact that rests on no law or guidance (it is not a rule)."""
    known = rules_by_id(data).get(item.id) is item
    return statuses(data).get(item.id) if known else _decide(data, item)


@per_data
def statuses(data: SiteData) -> dict[str, RuleStatus]:
    out = {}
    for rule_id, item in rules_by_id(data).items():
        got = _decide(data, item)
        if got is not None:
            out[rule_id] = got
    return out


def _history(data: SiteData, item) -> bool:
    """A fact that tells what a replaced edition said ('The 2016 guidance said ...') states history, not a rule."""
    if getattr(item, "normative", None) or not hasattr(item, "text"):
        return False
    cited = [data.sources[r.id] for r in item.sources if r.id in data.sources]
    old = [s for s in cited if s.in_force and s.in_force.state == "superseded"]
    live = [s for s in cited if s.kind in m.IN_FORCE_KINDS and s.in_force and s.in_force.state != "superseded"]
    return bool(old) and not live and any(re.search(rf"\b{re.escape(s.date[-4:])}\b", item.text) for s in old)


def _decide(data: SiteData, item) -> RuleStatus | None:  # long: one branch per state, in the order they win
    if _history(data, item):
        return None
    own = getattr(item, "applies_now", None)
    if own is not None and own.state == "no":
        if own.replaced_by:
            end = current(data, own.replaced_by)
            return RuleStatus("replaced", f"Replaced by {name_of(data, end)}", end)
        return RuleStatus("not in force", f"Does not apply: {own.note}")
    if own is not None and own.state == "not confirmed":
        return _not_settled(data, item, own.note or "", [r.id for r in item.sources])
    when = getattr(item, "when", None)
    if when is not None and when.kind == "timescale" and not when.confirmed:  # a time limit read only in a copy
        return _not_settled(data, item, f"The time limit \u2018{when.text.rstrip('.')}\u2019 was read only in a "
                            "copy of the guidance, not in the official text.", [r.id for r in item.sources])
    by_basis = _by_basis(data, item)
    if by_basis is not None:
        return by_basis
    provision = getattr(item, "in_force", None)
    if provision is not None and provision.state in ("never commenced", "not yet in force"):
        words = "Never brought into force" if provision.state == "never commenced" else "Made, but not in force yet"
        return RuleStatus("not in force", words)
    ref = _in_force_ref(data, item)
    if ref is not None:
        return _in_force(data, ref)
    cited = [(r, s) for r in item.sources if (s := _law_or_guidance(data, r)) is not None]
    unsettled = [(r, s) for r, s in cited if s.state == "unconfirmed"]
    if unsettled:
        ids = [r.id for r, _ in unsettled]
        titles = " and ".join(f"\u2018{data.sources[i].title}\u2019" for i in dict.fromkeys(ids))
        note = unsettled[0][1].note or ""
        reason = note if note.startswith("The sources read") else (
            f"The sources read do not say whether {titles} still applies. {note}")
        return _not_settled(data, item, reason, ids)
    old = [(r, s) for r, s in cited if s.state == "superseded"]
    if old:
        r, s = old[0]
        end = current(data, r.id)
        reason = (f"It rests on \u2018{data.sources[r.id].title}\u2019, since replaced by "
                  f"\u2018{data.sources[end].title}\u2019; the newer text was not read on this point.")
        return _not_settled(data, item, reason, [r.id])
    if own is not None and own.state == "yes":
        return RuleStatus("in force", "In force")
    if getattr(item, "normative", None):  # a step or standard with no law or guidance cited: its basis names it
        return RuleStatus("recommendation", "This site's recommendation")
    return None


# ---------------------------------------------------------------- the editors' list


@dataclass(frozen=True)
class OpenCheck:
    item_id: str
    what: str  # what is open
    settle: str  # what would settle it
    where: str  # where to look (a source title and address)


def open_checks(data: SiteData) -> list[OpenCheck]:
    """Every open item of the project's own copies: a citation read only in a copy, a timing awaiting a
    check, a rule the national text read here does not settle."""
    out = []
    for rule_id, item in rules_by_id(data).items():
        for ref in item.sources:
            if ref.at and UNCHECKED_AT.search(ref.at) and ref.id in data.sources:
                s = data.sources[ref.id]
                out.append(OpenCheck(rule_id, f"Cites {s.title}, {reader_at(ref.at)}, read only in a copy.", "Read the passage on the official page and confirm "
                                     "the wording; then drop 'not yet checked' from the citation.", s.url))
        when = getattr(item, "when", None)
        if when is not None and not when.confirmed:
            out.append(OpenCheck(rule_id, f"The timing \u2018{when.text}\u2019 rests on a copy.",
                                 "Find the timing in the official text; then set confirmed: true.",
                                 data.sources[item.sources[0].id].url if item.sources else ""))
        got = statuses(data).get(rule_id)
        if got is not None and got.state == "not settled":
            out.append(OpenCheck(rule_id, got.reason, f"An answer from {ASKERS[got.ask]}, or the current text "
                                 "that settles it.", ", ".join(data.sources[r.id].url for r in item.sources[:2]
                                                               if r.id in data.sources)))
    return out
