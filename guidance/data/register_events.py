"""What the register check (`register.compare`) finds about one id: one small typed event per finding.

An event is either
- a Refusal: the data breaks a rule of the register; `problem()` says so, naming file, line, id and what
  to do (the register file for an id lost, reused or retired wrongly; the record itself for a change of
  words without a history entry, or a new id in the wrong edition);
- an Update: the register as `make register` and `make release` write it changes; `apply()` makes the
  change (an id added, new words recorded with the edition, earlier words kept).
`compare` judges every id of the register, then every id published now, and applies the events in that order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .sitedata import SiteData

REGISTER = Path("data") / "id-register.yaml"
REGISTER_FILE = REGISTER.as_posix()

# what changing each kind's fingerprint means, in an editor's words
WHAT = {
    "MAPPA step": "its who, must/should/may word, action or 'when'",
    "standard": "its must/should/may word, statement or 'applies_to'",
    "tool": "its name, type or what it assesses",
}


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    entries: list[dict] = field(default_factory=list)  # the new register, sorted by id
    added: int = 0
    changed: int = 0


@dataclass(frozen=True)
class Ledger:
    """What every event reads: the data set, the register being rewritten (id -> entry) and the line of each
    entry, whether the edition is a draft, and the version readers have now (None before the first release)."""
    data: SiteData
    reg: dict[str, dict]
    lines: dict[str, int]
    draft: bool
    released: str | None

    @property
    def version(self) -> str:
        return self.data.site.version

    @property
    def since(self) -> str:
        return f"edition {self.released}" if self.released else "it was registered"

    def at_register(self, item_id: str, msg: str) -> Problem:
        return Problem(REGISTER_FILE, item_id, "", msg, self.lines.get(item_id))

    def at_record(self, item_id: str, fld: str, msg: str, fallback: str = "data/", line_of: str = "history") -> Problem:
        origin = self.data.origins.get(item_id)
        if origin is None:
            return Problem(self.data.file_of.get(item_id, fallback), item_id, fld, msg, None)
        return Problem(origin.file, item_id, fld, msg, origin.line(line_of))


def history_hint(data: SiteData, kind: str = "wording") -> str:
    v, d = data.site.version, data.site.version_date.isoformat()
    return (f"Add to its history: - {{version: {v}, date: {d}, kind: {kind}, change: \"What you changed, in plain "
            f"words.\"}} (kind: wording when the meaning is the same; kind: meaning when the duty or statement "
            "now means something else)")


class Refusal:
    """A rule of the register the data breaks."""

    def problem(self, led: Ledger) -> Problem:
        raise NotImplementedError


class Update:
    """A change to the register as it will be written."""

    def apply(self, led: Ledger, out: Outcome) -> None:
        raise NotImplementedError


# ------------------------------------------------------------------ refusals named at the register file
@dataclass(frozen=True)
class RetiredIdPublished(Refusal):
    item_id: str

    def problem(self, led: Ledger) -> Problem:
        return led.at_register(self.item_id, f"{self.item_id} is retired in the register but is published again; "
                               "a retired id is never reused. Give the new item a new id.")


@dataclass(frozen=True)
class RetiredEntryIncomplete(Refusal):
    item_id: str
    missing: str  # retired_in or reason

    def problem(self, led: Ledger) -> Problem:
        return led.at_register(self.item_id, f"{self.item_id} is retired but its register entry has no "
                               f"'{self.missing}'. Add it.")


@dataclass(frozen=True)
class SuccessorNotPublished(Refusal):
    item_id: str
    successor: str

    def problem(self, led: Ledger) -> Problem:
        return led.at_register(self.item_id, f"{self.item_id} names successor {self.successor}, which is not "
                               "published. Name a published id, or leave successor out.")


@dataclass(frozen=True)
class PublishedIdGone(Refusal):
    item_id: str

    def problem(self, led: Ledger) -> Problem:
        return led.at_register(self.item_id, f"{self.item_id} was published but is gone. Restore it, or retire it "
                               f"in {REGISTER_FILE} (status: retired, retired_in, reason, successor) so its "
                               "permanent link explains what happened.")


@dataclass(frozen=True)
class KindChanged(Refusal):
    item_id: str
    was: str | None
    now: str

    def problem(self, led: Ledger) -> Problem:
        return led.at_register(self.item_id, f"{self.item_id} was a {self.was} and is now a {self.now}; an id is "
                               "never reused for another kind of thing. Give the new item a new id.")


# ------------------------------------------------------------------ refusals named at the record
@dataclass(frozen=True)
class ReaderFieldsWithoutHistory(Refusal):
    """A tool's fields that readers read changed with no history entry for the edition being prepared."""
    item_id: str
    fields: tuple[str, ...]

    def problem(self, led: Ledger) -> Problem:
        named = ", ".join(f"'{f}'" for f in self.fields)
        return led.at_record(
            self.item_id, self.fields[0],
            f"what readers read of this tool changed since {led.since} ({named}), but its history has no entry "
            f"for edition {led.version}, the edition being prepared. Every field a reader reads is under the "
            f"history rule (CONTRIBUTING.md, 'The history rule: which fields it covers'). "
            f"{history_hint(led.data)}.", fallback="data/tools/", line_of=self.fields[0])


@dataclass(frozen=True)
class DutyWordAsWording(Refusal):
    """The duty word changed, but the history entry records a change of wording only."""
    item_id: str
    old_word: str
    new_word: str

    def problem(self, led: Ledger) -> Problem:
        v = led.version
        return led.at_record(
            self.item_id, "history",
            f"Its duty word changed from '{self.old_word}' to '{self.new_word}' in edition {v}, but its history "
            f"entry for {v} records a change of wording only. A changed duty word is a change of meaning: add "
            "kind: meaning to that entry and say in it what now applies.")


@dataclass(frozen=True)
class ChangedWithoutHistory(Refusal):
    """A step's, standard's or tool's words changed with no history entry for the edition being prepared."""
    item_id: str
    kind: str  # the kind of record (GOVERNED)
    wording: str | None  # its registered words, if kept
    old_word: str | None  # the duty word of the registered words, and the record's now
    new_word: str | None

    def problem(self, led: Ledger) -> Problem:
        was = f" It read: \"{self.wording}\"" if self.wording else ""
        change = "wording"
        if self.old_word and self.new_word and self.old_word != self.new_word:
            change = "meaning"
            was += f" Its duty word changed from '{self.old_word}' to '{self.new_word}': that is a change of meaning."
        hint = history_hint(led.data, change)
        fix = hint + "." if led.draft else (
            f"Edition {led.version} is already released, so start the next edition first: run `make "
            f"next-edition`, then {hint[0].lower()}{hint[1:]}.")
        return led.at_record(
            self.item_id, "history",
            f"{WHAT[self.kind]} changed since {led.since}, but its history has no entry for edition {led.version}, "
            f"the edition being prepared.{was} {fix}")


@dataclass(frozen=True)
class NewIdInAnotherEdition(Refusal):
    """An id not in the register whose first history entry names another edition than the draft's."""
    item_id: str
    first: str

    def problem(self, led: Ledger) -> Problem:
        v = led.version
        return led.at_record(
            self.item_id, "history",
            f"{self.item_id} is new (it is not in {REGISTER_FILE}), so it is first published in edition {v}, but "
            f"its first history entry names {self.first}. Write - {{version: {v}, date: "
            f"{led.data.site.version_date.isoformat()}, change: First published.}} (if it replaces an item with "
            f"another id, retire that id in the register with successor: {self.item_id}).")


@dataclass(frozen=True)
class NewIdAfterRelease(Refusal):
    """An id not in the register while the site's edition is already released."""
    item_id: str

    def problem(self, led: Ledger) -> Problem:
        return led.at_record(
            self.item_id, "history",
            f"{self.item_id} is new (it is not in {REGISTER_FILE}), but edition {led.version} is already released. "
            "Start the next edition with `make next-edition`, and name that edition in its first history entry "
            "(change: First published.).")


# ------------------------------------------------------------------ updates of the register
@dataclass(frozen=True)
class ReaderFieldsRecorded(Update):
    """A tool's reader fields as they are now (recorded the first time, or changed with a history entry)."""
    item_id: str
    fields: dict

    def apply(self, led: Ledger, out: Outcome) -> None:
        led.reg[self.item_id]["reader_fields"] = self.fields


@dataclass(frozen=True)
class WordsChanged(Update):
    """The words a citation relies on changed, with a history entry: the new fingerprint, in this edition."""
    item_id: str
    fingerprint: str

    def apply(self, led: Ledger, out: Outcome) -> None:
        entry = led.reg[self.item_id]
        entry["fingerprint"] = self.fingerprint
        if led.version not in entry.get("changed_in", []):
            entry.setdefault("changed_in", []).append(led.version)
        out.changed += 1


@dataclass(frozen=True)
class IdAdded(Update):
    """An id published for the first time, in the edition being prepared."""
    item_id: str
    entry: dict

    def apply(self, led: Ledger, out: Outcome) -> None:
        led.reg[self.item_id] = self.entry
        out.added += 1


@dataclass(frozen=True)
class WordingKept(Update):
    """A step or standard reads differently now: its words, and (if it had words) those it had until now."""
    item_id: str
    wording: str
    earlier: tuple[dict, ...] | None  # None: no earlier words to keep

    def apply(self, led: Ledger, out: Outcome) -> None:
        entry = led.reg[self.item_id]
        if self.earlier is not None:
            entry["earlier"] = list(self.earlier)
        entry["wording"] = self.wording
