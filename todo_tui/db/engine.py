"""The async engine, its per-connection settings, and the session factories."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from todo_tui.config import sqlite_url as sqlite_url
from todo_tui.db import health
from todo_tui.db.urls import parse_url
from todo_tui.errors import StorageError

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 512
# PostgreSQL NOTIFY channel that tells other instances something changed
CHANGES_CHANNEL = "todo_tui_changes"
# execution option that marks a connection whose transactions write
WRITE_OPTION = "todo_tui_write"


def prepare_sqlite_file(path: Path) -> None:
    """Create the database file (mode 0600) if missing, or say clearly why it cannot be used."""
    parent = path.parent
    if not parent.is_dir():
        raise StorageError(f"cannot open database {path}: directory {parent} does not exist")
    if path.exists():
        if path.is_dir():
            raise StorageError(f"cannot open database {path}: it is a directory")
        if not os.access(path, os.R_OK):
            raise StorageError(f"cannot open database {path}: permission denied")
        health.check_file(path)  # refuse a damaged file before anything writes to it
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StorageError(f"cannot create database {path}: {exc.strerror}") from None
    os.close(fd)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # the driver's own BEGIN handling is turned off: we emit BEGIN ourselves (below)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # the tree counts' triggers (migration 0012) pass a change on up a task's parents
        cursor.execute("PRAGMA recursive_triggers = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        # A small page cache: the OS caches the file anyway, and at SQLite's default (2 MB
        # for each pooled connection) memory grew with the database, not with what is shown.
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        # Switching to WAL rewrites the file header: never do it to a database that is
        # not ours (schema.py refuses to open it, and must leave it as it was).
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {row[0] for row in cursor.fetchall()}
        if not tables or "alembic_version" in tables:
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                # read-only media cannot switch journal mode; reads still work
                pass
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    # Write transactions take the write lock up front: with a deferred BEGIN two
    # processes doing read-modify-write on one row silently lose updates.
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def create_engine(url: str | URL, *, read_only: bool = False) -> AsyncEngine:
    """Build the async engine with the settings its dialect needs (SQLite: maybe read-only)."""
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database is not None
        path = Path(parsed.database)
        prepare_sqlite_file(path)
        timeout = BUSY_TIMEOUT_MS / 1000
        if read_only:  # the URL keeps the plain path; the connections cannot write
            engine = create_async_engine(
                parsed, async_creator=health.read_only_connector(path, timeout))
        else:
            engine = create_async_engine(parsed, connect_args={"timeout": timeout})
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
        return engine
    return create_async_engine(parsed, pool_size=5, max_overflow=5, pool_pre_ping=True)


class Database:
    """An engine and its two session factories: one for reads, one for writes."""

    def __init__(self, engine: AsyncEngine, read_only_reason: str | None = None) -> None:
        self.engine = engine
        # why this database can only be read (every write then raises StorageError)
        self.read_only_reason = read_only_reason
        self._reader = async_sessionmaker(engine, expire_on_commit=False)
        options: dict[str, Any] = {WRITE_OPTION: True}
        if engine.dialect.name == "postgresql":
            # Writes are serialized, as on SQLite; conflicts surface as SQLSTATE 40001 and
            # the service retries them (todo_tui.service.retry).
            options["isolation_level"] = "SERIALIZABLE"
        self._writer = async_sessionmaker(
            engine.execution_options(**options), expire_on_commit=False
        )

    @classmethod
    def from_url(cls, url: str | URL, *, read_only: bool | None = None) -> Database:
        """Open `url`; an SQLite file this process cannot write (or `read_only=True`) is
        opened read-only."""
        parsed = parse_url(url) if isinstance(url, str) else url
        reason = None
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            reason = "opened read-only on request" if read_only else (
                None if read_only is False else health.read_only_reason(Path(parsed.database)))
        return cls(create_engine(parsed, read_only=reason is not None), reason)

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for other backends)."""
        database = self.engine.url.database
        return Path(database) if self.backend == "sqlite" and database else None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session for one read; closed on exit."""
        with health.translated(self.path):
            async with self._reader() as session:
                yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A session in one write transaction; committed on success, rolled back on error.

        On PostgreSQL the commit also notifies other instances (LISTEN/NOTIFY).
        Storage faults (disk full, damaged file...) become StorageError; read-only refuses.
        """
        if self.read_only_reason is not None:
            raise StorageError(f"read-only: {self.read_only_reason}; nothing was saved")
        with health.translated(self.path):
            async with self._writer() as session, session.begin():
                yield session
                if self.backend == "postgresql":
                    await session.execute(text("SELECT pg_notify(:channel, '')"),
                                          {"channel": CHANGES_CHANNEL})

    async def dispose(self) -> None:
        await self.engine.dispose()
