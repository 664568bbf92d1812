"""The service layer: every public method is one unit of work in its own session."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from todo_tui.db import backup
from todo_tui.db.engine import Database
from todo_tui.db.schema import ensure_schema
from todo_tui.service.categories import CategoryService
from todo_tui.service.lists import ListService
from todo_tui.service.tasks import TaskService


@dataclass(frozen=True)
class Services:
    """The services over one database."""

    db: Database
    tasks: TaskService
    categories: CategoryService
    lists: ListService

    @classmethod
    def over(cls, db: Database) -> Services:
        return cls(db=db, tasks=TaskService(db), categories=CategoryService(db),
                   lists=ListService(db))

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
    except BaseException:
        await db.dispose()
        raise
    return Services.over(db)
