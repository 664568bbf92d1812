"""The manual order: making a list's shown order the manual one before a task moves in it."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.domain import ListRef, Sort
from todo_tui.search.terms import SearchQuery
from todo_tui.service import oplog
from todo_tui.service.listing import list_sql
from todo_tui.service.task_rows import load_task, task_of

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


async def swap_places(session: AsyncSession, backend: str, task_id: str, other_id: str,
                      shown: Shown | None, origin: str | None
                      ) -> tuple[domain.Task, domain.Task]:
    """Exchange two tasks' places in the manual order, `shown`'s order made the manual one
    first (when given); one change in the history."""
    log = oplog.Recorder(session)
    moved = await adopt_order(session, backend, shown) if shown is not None else {}
    first = await load_task(session, task_id)
    second = await load_task(session, other_id)
    if not moved:
        log.watch("tasks", first)
        log.watch("tasks", second)
    log.focus_task = first.id
    # where each was before this change (before the adopted order too)
    start = {row.id: moved[row.id][0] if row.id in moved else row.position
             for row in (first, second)}
    first.position, second.position = second.position, first.position
    if first.position == second.position:
        second.position += 1
    first.updated_at = second.updated_at = models.utcnow()
    await session.flush()
    if moved:  # one entry a task: where it was before the change, where it is now
        places = dict(moved)
        for row in (first, second):
            places[row.id] = (start[row.id], row.position)
        for row_id, (before, after) in places.items():
            log.raw("tasks", row_id, {"position": before}, {"position": after})
    await log.save("reorder", f"reorder {first.title!r}", origin)
    return task_of(first), task_of(second)
