"""Task rows as the service reads and writes them: what a task loads with it, how an ORM row
becomes a domain Task, a page's tasks read without the ORM, and the fields set from a Due."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import BindParameter, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.rows import TASK_ROW, task_of_row, tree_paths
from todo_tui.errors import NotFoundError
from todo_tui.service import queries

LOADED = (joinedload(models.Task.category), selectinload(models.Task.tags))


async def load_task(session: AsyncSession, task_id: str, *, trashed: bool = False
                    ) -> models.Task:
    """A task to change: one in the trash only when `trashed`, else one not there."""
    row = await session.get(models.Task, task_id, options=LOADED)
    if row is None:
        raise NotFoundError(f"no task with id {task_id}")
    if (row.trashed_at is not None) != trashed:
        where = "is in the trash" if not trashed else "is not in the trash"
        raise NotFoundError(f"task {task_id[:8]} {where}")
    return row


async def next_position(session: AsyncSession) -> int:
    """The place after the last task in the manual order."""
    last = await session.scalar(select(func.max(models.Task.position)))
    return (last or 0) + 1


def set_due(row: models.Task, due: domain.Due | None) -> None:
    row.due_date = None if due is None else due.day
    row.due_at = None if due is None else due.at
    row.due_tz = None if due is None or due.at is None else due.tz


def task_of(row: models.Task) -> domain.Task:
    """A domain Task from an ORM row whose category and tags are loaded."""
    category = row.category
    values = [(None if category is None else category.name) if name == "category_name"
              else getattr(row, name) for name in TASK_ROW]
    return task_of_row(values, (tag.name for tag in row.tags))


async def tasks_by_id(session: AsyncSession, ids: list[str]) -> dict[str, domain.Task]:
    """A page's tasks, read with two plain queries (no ORM objects: a page is read-only)."""
    if not ids:
        return {}
    by_tags, by_ancestors, by_progress, by_rows = _page_reads()
    given = {"ids": ids}
    tags: dict[str, list[str]] = {}
    for task_id, name in await session.execute(by_tags, given):
        tags.setdefault(task_id, []).append(name)
    paths = tree_paths(await session.execute(by_ancestors, given))
    progress = {task_id: (int(done or 0), int(count))
                for task_id, done, count in await session.execute(by_progress, given)}
    return {row[0]: task_of_row(row, tags.get(row[0], ()), paths.get(row[0], ()),
                                progress.get(row[0], (0, 0)))
            for row in await session.execute(by_rows, given)}


@cache
def _page_reads() -> tuple[Any, Any, Any, Any]:
    """tasks_by_id's statements, built once with the ids a parameter: building them took
    longer than running them."""
    ids: BindParameter[Any] = bindparam("ids", expanding=True)
    return (queries.task_tags(ids), queries.task_ancestors(ids), queries.task_progress(ids),
            queries.task_rows(ids))
