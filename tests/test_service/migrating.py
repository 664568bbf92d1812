"""Taking a database to an older revision and back, for the tests of each migration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, text
from sqlalchemy import inspect as sa_inspect

from todo_tui.db import models
from todo_tui.db.engine import create_engine
from todo_tui.db.schema import ensure_schema

OLD_ID = "a" * 32
STAMP = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


async def database_at(db_url: str, revision: str, title: str, **values: object) -> None:
    """A new database at `revision` holding one task (id OLD_ID) made by that revision."""
    engine = create_engine(db_url)
    try:
        assert await ensure_schema(engine, target=revision) is None
        async with engine.begin() as connection:
            await connection.execute(insert(models.Task.__table__).values(
                id=OLD_ID, title=title, notes="", status="open", priority=0,
                recurrence_from_completion=False, position=1, created_at=STAMP,
                updated_at=STAMP, version=1, **values))
    finally:
        await engine.dispose()


@dataclass(frozen=True)
class Downgraded:
    """What the database holds once taken down: its tables, the tasks' columns, the tasks."""

    tables: set[str]
    task_columns: set[str]
    tasks: int


async def downgrade(db_url: str, revision: str) -> Downgraded:
    """Take the database down to `revision` with its own migrations' downgrades."""
    from alembic import command

    from todo_tui.db.migration_scripts import alembic_config

    engine = create_engine(db_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(
                lambda sync: command.downgrade(alembic_config(sync), revision))
        async with engine.connect() as connection:
            tables = await connection.run_sync(
                lambda sync: set(sa_inspect(sync).get_table_names()))
            columns = await connection.run_sync(
                lambda sync: {c["name"] for c in sa_inspect(sync).get_columns("tasks")})
            count = await connection.scalar(text("SELECT count(*) FROM tasks"))
    finally:
        await engine.dispose()
    return Downgraded(tables, columns, int(count or 0))
