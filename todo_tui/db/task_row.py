"""One task as a row of plain values, in the order both readers of a page select them.

The service (service/rows.py, through SQLAlchemy) and the TUI's first look (db/peek.py,
through sqlite3 before SQLAlchemy is imported) select these columns and build the Task here,
so the two can never disagree on what a row means. Stdlib only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from todo_tui import domain

# Task columns, in order; `category_name` is the name of the task's category (a join).
TASK_ROW = (
    "id", "title", "notes", "status", "priority", "due_date", "due_at", "due_tz",
    "recurrence", "recurrence_from_completion", "category_id", "category_name", "position",
    "created_at", "updated_at", "completed_at", "version",
)


def task_of_row(row: Sequence[Any], tags: Sequence[str]) -> domain.Task:
    """The Task of a TASK_ROW row whose values have their Python types already."""
    (task_id, title, notes, status, priority, due_date, due_at, due_tz, recurrence,
     from_completion, category_id, category_name, position, created_at, updated_at,
     completed_at, version) = row
    due = None if due_date is None else domain.Due(
        day=due_date, at=due_at, tz=due_tz if due_at else None)
    return domain.Task(
        id=task_id, title=title, notes=notes, status=domain.Status(status),
        priority=domain.Priority(priority), due=due, recurrence=recurrence,
        recurrence_from_completion=bool(from_completion), category_id=category_id,
        category_name=category_name, tags=tuple(tags), position=position,
        created_at=created_at, updated_at=updated_at, completed_at=completed_at,
        version=version,
    )
