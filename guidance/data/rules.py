"""The plain-language rules, checked on the data (one place: `make check`, the build and the tests).

- every step names who acts (a role), what they do (an action starting with a verb) and when;
- a step's action is short (style.yaml max_step_words);
- normative words (must, should, may, shall) only where a duty is stated: a step's `normative`
  field and a standard's statement, which has exactly one, the one its `normative` field names;
- no banned phrase (style.yaml banned_phrases) in any free text;
- no percentage typed by hand in a tool (rates are figure records, shown as 'N in 100' too);
- every tool section is filled, or says not_known with a reason.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from . import models as m
from .errors import Collector
from .read import Records
from .sentences import (
    ACTION_VERB_FIX,
    BARE_THAT_FIX,
    CAPITAL_ARTICLE_FIX,
    META_FIX,
    bare_that,
    capital_articles,
    meta_phrases,
    opening_not_a_verb,
)

NORMATIVE = re.compile(r"\b(must not|must|should not|should|may|shall)\b", re.I)
PERCENT = re.compile(r"\d\s?%|per ?cent", re.I)
# tool fields that may be empty: lists that can be empty by design, and flags
_TOOL_OPTIONAL = ("figures", "decisions", "comparator", "also_see_groups", "band_reading", "band_rates_note")


def check_content(c: Collector, r: Records) -> None:
    if r.style is None:
        return  # no rules to check against; style.yaml has its own problem reported
    allowed = sorted(r.style.allowed_names, key=len, reverse=True)
    for rec, label, field_, text in data_texts(r):
        _words_in(c, rec, label, field_, text, r.style.banned_phrases, allowed)
    for s in r.steps:
        _step_rules(c, s, r.style)
    for s in r.standards_file.standards if r.standards_file else []:
        _standard_rules(c, s, r.style, allowed)
    for t in r.tools:
        _tool_rules(c, t)
    _sentence_rules(c, r)


def reading_items(t: m.Tool) -> Iterable[tuple[str, str]]:
    """(field, text) for every item a tool page reads out as 'It tells you ...' or 'It does not tell you ...'."""
    for i, x in enumerate(t.does_not_tell):
        yield f"does_not_tell[{i}]", x
    if t.band_reading:
        yield "band_reading.tells_you", t.band_reading.tells_you
        yield "band_reading.does_not_tell_you", t.band_reading.does_not_tell_you
    for i, b in enumerate(t.bands if isinstance(t.bands, list) else []):
        for name in ("tells_you", "does_not_tell_you"):
            if getattr(b, name):
                yield f"bands[{i}].{name}", getattr(b, name)


def tool_texts(t: m.Tool) -> Iterable[tuple[str, str]]:
    """(field, text) for a tool's free text that a reader reads as sentences."""
    for name in ("assesses", "output", "developed_on", "who_may_use", "band_rates_note"):
        if isinstance(getattr(t, name), str):
            yield name, getattr(t, name)
    for name in ("does_not_tell", "strengths", "limitations", "questions"):
        for i, x in enumerate(getattr(t, name)):
            yield f"{name}[{i}]", x
    for i, h in enumerate(t.history):
        yield f"history[{i}].change", h.change


def _sentence_rules(c: Collector, r: Records) -> None:
    """Sentences that stand alone (guidance/data/sentences.py), on the data text readers read."""
    meta = r.style.meta_phrases
    for t in r.tools:
        for field_, text in reading_items(t):
            if bare_that(text):
                c.at(t, t.id, field_, BARE_THAT_FIX)
        for field_, text in tool_texts(t):
            _sentence_faults(c, t, t.id, field_, text, meta)
    for rec, label, field_, text in data_texts(r):
        _sentence_faults(c, rec, label, field_, text, meta)


def _sentence_faults(c: Collector, rec: Any, label: str, field_: str, text: str, meta: list[str]) -> None:
    found = capital_articles(text)
    if found:
        c.at(rec, label, field_, CAPITAL_ARTICLE_FIX.format(found="; ".join(f"'…{x}…'" for x in found)))
    said = meta_phrases(text, meta)
    if said:
        c.at(rec, label, field_, META_FIX.format(found=_quoted(said)))


def data_texts(r: Records) -> Iterable[tuple[Any, str, str, str]]:
    """(record, label, field, text) for every free text that is not a quotation, a title or a name."""
    for s in r.steps:
        yield s, s.id, "action", s.action
        yield s, s.id, "when.text", s.when.text
        if s.note:
            yield s, s.id, "note", s.note
    for s in r.standards_file.standards if r.standards_file else []:
        yield s, s.id, "rationale", s.rationale
        for i, e in enumerate(s.evidence):
            yield s, s.id, f"evidence[{i}]", e
    if r.mappa:
        for x in r.mappa.roles:
            yield x, x.id, "description", x.description
        for x in r.mappa.categories:
            for i, e in enumerate(x.entry_criteria):
                yield x, x.id, f"entry_criteria[{i}]", e
        for lv in r.mappa.levels:
            yield lv, f"level {lv.number}", "description", lv.description
        for st in r.mappa.stages:
            yield st, st.id, "summary", st.summary
    for f in r.facts:
        yield f, f.id, "text", f.text
    for item in [*r.steps, *(r.standards_file.standards if r.standards_file else []), *r.facts]:
        if item.applies_now and item.applies_now.note:
            yield item, item.id, "applies_now.note", item.applies_now.note
    for g in r.gaps:
        yield g, g.id, "statement", g.statement
    for t in r.terms:
        yield t, t.abbr, "definition", t.definition


def banned_in(text: str, phrases: Iterable[str], allowed: Iterable[str] = ()) -> list[str]:
    """The banned phrases a text uses, as whole words; proper names in `allowed` are skipped."""
    text = " ".join(text.split())
    for name in allowed:
        text = text.replace(name, " ")
    return [p for p in phrases if _phrase(p).search(text)]


@functools.lru_cache(maxsize=256)
def _phrase(p: str) -> re.Pattern:
    """A banned phrase as a whole word (no match inside 'keyboard' for 'key'); any case."""
    return re.compile(r"(?<![\w-])" + re.escape(p) + (r"(?![\w-])" if p[-1].isalnum() else ""), re.I)


def normative_in(text: str) -> list[str]:
    return [w.lower() for w in NORMATIVE.findall(text)]


def word_count(text: str) -> int:
    return len(text.split())


def _words_in(c: Collector, rec: Any, label: str, field_: str, text: str, banned: list[str], allowed: list[str]) -> None:
    """Normative words and banned phrases in one field: one message naming them all."""
    duty = normative_in(text)
    bad = [p for p in banned_in(text, banned, allowed) if p.lower() not in duty]
    parts = []
    if duty:
        parts.append(f"uses the normative word{'s' if len(duty) > 1 else ''} {_quoted(duty)}; a duty is stated only "
                     "in a step's 'normative' field or a standard's statement. Say what happens ('you send', "
                     "'the chair asks') or move the duty there")
    if bad:
        parts.append(f"uses the banned phrase{'s' if len(bad) > 1 else ''} {_quoted(bad)} (data/style.yaml). "
                     "Say exactly what you mean instead")
    if parts:
        c.at(rec, label, field_, "; and ".join(parts) + ".")


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{w}'" for w in dict.fromkeys(words))


def _step_rules(c: Collector, s: m.Step, style: m.StyleRules) -> None:
    n = word_count(s.action)
    if n > style.max_step_words:
        c.at(s, s.id, "action", f"the action has {n} words; the limit is {style.max_step_words} "
             "(data/style.yaml max_step_words). Keep one short sentence of what the actor does; move detail to 'note'.")
    first = s.action.split()[0]
    if not (first[0].isupper() and first.isalpha()):
        c.at(s, s.id, "action", f"the action starts with '{first}'; start it with a verb in capitals, "
             "like 'Send the referral form ...'.")
    elif opening_not_a_verb(s.action):
        c.at(s, s.id, "action", f"the action starts with '{first}', not with what the actor does. "
             + ACTION_VERB_FIX.format(who="...", word=s.normative, action=s.action[:40].lower() + "...", first=first))
    words = {w.word for w in style.normative_words}
    if s.normative not in words:
        c.at(s, s.id, "normative", f"'{s.normative}' is not defined in data/style.yaml; use one of {_quoted(sorted(words))}.")
        return
    basis_fits(c, s, s.action, style)


def basis_fits(c: Collector, item: Any, text: str, style: m.StyleRules) -> None:
    """A must/should/may rests only on a basis its meaning (style.yaml normative_words) allows."""
    word = next((w for w in style.normative_words if w.word == item.normative), None)
    if word is None:
        return
    if item.basis not in word.bases:
        c.at(item, item.id, "basis", f"'{item.normative}' cannot rest on '{item.basis}': its meaning (data/style.yaml) "
             f"allows only {_quoted(word.bases)}. Change the word (for example "
             f"'{'should' if item.normative.startswith('must') else 'may'}') or give the basis that sets it.")
        return
    for limit in word.limits:
        if limit.basis == item.basis and limit.rule_names.lower() not in " ".join(text.split()).lower():
            c.at(item, item.id, "basis", f"'{item.normative}' rests on '{item.basis}' only where the rule is about "
                 f"a {limit.rule_names}: {' '.join(limit.why.split())}")


def _standard_rules(c: Collector, s: m.Standard, style: m.StyleRules, allowed: list[str]) -> None:
    basis_fits(c, s, s.statement, style)
    words = normative_in(s.statement)
    if words != [s.normative]:
        found = _quoted(words) if words else "none"
        c.at(s, s.id, "statement", f"the statement must hold exactly one normative word, the one in its "
             f"'normative' field ('{s.normative}'); it has {found}. Reword it.")
    bad = banned_in(s.statement, style.banned_phrases, allowed)
    if bad:
        c.at(s, s.id, "statement", f"uses the banned phrase{'s' if len(bad) > 1 else ''} {_quoted(bad)} "
             "(data/style.yaml). Say exactly what you mean instead.")


# a 'not validated for' note that only reports what was not found reads as a finding it is not
NO_EVIDENCE_NOTE = re.compile(r"\b(no evidence|shows? no validation|no validation (study )?(was )?found)\b", re.I)
NO_EVIDENCE_FIX = ("the note says only that no evidence was found, so the group is not 'not validated for': "
                   "add 'basis: no evidence found' to this group (CONTRIBUTING, 'Add a tool').")


def _tool_rules(c: Collector, t: m.Tool) -> None:
    for i, g in enumerate(t.not_validated_for if isinstance(t.not_validated_for, list) else []):
        if g.basis == "not built for" and NO_EVIDENCE_NOTE.search(g.note):
            c.at(t, t.id, f"not_validated_for[{i}]", NO_EVIDENCE_FIX)
    for name in ("assesses", "output", "developed_on", "who_may_use"):
        value = getattr(t, name)
        if isinstance(value, str) and PERCENT.search(value):
            c.at(t, t.id, name, "a percentage typed by hand; add it as a figure record (under 'figures', with "
                 "its sample and follow-up) so that it is shown as 'N in 100' with its context.")
    for name in ("does_not_tell", "strengths", "limitations", "questions"):
        for i, x in enumerate(getattr(t, name)):
            if PERCENT.search(x):
                c.at(t, t.id, f"{name}[{i}]", "a percentage typed by hand; add it as a figure record (under "
                     "'figures') so that it is shown as 'N in 100' with its context.")
    for name in m.Tool.model_fields:
        value = getattr(t, name)
        if isinstance(value, m.NotKnown) and len(value.not_known) <= 10:
            c.at(t, t.id, name, "not_known needs a reason of more than a few words: say why the sources do not give it.")
        elif name not in _TOOL_OPTIONAL and value in (None, "", []):
            c.at(t, t.id, name, "this section is empty. Fill it, or write not_known: with the reason it is not known.")
