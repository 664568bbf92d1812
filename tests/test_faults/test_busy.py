"""A busy database is told by the driver's error code (db/health.py's is_busy, the one place
that decides it); the message is read only when an error carries no code."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import asyncpg.exceptions
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from todo_tui.db.health import busy_error, is_busy, storage_error
from todo_tui.errors import StorageError
from todo_tui.service import Services
from todo_tui.service.retry import transient


@pytest.fixture
def two_connections(tmp_path: Path) -> Iterator[tuple[sqlite3.Connection, sqlite3.Connection]]:
    """Two plain connections to one WAL database with a table `t`; neither waits for a lock."""
    path = tmp_path / "busy.db"
    first = sqlite3.connect(path, timeout=0, isolation_level=None)
    second = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        first.execute("PRAGMA journal_mode = WAL")
        first.execute("CREATE TABLE t (x)")
        first.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
        yield first, second
    finally:
        first.close()
        second.close()


def caught(connection: sqlite3.Connection, sql: str) -> sqlite3.OperationalError:
    with pytest.raises(sqlite3.OperationalError) as raised:
        connection.execute(sql)
    return raised.value


def wrapped(orig: Exception) -> OperationalError:
    """The error as SQLAlchemy raises it around the driver's."""
    return OperationalError("SELECT 1", None, orig)


def test_sqlite_busy_write_lock(two_connections: tuple[sqlite3.Connection, ...]) -> None:
    first, second = two_connections
    first.execute("BEGIN IMMEDIATE")
    error = caught(second, "BEGIN IMMEDIATE")
    assert error.sqlite_errorname == "SQLITE_BUSY"
    assert is_busy(error) and is_busy(wrapped(error)) and transient(wrapped(error))
    assert str(storage_error(error)) == str(busy_error())


def test_sqlite_busy_snapshot(two_connections: tuple[sqlite3.Connection, ...]) -> None:
    """An extended code (SQLITE_BUSY_SNAPSHOT, 517): a reader's snapshot went stale before it
    wrote; a new unit of work succeeds."""
    first, second = two_connections
    first.execute("BEGIN")
    first.execute("SELECT count(*) FROM t").fetchall()
    second.execute("INSERT INTO t VALUES (3)")
    error = caught(first, "INSERT INTO t VALUES (4)")
    assert error.sqlite_errorname == "SQLITE_BUSY_SNAPSHOT"
    assert is_busy(error) and transient(wrapped(error))


def test_sqlite_locked_table(two_connections: tuple[sqlite3.Connection, ...]) -> None:
    first, _ = two_connections
    reading = first.execute("SELECT x FROM t")
    reading.fetchone()
    error = caught(first, "DROP TABLE t")
    assert error.sqlite_errorname == "SQLITE_LOCKED"
    assert is_busy(error) and transient(wrapped(error))


def test_other_sqlite_errors_are_not_busy(tmp_path: Path) -> None:
    path = tmp_path / "read-only.db"
    sqlite3.connect(path).close()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        error = caught(connection, "CREATE TABLE t (x)")
    finally:
        connection.close()
    assert error.sqlite_errorname == "SQLITE_READONLY"
    assert not is_busy(error) and not transient(wrapped(error))


def test_the_code_decides_when_there_is_one() -> None:
    said_locked = sqlite3.OperationalError("database is locked")
    said_locked.sqlite_errorcode = sqlite3.SQLITE_ERROR
    assert not is_busy(said_locked)
    raised_by_sql = asyncpg.exceptions.RaiseError("database is locked")  # P0001: RAISE's text
    assert not is_busy(raised_by_sql)


def test_the_message_decides_only_without_a_code() -> None:
    assert is_busy(sqlite3.OperationalError("database is locked"))
    assert is_busy(wrapped(sqlite3.OperationalError("database table is locked")))
    assert not is_busy(sqlite3.OperationalError("no such table: t"))


def test_postgresql_codes() -> None:
    assert is_busy(asyncpg.exceptions.LockNotAvailableError("could not obtain lock"))
    serialization = asyncpg.exceptions.SerializationError("could not serialize access")
    assert not is_busy(serialization)  # a conflict, not a lock wait: retried all the same
    assert transient(wrapped(serialization))


async def test_postgresql_lock_wait_that_gave_up(services: Services, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite's own lock errors are tested above")
    engine = services.db.engine
    async with engine.connect() as holder, engine.connect() as waiter:
        await holder.execute(text("LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE"))
        await waiter.execute(text("SET lock_timeout = '50ms'"))
        with pytest.raises(DBAPIError) as raised:
            await waiter.execute(text("SELECT count(*) FROM tasks"))
    assert getattr(raised.value.orig, "sqlstate", None) == "55P03"
    assert is_busy(raised.value) and transient(raised.value)


@pytest.mark.parametrize("kind", ["conflict", "lock"])
async def test_conflicts_are_retried_longer_than_a_held_lock(
        monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    # a serialization failure means another writer committed: fifty saves at once, or four
    # processes on one list, on a loaded machine, get through; a lock someone holds does not
    # keep the user waiting as long
    from todo_tui.service import retry

    monkeypatch.setattr(retry, "RETRY_BUDGET_S", 0.3)
    monkeypatch.setattr(retry, "CONFLICT_BUDGET_S", 20.0)
    monkeypatch.setattr(retry, "FIRST_DELAY_S", 0.05)
    monkeypatch.setattr(retry, "MAX_DELAY_S", 0.1)
    error = (asyncpg.exceptions.SerializationError("could not serialize access")
             if kind == "conflict" else asyncpg.exceptions.LockNotAvailableError("lock"))
    failures = 12  # some 1 s of refusals: past the lock's budget, well within the conflicts'
    calls = 0

    async def save() -> str:
        nonlocal calls
        calls += 1
        if calls <= failures:
            raise wrapped(error)
        return "saved"

    if kind == "conflict":
        assert await retry.with_retries(save) == "saved" and calls == failures + 1
    else:
        with pytest.raises(StorageError):
            await retry.with_retries(save)
        assert calls < failures
