"""Models of the site-wide files: site.yaml, sources, recommendations, glossary, style."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from .base import Basis, CalVer, Cite, Normative, RecNumber, Slug, Sources, Strict, Text, YearText

# ---------------------------------------------------------------- site and sources


class SiteInfo(Strict):
    title: Text
    version: CalVer
    version_date: dt.date
    publisher: Text
    report_problem_to: Annotated[str, StringConstraints(pattern=r"^(mailto:\S+@\S+|https?://\S+)$")] | None = None
    section_status: dict[str, Text] = Field(default_factory=dict, description="top folder ('' for the rest) -> status line")


SOURCE_KINDS = ("legislation", "guidance", "inspection", "standard", "research", "tool-manual", "local", "secondary")


# In force: whether a provision of law or a piece of guidance applies today (shown beside the items resting on it)
IN_FORCE_STATES = ("in force", "not yet in force", "never commenced", "superseded", "unconfirmed")
# sources of these kinds must say whether they are in force when a step, standard or fact rests on them
IN_FORCE_KINDS = ("legislation", "guidance")


class InForce(Strict):
    """Whether a law or guidance is in force: in force (since), not yet in force, never commenced,
    superseded (by which source), or unconfirmed (the sources read do not settle it)."""

    state: Literal[IN_FORCE_STATES]  # type: ignore[valid-type]
    since: YearText | None = Field(None, description="in force: from when, as precisely as the sources allow")
    by: Slug | None = Field(None, description="superseded: the source id of what replaced it")
    note: Text | None = None

    @model_validator(mode="after")
    def _fields_fit_the_state(self):
        if self.state == "superseded" and not self.by:
            raise ValueError("a superseded source needs 'by': the source id of what replaced it")
        if self.state != "superseded" and self.by:
            raise ValueError("'by' goes only with state 'superseded'")
        if self.since and self.state != "in force":
            raise ValueError("'since' goes only with state 'in force'")
        return self


APPLIES_NOW_STATES = ("yes", "not confirmed", "no")
# who can settle a rule the national text read here does not settle (see guidance/data/status.py ASKERS)
ASK_WHO = ("coordinator", "oversight-group", "rma", "tribunal", "solicitor", "restricted-patients-team")


def _yes_no(value):
    """YAML reads a bare yes/no as true/false: take them as the words an editor typed."""
    return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


class AppliesNow(Strict):
    """What applies now, said by the item itself where its sources' status does not settle it: yes, not
    confirmed (with what the old guidance said or whom to ask), or no (with what replaced it)."""

    # the published schema takes a bare yes/no too (a YAML reader hands an editor's tool true/false)
    state: Annotated[Literal[APPLIES_NOW_STATES],  # type: ignore[valid-type]
                     BeforeValidator(_yes_no, json_schema_input_type=Literal[APPLIES_NOW_STATES] | bool)]  # type: ignore[valid-type]
    note: Text | None = Field(None, description="one plain clause: what is known, or what to do (shown after a dash)")
    replaced_by: Slug | None = Field(None, description="no: the id of the step, standard, fact or source that replaced it")
    ask: Literal[ASK_WHO] | None = Field(  # type: ignore[valid-type]
        None, description="not confirmed: who can settle it (coordinator, oversight-group, rma, tribunal, solicitor, "
        "restricted-patients-team); "
        "by default worked out from the rule's sources and actor")

    @model_validator(mode="after")
    def _fields_fit_the_state(self):
        if self.state == "no" and not (self.replaced_by or self.note):
            raise ValueError("'no' needs replaced_by (what replaced it) or a note saying what applies instead")
        if self.state != "no" and self.replaced_by:
            raise ValueError("'replaced_by' goes only with state 'no'")
        if self.state == "not confirmed" and not self.note:
            raise ValueError("'not confirmed' needs a note: what the old text said, or what to check, and with whom")
        return self


class Source(Strict):
    id: Slug
    title: Text
    publisher: Text
    date: YearText = Field(description="as precise as the source allows (a year such as 2016 is fine); 'undated' if none")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    kind: Literal[SOURCE_KINDS]  # type: ignore[valid-type]
    note: Text | None = None
    in_force: InForce | None = Field(None, description="legislation and guidance: whether it applies today")


# ---------------------------------------------------------------- recommendations

RecStatus = Literal["answered", "partly answered", "not addressed"]


class Recommendation(Strict):
    number: RecNumber
    title: Text = Field(description="short plain title written by the site")
    text: Text = Field(description="exact text of the 2009 report")
    addressed_to: Annotated[list[Text], Field(min_length=1)]
    primary: bool = False
    status: RecStatus
    status_note: Text | None = Field(
        default=None, description="required unless answered: what is missing and why"
    )

    @property
    def id(self) -> str:
        return f"REC-{self.number:02d}"

    @model_validator(mode="after")
    def _note_when_not_answered(self):
        if self.status != "answered" and not self.status_note:
            raise ValueError(f"status '{self.status}' needs a status_note saying why")
        return self


class ReportInfo(Strict):
    title: Text
    published: dt.date
    bodies: Annotated[list[Text], Field(min_length=1)]
    source: Cite


class RecommendationsFile(Strict):
    report: ReportInfo
    recommendations: Annotated[list[Recommendation], Field(min_length=1)]


# ---------------------------------------------------------------- glossary and style


class Concept(Strict):
    """A concept the guidance relies on (not an abbreviation): one sentence of meaning, with its source."""

    term: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9 \-]*[A-Za-z0-9]$")] = Field(
        description="the words as the pages use them, e.g. 'lead authority'")
    meaning: Text = Field(description="one sentence, in plain words")
    sources: Sources

    @property
    def id(self) -> str:
        return "TERM-" + re.sub(r"[^A-Z0-9]+", "-", self.term.upper()).strip("-")

    @model_validator(mode="after")
    def _one_sentence(self):
        if len(re.findall(r"[.!?](?:\s|$)", self.meaning)) > 1:
            raise ValueError("meaning must be one sentence; put more detail on the page that uses the term")
        return self


def _glossary_kind(value) -> str:
    if isinstance(value, dict):
        return "concept entry" if "term" in value else "abbreviation entry"
    return "concept entry" if isinstance(value, Concept) else "abbreviation entry"


class Term(Strict):
    abbr: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9/&\-]*$")]
    expansion: Text
    definition: Text
    sources: list[Cite] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return "TERM-" + re.sub(r"[^A-Z0-9]+", "-", self.abbr.upper()).strip("-")


GlossaryEntry = Annotated[
    Annotated[Term, Tag("abbreviation entry")] | Annotated[Concept, Tag("concept entry")], Discriminator(_glossary_kind)
]


class BasisLimit(Strict):
    """A basis a normative word may rest on only for some readers, named by words the rule must hold."""

    basis: Basis
    rule_names: Text = Field(description="words the step or standard must hold, e.g. 'Risk Assessment Report'")
    why: Text = Field(description="why the basis binds only these readers, said to the editor")


class NormativeWord(Strict):
    word: Normative
    meaning: Text
    bases: Annotated[list[Basis], Field(min_length=1)] = Field(
        description="what a rule using this word may rest on (its basis); make check refuses any other")
    limits: list[BasisLimit] = Field(default_factory=list)


class StyleRules(Strict):
    normative_words: Annotated[list[NormativeWord], Field(min_length=4)]
    banned_phrases: Annotated[list[Text], Field(min_length=5)]
    allowed_names: list[Text] = Field(default_factory=list, description="proper names exempt from the banned list")
    meta_phrases: list[Text] = Field(
        default_factory=list, description="notes about the page itself that must not reach readers")
    max_step_words: int = Field(ge=10, le=40)
    min_reading_ease: float = Field(ge=0, le=100)
