"""Basic types every data model shares: plain text, ids, sources, history, review."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
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


def _year_as_text(value):
    """`date: 2016` (YAML reads a number) and `date: 2016-03-03` (YAML reads a date) are kept as written."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# a date as precise as the source allows: a year (unquoted is fine), a day, or words ('June 2014', 'undated')
YearText = Annotated[Text, BeforeValidator(_year_as_text, json_schema_input_type=int | Text)]
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


Cite = Annotated[SourceRef, BeforeValidator(_source_shorthand, json_schema_input_type=Slug | SourceRef)]
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
        default=False, description="true when the meaning of a duty or statement changed (the same as kind: meaning)"
    )
    kind: Literal["wording", "meaning"] | None = Field(
        default=None, description="wording: the words changed, the meaning is the same; meaning: what the item "
        "requires or states changed. Leave out for a note such as 'First published.'",
    )

    @model_validator(mode="after")
    def _one_kind(self):
        if self.kind == "wording" and self.normative:
            raise ValueError("kind: wording says the meaning is the same, but normative: true says it changed. "
                             "Keep one: kind: wording, or kind: meaning")
        return self

    @property
    def meaning_changed(self) -> bool:
        return self.normative or self.kind == "meaning"


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
