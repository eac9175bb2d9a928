"""Models of the MAPPA files: structure.yaml (roles, groups, levels, stages, agencies), steps, gaps and facts."""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
)

from .base import Basis, Governed, Normative, RecNumber, Slug, Sources, Strict, Text
from .site import AppliesNow, InForce

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


class SeeAlso(Strict):
    """A hand-written page that answers a question the generated page does not, linked from it."""

    id: Text = Field(description="the page's id, e.g. PAGE-MAPPA-MOVES (the 'id' at the top of the page)")
    why: Text = Field(description="what the reader finds there, in a few words, e.g. 'what the law requires of the person when they move'")


class Category(Strict):
    id: Slug
    name: Text
    short: Text
    legal_basis: Text
    entry_criteria: Annotated[list[Text], Field(min_length=1)]
    levels: Annotated[list[int], Field(min_length=1)]
    note: Text | None = None
    see_also: list[SeeAlso] = Field(default_factory=list)
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
    in_sentence: Text | None = Field(None, description="the name as it reads inside a sentence, e.g. 'health boards' "
                                     "(left out: the name, with a leading 'The' in lower case)")
    plural: bool = Field(False, description="true when the name is plural ('health boards take')")
    staff: Text = Field(description="who at the agency the page is for, e.g. 'police offender managers'")
    roles: Annotated[list[Slug], Field(min_length=1)] = Field(description="roles whose steps are this agency's own")
    shared: list[SharedRole] = Field(default_factory=list)
    see_also: list[SeeAlso] = Field(default_factory=list)


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
    categories_why: Text | None = Field(None, description="why the step covers only these categories, where a "
                                        "reader would expect more; shown beside the categories on agency pages")
    actor: Slug = Field(description="role id from the roles in data/mappa/structure.yaml")
    normative: Normative
    basis: Basis = Field(description="what the duty rests on: statute, national guidance, RMA standard, ...")
    in_force: InForce | None = Field(None, description="only where this item's force differs from its sources'")
    applies_now: AppliesNow | None = Field(None, description="what applies now, where its sources' status does not settle it")
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
    name: Text | None = Field(None, description="a short name for lists such as 'What this page cannot tell you', "
                              "where the fact's opening words would not read well there")
    sources: Sources
    in_force: InForce | None = Field(None, description="only where the fact's own provision differs from its source")
    applies_now: AppliesNow | None = Field(None, description="what applies now, where its sources' status does not settle it")


class MappaFile(Strict):
    agencies: list[MappaAgency] = Field(default_factory=list)
    roles: list[Role]
    categories: list[Category]
    levels: list[Level]
    stages: list[Stage]
    documents: list[MappaDocument]
