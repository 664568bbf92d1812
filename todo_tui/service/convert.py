"""ORM rows to frozen domain values; nothing ORM leaves the service."""

from __future__ import annotations

from todo_tui import domain
from todo_tui.db import models


def due_of(row: models.Task) -> domain.Due | None:
    if row.due_date is None:
        return None
    return domain.Due(day=row.due_date, at=row.due_at, tz=row.due_tz if row.due_at else None)


def task_of(row: models.Task) -> domain.Task:
    """A domain Task from a row whose category and tags are loaded."""
    category = row.category
    return domain.Task(
        id=row.id,
        title=row.title,
        notes=row.notes,
        status=domain.Status(row.status),
        priority=domain.Priority(row.priority),
        due=due_of(row),
        recurrence=row.recurrence,
        recurrence_from_completion=row.recurrence_from_completion,
        category_id=row.category_id,
        category_name=None if category is None else category.name,
        tags=tuple(tag.name for tag in row.tags),
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
        completed_at=row.completed_at,
        version=row.version,
    )


def category_of(row: models.Category, open_count: int = 0) -> domain.Category:
    return domain.Category(
        id=row.id,
        name=row.name,
        colour=row.colour,
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
        open_count=open_count,
    )
