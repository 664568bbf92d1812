"""Tasks out of the database for an export, a batch at a time, each with its parent's
source and source id (so a format writes the parent link as it names its own tasks) and its
reminders."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import select

from todo_tui import clock, domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.db.rows import TRASHED_PREFIX
from todo_tui.search.terms import SearchQuery
from todo_tui.transfer.record import Exported, Reminder
from todo_tui.transfer.store import BATCH, TASK


async def exported_tasks(db: Database, query: SearchQuery | None, *, trashed: bool = False,
                         batch: int = BATCH) -> AsyncIterator[Exported]:
    """Every task (done ones too; with `trashed` those in the trash too) that `query`
    matches, in the manual order, read a batch at a time."""
    category = models.Category.__table__
    parent = TASK.alias("parent")
    stmt = (select(TASK, category.c.name.label("category_name"),
                   parent.c.source.label("parent_source"),
                   parent.c.source_id.label("parent_source_id"))
            .select_from(TASK.outerjoin(category, category.c.id == TASK.c.category_id)
                         .outerjoin(parent, parent.c.id == TASK.c.parent_id))
            .order_by(TASK.c.position, TASK.c.id))
    if query is not None and not query.empty:
        stmt = stmt.where(search_where(query, db.backend))
    elif not trashed:
        stmt = stmt.where(TASK.c.trashed_at.is_(None))
    async with db.read() as session:
        offset_key: tuple[int, str] | None = None
        while True:
            page = stmt
            if offset_key is not None:
                pos, task_id = offset_key
                page = page.where((TASK.c.position > pos)
                                  | ((TASK.c.position == pos) & (TASK.c.id > task_id)))
            rows = (await session.execute(page.limit(batch))).mappings().all()
            if not rows:
                return
            tags: dict[str, list[str]] = {}
            links = await session.execute(
                select(models.task_tags.c.task_id, models.Tag.name)
                .join(models.Tag, models.Tag.id == models.task_tags.c.tag_id)
                .where(models.task_tags.c.task_id.in_([row["id"] for row in rows]))
                .order_by(models.Tag.name_key))
            for task_id, name in links:
                tags.setdefault(task_id, []).append(name)
            reminders: dict[str, list[Reminder]] = {}
            kept = models.Reminder.__table__.c
            found = await session.execute(
                select(kept.task_id, kept.minutes_before, kept.at)
                .where(kept.task_id.in_([row["id"] for row in rows]))
                .order_by(kept.task_id, kept.id))
            for task_id, minutes, at in found:
                reminders.setdefault(task_id, []).append(Reminder(minutes, at))
            for row in rows:
                yield _exported(row, tags.get(row["id"], []), reminders.get(row["id"], []))
            offset_key = (rows[-1]["position"], rows[-1]["id"])


def search_where(query: SearchQuery, dialect: str) -> Any:
    """The tasks a search finds, open and done ones alike unless it says `is:open`/`is:done`
    (as the All list searches), never those in the trash."""
    from todo_tui.domain import ListKind, ListRef
    from todo_tui.search.terms import StatusTerm
    from todo_tui.service.filters import list_sql

    if not query.sets_status:
        statuses = (StatusTerm(domain.Status.OPEN), StatusTerm(domain.Status.DONE))
        query = SearchQuery(query.text, (*query.clauses, statuses))
    now = clock.now()
    return list_sql(ListRef(ListKind.ALL), query, today=now.date(), now=now,
                    dialect=dialect).where


def _exported(row: Any, tags: list[str], reminders: list[Reminder]) -> Exported:
    from todo_tui.db.rows import due_of

    status = str(row["status"])
    extras = row["extras"]
    if isinstance(extras, str):  # a driver that hands JSON back as text
        extras = json.loads(extras)
    return Exported(
        id=row["id"], title=row["title"], notes=row["notes"],
        done=status.removeprefix(TRASHED_PREFIX) == domain.Status.DONE.value,
        trashed=status.startswith(TRASHED_PREFIX), priority=domain.Priority(row["priority"]),
        due=due_of(row["due_date"], row["due_at"], row["due_tz"]),
        recurrence=row["recurrence"], from_completion=bool(row["recurrence_from_completion"]),
        category=row["category_name"], tags=tuple(tags), position=row["position"],
        created_at=row["created_at"], updated_at=row["updated_at"],
        completed_at=row["completed_at"], trashed_at=row["trashed_at"],
        source=row["source"], source_id=row["source_id"], extras=dict(extras or {}),
        start=row["start_date"], duration_minutes=row["duration_minutes"],
        parent_id=row["parent_id"], parent_source=row["parent_source"],
        parent_source_id=row["parent_source_id"], reminders=tuple(reminders))

