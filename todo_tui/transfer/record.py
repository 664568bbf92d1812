"""The task as every format reads and writes it, between a file and the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from todo_tui.domain import Due, Priority
from todo_tui.errors import TodoError

# extras keys that are ours, not a field of the source format: the parent's id in the source
# (a subtask link, kept until subtasks exist) and the source's own spelling of the priority
PARENT = "_parent"


class FormatError(TodoError):
    """A file or a record that cannot be imported; the message names where and what."""


@dataclass(slots=True)
class Record:
    """One task read from a file: every field we have a column for, and `extras` for the rest.

    `where` names it in messages (`tasks.json, record 3`, `todo.txt:12`). A record with
    `skip` set is counted and reported, never written.
    """

    source: str
    source_id: str
    title: str
    where: str
    notes: str = ""
    done: bool = False
    trashed: bool = False
    priority: Priority = Priority.NONE
    due: Due | None = None
    recurrence: str | None = None
    from_completion: bool = False
    category: str | None = None
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    completed_at: datetime | None = None
    trashed_at: datetime | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    # our own JSON export keeps the task's id, order and stamps
    task_id: str | None = None
    # a task of ours this record may be (an export of ours, read back): matched, never kept
    ours: str | None = None
    position: int | None = None
    updated_at: datetime | None = None
    skip: str | None = None
    # the local day it starts, and how long it takes
    start: date | None = None
    duration_minutes: int | None = None
    # our JSON only: the parent's id (None: at the top) and the reminders, given for every
    # record (`has_tree`), so a second import puts them back as the file says
    parent_id: str | None = None
    reminders: tuple[Reminder, ...] = ()
    has_tree: bool = False
    # columns the file cannot express for this record (taskwarrior: a repeat without a due):
    # a known task keeps them as they are, an import never clears them
    keep: tuple[str, ...] = ()


# what a repeat is stored as: both kept together when a file cannot say it
REPEAT = ("recurrence", "recurrence_from_completion")


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder: some minutes before the due, or at a moment."""

    minutes_before: int | None = None
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Exported:
    """One task as an export writes it: the stored fields, where it came from, its extras."""

    id: str
    title: str
    notes: str
    done: bool
    trashed: bool
    priority: Priority
    due: Due | None
    recurrence: str | None
    from_completion: bool
    category: str | None
    tags: tuple[str, ...]
    position: int
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    trashed_at: datetime | None
    source: str | None
    source_id: str | None
    extras: dict[str, Any]
    start: date | None = None
    duration_minutes: int | None = None
    # the parent's id, and its source and source id (a format names the parent as it names
    # its own tasks: `Exported.uid`)
    parent_id: str | None = None
    parent_source: str | None = None
    parent_source_id: str | None = None
    reminders: tuple[Reminder, ...] = ()

    def own_extras(self, source: str) -> dict[str, Any]:
        """The extras to give back to `source`: only those that came from it."""
        return dict(self.extras) if self.source == source else {}

    def parent_uid(self, source: str) -> str | None:
        """The parent's id as the format `source` names tasks: the source id it came with
        from that format, else our id."""
        if self.parent_id is None:
            return None
        if self.parent_source == source and self.parent_source_id:
            return self.parent_source_id
        return self.parent_id


def due_from_instant(moment: datetime, tz: str) -> Due:
    """A due from an instant: a whole day when it falls on local midnight (what taskwarrior,
    todoman and others write for a date without a time), else a timed due in `tz`."""
    local = moment.astimezone(ZoneInfo(tz))
    if local.time() == time(0, 0):
        return Due.on(local.date())
    return Due.at_local(local, tz)


def due_instant(due: Due, tz: str) -> datetime:
    """The instant a due stands for: its time, or local midnight of its day."""
    if due.at is not None:
        return due.at
    return datetime.combine(due.day, time(0, 0), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def local_midnight(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(tz)).astimezone(UTC)
