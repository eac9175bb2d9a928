"""Decision flows (data/flows/*.yaml): a few plain questions that lead a reader to an outcome resting on rules.

A flow has questions (each with plain answers, each answer naming the next question or an outcome) and
outcomes (each with a permanent id FLOW-..., the answer first, and the ids of the records it rests on).
The bench flow is made from the tool records (`generate: tools`): its file holds only the flow's words.
Every path is checked by guidance/data/flows.py.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base import Governed, RecNumber, Slug, Strict, Text

FlowOutcomeId = Annotated[str, StringConstraints(pattern=r"^FLOW-[A-Z0-9]+(?:-[A-Z0-9]+)*$")]
FlowAudience = Literal["practitioners", "judiciary", "assessors", "trainers", "everyone"]


class FlowAnswer(Strict):
    id: Slug = Field(description="short name of the answer, used in the page's address (yes, no, in-custody)")
    text: Text = Field(description="the answer as the reader says it")
    next: str = Field(description="the id of the next question, or the FLOW-... id of an outcome")


class FlowQuestion(Strict):
    id: Slug
    text: Text = Field(description="the question, as asked of the reader")
    help: Text | None = Field(default=None, description="one or two sentences that help the reader answer")
    answers: Annotated[list[FlowAnswer], Field(min_length=2)]


class FlowOutcome(Strict):
    id: FlowOutcomeId = Field(description="permanent id: FLOW- then capitals, digits and hyphens; never reused")
    title: Text = Field(description="the outcome in a few words")
    answer: Text = Field(description="the answer first: the category, who leads, what happens next")
    next: Text | None = Field(default=None, description="what happens next and by when, if the steps do not say it all")
    unsettled: Text | None = Field(default=None, description="where the sources do not settle it: say so once")
    ask: Text | None = Field(default=None, description="who to ask, by role, where the sources do not settle it")
    rests_on: list[str] = Field(default_factory=list, description="ids of the steps, standards, facts, tools it rests on")
    # made by the generator for the bench flow (never written by hand): the band and groups it is about
    band: int | None = None
    groups: list[str] = Field(default_factory=list)


class Flow(Governed):
    id: Slug = Field(description="the flow's name in addresses: is-it-mappa, what-next, bench-report, report-check")
    title: Text
    audience: Annotated[list[FlowAudience], Field(min_length=1)]
    recommendations: list[RecNumber] = Field(default_factory=list)
    intro: Text = Field(description="one or two sentences: what the flow answers and for whom")
    start: str = Field(default="", description="the id of the first question (left out when generate: tools)")
    generate: Literal["tools", "steps", "standards"] | None = Field(
        default=None, description="tools: the questions are made from data/tools/*.yaml; steps: from the MAPPA steps; "
        "standards: a checklist of data/standards.yaml")
    questions: list[FlowQuestion] = Field(default_factory=list)
    outcomes: list[FlowOutcome] = Field(default_factory=list)
