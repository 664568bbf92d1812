"""Rows of plain values as domain objects: the one mapper of the service and the first look.

The service (through SQLAlchemy, service/tasks.py and service/categories.py) and the TUI's
first look (db/peek.py, through sqlite3 before SQLAlchemy is imported) select these columns
in this order, and build Tasks, Categories and the list counts here, so the two can never
disagree on what a row means. Stdlib only: the first look imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from todo_tui import domain
from todo_tui.domain import SavedView

# Task columns, in order; `category_name` is the name of the task's category (a join).
TASK_ROW = (
    "id", "title", "notes", "status", "priority", "due_date", "due_at", "due_tz",
    "recurrence", "recurrence_from_completion", "category_id", "category_name", "position",
    "created_at", "updated_at", "completed_at", "version", "trashed_at",
    "duration_minutes", "parent_id", "collapsed", "start_date",
)
# Category columns, in order, then its count of open tasks.
CATEGORY_ROW = ("id", "name", "colour", "position", "created_at", "updated_at")
# The counts of the smart lists, in order, as one row (All is not among them: see list_counts).
COUNTS_ROW = ("inbox", "today", "upcoming", "done", "trash", "scheduled")
# a trashed task's status is this prefix and the status it had (db/models.py says why)
TRASHED_PREFIX = "t-"


def due_of(day: date | None, at: datetime | None, tz: str | None) -> domain.Due | None:
    """The Due stored as a day, maybe a UTC instant, and that instant's zone."""
    return None if day is None else domain.Due(day=day, at=at, tz=tz if at else None)


def task_of_row(row: Sequence[Any], tags: Iterable[str], path: Sequence[str] = (),
                progress: tuple[int, int] = (0, 0)) -> domain.Task:
    """The Task of a TASK_ROW row whose values have their Python types already, with its
    ancestors' titles (the top one first) and its subtasks' count (done, all)."""
    (task_id, title, notes, status, priority, due_date, due_at, due_tz, recurrence,
     from_completion, category_id, category_name, position, created_at, updated_at,
     completed_at, version, trashed_at, duration_minutes, parent_id, collapsed,
     start_date) = row
    return domain.Task(
        id=task_id, title=title, notes=notes,
        status=domain.Status(status.removeprefix(TRASHED_PREFIX)),
        priority=domain.Priority(priority), due=due_of(due_date, due_at, due_tz),
        recurrence=recurrence, recurrence_from_completion=bool(from_completion),
        category_id=category_id, category_name=category_name, tags=tuple(tags),
        position=position, created_at=created_at, updated_at=updated_at,
        completed_at=completed_at, version=version, trashed_at=trashed_at,
        duration_minutes=duration_minutes,
        parent_id=parent_id, collapsed=bool(collapsed), path=tuple(path),
        subtasks_done=int(progress[0]), subtasks_total=int(progress[1]),
        start=start_date,
    )


def tree_paths(rows: Iterable[Sequence[Any]]) -> dict[str, tuple[str, ...]]:
    """Each task's ancestors' titles, the top one first, from (task id, levels up, title)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for task_id, levels, title in rows:
        found.setdefault(task_id, []).append((int(levels), title))
    return {task_id: tuple(title for _, title in sorted(up, reverse=True))
            for task_id, up in found.items()}


def category_of_row(row: Sequence[Any], open_count: int = 0) -> domain.Category:
    """The Category of a CATEGORY_ROW row whose values have their Python types already."""
    category_id, name, colour, position, created_at, updated_at = row
    return domain.Category(id=category_id, name=name, colour=colour, position=position,
                           created_at=created_at, updated_at=updated_at,
                           open_count=int(open_count))


def list_counts(
    row: Sequence[Any], categories: Sequence[domain.Category],
    views: Sequence[SavedView] = (),
) -> domain.ListCounts:
    """The counts of a COUNTS_ROW row and the categories, read in one snapshot.

    Every open task is in the Inbox, in one category (a category's deletion moves its tasks
    to the Inbox) or waiting for its start day (Scheduled): All is their sum. Counting it
    in SQL would read every open task's index entry a second time.
    """
    inbox, today, upcoming, done, trash, scheduled = (int(value) for value in row)
    open_all = inbox + sum(category.open_count for category in categories) + scheduled
    return domain.ListCounts(inbox=inbox, today=today, upcoming=upcoming, all=open_all,
                             done=done, categories=tuple(categories), views=tuple(views),
                             trash=trash, scheduled=scheduled)
