"""Emptying the trash: what went there goes for good (tasks, then the categories no task
points at any more)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db import models
from todo_tui.service import oplog
from todo_tui.service.task_rows import LOADED


async def purge_trash(session: AsyncSession, before: datetime | None,
                      log: oplog.Recorder | None) -> int:
    """Delete for good what went to the trash (before `before`, when given); the tasks' count."""
    task_where: ColumnElement[bool] = models.Task.trashed_at.is_not(None)
    category_where: ColumnElement[bool] = models.Category.trashed_at.is_not(None)
    if before is not None:
        task_where = models.Task.trashed_at < before
        category_where = models.Category.trashed_at < before
    rows = list((await session.scalars(
        select(models.Task).options(*LOADED).where(task_where))).unique())
    for row in rows:
        if log is not None:
            log.deleted("tasks", row)
        await session.delete(row)
    await session.flush()
    # a category goes once no task in the trash or elsewhere still points at it
    categories = list(await session.scalars(select(models.Category).where(category_where)))
    for category in categories:
        left = await session.scalar(select(func.count()).select_from(models.Task).where(
            models.Task.category_id == category.id))
        if left:
            continue
        if log is not None:
            log.deleted("categories", category)
        await session.delete(category)
    return len(rows)
