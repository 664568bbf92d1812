"""Frozen values the UI and the shell see: no SQLAlchemy, no Textual."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from todo_tui.reminder import Reminder as Reminder
from todo_tui.spans import format_duration as format_duration


class Priority(enum.IntEnum):
    """How urgent a task is; larger is more urgent."""

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Priority:
        """Read a priority name (`high`, `h`, `3`...); raises ValueError."""
        key = text.strip().lower()
        aliases = {
            "none": cls.NONE, "n": cls.NONE, "0": cls.NONE, "-": cls.NONE, "": cls.NONE,
            "low": cls.LOW, "l": cls.LOW, "1": cls.LOW,
            "medium": cls.MEDIUM, "med": cls.MEDIUM, "m": cls.MEDIUM, "2": cls.MEDIUM,
            "high": cls.HIGH, "h": cls.HIGH, "3": cls.HIGH,
        }
        try:
            return aliases[key]
        except KeyError:
            raise ValueError(f"unknown priority {text!r} (use none, low, medium or high)") from None

    def next(self) -> Priority:
        """The next priority in the cycle none -> low -> medium -> high -> none."""
        return Priority((self.value + 1) % 4)


class Status(enum.StrEnum):
    """Whether a task is still to do."""

    OPEN = "open"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Due:
    """When a task is due: a whole day, or an instant entered in an IANA time zone.

    `day` is always set: for a timed due it is the local date in `tz`, so lists
    that group by day never need a time zone conversion. `at` is the instant in
    UTC (aware) when the due has a time.
    """

    day: date
    at: datetime | None = None
    tz: str | None = None

    @classmethod
    def on(cls, day: date) -> Due:
        return cls(day=day)

    @classmethod
    def at_local(cls, moment: datetime, tz: str) -> Due:
        """A timed due from an aware local datetime and the name of its zone."""
        if moment.tzinfo is None:
            raise ValueError("a timed due needs an aware datetime")
        utc = moment.astimezone(ZoneInfo("UTC"))
        local = utc.astimezone(ZoneInfo(tz))
        return cls(day=local.date(), at=utc, tz=tz)

    @property
    def has_time(self) -> bool:
        return self.at is not None

    def local(self) -> datetime | None:
        """The instant in the zone it was entered in."""
        if self.at is None:
            return None
        return self.at.astimezone(ZoneInfo(self.tz or "UTC"))

    def local_time(self) -> time | None:
        moment = self.local()
        return None if moment is None else moment.time()

    def iso(self) -> str:
        """ISO 8601: a date, or a date-time with its offset."""
        moment = self.local()
        return self.day.isoformat() if moment is None else moment.isoformat()

    def relative(self, today: date) -> str:
        """Short words for the task list: today, tomorrow, Fri, 3d overdue, 12 Jan."""
        from todo_tui import timefmt  # the date_format and clock settings

        delta = (self.day - today).days
        clock = self.local_time()
        suffix = f" {timefmt.clock(clock)}" if clock is not None else ""
        if delta < 0:
            return f"{-delta}d overdue"
        if delta == 0:
            return "today" + suffix
        if delta == 1:
            return "tomorrow" + suffix
        if delta < 7:
            return f"{self.day:%a}" + suffix
        if self.day.year == today.year:
            return timefmt.day_month(self.day) + suffix
        return self.day.isoformat()

    def describe(self) -> str:
        """Absolute words for the detail pane: `Sat 28 Nov 2026 09:00 (Europe/Berlin)`."""
        from todo_tui import timefmt  # the date_format and clock settings

        moment = self.local()
        text = timefmt.full_date(self.day)
        if moment is not None:
            text += f" {timefmt.clock(moment.time())} ({self.tz})"
        return text

    def is_overdue(self, now: datetime, today: date) -> bool:
        if self.at is not None:
            return self.at < now
        return self.day < today


@dataclass(frozen=True, slots=True)
class Category:
    """A user's list of tasks, with its count of open tasks."""

    id: str
    name: str
    colour: str | None
    position: int
    created_at: datetime
    updated_at: datetime
    open_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "colour": self.colour,
            "position": self.position,
            "open_count": self.open_count,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Task:
    """One task, with everything the UI shows already loaded."""

    id: str
    title: str
    notes: str
    status: Status
    priority: Priority
    due: Due | None
    recurrence: str | None
    recurrence_from_completion: bool
    category_id: str | None
    category_name: str | None
    tags: tuple[str, ...]
    position: int
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    version: int
    # when it was moved to the trash; None while it is not there
    trashed_at: datetime | None = None
    # how long it takes, in minutes (`3pm-4pm`, `for 45 minutes`); None when not said
    duration_minutes: int | None = None
    # subtasks: the task it is a subtask of (None at the top), whether its subtasks are
    # hidden in its list, its ancestors' titles (the top one first) and its subtasks' count
    # (done, all; not those in the trash); a page read fills in the last three
    parent_id: str | None = None
    collapsed: bool = False
    path: tuple[str, ...] = ()
    subtasks_done: int = 0
    subtasks_total: int = 0
    # the day it starts: before it the task waits, in the All and Scheduled lists only
    start: date | None = None

    def waiting(self, today: date) -> bool:
        """Whether the task is open and its start day is still to come."""
        return self.start is not None and self.start > today and not self.done

    @property
    def done(self) -> bool:
        return self.status is Status.DONE

    @property
    def depth(self) -> int:
        """How deep it is in its tree: 0 at the top."""
        return len(self.path)

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "notes": self.notes,
            "status": self.status.value,
            "priority": self.priority.label,
            "due": None if self.due is None else self.due.iso(),
            "due_tz": None if self.due is None else self.due.tz,
            "recurrence": self.recurrence,
            "recurrence_from_completion": self.recurrence_from_completion,
            "category": self.category_name,
            "category_id": self.category_id,
            "tags": list(self.tags),
            "position": self.position,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "completed_at": None if self.completed_at is None else self.completed_at.isoformat(),
            "version": self.version,
            "duration_minutes": self.duration_minutes,
            "parent_id": self.parent_id,
            "start": None if self.start is None else self.start.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class NewTask:
    """What is needed to create a task; `category` is a name, created when new."""

    title: str
    notes: str = ""
    priority: Priority = Priority.NONE
    due: Due | None = None
    recurrence: str | None = None
    recurrence_from_completion: bool = False
    category: str | None = None
    category_id: str | None = None
    tags: tuple[str, ...] = ()
    # written with the task, in the same unit of work
    reminders: tuple[Reminder, ...] = ()
    duration_minutes: int | None = None
    # the task it is a subtask of: it goes in that task's category
    parent_id: str | None = None
    start: date | None = None
    # or that task named as quick capture's `^trip` does: its title, or its id's prefix
    parent_name: str | None = None


class Unset(enum.Enum):
    """Marks a field of TaskChanges that is left as it is."""

    UNSET = "unset"


UNSET = Unset.UNSET


@dataclass(frozen=True, slots=True)
class TaskChanges:
    """The fields of a task to change; anything left UNSET keeps its value."""

    title: str | Unset = UNSET
    notes: str | Unset = UNSET
    priority: Priority | Unset = UNSET
    due: Due | None | Unset = UNSET
    recurrence: str | None | Unset = UNSET
    recurrence_from_completion: bool | Unset = UNSET
    category_id: str | None | Unset = UNSET
    tags: tuple[str, ...] | Unset = UNSET
    start: date | None | Unset = UNSET

    def changed(self) -> dict[str, Any]:
        return {
            name: getattr(self, name)
            for name in (
                "title", "notes", "priority", "due", "recurrence",
                "recurrence_from_completion", "category_id", "tags", "start",
            )
            if getattr(self, name) is not UNSET
        }


class ListKind(enum.StrEnum):
    """The smart lists shown above the user's categories."""

    INBOX = "inbox"
    TODAY = "today"
    UPCOMING = "upcoming"
    ALL = "all"
    DONE = "done"
    TRASH = "trash"
    CATEGORY = "category"
    VIEW = "view"
    # open tasks whose start day is still to come (they are in no other list but All)
    SCHEDULED = "scheduled"


@dataclass(frozen=True, slots=True)
class ListRef:
    """Which list is open: a smart list, a category by id, or a saved view by id."""

    kind: ListKind
    category_id: str | None = None
    view_id: str | None = None

    @property
    def mixes_categories(self) -> bool:
        return self.kind not in (ListKind.INBOX, ListKind.CATEGORY)

    @property
    def holds_trees(self) -> bool:
        """Whether the list shows subtasks under their parents (unless it is searched);
        the others show each subtask with its ancestors' titles."""
        return self.kind in (ListKind.INBOX, ListKind.CATEGORY)

    @property
    def key(self) -> str:
        """A stable text form, for storing per-list settings: `today`, `category:ID`, `view:ID`."""
        if self.kind is ListKind.CATEGORY:
            return f"category:{self.category_id}"
        if self.kind is ListKind.VIEW:
            return f"view:{self.view_id}"
        return self.kind.value

    @classmethod
    def from_key(cls, key: str) -> ListRef:
        """The list a `key` names; raises ValueError for text that is not one."""
        kind, _, ident = key.partition(":")
        found = ListKind(kind)
        if found is ListKind.CATEGORY and ident:
            return cls(found, category_id=ident)
        if found is ListKind.VIEW and ident:
            return cls(found, view_id=ident)
        if ident or found in (ListKind.CATEGORY, ListKind.VIEW):
            raise ValueError(f"not a list key: {key!r}")
        return cls(found)


@dataclass(frozen=True, slots=True)
class SavedView:
    """A search saved under a name, shown among the smart lists with its count."""

    id: str
    name: str
    query: str
    scope: ListRef
    position: int
    count: int = 0


class Sort(enum.StrEnum):
    """How a task list is ordered."""

    SMART = "smart"
    DUE = "due"
    PRIORITY = "priority"
    CREATED = "created"
    TITLE = "title"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class TaskPage:
    """A window of a task list and the list's total size."""

    tasks: tuple[Task, ...]
    total: int
    offset: int
    # where the task asked for (`around`) stands in the list, None when the list lacks it
    focus: int | None = None


@dataclass(frozen=True, slots=True)
class ListCounts:
    """Open-task counts for the smart lists and each category."""

    inbox: int
    today: int
    upcoming: int
    all: int
    done: int
    categories: tuple[Category, ...] = field(default_factory=tuple)
    views: tuple[SavedView, ...] = field(default_factory=tuple)
    # tasks in the trash
    trash: int = 0
    # open tasks waiting for their start day
    scheduled: int = 0

    def for_kind(self, kind: ListKind) -> int:
        if kind in (ListKind.CATEGORY, ListKind.VIEW):
            return 0
        return int(getattr(self, kind.value))


def unique_prefix(task_id: str, neighbours: tuple[str | None, ...], minimum: int = 4) -> str:
    """The shortest prefix of `task_id` (at least `minimum` long) that its nearest ids in
    sorted order, and so every other id, do not start with."""
    shared = 0
    for other in neighbours:
        if other is None:
            continue
        common = 0
        for mine, theirs in zip(task_id, other, strict=False):
            if mine != theirs:
                break
            common += 1
        shared = max(shared, common)
    return task_id[:max(minimum, shared + 1)]


def upcoming_end(today: date) -> date:
    """The last day the Upcoming list shows (the next 7 days)."""
    return today + timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Operation:
    """One recorded change: when, which window or command made it, what it was."""

    id: int
    at: datetime
    origin: str
    summary: str
    undone: bool
    kind: str = ""
    # could not be undone, and an undo was told to pass over it: it stays as it is
    passed_over: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(), "origin": self.origin,
                "kind": self.kind, "summary": self.summary, "undone": self.undone,
                "passed_over": self.passed_over}


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo or a redo did, and where the UI can show it."""

    summary: str
    task_id: str | None
    category_id: str | None
    ref_hint: ListRef | None
    operation_id: int


@dataclass(frozen=True, slots=True)
class Toggled:
    """What toggling a task did: the task, the next occurrence its completion added, and
    how many of its subtasks were completed with it."""

    task: Task
    follow_up: Task | None
    subtasks: int = 0
