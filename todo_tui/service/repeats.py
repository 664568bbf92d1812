"""A repeating task's series: the next occurrence a completion adds, and taking it away
again when the completion is undone by reopening."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.rows import due_of
from todo_tui.errors import ValidationError
from todo_tui.recurrence.rule import stored_rule
from todo_tui.service import oplog, queries
from todo_tui.service.subtree import subtree
from todo_tui.service.task_rows import LOADED, next_position, set_due


async def drop_next_occurrence(
    session: AsyncSession, row: models.Task, log: oplog.Recorder
) -> None:
    """Reopening a completed repeating task: the next occurrence its completion added
    goes again (for good: undoing the reopen brings it back), when it is still open and
    untouched, so the series does not run twice."""
    if row.recurrence is None or row.due_date is None:
        return
    candidates = await session.scalars(
        select(models.Task).options(*LOADED).where(
            queries.OPEN, models.Task.title == row.title,
            models.Task.due_date > row.due_date,
            models.Task.created_at >= row.created_at,
            models.Task.id != row.id,
        ).order_by(models.Task.due_date, models.Task.created_at).limit(5))
    for follow in candidates.unique():
        same = (follow.category_id == row.category_id
                and follow.recurrence_from_completion == row.recurrence_from_completion
                and follow.notes == row.notes and follow.priority == row.priority
                and follow.version == 1 and follow.recurrence is not None)
        if same:  # with the subtasks its completion gave it
            for each in (follow, *await subtree(session, follow)):
                log.deleted("tasks", each)
                await session.delete(each)
            return


async def next_occurrence_of(
    session: AsyncSession, row: models.Task, moment: datetime, position: int | None = None
) -> models.Task | None:
    due = due_of(row.due_date, row.due_at, row.due_tz)
    if row.recurrence is None or due is None:
        return None
    from todo_tui.recurrence import SeriesEnded, next_occurrence

    try:
        next_due = next_occurrence(
            row.recurrence, due, completed_at=moment,
            from_completion=row.recurrence_from_completion,
        )
    except SeriesEnded:  # its UNTIL has passed: completing it ends the series
        return None
    except ValueError as exc:
        raise ValidationError(f"cannot repeat this task: {exc}") from None
    follow = models.Task(
        title=row.title,
        notes=row.notes,
        status=domain.Status.OPEN.value,
        priority=row.priority,
        recurrence=stored_rule(
            row.recurrence, next_due.day, row.recurrence_from_completion
        ),
        recurrence_from_completion=row.recurrence_from_completion,
        category=row.category,
        # (many completed at once give each its own place, without a query each)
        position=await next_position(session) if position is None else position,
        parent_id=row.parent_id,
        tags=list(row.tags),
        duration_minutes=row.duration_minutes,
    )
    set_due(follow, next_due)
    if row.start_date is not None and row.due_date is not None:
        # the next occurrence starts as long before its due as this one did
        follow.start_date = next_due.day - (row.due_date - row.start_date)
    session.add(follow)
    return follow
