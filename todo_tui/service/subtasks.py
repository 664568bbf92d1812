"""Subtasks: a task's subtree and ancestors as ORM rows, and the rules that keep a tree whole
(no cycles, one category, an open task's ancestors open), shared by the task service's writes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.rows import due_of
from todo_tui.errors import ValidationError
from todo_tui.service import oplog, queries
from todo_tui.service.listing import list_sql, position_in
from todo_tui.service.ordering import Shown
from todo_tui.service.repeats import drop_next_occurrence
from todo_tui.service.subtree import ancestors, subtree
from todo_tui.service.task_rows import next_position, set_due
from todo_tui.service.tree import shows_tree, tree_of
from todo_tui.words import count_of

NAMED = 40


def short_title(title: str) -> str:
    """A title quoted for a message, cut at NAMED characters."""
    return repr(title if len(title) <= NAMED else title[:NAMED - 1] + "…")
OPEN = domain.Status.OPEN.value
DONE = domain.Status.DONE.value


async def check_parent(session: AsyncSession, row: models.Task, parent: models.Task) -> None:
    """Refuse to put `row` under `parent` when that would make it its own ancestor."""
    if parent.id == row.id:
        raise ValidationError(f"{short_title(row.title)} cannot be a subtask of itself")
    if any(above.id == row.id for above in await ancestors(session, parent)):
        raise ValidationError(
            f"{short_title(row.title)} cannot go under {short_title(parent.title)}: "
            "that is one of its own subtasks")
    if parent.trashed_at is not None:
        raise ValidationError(f"{short_title(parent.title)} is in the trash")


async def reopen_ancestors(session: AsyncSession, row: models.Task, log: oplog.Recorder,
                           moment: datetime) -> int:
    """Open again the completed tasks above `row` (an open task's ancestors are open);
    their next occurrences, if their completion added one, go again. Returns how many."""
    count = 0
    for above in await ancestors(session, row):
        if above.status != DONE:
            continue
        log.watch("tasks", above)
        await drop_next_occurrence(session, above, log)
        above.status = OPEN
        above.completed_at = None
        above.updated_at = moment
        count += 1
    return count


async def file_subtree(session: AsyncSession, row: models.Task, log: oplog.Recorder) -> None:
    """Give `row`'s whole subtree `row`'s category (a subtask is in its parent's)."""
    for below in await subtree(session, row):
        if below.category_id != row.category_id:
            log.watch("tasks", below)
            below.category = row.category
            below.updated_at = models.utcnow()


def shifted(due: domain.Due | None, days: int) -> domain.Due | None:
    """A due moved by a number of days (a timed one keeps its local time)."""
    if due is None or not days:
        return due
    moment = due.local()
    if moment is None or due.tz is None:
        return domain.Due.on(due.day + timedelta(days=days))
    return domain.Due.at_local(moment + timedelta(days=days), due.tz)


async def copy_subtree(session: AsyncSession, source: models.Task, copy: models.Task,
                       log: oplog.Recorder) -> int:
    """Give a repeating task's next occurrence `copy` the subtasks of `source`, open again,
    their dues moved as far as the task's own moved. Returns how many."""
    rows = [row for row in await subtree(session, source) if row.trashed_at is None]
    if not rows:
        return 0
    days = 0
    if source.due_date is not None and copy.due_date is not None:
        days = (copy.due_date - source.due_date).days
    new_ids = {source.id: copy.id}
    position = await next_position(session)
    for offset, row in enumerate(rows):
        if row.parent_id not in new_ids:
            continue
        new = models.Task(
            id=models.new_id(), title=row.title, notes=row.notes, status=OPEN,
            priority=row.priority, recurrence=row.recurrence,
            recurrence_from_completion=row.recurrence_from_completion,
            category=copy.category, position=position + offset, tags=list(row.tags),
            parent_id=new_ids[row.parent_id], collapsed=row.collapsed,
        )
        set_due(new, shifted(due_of(row.due_date, row.due_at, row.due_tz), days))
        new_ids[row.id] = new.id
        session.add(new)
        log.created("tasks", new)
    return len(new_ids) - 1


def with_subtasks(verb: str, title: str, count: int) -> str:
    """An operation's summary: `complete 'trip'`, or `... and 3 subtasks`."""
    summary = f"{verb} {title!r}"
    if count:
        summary += f" and {count_of(count, 'subtask')}"
    return summary


def restored(title: str, parents: list[str], below: int) -> str:
    """A restore's summary, naming what came back with the task: `restore 'passport' and its
    parent 'pack bags'`, `... and its 2 parents 'pack bags' and 'trip'`, `... and 3 subtasks`."""
    summary = f"restore {title!r}"
    if parents:
        names = " and ".join(short_title(name) for name in parents)
        summary += f" and its parent {names}" if len(parents) == 1 else \
            f" and its {len(parents)} parents {names}"
    if below:
        summary += f" and {count_of(below, 'subtask')}"
    return summary


async def make_room_after(session: AsyncSession, row: models.Task, log: oplog.Recorder) -> None:
    """Move the siblings of `row` after it one place on, so a task fits right after it."""
    table = cast(Table, models.Task.__table__)
    siblings = (table.c.parent_id == row.parent_id if row.parent_id is not None
                else and_(table.c.parent_id.is_(None),
                          table.c.category_id == row.category_id if row.category_id is not None
                          else table.c.category_id.is_(None)))
    later = (await session.execute(select(table.c.id, table.c.position).where(
        siblings, table.c.position > row.position, table.c.trashed_at.is_(None)))).all()
    if not later:
        return
    await session.execute(update(table).where(table.c.id.in_([i for i, _ in later]))
                          .values(position=table.c.position + 1,
                                  version=table.c.version + 1, updated_at=models.utcnow()))
    for task_id, position in later:
        log.raw("tasks", task_id, {"position": position}, {"position": position + 1})


async def reparent(session: AsyncSession, row: models.Task, parent: models.Task | None,
                   log: oplog.Recorder, *, after: models.Task | None = None) -> str | None:
    """Put `row` and its subtree under `parent` (None: at the top), in its category, last
    among its new siblings or right after `after`; the change's summary (None: no change)."""
    log.watch("tasks", row)
    if parent is not None:
        await check_parent(session, row, parent)
    if (parent.id if parent is not None else None) == row.parent_id:
        return None
    if after is not None:
        await make_room_after(session, after, log)
        row.position = after.position + 1
    else:
        row.position = await next_position(session)
    row.parent_id = None if parent is None else parent.id
    if parent is not None and parent.category_id != row.category_id:
        row.category = parent.category
    row.updated_at = models.utcnow()
    await session.flush()
    await file_subtree(session, row, log)
    if row.status == OPEN:
        await reopen_ancestors(session, row, log, models.utcnow())
    where = "the top level" if parent is None else f"under {short_title(parent.title)}"
    return f"move {row.title!r} to {where}"


async def neighbour(session: AsyncSession, backend: str, shown: Shown, row: models.Task,
                    step: int) -> str | None:
    """The task just before (step -1) or after (1) `row` in a list as `shown`: in a tree,
    among its siblings; in another list, the row above or below."""
    ref, sort, query, today, now = shown
    sql, order = await list_sql(session, backend, ref, today, sort, query, now)
    if shows_tree(ref, query):
        return await tree_of(sql.where, order, backend).sibling(session, row.id, row.parent_id,
                                                               step)
    place = await position_in(session, backend, sql.where, order, row.id)
    if place is None or place + step < 0:
        return None
    found = await session.scalar(queries.page_ids(sql.where, order, offset=place + step,
                                                  limit=1))
    return None if found is None else str(found)
