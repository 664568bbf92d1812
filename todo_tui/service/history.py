"""Undo and redo through the operation log (service/oplog.py); each call is one unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from todo_tui import clock, domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.domain import ListKind, ListRef
from todo_tui.errors import (
    NothingToRedo,
    NothingToUndo,
    TodoError,
    UndoConflict,
    UndoRefused,
)
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

    async def peek_undo(self, origin: str | None = None, *, pass_over: int | None = None
                        ) -> domain.Operation:
        """The change `undo` would revert now (NothingToUndo when there is none); with
        `pass_over`, the one before that change if it is the newest."""
        async with snapshot(self._db) as session:
            row = await oplog.newest(session, origin, undone=False)
            if row is not None and row.id == pass_over:
                row = await _older(session, row, origin)
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

    async def undo(self, origin: str | None = None, *, operation_id: int | None = None,
                   pass_over: int | None = None) -> domain.Undone:
        """Revert the newest change not yet undone (made by `origin` when given).

        With `operation_id`, only if that is still the one (UndoConflict otherwise). When the
        change cannot be undone (something it wrote changed since), raises UndoRefused naming
        it, having written nothing. With `pass_over` (the id UndoRefused named), if that change
        is still the newest it is passed over for good (it stays as it is, and no undo offers
        it again) and the one before it is undone: the passing over is kept even when that
        one is refused too, which UndoRefused then names.
        """
        refused: TodoError | None = None  # raised once the passing over is kept
        async with self._db.write() as session:
            row = await oplog.newest(session, origin, undone=False)
            if row is not None and row.id == pass_over:
                await oplog.mark_passed_over(session, row)
                row = await _older(session, row, origin)
                if row is None:
                    refused = NothingToUndo("there is nothing older to undo")
            if row is None and refused is None:
                raise NothingToUndo("there is nothing to undo")
            if row is not None:
                _same(row, operation_id)
                try:
                    await oplog.replay(session, row.payload, forward=False)
                except UndoRefused:
                    raise
                except UndoConflict as exc:
                    refused = UndoRefused(str(exc), row.id, row.summary)
                else:
                    await oplog.mark_undone(session, row, True)
                    return await _undone(session, row)
        assert refused is not None
        raise refused

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


async def _older(session: Any, row: models.Operation, origin: str | None
                 ) -> models.Operation | None:
    """The newest change before `row` an undo would revert (by `origin` when given)."""
    op = models.Operation
    stmt = select(op).where(op.id < row.id, op.undone.is_(False),
                            or_(op.undone_seq.is_(None), op.undone_seq != oplog.PASSED_OVER))
    if origin is not None:
        stmt = stmt.where(op.origin == origin)
    found: models.Operation | None = (
        await session.scalars(stmt.order_by(op.id.desc()).limit(1))).first()
    return found


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
