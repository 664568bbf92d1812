"""The service layer: every public method is one unit of work in its own session."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from todo_tui.db import backup
from todo_tui.db.engine import Database
from todo_tui.db.schema import ensure_schema
from todo_tui.errors import StorageError
from todo_tui.service.bulk import BulkService
from todo_tui.service.categories import CategoryService
from todo_tui.service.history import HistoryService
from todo_tui.service.lists import ListService
from todo_tui.service.reminders import ReminderService
from todo_tui.service.subtask_service import SubtaskService
from todo_tui.service.tasks import TaskService

DEFAULT_TRASH_DAYS = 30


@dataclass(frozen=True)
class Services:
    """The services over one database."""

    db: Database
    tasks: TaskService
    categories: CategoryService
    lists: ListService
    history: HistoryService
    bulk: BulkService  # acting on many marked tasks at once
    reminders: ReminderService
    subtasks: SubtaskService  # the tree: parents, siblings, collapsing

    @classmethod
    def over(cls, db: Database) -> Services:
        return cls(db=db, tasks=TaskService(db), categories=CategoryService(db),
                   lists=ListService(db), history=HistoryService(db),
                   bulk=BulkService(db), reminders=ReminderService(db),
                   subtasks=SubtaskService(db))

    async def close(self) -> None:
        await self.db.dispose()


async def open_services(url: str, *, read_only: bool | None = None) -> Services:
    """Open the database at `url`, upgrade its schema, and build the services on it.

    A file this process cannot write opens read-only (`db.read_only_reason` says why). An
    SQLite database that already had data is checked, and backed up at the first open of a day.
    """
    db = Database.from_url(url, read_only=read_only)
    try:
        revision = await ensure_schema(db.engine, read_only_reason=db.read_only_reason)
        if revision is not None and db.path is not None:
            await asyncio.to_thread(backup.daily, db.path)
        if db.read_only_reason is None:
            await tidy(db)
    except BaseException:
        await db.dispose()
        raise
    return Services.over(db)


def trash_days() -> int:
    """How many days a task stays in the trash: the `trash_days` setting
    ($TODO_TUI_TRASH_DAYS, else the settings file, else 30)."""
    from todo_tui.settings import current

    days = current()["trash_days"]
    return days if isinstance(days, int) else DEFAULT_TRASH_DAYS


async def tidy(db: Database) -> None:
    """At a start: purge what has been in the trash for trash_days(), and forget changes
    older than the log keeps (service/oplog.py). Skipped, not fatal, when the database is busy."""
    from sqlalchemy import select

    from todo_tui.db import models
    from todo_tui.service import oplog
    from todo_tui.service.trash import purge_trash

    now = models.utcnow()
    cutoff = now - timedelta(days=trash_days())
    old_log = now - timedelta(days=oplog.MAX_AGE_DAYS)
    # a look first (three index lookups): most starts have nothing to do and take no write lock
    async with db.read() as session:
        due = [await session.scalar(select(column).where(column < moment).limit(1))
               for column, moment in ((models.Task.trashed_at, cutoff),
                                      (models.Category.trashed_at, cutoff),
                                      (models.Operation.at, old_log))]
    if all(found is None for found in due):
        return
    try:
        async with db.write() as session:
            await purge_trash(session, cutoff, None)
            await oplog.prune(session, now)
    except StorageError:
        return
