"""Row-level helpers of the task service: tags by name, dues, tasks read by id."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.task_row import TASK_ROW, task_of_row
from todo_tui.service import validate


async def tags_named(session: AsyncSession, names: Iterable[str]) -> list[models.Tag]:
    """The tags with these names (any case), creating the new ones; duplicates dropped."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = validate.tag(name)
        wanted.setdefault(validate.key(clean), clean)
    if not wanted:
        return []
    existing = {
        tag.name_key: tag
        for tag in await session.scalars(
            select(models.Tag).where(models.Tag.name_key.in_(list(wanted)))
        )
    }
    tags = []
    for key, name in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = models.Tag(name=name, name_key=key)
            session.add(tag)
        tags.append(tag)
    # the order the relationship loads them in, so what add/update return equals what get returns
    return sorted(tags, key=lambda tag: tag.name_key)


_T = models.Task
# db/task_row.py's columns, as SQLAlchemy columns
_PAGE_COLUMNS = tuple(models.Category.name if name == "category_name" else getattr(_T, name)
                      for name in TASK_ROW)


async def tasks_by_id(session: AsyncSession, ids: list[str]) -> dict[str, domain.Task]:
    """A page's tasks, read with two plain queries (no ORM objects: a page is read-only)."""
    if not ids:
        return {}
    tags: dict[str, list[str]] = {}
    for task_id, name in await session.execute(
        select(models.task_tags.c.task_id, models.Tag.name)
        .join(models.Tag, models.Tag.id == models.task_tags.c.tag_id)
        .where(models.task_tags.c.task_id.in_(ids)).order_by(models.Tag.name_key)
    ):
        tags.setdefault(task_id, []).append(name)
    rows = await session.execute(
        select(*_PAGE_COLUMNS)
        .outerjoin(models.Category, models.Category.id == _T.category_id)
        .where(_T.id.in_(ids))
    )
    found = {}
    for row in rows:
        found[row[0]] = task_of_row(row, tags.get(row[0], ()))
    return found


def set_due(row: models.Task, due: domain.Due | None) -> None:
    row.due_date = None if due is None else due.day
    row.due_at = None if due is None else due.at
    row.due_tz = None if due is None or due.at is None else due.tz
