"""The words of generated pages, read as a reader reads them: `make check` reads the reader text (every page
rendered once, guidance/site/reader_text.py) of every tool page, bench note and agency page, and the band
page, and refuses sentences that misread out of their list (guidance/data/sentences.py) and contradictions
within a page (a tool with published rates described as having none; a percentage read as a label).
"""
from __future__ import annotations

import re
from fnmatch import fnmatch

from .data.errors import Problem
from .data.loader import SiteData
from .data.sentences import (
    ABSENCE,
    ABSENCE_AS_FINDING_FIX,
    BARE_THAT_FIX,
    CAPITAL_ARTICLE_FIX,
    DOUBLE_BRACKETS_FIX,
    META_FIX,
    NOT_VALIDATED_FIX,
    STRAY_MUST_FIX,
    capital_articles,
    country_contradiction,
    doubled_brackets,
    meta_phrases,
    modal_run_on,
    stray_must,
    year_contradiction,
)
from .render.text import lower_first
from .render.tool_text import NO_RATES_LINE
from .site.reader_text import ReaderPage
from .sitemap import generated_pages

KINDS = ("tool", "bench_note", "agency")
BAND_PAGE = "judiciary/bands.md"
# said of a tool with published rates, these contradict its Published rates section
NO_RATES_SAID = (NO_RATES_LINE, "No published reoffending rates for this tool")
# said of a tool whose output is a percentage, this reads it as a label
LABEL_READING = "the label has no agreed meaning in numbers"
_ITEM = re.compile(r"^\s*(?:- |\d+\. )")


def list_items(text: str) -> list[str]:
    """Each list item and each sentence after 'tell you' or '<li>': where a bare 'That ...' misreads."""
    items = [_ITEM.sub("", ln) for ln in text.splitlines() if _ITEM.match(ln)]
    items += re.findall(r"tell you:?\s+(That\s[^.]*\.)", text)
    return items


def checked_pages(data: SiteData, pages: dict[str, ReaderPage]) -> list[tuple[str, object, str]]:
    """(source path, record key, reader text) of the pages these checks read."""
    keys = {p.src: p.key for p in generated_pages(data) if p.kind in KINDS}
    keys[BAND_PAGE] = None
    return [(pg.src, keys[pg.src], pg.text) for pg in pages.values() if pg.src in keys]


def check_generated(data: SiteData, pages: dict[str, ReaderPage], reviewed: list[dict] | None = None) -> list[Problem]:
    """Every sentence fault and contradiction on the pages; those in the reviewed list (a fault known and being
    fixed, reader-text/reviewed-hits.yaml) are shown as warnings, and an entry that matches nothing is named."""
    found = _page_problems(data, pages)
    return found if reviewed is None else apply_reviewed(found, reviewed)


REVIEWED = "reader-text/reviewed-hits.yaml"


def apply_reviewed(found: list[Problem], reviewed: list[dict]) -> list[Problem]:
    out = []
    used: set[int] = set()
    for p in found:
        hit = next((i for i, h in enumerate(reviewed)
                    if fnmatch(p.record, str(h.get("page"))) and str(h.get("says")) in p.message), None)
        if hit is None:
            out.append(p)
            continue
        used.add(hit)
        out.append(Problem(p.file, p.record, p.field, f"{p.message} (Known and reviewed: {REVIEWED}, "
                           f"\"{reviewed[hit].get('why', '')}\". Remove the entry once it is fixed.)", warning=True))
    out.extend(Problem(REVIEWED, str(h.get("page")), "", f"the entry '{h.get('says')}' matches no fault any more: "
                       "remove it.", warning=True) for i, h in enumerate(reviewed) if i not in used)
    return out


def _page_problems(data: SiteData, pages: dict[str, ReaderPage]) -> list[Problem]:
    problems: list[Problem] = []
    meta = data.style.meta_phrases
    tools = {t.id: t for t in data.tools}
    for src, key, text in checked_pages(data, pages):
        problems.extend(text_problems(src, text, meta))
        problems.extend(contradictions(data, src, key, text, tools))
    allowed = must_rules(data)
    for page in pages.values():
        problems.extend(page_sentence_problems(page.src, page.lines, allowed))
    return problems


EARLIER_WORDING = "Words taken out are struck through"  # a rule's earlier wording, shown as it was


def must_rules(data: SiteData) -> list[str]:
    """The words of every rule that says 'must' on a basis data/style.yaml allows (checked in guidance/data/rules.py)."""
    out = [lower_first(x.action.rstrip(".")).lower() for x in data.steps if x.normative.startswith("must")]
    out += [" ".join(x.statement.split()).rstrip(".").lower() for x in data.standards if x.normative.startswith("must")]
    return [" ".join(a.split()) for a in out]


def _items(lines: tuple[str, ...] | list[str]) -> list[tuple[list[str], str | None]]:
    """Each paragraph or list item as its sentences, with the basis line that follows it (if any)."""
    out: list[tuple[list[str], str | None]] = []
    for row in lines:
        text = row.strip()
        if text.startswith("Basis:"):
            if out:
                out[-1] = (out[-1][0], text)
            continue
        if row.startswith("  ") and out and out[-1][1] is None:
            out[-1][0].append(text)
        else:
            out.append(([text], None))
    return out


def page_sentence_problems(src: str, lines, allowed: list[str]) -> list[Problem]:
    """Sentences checked against their page: a modal run on into a clause, an absence of a source labelled a
    research finding, 'not validated for' said of what was only not found, a title with doubled brackets,
    and 'must' with no basis."""
    out = []
    where = ("page", src)
    musts: list[str] = []
    for row in lines:
        text = row.strip().lstrip("-|# ").strip()
        if modal_run_on(text):
            out.append(Problem(*where, "text", f"'{modal_run_on(text)}': a duty word runs on into a clause, so the "
                               "sentence does not say what is done. Start the action with its verb (the step's 'action')."))
        if row.startswith("#") and doubled_brackets(row):
            out.append(Problem(*where, "title", f"'{row.lstrip('# ')}' {DOUBLE_BRACKETS_FIX.format(found=doubled_brackets(row))}"))
        if not row.startswith(">") and not text.startswith(EARLIER_WORDING) and stray_must(text, allowed):
            musts.append(text)
    if musts:
        shown = list(dict.fromkeys(m.split(": ")[0] if m.count(": ") else m for m in musts))
        more = f" (and {len(shown) - 3} more)" if len(shown) > 3 else ""
        out.append(Problem(*where, "text", "; ".join(f"'{m[:90]}'" for m in shown[:3]) + more + f" {STRAY_MUST_FIX}"))
    for sentences, basis in _items(lines):
        said = next((ABSENCE.search(s).group(0) for s in sentences if ABSENCE.search(s)), None)
        if said and basis == "Basis: research finding":
            out.append(Problem(*where, "text", f"'{sentences[0].lstrip('- ')[:80]}' {ABSENCE_AS_FINDING_FIX.format(found=said)}"))
    out.extend(_not_validated(src, lines))
    return out


def _not_validated(src: str, lines) -> list[Problem]:
    """'Not validated for' items that say only that nothing was found: the item that starts 'Not validated for',
    or the items of the list a 'Not validated for' line introduces."""
    out = []
    inside = ""  # "item": within one item; "list": within the list after a heading line
    for row in lines:
        starts = row.lstrip("- ").startswith("Not validated for")
        if starts:
            inside = "item" if row.startswith("- ") else "list"
        elif inside == "item" and not row.startswith("  "):
            inside = ""
        elif inside == "list" and not row.startswith(("- ", "  ")):
            inside = ""
        if inside and ABSENCE.search(row):
            out.append(Problem("page", src, "text", f"'{row.strip()[:90]}' "
                               + NOT_VALIDATED_FIX.format(found=ABSENCE.search(row).group(0))))
    return out


def text_problems(src: str, text: str, meta: list[str]) -> list[Problem]:
    """The sentence faults in the plain text of one generated page."""
    out = []
    where = ("generated page", src)
    for item in list_items(text):
        if re.match(r"That\s", item):
            out.append(Problem(*where, "text", f"'{item[:60]}' {BARE_THAT_FIX}"))
    found = capital_articles(text)
    if found:
        out.append(Problem(*where, "text", CAPITAL_ARTICLE_FIX.format(found="; ".join(found))))
    said = meta_phrases(text, meta)
    if said:
        out.append(Problem(*where, "text", META_FIX.format(found=", ".join(said))))
    return out


def contradictions(data: SiteData, src: str, key, text: str, tools: dict) -> list[Problem]:
    out = []
    sections = [(key, text)] if key in tools else _tool_sections(data, text)
    for tool_id, part in sections:
        t = tools[tool_id]
        if t.figures and any(x in part for x in NO_RATES_SAID):
            out.append(Problem("generated page", src, t.id, f"{t.abbr} has published rates ({', '.join(f.id for f in t.figures)}) "
                               "but the page says there are none. Say that no rate is given for each band, and point to the rates."))
        sentences = [row.strip().lstrip("-|# ").strip() for row in part.split("\n")]
        for pair, what in ((country_contradiction(sentences), "where it was developed"),
                           (year_contradiction(sentences), "when it was first built and first used")):
            if pair:
                out.append(Problem("generated page", src, t.id, f"the page contradicts itself on {what}: '{pair[0][:90]}' "
                                   f"beside '{pair[1][:90]}'. Say it once, as the sources give it."))
        if t.output_kind == "percentage" and LABEL_READING in part:
            out.append(Problem("generated page", src, t.id, f"{t.abbr} gives a percentage, but the page reads it as a label "
                               f"('{LABEL_READING}'). Read a percentage as a percentage."))
    return out


def _tool_sections(data: SiteData, text: str) -> list[tuple[str, str]]:
    """The band page: one section per tool, headed by its short name."""
    rows = text.split("\n")
    abbrs = {f"### {t.abbr}": t.id for t in data.tools}
    heads = [(n, abbrs[row.split(" (")[0]]) for n, row in enumerate(rows) if row.split(" (")[0] in abbrs]
    out = []
    for i, (n, tid) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(rows)
        out.append((tid, "\n".join(rows[n:end])))
    return out
