"""Undo and redo through the operation log (service/oplog.py); each call is one unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from todo_tui import clock, domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.domain import ListKind, ListRef
from todo_tui.errors import NothingToRedo, NothingToUndo, UndoConflict
from todo_tui.service import oplog
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot


@retry_public_methods
class HistoryService:
    """The log of changes: list it, undo the newest, redo what was undone."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent(self, limit: int = 20) -> list[domain.Operation]:
        """The newest changes first, undone ones too."""
        async with snapshot(self._db) as session:
            rows = await session.scalars(select(models.Operation)
                                         .order_by(models.Operation.id.desc())
                                         .limit(max(1, limit)))
            return [oplog.operation_of(row) for row in rows]

    async def peek_undo(self, origin: str | None = None) -> domain.Operation:
        """The change `undo` would revert now (NothingToUndo when there is none)."""
        async with snapshot(self._db) as session:
            row = await oplog.newest(session, origin, undone=False)
            if row is None:
                raise NothingToUndo("there is nothing to undo")
            return oplog.operation_of(row)

    async def peek_redo(self, origin: str | None = None) -> domain.Operation:
        """The change `redo` would make again now (NothingToRedo when there is none)."""
        async with snapshot(self._db) as session:
            row = await oplog.redoable(session, origin)
            if row is None:
                raise NothingToRedo("there is nothing to redo")
            return oplog.operation_of(row)

    async def undo(self, origin: str | None = None, *, operation_id: int | None = None
                   ) -> domain.Undone:
        """Revert the newest change not yet undone (made by `origin` when given).

        With `operation_id`, only if that is still the one (UndoConflict otherwise).
        """
        async with self._db.write() as session:
            row = await oplog.newest(session, origin, undone=False)
            if row is None:
                raise NothingToUndo("there is nothing to undo")
            _same(row, operation_id)
            await oplog.replay(session, row.payload, forward=False)
            await oplog.mark_undone(session, row, True)
            return await _undone(session, row)

    async def redo(self, origin: str | None = None, *, operation_id: int | None = None
                   ) -> domain.Undone:
        """Make the last undone change again, when no change was made since (by `origin`)."""
        async with self._db.write() as session:
            row = await oplog.redoable(session, origin)
            if row is None:
                raise NothingToRedo("there is nothing to redo")
            _same(row, operation_id)
            await oplog.replay(session, row.payload, forward=True)
            await oplog.mark_undone(session, row, False)
            return await _undone(session, row)


def _same(row: models.Operation, operation_id: int | None) -> None:
    if operation_id is not None and row.id != operation_id:
        raise UndoConflict("the history changed since it was shown; nothing was changed")


async def _undone(session: Any, row: models.Operation) -> domain.Undone:
    focus = row.payload.get("focus") or {}
    task_id = focus.get("task")
    category_id = focus.get("category")
    hint: ListRef | None = None
    if task_id is not None:
        task = await session.get(models.Task, task_id, populate_existing=True)
        if task is None:
            task_id = None
        elif task.trashed_at is not None:
            hint = ListRef(ListKind.TRASH)
        elif task.status == domain.Status.DONE.value:
            hint = ListRef(ListKind.DONE)
        elif task.start_date is not None and task.start_date > clock.now().date():
            hint = ListRef(ListKind.SCHEDULED)
        elif task.category_id is not None:
            hint = ListRef(ListKind.CATEGORY, category_id=task.category_id)
        else:
            hint = ListRef(ListKind.INBOX)
    if hint is None and category_id is not None:
        category = await session.get(models.Category, category_id, populate_existing=True)
        if category is None or category.trashed_at is not None:
            category_id = None
        else:
            hint = ListRef(ListKind.CATEGORY, category_id=category_id)
    return domain.Undone(summary=row.summary, task_id=task_id, category_id=category_id,
                         ref_hint=hint, operation_id=row.id)
