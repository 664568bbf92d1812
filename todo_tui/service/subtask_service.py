"""Subtasks: putting a task under another and taking it out, moving it among its siblings,
collapsing a parent, and reading a task's subtasks; each call is one unit of work."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.domain import ListKind, ListRef, Sort
from todo_tui.errors import ValidationError
from todo_tui.service import oplog, queries
from todo_tui.service.ordering import Shown, swap_places
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot
from todo_tui.service.subtasks import neighbour, reparent, short_title
from todo_tui.service.task_rows import load_task, tasks_by_id
from todo_tui.service.tree import list_tree


@retry_public_methods
class SubtaskService:
    """The tree of tasks: what the UI's A, >, <, J/K, l/h and the shell's `move --parent` do."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def swap_with_sibling(self, task_id: str, step: int, shown: Shown, *,
                                origin: str | None = None
                                ) -> tuple[domain.Task, domain.Task] | None:
        """Move a task one place down (step 1) or up (-1) among its siblings as `shown`
        (ref, sort, search, today, now), its subtasks with it; None when it is at that end.
        In a list sorted otherwise than by hand, the shown order becomes the manual one."""
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            other_id = await neighbour(session, self._db.backend, shown, row, step)
            if other_id is None:
                return None
            session.expunge(row)  # the manual order may be rewritten, versions and all
            return await swap_places(session, self._db.backend, row.id, other_id,
                                     None if shown[1] is Sort.MANUAL else shown, origin)

    async def set_parent(self, task_id: str, parent_id: str | None, *,
                         origin: str | None = None) -> domain.Task:
        """Make a task a subtask of another (None: a task of its own), with its subtasks;
        it goes in its new parent's category, last among its new siblings."""
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            parent = None if parent_id is None else await load_task(session, parent_id)
            return await self._reparent(session, row, parent, origin)

    async def indent(self, task_id: str, shown: Shown, *, origin: str | None = None
                     ) -> domain.Task:
        """Make a task a subtask of the one above it as `shown` (ref, sort, search, today,
        now): in a tree, the sibling above it; in other lists, the row above."""
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            above = await neighbour(session, self._db.backend, shown, row, -1)
            if above is None:
                raise ValidationError(
                    f"nothing above {short_title(row.title)} to put it under")
            return await self._reparent(session, row, await load_task(session, above), origin)

    async def outdent(self, task_id: str, *, origin: str | None = None) -> domain.Task:
        """Move a subtask up one level: it comes right after its parent, with its subtasks."""
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            if row.parent_id is None:
                raise ValidationError(
                    f"{short_title(row.title)} is not a subtask")
            parent = await load_task(session, row.parent_id)
            grandparent = (None if parent.parent_id is None
                           else await load_task(session, parent.parent_id))
            return await self._reparent(session, row, grandparent, origin, after=parent)

    async def _reparent(self, session: AsyncSession, row: models.Task,
                        parent: models.Task | None, origin: str | None, *,
                        after: models.Task | None = None) -> domain.Task:
        log = oplog.Recorder(session)
        log.focus_task = row.id
        summary = await reparent(session, row, parent, log, after=after)
        if summary is not None:
            await log.save("move", summary, origin)
        return (await tasks_by_id(session, [row.id]))[row.id]  # with its new path

    async def set_collapsed(self, task_id: str, collapsed: bool, *,
                            origin: str | None = None) -> None:
        """Hide or show a task's subtasks in its list (a preference: not in the log, and
        the task's version stays, `origin` unused)."""
        async with self._db.write() as session:
            await load_task(session, task_id)
            await session.execute(update(models.Task).where(models.Task.id == task_id)
                                  .values(collapsed=collapsed))

    async def under(self, task_id: str, *, limit: int | None = None) -> list[domain.Task]:
        """A task's subtasks (not those in the trash), in the manual order; the first
        `limit` of them when given."""
        async with snapshot(self._db) as session:
            ids = list(await session.scalars(
                select(models.Task.id).where(models.Task.parent_id == task_id, queries.LIVE)
                .order_by(models.Task.position, models.Task.id).limit(limit)))
            found = await tasks_by_id(session, ids)
            return [found[i] for i in ids if i in found]

    async def ready_trees(self, today: date) -> bool:
        """Ready the reads of the categories shown as trees (in their default order) when
        the database has subtasks, by building and running each once on an empty category:
        the first category opened then costs what a plain list does. Returns whether there
        was anything to ready."""
        async with snapshot(self._db) as session:
            if not await session.scalar(select(select(models.Task.id).where(
                    models.Task.parent_id.is_not(None)).exists())):
                return False
            await list_tree(ListRef(ListKind.CATEGORY, category_id=""), today, Sort.SMART,
                            self._db.backend).warm(session)
            return True
