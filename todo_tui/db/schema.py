"""Bring a database to the schema this version knows, with Alembic, at start."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from todo_tui.db import backup, health
from todo_tui.db.engine import WRITE_OPTION
from todo_tui.db.migration_scripts import alembic_config, known_revisions
from todo_tui.db.revision import HEAD_REVISION as HEAD_REVISION
from todo_tui.errors import SchemaTooNewError, StorageError

# HEAD_REVISION: the newest revision in migrations/versions; a test checks they agree.
# Knowing it lets an up-to-date database open without importing Alembic at all.


def current_revision(connection: Connection) -> str | None:
    """The database's Alembic revision; None for an empty database."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise StorageError(
                "this database was not made by todo-tui (it has tables but no schema version): "
                "refusing to touch it"
            )
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if rows else None


def _too_new(revision: str) -> SchemaTooNewError:
    return SchemaTooNewError(
        f"this database has schema revision {revision}, newer than this todo-tui knows "
        f"(newest known: {HEAD_REVISION}); upgrade todo-tui to open it"
    )


def _upgrade(connection: Connection, target: str) -> str | None:
    revision = current_revision(connection)
    if revision == HEAD_REVISION:
        return revision
    if revision is not None and revision not in known_revisions():
        raise _too_new(revision)
    from alembic import command

    command.upgrade(alembic_config(connection), target)
    return revision


async def ensure_schema(
    engine: AsyncEngine, target: str = "head", *, read_only_reason: str | None = None
) -> str | None:
    """Upgrade the database to `target` in one write transaction; return the revision it had.

    An SQLite database that has data is backed up first; a read-only one is never upgraded.
    """
    path = Path(engine.url.database) if engine.dialect.name == "sqlite" and \
        engine.url.database else None
    try:
        async with engine.connect() as probe:
            revision = await probe.run_sync(current_revision)
        if revision == HEAD_REVISION and target == "head":
            return revision
        if revision is not None and revision not in known_revisions():
            raise _too_new(revision)
        if read_only_reason is not None:
            what = "is empty" if revision is None else f"has schema revision {revision}"
            raise StorageError(f"the database {path or ''} {what} and needs an upgrade to "
                               f"{HEAD_REVISION}, but it is read-only ({read_only_reason})")
        if revision is not None and revision != target and path is not None:
            await asyncio.to_thread(backup.before_upgrade, path)
        writer = engine.execution_options(**{WRITE_OPTION: True})
        async with writer.begin() as connection:
            return await connection.run_sync(_upgrade, target)
    except OperationalError as exc:
        error = health.storage_error(exc, path)
        raise error or StorageError(f"cannot open the database: {exc.orig}") from None
    except DatabaseError as exc:
        error = health.storage_error(exc, path)
        raise error or StorageError(f"the database file is not usable: {exc.orig}") from None
