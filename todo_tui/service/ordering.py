"""The manual order: making a list's shown order the manual one before a task moves in it."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db import models
from todo_tui.domain import ListRef, Sort
from todo_tui.search.terms import SearchQuery
from todo_tui.service.listing import list_sql

# A list as it is on screen: which, its sort and search, and the day and moment it was read at.
Shown = tuple[ListRef, Sort, SearchQuery | None, date, datetime | None]


async def adopt_order(
    session: AsyncSession, backend: str, shown: Shown) -> dict[str, tuple[int, int]]:
    """Make a list's manual order the order it is shown in: its tasks take the places
    they hold among themselves in that order (other tasks keep theirs). Returns the
    positions that changed, by task: (before, after)."""
    ref, sort, query, today, now = shown
    sql, order = await list_sql(session, backend, ref, today, sort, query, now)
    rows = (await session.execute(
        select(models.Task.id, models.Task.position).where(sql.where).order_by(*order)
    )).all()
    places: list[int] = []
    for place in sorted(position for _, position in rows):
        # ties would leave the order to the ids: every task gets a place of its own
        places.append(place if not places or place > places[-1] else places[-1] + 1)
    moved = {task_id: (position, place)
             for (task_id, position), place in zip(rows, places, strict=True)
             if position != place}
    if moved:
        table = cast(Table, models.Task.__table__)
        await session.execute(
            update(table).where(table.c.id == bindparam("task_id")).values(
                position=bindparam("place"), version=table.c.version + 1,
                updated_at=models.utcnow()),
            [{"task_id": task_id, "place": place} for task_id, (_, place) in moved.items()])
    return moved
