"""Sentences that stand alone: faults a reader hears when a sentence is read out of its list.

Used on data text (guidance/data/rules.py) and on the text of generated pages (guidance/generated_text.py),
so `make check` refuses them wherever they come from:

- a "tells you / does not tell you" item opening with a bare "That <noun phrase>" (it reads as a
  statement out of its list: "That risk of serious harm is low."); write "Whether ..." instead;
- an article in capitals run on inside a sentence ("every step that The local council takes");
- a note about the page itself shown to readers (style.yaml meta_phrases).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_BARE_THAT = re.compile(r"^\s*that\s+(?!is\b|was\b|means\b|needs\b)", re.I)
# a lower-case word, or a comma, then The/A/An in capitals and a lower-case word: a name joined mid-sentence
# (not after ';': citations of titles are joined with it, and a title keeps its capitals)
_CAPITAL_ARTICLE = re.compile(r"(?<=[a-z,]) (The|A|An) (?=[a-z(])")


def bare_that(item: str) -> bool:
    """True when a tells-you/does-not-tell-you item opens with 'That <noun phrase>'."""
    return bool(_BARE_THAT.match(item))


def capital_articles(text: str) -> list[str]:
    """Each 'The/A/An' in capitals run on mid-sentence, with a few words around it."""
    return [text[max(0, m.start() - 25): m.end() + 20].strip() for m in _CAPITAL_ARTICLE.finditer(text)]


def meta_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    low = " ".join(text.split()).lower()
    return [p for p in phrases if p.lower() in low]


BARE_THAT_FIX = ("opens with a bare 'That ...', which reads as a statement when the item is read on its own "
                 "('That risk is low.'). Write 'Whether ...' (for example 'Whether risk of serious harm is low.'), "
                 "so that it reads 'It does not tell you whether ...'.")
CAPITAL_ARTICLE_FIX = ("has an article in capitals run on inside a sentence ({found}). Write the name as it reads "
                       "mid-sentence, in lower case ('the local council'), or start a new sentence.")
META_FIX = ("speaks about the page itself ({found}); readers need the fact, not a note on where the page says it. "
            "Say the fact, or leave it out.")


# ------------------------------------------------------------------ sentences checked against their page (issue 31)

# words an action cannot start with: the step sentence is "<who> <must/should/may> <action>", and its
# heading is the action, so the action opens with what the actor does (a verb), never a condition or a subject
NOT_A_VERB = frozenset(
    "a an the this that these those their his her its my our your when whenever if unless once before after while "
    "within during until at on in by as where whether to for from with without each every all any some no not it they "
    "he she we you i there here should must may will can could would shall might only also then".split())

ACTION_VERB_FIX = ("The step reads '{who} {word} {action}', and its heading is built from the action, so the action "
                   "must open with what the actor does: a verb, such as 'Ask everyone present ... when the meeting opens'. "
                   "Move '{first}...' after the verb, or into 'when'.")


def opening_not_a_verb(action: str) -> str | None:
    """The first word of an action when it cannot be the verb the step sentence and heading need."""
    words = action.split()
    first = words[0].strip(",;:") if words else ""
    return first if first.lower() in NOT_A_VERB or not first.isalpha() else None


# a modal run on into a clause: "should when the meeting opens, ask ..."
_MODAL_RUN_ON = re.compile(r"\b(must|should|may)(?: not)? (when|whenever|if|unless|once|before|after|while|within|"
                           r"the|a|an|this|that|at|on|by|where)\b(?! is\b)", re.I)


def modal_run_on(sentence: str) -> str | None:
    m = _MODAL_RUN_ON.search(sentence)
    return sentence[max(0, m.start() - 30): m.end() + 30].strip() if m else None


# what was searched and not found: an absence of a source, not a research finding
ABSENCE = re.compile(
    r"\bnone (?:was |were )?found\b|\bnot found in the sources\b|\bno (?:study|studies|evidence|validation|data|rates?|"
    r"published rates?)\b[^.]*\b(?:found|held|located|identified|in the sources)\b|\bthe sources (?:held|used) "
    r"(?:do not|did not|give no|show no|hold no)\b|\bsources used show no\b", re.I)


ABSENCE_AS_FINDING_FIX = ("states as a research finding what is only the absence of a source ('{found}'). Say it as "
                          "what was searched ('We found no study of ... in the sources held') with no 'research "
                          "finding' label: give it the basis of what the site checked, or move it under 'What we could "
                          "not find'.")
NOT_VALIDATED_FIX = ("'Not validated for' is for a group a source says the tool was not built for or not valid for; "
                     "'{found}' says only that no evidence was found. Keep the two apart: move it to a limitation "
                     "saying what was searched, or name the source that sets the limit.")

# a title with two bracketed parts in a row: "Offender Assessment System (England and Wales) (OASys)"
_DOUBLE_BRACKETS = re.compile(r"\([^()]*\)\s*\([^()]*\)")


def doubled_brackets(title: str) -> str | None:
    m = _DOUBLE_BRACKETS.search(title)
    return m.group(0) if m else None


DOUBLE_BRACKETS_FIX = ("has two bracketed parts in a row ({found}). Keep one: put the place in the name "
                       "('the England and Wales Offender Assessment System (OASys)') or say it in the text.")

# 'must' spoken of as a word (defining it, quoting it), not used as a duty
_MUST_AS_WORD = re.compile(r"[\"'“‘][Mm]ust(?: not)?[\"'”’]|\bMUST\b|(?i:\bmust, should\b|\bword:? must\b|"
                           r"\bmust and must not\b|\bmust or should\b|\bmust not, should\b|\bmust (?:marks|means|is|names|says)\b)")
_MUST = re.compile(r"\b(?:must|Must)\b")


def stray_must(sentence: str, allowed: Iterable[str]) -> bool:
    """True when a sentence says 'must' as a duty that is not a rule (step or standard) resting on a basis
    its meaning allows (data/style.yaml): those are listed in `allowed`, as their own words."""
    if not _MUST.search(sentence) or not _MUST.search(_MUST_AS_WORD.sub("", sentence)):
        return False
    low = " ".join(sentence.split()).lower()
    return not any(a in low for a in allowed)


STRAY_MUST_FIX = ("says 'must', which on this site means a duty set by law, statutory guidance or a binding standard "
                  "(data/style.yaml). This sentence is not such a rule. Say what the reader needs without a duty word "
                  "('What to look for in the report'), or use 'should' with its basis.")


# facts a page states twice: where it was developed, and when it was first built and first used
_COUNTRY_STATED = re.compile(r"\b(?:developed|built|designed|normed)\b(?: \w+){0,4}? (?:in|for) (?:use in )?(?:the )?"
                             r"(UK|USA|[A-Z][a-z]+(?: [A-Z][a-z]+)*)\b")
_COUNTRY_NOT_STATED = re.compile(r"\bcountry (?:is|was) not (?:stated|given|named)\b|\bdo(?:es)? not (?:say|state) "
                                 r"(?:where it was developed|which country|the country)\b", re.I)
_FIRST_BUILT = re.compile(r"\b((?:19|20)\d\d)\)? (?:built|developed|devised|created|published) the first\b|"
                          r"\bfirst (?:version|built|developed|devised|published)\b[^.]{0,40}?\b((?:19|20)\d\d)\b")
_USED_SINCE = re.compile(r"\b(?:used|in use|using it|uses it)\b[^.]{0,80}?\bsince ((?:19|20)\d\d)\b", re.I)


def country_contradiction(sentences: list[str]) -> tuple[str, str] | None:
    """(a sentence naming where it was developed, one saying the country is not stated), or None."""
    stated = next((s for s in sentences if _COUNTRY_STATED.search(s)), None)
    unstated = next((s for s in sentences if _COUNTRY_NOT_STATED.search(s)), None)
    return (stated, unstated) if stated and unstated else None


def year_contradiction(sentences: list[str]) -> tuple[str, str] | None:
    """(a sentence with the year it was first built, one saying it was used before that year), or None."""
    built = [(int(next(g for g in m.groups() if g)), s) for s in sentences for m in _FIRST_BUILT.finditer(s)]
    used = [(int(m.group(1)), s) for s in sentences for m in _USED_SINCE.finditer(s)]
    if not built or not used:
        return None
    (b, bs), (u, us) = min(built), min(used)
    return (bs, us) if u < b else None
