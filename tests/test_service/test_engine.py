"""The engine: SQLite settings on every connection, IMMEDIATE write transactions, a private file."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from todo_tui.db import models
from todo_tui.db.engine import create_engine, sqlite_url
from todo_tui.db.urls import parse_url
from todo_tui.domain import NewTask
from todo_tui.errors import StorageError, UsageError
from todo_tui.service import Services, open_services

from ..helpers import raw

PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 5000}

pytestmark = pytest.mark.sqlite_only


async def test_every_connection_has_the_pragmas(services: Services) -> None:
    engine = services.db.engine
    async with engine.connect() as first, engine.connect() as second:
        assert first.sync_connection is not None and second.sync_connection is not None
        assert (first.sync_connection.connection.dbapi_connection
                is not second.sync_connection.connection.dbapi_connection)
        for connection in (first, second):
            found = {
                name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in PRAGMAS
            }
            assert found == PRAGMAS


async def test_foreign_keys_are_enforced(services: Services) -> None:
    with pytest.raises(IntegrityError):
        async with services.db.write() as session:
            await session.execute(insert(models.Task.__table__), [{
                "id": "a" * 32, "title": "orphan", "notes": "", "status": "open",
                "priority": 0, "recurrence_from_completion": False, "category_id": "f" * 32,
                "position": 1, "created_at": models.utcnow(), "updated_at": models.utcnow(),
                "version": 1,
            }])
    assert await services.tasks.all(include_done=True) == []


def begin_immediate_elsewhere(path: Path) -> str | None:
    """Try to take the write lock from another connection; the error text, or None."""
    with raw(path) as other:
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            return str(exc)
        other.execute("ROLLBACK")
    return None


async def test_a_write_session_holds_the_write_lock_from_its_first_read(
    services: Services, db_path: Path
) -> None:
    await services.tasks.add(NewTask(title="x"))
    async with services.db.write() as session:
        # has read, written nothing: a deferred transaction would not lock yet
        assert await session.scalar(select(models.Task.title)) == "x"
        assert begin_immediate_elsewhere(db_path) == "database is locked"
    assert begin_immediate_elsewhere(db_path) is None


async def test_a_read_session_does_not_take_the_write_lock(
    services: Services, db_path: Path
) -> None:
    await services.tasks.add(NewTask(title="x"))
    async with services.db.read() as session:
        assert await session.scalar(select(models.Task.title)) == "x"
        assert (await session.execute(text("SELECT 1"))).scalar() == 1
        assert begin_immediate_elsewhere(db_path) is None


async def test_a_new_database_file_is_private(db_url: str, db_path: Path) -> None:
    services = await open_services(db_url)
    try:
        await services.tasks.add(NewTask(title="secret"))
        for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        await services.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


async def test_an_existing_file_keeps_its_mode(db_url: str, db_path: Path) -> None:
    db_path.touch(mode=0o640)
    db_path.chmod(0o640)
    services = await open_services(db_url)
    await services.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o640


def test_a_database_in_a_missing_directory_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "todo.db"
    with pytest.raises(StorageError, match="does not exist"):
        create_engine(sqlite_url(missing))
    assert not missing.parent.exists()


def test_a_directory_is_refused_as_a_database(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="directory"):
        create_engine(sqlite_url(tmp_path))


@pytest.mark.parametrize("url", [
    "sqlite+aiosqlite:///:memory:", "sqlite://", "mysql://u@h/db", "not a url at all",
])
def test_unsupported_urls_are_usage_errors(url: str) -> None:
    with pytest.raises(UsageError):
        parse_url(url)


def test_plain_sqlite_and_postgres_urls_get_async_drivers(tmp_path: Path) -> None:
    assert parse_url(f"sqlite:///{tmp_path}/x.db").drivername == "sqlite+aiosqlite"
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+asyncpg"
