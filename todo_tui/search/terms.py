"""Search terms and queries: frozen values the UI and the service share."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from todo_tui.domain import Priority, Status


@dataclass(frozen=True, slots=True)
class TextTerm:
    """A word or "quoted phrase", found anywhere in a title, notes, tags or category name."""

    text: str
    negated: bool = False


class DueKind(enum.StrEnum):
    """What a `due` term asks of the due date."""

    ON = "="
    BEFORE = "<"
    BY = "<="
    AFTER = ">"
    FROM = ">="
    OVERDUE = "overdue"
    WEEK = "week"
    NONE = "none"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class DueTerm:
    """`due:today`, `due<fri`, `due:none`...; `day` is a word resolved against today when run."""

    kind: DueKind
    day: str = ""
    negated: bool = False


@dataclass(frozen=True, slots=True)
class PriorityTerm:
    """`pri:high`, `pri>=medium`: compares the priority with `op` (=, <, <=, >, >=)."""

    op: str
    priority: Priority
    negated: bool = False


@dataclass(frozen=True, slots=True)
class TagTerm:
    """`tag:work`, `+work`: the task has this tag (compared without regard to case)."""

    name: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class CategoryTerm:
    """`#home`, `cat:home`: the task is filed under this category; None: in the Inbox."""

    name: str | None
    negated: bool = False


@dataclass(frozen=True, slots=True)
class StatusTerm:
    """`is:open`, `is:done`."""

    status: Status
    negated: bool = False


@dataclass(frozen=True, slots=True)
class HasTerm:
    """`has:notes`, `has:tags`, `has:due`, `has:repeat`."""

    field: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class StartTerm:
    """`start:fri`, `start<2026-12-01`, `start:none`, `start:any`; `is:scheduled` is
    `start>today`. Only DueKind's comparisons, NONE and ANY are used."""

    kind: DueKind
    day: str = ""
    negated: bool = False


SearchTerm = (TextTerm | DueTerm | PriorityTerm | TagTerm | CategoryTerm | StatusTerm | HasTerm
              | StartTerm)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed search: every clause must hold; a clause holds when any of its terms does."""

    text: str
    clauses: tuple[tuple[SearchTerm, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def sets_status(self) -> bool:
        """Whether a term says open or done (then lists of every status show both)."""
        return any(isinstance(term, StatusTerm) for clause in self.clauses for term in clause)

    @property
    def asks_start(self) -> bool:
        """Whether a term is about the start day (then tasks still waiting for theirs are
        searched too, in every list)."""
        return any(isinstance(term, StartTerm) for clause in self.clauses for term in clause)

