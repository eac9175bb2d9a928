"""Models of training paths, page front matter and the search file (data/search.yaml)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    model_validator,
)

from .base import RecNumber, Review, Slug, Strict, Text, _plain_text

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
# a heading's anchor on the page of `id` (the part after '#' in the section's address), so a search lands on it
SectionAnchor = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]


class SearchSynonym(Strict):
    """Words readers type for the page or item with this permanent ID."""

    id: ItemId
    section: SectionAnchor | None = None
    words: Annotated[list[SearchWords], Field(min_length=1)]


class SearchBestBet(Strict):
    """A question readers ask often, and the page or item that must come first for it."""

    query: SearchWords
    id: ItemId
    section: SectionAnchor | None = None


class SearchFile(Strict):
    synonyms: list[SearchSynonym] = Field(default_factory=list)
    best_bets: list[SearchBestBet] = Field(default_factory=list)
    boost: dict[ItemId, Annotated[float, Field(gt=0, le=10)]] = Field(default_factory=dict)
    exclude: list[ItemId] = Field(default_factory=list)
    # pages found by their title and opening words only: the rest repeats pages that search finds on their own
    by_name: list[ItemId] = Field(default_factory=list)
