"""The service layer: every public method is one unit of work in its own session."""

from __future__ import annotations

from dataclasses import dataclass

from todo_tui.db.engine import Database
from todo_tui.db.schema import ensure_schema
from todo_tui.service.categories import CategoryService
from todo_tui.service.tasks import TaskService


@dataclass(frozen=True)
class Services:
    """The services over one database."""

    db: Database
    tasks: TaskService
    categories: CategoryService

    @classmethod
    def over(cls, db: Database) -> Services:
        return cls(db=db, tasks=TaskService(db), categories=CategoryService(db))

    async def close(self) -> None:
        await self.db.dispose()


async def open_services(url: str) -> Services:
    """Open the database at `url`, upgrade its schema, and build the services on it."""
    db = Database.from_url(url)
    try:
        await ensure_schema(db.engine)
    except BaseException:
        await db.dispose()
        raise
    return Services.over(db)
