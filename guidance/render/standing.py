"""The status line beside a rule, and the page's box of what it cannot tell you (issue #29).

Every rule's status comes from `guidance.data.status.rule_status`, decided once; this module only dresses it:
one small label with the same words wherever the rule appears (stage, agency, role and pathway pages,
checklists, topic pages, print and search), and, where the national text read here does not settle a rule,
one box per page that says what the page cannot tell you and who can answer. How to read explains the
states (#status).
"""
from __future__ import annotations

import re

from .. import paths
from ..data.sitedata import SiteData
from ..data.status import ASKERS, NOT_SETTLED, RuleStatus, open_checks, rule_status, rules_by_id
from ..paths import ids, rel, rel_url
from .basis import basis_label
from .text import attr, join_words, md

BOX_ID = "not-settled"
BOX_TITLE = "What this page cannot tell you"
# the words a not-settled rule shows on its own line: the box says why, once
POINTER = f"Open question: see \u201c{BOX_TITLE}\u201d"
TIPS = {
    "in force": "The source named applies today.",
    "replaced": "What it rested on has been replaced; follow the link to what applies now.",
    "local practice": "How the named areas work; not a national rule.",
    "recommendation": "This site's own advice; no source makes it a duty.",
    "not in force": "The provision has not been brought into force.",
    "not settled": NOT_SETTLED + ".",
}


def status_line(data: SiteData, item) -> str:
    """The status as one plain sentence, for exports and search: 'In force: MAPPA: national guidance 2022.'"""
    got = rule_status(data, item)
    if got is None:
        return ""
    if got.state == "not settled":
        return f"{NOT_SETTLED}. {got.reason} Who can answer: {ASKERS[got.ask]}."
    return got.text + "."


def _link(data: SiteData, src: str, item_id: str, words: str) -> str:
    if not src:
        return attr(words)
    if item_id in data.sources:
        return f'<a href="{attr(rel_url(src, paths.SOURCES, "src-" + item_id))}">{attr(words)}</a>'
    loc = ids(data).get(item_id)
    return f'<a href="{attr(rel_url(src, loc.page, loc.anchor))}">{attr(words)}</a>' if loc else attr(words)


def box_id(src: str) -> str:
    """The anchor of a page's box, unique across pages (the print page holds them all)."""
    return f"{BOX_ID}-" + re.sub(r"[^a-z0-9]+", "-", (paths.page_url(src) or "home").lower()).strip("-")


def _body(data: SiteData, src: str, got: RuleStatus) -> str:
    if got.state == "not settled":
        return f'<a href="#{box_id(src)}">{attr(POINTER)}</a>' if src else attr(POINTER)
    # a source is named in plain words (its citation is the rule's source note; a table cell holds no source
    # link); a rule that replaces this one is linked
    if not got.link or got.link in data.sources:
        return attr(got.text)
    for lead in ("In force: ", "Replaced by "):
        if got.text.startswith(lead):
            rest = got.text[len(lead):]
            return attr(lead) + _link(data, src, got.link, rest)
    return attr(got.text)


# a basis whose status already names it ("This site's recommendation", "Local practice in ..."): the basis
# label beside it would say the same thing twice
_STATUS_SAYS_BASIS = {"site recommendation": "recommendation", "research finding": "recommendation",
                      "local practice": "local practice"}


def rule_basis_label(data: SiteData, item) -> str:
    """The basis label beside a rule, or nothing when the rule's one status already says it."""
    got = rule_status(data, item)
    if got is not None and _STATUS_SAYS_BASIS.get(getattr(item, "basis", None) or "") == got.state:
        return ""
    return basis_label(item)


def standing_label(data: SiteData, item, src: str = "") -> str:
    """The rule's one status label (empty for a fact that is not a rule). Raw HTML: it sits in lists, tables
    and cards alike; data-rule and data-status let the tests and the page's box find it."""
    got = rule_status(data, item)
    if got is None:
        return ""
    tip = TIPS[got.state]
    # the search index keeps a status that changes what a reader does; 'In force: <source>' beside every rule
    # would add a line per rule and nothing a search needs (the rule's own words are indexed)
    skip = " data-search-exclude" if got.state in ("in force", "recommendation") else ""
    return (f'<span class="in-force rule-status rule-status-{got.slug}" data-rule="{attr(item.id)}" '
            f'data-status="{got.slug}" title="{attr(tip)}"{skip}>{_body(data, src, got)}</span>')


# ---------------------------------------------------------------- the page's box


def _rule_name(rule) -> str:
    """How the box names a rule: a step's heading, a standard's title, or the opening words of a fact."""
    name = getattr(rule, "heading", None) or getattr(rule, "title", None)
    if name:
        return f"{name} ({rule.id})"
    if getattr(rule, "name", None):  # a fact's short name: facts show no ID to readers
        return rule.name
    words = rule.text.split(". ")[0].rstrip(".").split()
    return "“" + " ".join(words[:12]).rstrip(",;:") + ("…" if len(words) > 12 else "") + "”"


def _first_up(names: list[str]) -> list[str]:
    """A list of names read as one sentence: only its first name starts with a capital."""
    return [n[:1].upper() + n[1:] if i == 0 else n for i, n in enumerate(names)]


_MARK = re.compile(r'data-rule="([^"]+)" data-status="not-settled"')


def not_settled_box(data: SiteData, src: str, page_text: str) -> str:
    """One box for a page that shows rules the national text read here does not settle: what each leaves
    open, and who can answer, grouped by whom to ask. Empty when the page shows none."""
    rules = rules_by_id(data)
    found = [rid for rid in dict.fromkeys(_MARK.findall(page_text)) if rid in rules]
    if not found:
        return ""
    by_ask: dict[str, dict[str, list[str]]] = {}  # whom to ask -> reason -> the rules it leaves open
    for rid in found:
        got = rule_status(data, rules[rid])
        by_ask.setdefault(got.ask, {}).setdefault(got.reason, []).append(_rule_name(rules[rid]))
    lines = ['!!! info ""', "",
             "    The national text read for this guidance does not settle the rules "
             "in this list. Before you rely on one of them, ask the person named.", ""]
    for ask, reasons in by_ask.items():
        lines.append(f"    Ask {attr(ASKERS[ask])}:")
        lines.append("")
        lines += [f"    - {'; '.join(f'**{attr(n)}**' for n in _first_up(names))}. {attr(reason)}"
                  for reason, names in reasons.items()]
        lines.append("")
    lines.append(f"    [How to read]({rel(src, paths.HOW_TO_READ, 'status')}) explains each status a rule can have.")
    # its own part of the page: a heading at page level (the table of contents lists it, a phone folds the box
    # under it, each status line links to it); out of search, heading and box: each rule it names is found where
    # the page states it
    head = f'## {BOX_TITLE} {{ #{box_id(src)} .not-settled-head data-search-exclude="1" }}\n\n'
    return head + '<div class="not-settled" data-search-exclude markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n\n"


# ---------------------------------------------------------------- the editors' page


# the parts of the guidance an open item's rule can belong to: heading, anchor, the records' file
_PARTS = (
    ("Step", "MAPPA stages", "stages", "data/mappa/steps/"),
    ("Standard", "Risk-assessment standards", "standards", "data/standards.yaml"),
    ("Fact", "Facts on MAPPA pages", "facts", "data/facts/"),
)


def _fold_of(data: SiteData, rule) -> str:
    """The fold an open item sits in (its label, as HTML): its stage, its standards area, or its facts' topic."""
    kind = type(rule).__name__
    if kind == "Step":
        return attr(f"{data.stage(rule.stage).name} (stage {data.stage(rule.stage).number})")
    if kind == "Standard":
        return attr(next(a.title for a in data.areas if a.id == rule.area))
    return f"Facts with the topic <code>{attr(rule.topic)}</code>"


def _checks_table(data: SiteData, src: str, items: list) -> str:
    out = ["| Rule | What is open | What would settle it | Where to look |", "|---|---|---|---|"]
    for i in items:
        loc = ids(data).get(i.item_id)
        rule = f"[`{i.item_id}`]({rel(src, loc.page, loc.anchor)})" if loc else f"`{attr(i.item_id)}`"
        where = " ".join(f"<{u}>" for u in i.where.split(", ") if u.startswith("http")) or "—"
        out.append(f"| {rule} | {md(i.what)} | {md(i.settle)} | {where} |")
    return "\n".join(out) + "\n"


def _count(n: int) -> str:
    return f"{n} open item{'s' if n != 1 else ''}"


def still_to_check(data: SiteData, src: str) -> str:
    """'What we still need to check': every open item, what would settle it and where to look, with a count;
    one section for each part of the guidance, and in it one fold for each stage, area or topic, so an
    editor opens the part they work on (issue #32)."""
    items = open_checks(data)
    rules = rules_by_id(data)
    out = [f"**{len(items)}** open items on **{len({i.item_id for i in items})}** rules. The list is made from the "
           "data at each build: an item leaves it when its record changes. Open the stage, area or topic you "
           "work on.\n"]
    for kind, title, anchor, where in _PARTS:
        mine = [i for i in items if type(rules[i.item_id]).__name__ == kind]
        if not mine:
            continue
        owners = sorted({rules[i.item_id].review.owner for i in mine if hasattr(rules[i.item_id], "review")})
        owned = f", owned by {md(join_words(owners))}" if owners else ""
        out.append(f"## {title}: {_count(len(mine))} {{ #{anchor} }}\n")
        out.append(f"The records are in `{where}`{owned}.\n")
        folds: dict[str, list] = {}
        for i in mine:
            folds.setdefault(_fold_of(data, rules[i.item_id]), []).append(i)
        for name, group in (sorted(folds.items()) if kind == "Fact" else folds.items()):
            out.append(f'<details class="checks-fold" markdown="1">\n<summary>{name}: {_count(len(group))}</summary>\n')
            out.append(_checks_table(data, src, group))
            out.append("</details>\n")
    return "\n".join(out) + "\n"
