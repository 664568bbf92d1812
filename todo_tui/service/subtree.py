"""A task's subtree and its ancestors, as ORM rows to change."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from todo_tui.db import models
from todo_tui.service.queries import MAX_DEPTH
from todo_tui.service.task_rows import LOADED

CHUNK = 500


async def subtree(session: AsyncSession, root: models.Task) -> list[models.Task]:
    """Every task under `root`, at any depth (not `root`), parents before their children."""
    found: list[models.Task] = []
    seen = {root.id}
    level = [root.id]
    for _ in range(MAX_DEPTH):
        if not level:
            break
        children: list[models.Task] = []
        for start in range(0, len(level), CHUNK):
            rows = await session.scalars(
                select(models.Task).options(*LOADED)
                .where(models.Task.parent_id.in_(level[start:start + CHUNK]))
                .order_by(models.Task.position, models.Task.id))
            children.extend(row for row in rows.unique() if row.id not in seen)
        seen.update(row.id for row in children)
        found.extend(children)
        level = [row.id for row in children]
    return found


async def ancestors(session: AsyncSession, row: models.Task) -> list[models.Task]:
    """The tasks above `row`: its parent first, the top one last."""
    found: list[models.Task] = []
    seen = {row.id}
    parent_id = row.parent_id
    while parent_id is not None and parent_id not in seen and len(found) < MAX_DEPTH:
        parent = await session.get(models.Task, parent_id, options=LOADED)
        if parent is None:
            break
        found.append(parent)
        seen.add(parent.id)
        parent_id = parent.parent_id
    return found


def with_subtrees(where: ColumnElement[bool]) -> ColumnElement[bool]:
    """The tasks `where` selects and every live task under them, at any depth: one set-based
    WHERE clause (a recursive CTE, on SQLite and PostgreSQL alike), for acting on many."""
    below = aliased(models.Task)
    tree = select(models.Task.id.label("id")).where(where).cte("tree", recursive=True)
    tree = tree.union(
        select(below.id).join(tree, below.parent_id == tree.c.id).where(below.trashed_at.is_(None)))
    return models.Task.id.in_(select(tree.c.id))

