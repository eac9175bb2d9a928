"""Models of the risk-assessment standards, the tool records and the bench's questions."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from .base import (
    Basis,
    Governed,
    MaybeText,
    Normative,
    NotKnown,
    OffenceType,
    RecNumber,
    Slug,
    Sources,
    Strict,
    Text,
    YearText,
)
from .mappa import MAPPA_STEP_ID
from .site import AppliesNow, InForce

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
    applies_now: AppliesNow | None = Field(None, description="what applies now, where its sources' status does not settle it")
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
    "women", "young people", "people under 16", "learning disability", "minority ethnic groups", "online offending",
    "people with no conviction", "adults",
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
    basis: Literal["not built for", "no evidence found"] = Field(
        default="not built for",
        description="'not built for': a source says the tool was not built, or is not valid, for this group "
        "(shown under 'Not validated for'). 'no evidence found': the sources held give no evidence either way "
        "(shown apart, as what was searched and not found, never as a finding)",
    )


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
    year: YearText | NotKnown
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
    output_kind: Literal["percentage", "label", "score", "judgement"] = Field(
        default="label", description="what the output is: a percentage is read as a percentage, a label as a label")
    bands: list[Band] | NotKnown
    band_reading: BandReading | None = Field(
        default=None, description="what any band of this tool tells you and does not; a plain default is used if left out"
    )
    figures: list[Figure] = Field(default_factory=list)
    band_rates_note: Text | None = Field(
        default=None,
        description="where no band has a figure here: what the sources say about rates for the bands, in place of "
        "the plain 'no published reoffending rates for these bands in the sources held' (for example when a "
        "manual publishes rates that were not read)",
    )
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
