"""Typed models for every kind of record in data/.

Rules that hold for every model:
- unknown fields are rejected (a typo in a field name is an error, not silently ignored);
- text is plain text: it is HTML-escaped when rendered and never run as a template;
- every record that states a fact names its sources (ids from data/sources/*.yaml);
- ids follow a fixed pattern so they can be said aloud, searched and linked for ever.

Cross-record checks (does this source id exist? does this role exist?) live in checks.py,
because they need the whole data set.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

# ---------------------------------------------------------------- basics

_TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
_TAG = re.compile(r"<\s*[A-Za-z!/?]")


def _plain_text(value: str) -> str:
    """Data text is plain text: template syntax and HTML tags are refused with a clear message."""
    if _TEMPLATE.search(value):
        raise ValueError(
            "template syntax ('{{', '{%', '{#') is not allowed in data text; data is never run as a "
            "template. Write the words without braces"
        )
    if _TAG.search(value):
        raise ValueError("HTML tags are not allowed in data text; write plain words (it is shown as plain text)")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain_text)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
CalVer = Annotated[str, StringConstraints(pattern=r"^\d{4}\.\d{1,2}\.\d+$")]
RecNumber = Annotated[int, Field(ge=1, le=19)]

Normative = Literal["must", "must not", "should", "should not", "may"]
# what a normative item rests on, so a reader can tell a legal duty from a research finding
BASIS_KINDS = (
    "statute", "national guidance", "RMA standard", "research finding", "local practice", "site recommendation",
)
Basis = Literal[BASIS_KINDS]  # type: ignore[valid-type]
OffenceType = Literal["sexual", "violent"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _source_shorthand(value):
    """Allow `sources: [mappa-2016]` or `[{id: mappa-2016, at: "para 4.4"}]`."""
    if isinstance(value, str):
        return {"id": value}
    return value


class SourceRef(Strict):
    """A pointer to a source in data/sources/*.yaml, with an optional place in it."""

    id: Slug
    at: Text | None = Field(default=None, description="page, paragraph or section")


Cite = Annotated[SourceRef, BeforeValidator(_source_shorthand)]
Sources = Annotated[list[Cite], Field(min_length=1)]


class NotKnown(Strict):
    """An explicit gap: the site says plainly that the sources do not give this."""

    not_known: Text = Field(description="why it is not known, in plain words")


MaybeText = Text | NotKnown


class HistoryEntry(Strict):
    version: CalVer
    date: dt.date
    change: Text
    normative: bool = Field(
        default=False, description="true when the meaning of a duty or statement changed"
    )


class Review(Strict):
    owner: Text = Field(description="team or role that owns this content")
    last_reviewed: dt.date
    review_due: dt.date

    @model_validator(mode="after")
    def _due_after_review(self):
        if self.review_due <= self.last_reviewed:
            raise ValueError("review_due must be later than last_reviewed")
        return self


class Governed(Strict):
    """Common fields for citable records: review and change history."""

    review: Review
    history: Annotated[list[HistoryEntry], Field(min_length=1)]


# ---------------------------------------------------------------- site and sources


class SiteInfo(Strict):
    title: Text
    version: CalVer
    version_date: dt.date
    publisher: Text
    public_url: str = Field(
        description="the public address of the site (https, ending with /), set once: every citation, printed "
        "link, PDF and handout uses it. A host ending in .invalid marks a placeholder (the build says so)",
    )

    @field_validator("public_url")
    @classmethod
    def _public_address(cls, v: str) -> str:
        if not re.fullmatch(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?/(?:[^\s?#]*/)?", v):
            raise ValueError(
                "public_url must be the site's full public address: https://, a host name, and a final /, "
                "for example https://guidance.example.invalid/ (a placeholder) or https://www.example.scot/guidance/"
            )
        return v

    @property
    def public_url_is_placeholder(self) -> bool:
        return self.public_url.split("/")[2].split(":")[0].endswith(".invalid")
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
    since: Text | None = Field(None, description="in force: from when, as precisely as the sources allow")
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


class Source(Strict):
    id: Slug
    title: Text
    publisher: Text
    date: Text = Field(description="as precise as the source allows; 'undated' if none")
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
        return "concept" if "term" in value else "abbr"
    return "concept" if isinstance(value, Concept) else "abbr"


class Term(Strict):
    abbr: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9/&\-]*$")]
    expansion: Text
    definition: Text
    sources: list[Cite] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return "TERM-" + re.sub(r"[^A-Z0-9]+", "-", self.abbr.upper()).strip("-")


GlossaryEntry = Annotated[
    Annotated[Term, Tag("abbr")] | Annotated[Concept, Tag("concept")], Discriminator(_glossary_kind)
]


class NormativeWord(Strict):
    word: Normative
    meaning: Text


class StyleRules(Strict):
    normative_words: Annotated[list[NormativeWord], Field(min_length=4)]
    banned_phrases: Annotated[list[Text], Field(min_length=5)]
    allowed_names: list[Text] = Field(default_factory=list, description="proper names exempt from the banned list")
    max_step_words: int = Field(ge=10, le=40)
    min_reading_ease: float = Field(ge=0, le=100)


# ---------------------------------------------------------------- MAPPA

MAPPA_STEP_ID = r"^MAPPA-(ID|LV|PM|MT|EX)-\d{2}$"
# the code in a step id for each stage: MAPPA-MT-01 is a step of the stage 'meeting'
STAGE_CODES = {"identification": "ID", "level-referral": "LV", "pre-meeting": "PM", "meeting": "MT", "exit": "EX"}


class Role(Strict):
    id: Slug
    name: Text
    agency: Text
    description: Text
    sources: Sources


class Category(Strict):
    id: Slug
    name: Text
    short: Text
    legal_basis: Text
    entry_criteria: Annotated[list[Text], Field(min_length=1)]
    levels: Annotated[list[int], Field(min_length=1)]
    note: Text | None = None
    sources: Sources


class Level(Strict):
    number: int = Field(ge=1, le=3)
    name: Text
    description: Text
    sources: Sources


class TimeLimit(Strict):
    """A time limit stated for a stage, with its status; shown in the stage's "Time limits" box."""

    text: Text
    status: Literal["confirmed", "unconfirmed"]
    sources: Sources


class GuidePoint(Strict):
    text: Text
    sources: Sources


class StageGuide(Strict):
    """A short box near the top of a stage page answering a reader's question from the sources."""

    title: Text
    points: Annotated[list[GuidePoint], Field(min_length=1)]
    steps: list[Annotated[str, StringConstraints(pattern=MAPPA_STEP_ID)]] = Field(default_factory=list)
    unknown: Text = Field(description="what could not be checked, and whom to ask")


class Stage(Strict):
    number: int = Field(ge=1, le=5)
    id: Slug
    name: Text
    summary: Text
    sources: Sources
    time_limits: list[TimeLimit] = Field(
        default_factory=list, description="time limits stated for the stage outside any step (e.g. unconfirmed ones)")
    guide: StageGuide | None = None


class SharedRole(Strict):
    """A role an agency fills in some cases: its steps then appear on the agency's page."""

    role: Slug = Field(description="role id, e.g. lead-authority or responsible-authorities")
    categories: Annotated[list[Slug], Field(min_length=1)] = Field(description="the cases in which the agency fills it")
    when: Text = Field(description="when the agency fills this role, in plain words")
    sources: Sources


class MappaAgency(Strict):
    """An agency whose staff read the guidance for their own duties (one page each)."""

    id: Slug
    name: Text
    staff: Text = Field(description="who at the agency the page is for, e.g. 'police offender managers'")
    roles: Annotated[list[Slug], Field(min_length=1)] = Field(description="roles whose steps are this agency's own")
    shared: list[SharedRole] = Field(default_factory=list)


class MappaDocument(Strict):
    id: Slug
    number: Text
    name: Text
    purpose: Text
    sources: Sources


class When(Strict):
    kind: Literal["trigger", "timescale"]
    text: Text = Field(description="the event that starts the step, or the time limit")
    confirmed: bool = Field(
        default=True,
        description="false when the only source is an unverified copy; shown as unconfirmed",
    )


def _action_heading(value: str) -> str:
    if re.search(r"MAPPA-[A-Z]{2}-\d", value):
        raise ValueError("the heading names the action in plain words, not the step id")
    if len(value.split()) > 12 or not value[0].isupper():
        raise ValueError("the heading is a short verb phrase (at most 12 words) starting with a capital letter")
    return value


class Step(Governed):
    id: Annotated[str, StringConstraints(pattern=MAPPA_STEP_ID)]
    heading: Annotated[Text, AfterValidator(_action_heading)] = Field(
        description="the action in a few plain words, a verb phrase: 'Send the referral to the co-ordinator'")
    stage: Slug
    order: int = Field(ge=1)
    categories: Annotated[list[Slug], Field(min_length=1)]
    actor: Slug = Field(description="role id from data/mappa/roles.yaml")
    normative: Normative
    basis: Basis = Field(description="what the duty rests on: statute, national guidance, RMA standard, ...")
    in_force: InForce | None = Field(None, description="only where this item's force differs from its sources'")
    action: Text = Field(description="what the actor does; plain, active, starts with a verb")
    when: When
    documents: list[Slug] = Field(default_factory=list)
    note: Text | None = None
    sources: Sources
    recommendations: Annotated[list[RecNumber], Field(min_length=1)]


class Gap(Strict):
    """Where sources are silent or disagree: said plainly on the page."""

    id: Slug
    topic: Text
    kind: Literal["silent", "conflict", "unconfirmed"]
    statement: Text
    pages: Annotated[list[Text], Field(min_length=1, description="doc paths that show it")]
    sources: Sources


class Fact(Strict):
    """A sourced fact shown on a hand-written page through a macro."""

    id: Slug
    topic: Slug
    text: Text
    sources: Sources
    in_force: InForce | None = Field(None, description="only where the fact's own provision differs from its source")


class MappaFile(Strict):
    agencies: list[MappaAgency] = Field(default_factory=list)
    roles: list[Role]
    categories: list[Category]
    levels: list[Level]
    stages: list[Stage]
    documents: list[MappaDocument]


# ---------------------------------------------------------------- standards


class StandardArea(Strict):
    id: Slug
    title: Text
    intro: Text


class Standard(Governed):
    id: Annotated[str, StringConstraints(pattern=r"^RAS-\d{2}$")]
    area: Slug
    title: Text
    statement: Text = Field(description="one sentence with exactly one normative word")
    normative: Normative
    basis: Basis = Field(description="what the standard rests on: statute, national guidance, RMA standard, ...")
    in_force: InForce | None = Field(None, description="only where this item's force differs from its sources'")
    wording: Literal["site", "source"] = Field(
        description="'site' = our own words; 'source' = the source's wording, quoted"
    )
    applies_to: Annotated[list[OffenceType], Field(min_length=1)]
    applies_to_reason: Text | None = None
    rationale: Text
    evidence: Annotated[list[Text], Field(min_length=1)]
    mappa_steps: list[Annotated[str, StringConstraints(pattern=MAPPA_STEP_ID)]] = Field(default_factory=list)
    tools: list[Annotated[str, StringConstraints(pattern=r"^TOOL-[A-Z0-9-]+$")]] = Field(default_factory=list)
    sources: Sources
    recommendations: Annotated[list[RecNumber], Field(min_length=1)]

    @model_validator(mode="after")
    def _one_type_needs_reason(self):
        if len(set(self.applies_to)) < 2 and not self.applies_to_reason:
            raise ValueError("applies_to names one offence type only: give applies_to_reason")
        return self


class StandardsFile(Strict):
    areas: Annotated[list[StandardArea], Field(min_length=1)]
    standards: Annotated[list[Standard], Field(min_length=1)]


# ---------------------------------------------------------------- tools

ToolType = Literal[
    "actuarial", "structured professional judgement", "dynamic", "risk and need", "clinical rating scale", "assessment framework"
]
Agency = Literal["police", "justice social work", "prison service", "health", "RMA-accredited assessors", "none in Scotland"]
Decision = Literal["mappa", "jswr", "rar", "parole", "icm"]
Population = Literal[
    "women", "young people", "learning disability", "minority ethnic groups", "online offending", "people with no conviction", "adults"
]


class Figure(Strict):
    """A published rate: always shown as 'N in 100' and a percentage, with context."""

    id: Slug
    describes: Text = Field(description="what group the rate is for")
    percent: float = Field(ge=0, le=100)
    interval: tuple[float, float] | None = Field(default=None, description="as published")
    outcome: Text
    follow_up: Text
    sample: Text
    base_rate: bool = Field(default=False, description="true if this is the whole-sample rate")
    sources: Sources

    @model_validator(mode="after")
    def _interval_brackets(self):
        if self.interval and not (self.interval[0] <= self.percent <= self.interval[1]):
            raise ValueError("interval must contain percent")
        return self


class Band(Strict):
    label: Text
    meaning: Text = Field(description="what the band means, in plain words")
    figure: Slug | None = Field(default=None, description="id of a figure on this tool")
    shared_scale: Text | NotKnown = Field(
        default_factory=lambda: NotKnown(not_known="not placed on a shared scale in the sources used")
    )
    tells_you: Text | None = Field(
        default=None, description="what this band tells the reader; overrides the tool's band_reading"
    )
    does_not_tell_you: Text | None = Field(
        default=None, description="what this band does not tell the reader; overrides the tool's band_reading"
    )


class BandReading(Strict):
    """The fixed pair shown beside every band of a tool: what a band tells you and what it does not."""

    tells_you: Text
    does_not_tell_you: Text


class NotValidated(Strict):
    group: Population
    note: Text


class ScottishUse(Strict):
    agency: Agency
    when: Text


class ValidationStatus(Strict):
    scotland_or_uk: Text | NotKnown
    rated: Literal["validated", "awaiting validation", "not listed", "not known"]
    rated_note: Text | None = None


class Tool(Governed):
    id: Annotated[str, StringConstraints(pattern=r"^TOOL-[A-Z0-9-]+$")]
    abbr: Text
    name: Text
    comparator: bool = Field(default=False, description="England and Wales comparator, not used in Scotland")
    type: ToolType
    authors: MaybeText
    year: MaybeText
    assesses: Text = Field(description="the outcome it estimates or structures")
    follow_up: MaybeText
    does_not_tell: Annotated[list[Text], Field(min_length=1)]
    developed_on: MaybeText
    not_validated_for: list[NotValidated] | NotKnown
    also_see_groups: list[Population] = Field(
        default_factory=list,
        description="groups the tool covers, but whose assessment the bench guide discusses (e.g. women for LS/CMI)",
    )
    output: Text
    bands: list[Band] | NotKnown
    band_reading: BandReading | None = Field(
        default=None, description="what any band of this tool tells you and does not; a plain default is used if left out"
    )
    figures: list[Figure] = Field(default_factory=list)
    who_may_use: MaybeText
    used_in_scotland: list[ScottishUse] | NotKnown
    decisions: list[Decision] = Field(default_factory=list)
    validation: ValidationStatus
    caution_basis: Basis = Field(
        default="research finding", description="what the cautions in the 'Read this first' box rest on"
    )
    strengths: Annotated[list[Text], Field(min_length=1)]
    limitations: Annotated[list[Text], Field(min_length=1)]
    questions: Annotated[list[Text], Field(min_length=1)] = Field(
        description="questions a court can ask about an assessment that used this tool"
    )
    sources: Sources
    recommendations: Annotated[list[RecNumber], Field(min_length=1)]


class BenchQuestion(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^Q-\d{2}$")]
    question: Text
    why: Text
    tool_field: Literal[
        "assesses", "follow_up", "developed_on", "not_validated_for", "bands", "base_rate", "intervals", "who_may_use",
        "validation", "does_not_tell", "used_in_scotland", "decisions", "none",
    ] = Field(
        description="the tool field that truly answers part of the question, or 'none'. A field that only "
        "looks related (the tool's type, its general limitations) does not answer a question: use 'none'"
    )
    report_must_supply: Text
    sources: Sources


class BaseRateExample(Strict):
    """Numbers for the worked base-rate example; illustrative values are labelled so."""

    people: int = Field(ge=10, le=1000)
    reoffend: int = Field(ge=0)
    flagged_who_reoffend: int = Field(ge=0)
    flagged_who_do_not: int = Field(ge=0)
    illustrative: bool
    explanation: Text
    base_rate_figure: Slug = Field(description="tool figure id that gives the base rate")
    sources: Sources

    @model_validator(mode="after")
    def _consistent(self):
        if self.reoffend > self.people:
            raise ValueError("reoffend cannot exceed people")
        if self.flagged_who_reoffend > self.reoffend:
            raise ValueError("flagged_who_reoffend cannot exceed reoffend")
        if self.flagged_who_do_not > self.people - self.reoffend:
            raise ValueError("flagged_who_do_not cannot exceed the people who do not reoffend")
        return self


class JudiciaryFile(Strict):
    questions: Annotated[list[BenchQuestion], Field(min_length=12)]
    base_rate_example: BaseRateExample


# ---------------------------------------------------------------- training


class PathItem(Strict):
    id: Text = Field(description="any published id, e.g. MAPPA-ID-01, RAS-03, TOOL-RM2000, REC-05")
    outcome: Text = Field(description="what the learner can do after reading it")
    minutes: int = Field(ge=1, le=120)


class TrainingPath(Strict):
    id: Slug
    title: Text
    audience: Text
    items: Annotated[list[PathItem], Field(min_length=2)]


# ---------------------------------------------------------------- pages


class PageMeta(Strict):
    """Front matter every page in docs/ must carry."""

    title: Text
    answers: Annotated[list[RecNumber], Field(min_length=1)] | Literal["none"]
    answers_note: Text | None = Field(default=None, description="required when answers is 'none'")
    audience: list[Literal["practitioners", "judiciary", "trainers", "editors", "everyone"]] = Field(min_length=1)
    id: Annotated[str, StringConstraints(pattern=r"^PAGE-[A-Z0-9-]+$")]
    review: Review
    readability: bool = Field(default=False, description="true for practitioner pages held to the reading-ease floor")
    description: Text | None = None
    # keys that MkDocs and Material themselves understand
    hide: list[Literal["navigation", "toc", "footer"]] = Field(default_factory=list)
    search: dict | None = None
    render_macros: bool | None = None

    @model_validator(mode="after")
    def _none_needs_note(self):
        if self.answers == "none" and not self.answers_note:
            raise ValueError("answers is 'none': give answers_note saying why the page answers no recommendation")
        return self


# ---------------------------------------------------------------- search (data/search.yaml)


SearchWords = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80), AfterValidator(_plain_text)]
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")]


class SearchSynonym(Strict):
    """Words readers type for the page or item with this permanent ID."""

    id: ItemId
    words: Annotated[list[SearchWords], Field(min_length=1)]


class SearchBestBet(Strict):
    """A question readers ask often, and the page or item that must come first for it."""

    query: SearchWords
    id: ItemId


class SearchFile(Strict):
    synonyms: list[SearchSynonym] = Field(default_factory=list)
    best_bets: list[SearchBestBet] = Field(default_factory=list)
    boost: dict[ItemId, Annotated[float, Field(gt=0, le=10)]] = Field(default_factory=dict)
    exclude: list[ItemId] = Field(default_factory=list)
