"""The SQLAlchemy 2 models: categories, tasks, tags, the log, reminders."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A random, export-stable id: 32 lowercase hex digits."""
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC; read back as aware UTC on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


task_tags = Table(
    "task_tags",
    Base.metadata,
    Column("task_id", String(32), ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_task_tags_tag_id", "tag_id"),
)


class Category(Base):
    """A user's named list of tasks."""

    __tablename__ = "categories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    # casefolded name: uniqueness without regard to case on every backend
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    colour: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # set while the category is in the trash
    trashed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    tasks: Mapped[list[Task]] = relationship(back_populates="category", lazy="raise")

    __table_args__ = (Index("ix_categories_trashed_at", "trashed_at"),)


class Tag(Base):
    """A free-form label; a task has any number."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), unique=True)


class Task(Base):
    """A thing to do."""

    __tablename__ = "tasks"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(8), default="open")
    priority: Mapped[int] = mapped_column(Integer, default=0)
    # the due: a local day always; for a timed due also the UTC instant and its zone
    due_date: Mapped[date | None] = mapped_column(Date)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_tz: Mapped[str | None] = mapped_column(String(64))
    recurrence: Mapped[str | None] = mapped_column(String(200))
    # `every!`: the next occurrence counts from the completion, not from the due
    recurrence_from_completion: Mapped[bool] = mapped_column(Boolean, default=False)
    category_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("categories.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # set while the task is in the trash; its status is then db/rows.py's TRASHED_PREFIX and
    # the status it had (status leads every list index: a trashed task is in no list or count)
    trashed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # how long it takes, in minutes (migration 0009); NULL when not said
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    # the task this one is a subtask of (migration 0006 says why no foreign key is declared)
    parent_id: Mapped[str | None] = mapped_column(String(32))
    # its subtasks are hidden in its list (a default on the server only: statements written
    # for an older schema, as migration tests write them, leave it out; eager_defaults reads
    # it back at the INSERT, so a new row never needs a lazy load)
    collapsed: Mapped[bool] = mapped_column(Boolean, server_default=false())
    # how many rows its open subtasks show under it expanded (migration 0012): kept by the
    # database's triggers, never written here
    open_below: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    # the local day the task starts: before it, it waits (in All and Scheduled only)
    start_date: Mapped[date | None] = mapped_column(Date)
    # import/export (migration 0008): the fields an imported task had that have no column,
    # given back on export to the same format; and where it came from, so a second import
    # of the same file updates it instead of adding it again
    extras: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(String(32))
    source_id: Mapped[str | None] = mapped_column(String(200))

    category: Mapped[Category | None] = relationship(back_populates="tasks", lazy="raise")
    tags: Mapped[list[Tag]] = relationship(secondary=task_tags, lazy="raise", order_by=Tag.name_key)

    __mapper_args__ = {"version_id_col": version, "eager_defaults": True}
    __table_args__ = (Index("ix_tasks_position", "position"),
                      Index("ix_tasks_trashed_at", "trashed_at", "id"),
                      Index("ix_tasks_parent_id", "parent_id", "status"),
                      # subtasks only: whether a list holds any is one seek; a tree list's
                      # walk down to its shown subtasks reads no task row (0011)
                      Index("ix_tasks_tree", "category_id", "status", "parent_id", "start_date",
                            "id", "collapsed",
                            sqlite_where=text("parent_id IS NOT NULL"),
                            postgresql_where=text("parent_id IS NOT NULL")),
                      # tasks with open subtasks: a tree list's length from the index (0012)
                      Index("ix_tasks_parents", "category_id", "status", "parent_id",
                            "start_date", "collapsed", "open_below",
                            sqlite_where=text("open_below > 0"),
                            postgresql_where=text("open_below > 0")),
                      Index("ix_tasks_source", "source", "source_id", unique=True))


# The list indexes (migrations 0003, 0007): each is a list's filter columns followed by one
# sort's ORDER BY keys (service/queries.py), so a page is an index range walk: no sort, whatever
# the list's size. `status` leads so every status-only list (All, Done, views) can use them.
# `start_date` ends each one: whether a task still waits for its start day is read from the
# index, so the lists and counts that leave waiting tasks out never read a task row.
_T = Task
_NO_DUE = _T.due_date.is_(None)
_DUE_AT = _T.due_at.asc().nulls_first()  # SQLite's default for NULLs, asked for by queries
_START = _T.start_date
LIST_INDEXES = (
    # Today and Upcoming (a due range): the smart order without the no-due key
    Index("ix_tasks_status_due", _T.status, _T.due_date, _T.priority.desc(), _DUE_AT,
          _T.position, _T.id, _START),
    Index("ix_tasks_category_status", _T.category_id, _T.status, _NO_DUE, _T.due_date,
          _T.priority.desc(), _DUE_AT, _T.position, _T.id, _START),
    Index("ix_tasks_category_manual", _T.category_id, _T.status, _T.position, _T.id, _START),
    Index("ix_tasks_completed_at", _T.status, _T.completed_at.desc(), _T.id),
    Index("ix_tasks_smart", _T.status, _NO_DUE, _T.due_date, _T.priority.desc(), _DUE_AT,
          _T.position, _T.id, _START),
    Index("ix_tasks_due", _T.status, _NO_DUE, _T.due_date, _DUE_AT, _T.position, _T.id, _START),
    Index("ix_tasks_priority", _T.status, _T.priority.desc(), _NO_DUE, _T.due_date,
          _T.position, _T.id, _START),
    Index("ix_tasks_created", _T.status, _T.created_at.desc(), _T.id, _START),
    Index("ix_tasks_title", _T.status, func.lower(_T.title), _T.position, _T.id, _START),
    Index("ix_tasks_manual", _T.status, _T.position, _T.id, _START),
    # the Scheduled list: open tasks by start day
    Index("ix_tasks_start", _T.status, _START, _T.id),
)


class Operation(Base):
    """One change a user made, with what it wrote: the log undo and redo walk."""

    __tablename__ = "operations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    origin: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    # for an undone change: the undos' order, and the newest change's id at its undo (a change
    # made after that ends what can be redone)
    undone_seq: Mapped[int | None] = mapped_column(Integer)
    undone_after: Mapped[int | None] = mapped_column(Integer)
    # {"tasks"|"categories"|"views": {id: {"before": {...} | None, "after": {...} | None}}}
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_operations_origin", "origin", "id"),
                      Index("ix_operations_at", "at"))


class ListPref(Base):
    """How one list is sorted, remembered across restarts."""

    __tablename__ = "list_prefs"

    # ListRef.key: `today`, `category:ID`, `view:ID`
    list_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    sort: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SavedView(Base):
    """A search saved under a name; it shows among the smart lists."""

    __tablename__ = "saved_views"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[str] = mapped_column(Text)
    # the list the search was made in (ListRef.key): its filter applies too
    scope: Mapped[str] = mapped_column(String(80), default="all")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reminder(Base):
    """A reminder of a task: some minutes before its due time, or at a fixed moment."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(String(32), ForeignKey("tasks.id", ondelete="CASCADE"))
    minutes_before: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_reminders_task_id", "task_id"), Index("ix_reminders_at", "at"))


class ReminderFiring(Base):
    """One reminder fired for one occurrence, on one channel (the TUI, or `todo-tui remind`).

    The unique key makes the insert the claim: of several instances that find the same
    reminder due, only the one whose insert succeeds shows it.
    """

    __tablename__ = "reminder_firings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    task_id: Mapped[str] = mapped_column(String(32), ForeignKey("tasks.id", ondelete="CASCADE"))
    # the instant this occurrence of the reminder came due
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime)
    # domain.Reminder.key, or `snooze` for a snoozed reminder coming back
    reminder: Mapped[str] = mapped_column(String(40))
    fired_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    origin: Mapped[str] = mapped_column(String(100), default="")
    # set when the user snoozed it: it comes back then (as a firing of its own)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("channel", "task_id", "occurrence", "reminder",
                         name="uq_reminder_firings_once"),
        Index("ix_reminder_firings_snoozed", "channel", "snoozed_until"),
        Index("ix_reminder_firings_task_id", "task_id"),
    )


class ReminderMark(Base):
    """How far each channel has looked for due reminders: the start of its next window."""

    __tablename__ = "reminder_marks"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
