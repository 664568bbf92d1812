"""Is the database file usable, and may it be written? What went wrong, in words a user reads.

Everything here runs before the engine touches the file: a file that is refused is never
written to (no journal switch, no fresh tables over a file that held data).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from todo_tui.db.backup_files import backup_dir, daily_due, newest_backup
from todo_tui.db.files import reader_uri, sidecar
from todo_tui.errors import StorageError
from todo_tui.logs import log_quietly

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# Up to this size SQLite's quick check runs at every open (a few ms); above it, only when
# a daily snapshot is due.
CHECK_EVERY_OPEN = 8 * 1024 * 1024
# SQLite's primary result codes (the low byte of the extended code)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
# PostgreSQL's SQLSTATE for a lock wait that gave up (lock_timeout, NOWAIT)
PG_LOCK_NOT_AVAILABLE = "55P03"
# what SQLite says for SQLITE_BUSY and SQLITE_LOCKED, for an error that lost its code
BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")


# -- what to tell the user -------------------------------------------------------------------


def backup_hint(path: Path) -> str:
    """Where the newest backup of `path` is, and how to restore it."""
    path = path.absolute()
    newest = newest_backup(path)
    if newest is None:
        return f"There is no backup of it in {backup_dir(path)}."
    return (f"The newest backup is {newest} (restore it with: "
            f"todo-tui --db {path} restore {newest}).")


def damaged(path: Path, what: str) -> StorageError:
    """The error for a file that must not be opened: what is wrong and where the backup is."""
    return StorageError(f"cannot open the database {path.absolute()}: {what}. "
                        f"Nothing was changed. {backup_hint(path)}")


def busy_error() -> StorageError:
    """Another program held the write lock for longer than todo-tui waits."""
    return StorageError(
        "the database is busy (locked by another program) and stayed locked for too long; "
        "nothing was saved, please try again"
    )


def _code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_busy(exc: BaseException) -> bool:
    """Whether the driver gave up waiting for a lock (worth trying again).

    Told by the driver's error code: sqlite3's `sqlite_errorcode` (SQLITE_BUSY, SQLITE_LOCKED
    and their extended codes), asyncpg's `sqlstate` (lock_not_available). Only an error
    that carries no code is judged by its message.
    """
    orig = getattr(exc, "orig", exc)
    code = _code(orig)
    if code is not None:
        return code in (SQLITE_BUSY, SQLITE_LOCKED)
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate is not None:
        return bool(sqlstate == PG_LOCK_NOT_AVAILABLE)
    message = str(orig).lower()
    return any(text in message for text in BUSY_MESSAGES)


def storage_error(exc: BaseException, path: Path | None = None) -> StorageError | None:
    """A clear StorageError for an SQLite failure, or None when it is not a storage fault."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.Error):
        return None
    code = _code(orig)
    message = str(orig).lower()
    name = f"the database {path}" if path is not None else "the database"
    if is_busy(orig):
        return busy_error()
    if code == SQLITE_FULL or "database or disk is full" in message:
        return StorageError(
            f"disk full: {name} could not grow, so the change was rolled back and nothing was "
            "saved; free some disk space and try again"
        )
    if code == SQLITE_READONLY or "readonly database" in message:
        return StorageError(f"read-only: {name} cannot be written; nothing was saved")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in message \
            or "not a database" in message:
        hint = "" if path is None else f" {backup_hint(path)}"
        return StorageError(f"{name} is damaged (SQLite says: {orig}); nothing was saved.{hint}")
    if code == SQLITE_IOERR or "disk i/o error" in message:
        return StorageError(
            f"the disk failed while using {name} (disk I/O error); the change was rolled back"
        )
    if code == SQLITE_CANTOPEN or "unable to open" in message:
        return StorageError(f"cannot open {name}: {orig}")
    return None


@contextmanager
def translated(path: Path | None) -> Iterator[None]:
    """Turn SQLite storage faults raised inside into StorageError (logged with the details).

    "database is locked" passes through unchanged, so that the service's retry
    (todo_tui.service.retry) can try again; it gives the final message.
    """
    try:
        yield
    except DBAPIError as exc:
        if is_busy(exc):
            raise
        error = storage_error(exc, path)
        if error is None:
            raise
        log_quietly(logging.WARNING, "%s", error, exc_info=True)
        raise error from None


# -- is the file a database? ------------------------------------------------------------------


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _page_size(header: bytes) -> int | None:
    value = int.from_bytes(header[16:18], "big")
    value = 65536 if value == 1 else value
    if value < 512 or value > 65536 or value & (value - 1):
        return None
    return value


def check_file(path: Path, *, thorough: bool | None = None) -> None:
    """Raise StorageError unless `path` is a sound SQLite database (or a new, empty file).

    Reads only: the header, then, through a connection that cannot write, the schema and
    (when `thorough`; by default for small files and once a day) SQLite's quick check.
    """
    size = path.stat().st_size
    wal = sidecar(path, "-wal")
    wal_size = _size(wal)
    if size == 0:
        if wal_size:
            raise damaged(path, f"it is empty (0 bytes), but {wal} holds {wal_size} bytes of "
                                "changes not yet written into it")
        if newest_backup(path) is not None:
            raise damaged(path, "it is empty (0 bytes), yet backups of it exist, so it has "
                                "probably lost its data (a full disk can leave a file like "
                                "this); refusing to create a new database over it")
        return  # a new database
    try:
        with open(path, "rb") as file:
            header = file.read(HEADER_SIZE)
    except OSError as exc:
        raise StorageError(f"cannot read the database {path}: {exc.strerror}") from None
    if not header.startswith(MAGIC[: len(header)]):
        raise damaged(path, "it is not an SQLite database (it does not start with the "
                            "SQLite header)")
    if len(header) < HEADER_SIZE:
        raise damaged(path, f"it is truncated (only {size} bytes)")
    page_size = _page_size(header)
    if page_size is None:
        raise damaged(path, "its header is damaged (impossible page size)")
    if not wal_size:  # with a write-ahead log, SQLite completes the file itself
        if size % page_size:
            raise damaged(path, f"it is truncated ({size} bytes is not a whole number of "
                                f"{page_size}-byte pages)")
        pages = int.from_bytes(header[28:32], "big")
        if pages and header[24:28] == header[92:96] and size < pages * page_size:
            raise damaged(path, f"it is truncated ({size} bytes, but its header says "
                                f"{pages * page_size})")
    if thorough is None:
        thorough = size <= CHECK_EVERY_OPEN or daily_due(path)
    try:
        with reader(path) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            rows = connection.execute("PRAGMA quick_check").fetchall() if thorough else []
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            return  # another program holds a lock: not a fault of the file
        raise damaged(path, f"it is damaged (SQLite says: {exc})") from None
    if rows and rows != [("ok",)]:
        raise damaged(path, f"it is damaged (SQLite's check says: {rows[0][0]})")


# -- opening without writing ------------------------------------------------------------------


@contextmanager
def reader(path: Path, timeout: float = 5.0) -> Iterator[sqlite3.Connection]:
    """A plain read-only sqlite3 connection to `path`, closed on exit."""
    connection = sqlite3.connect(reader_uri(path), uri=True, timeout=timeout,
                                 isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def writable(path: Path) -> bool:
    """Whether this process may write `path` (tests replace this to simulate permissions)."""
    return os.access(path, os.W_OK)


def read_only_reason(path: Path) -> str | None:
    """Why the database at `path` can only be read, or None when it can be written."""
    if not path.parent.is_dir():
        return None  # opening it says that the directory is missing
    if path.exists() and not writable(path):
        return f"the file {path} is not writable"
    if not writable(path.parent):
        return f"the directory {path.parent} is not writable"
    return None


def read_only_connector(path: Path, timeout: float) -> Callable[[], Any]:
    """An `async_creator` for SQLAlchemy that opens `path` read-only with aiosqlite."""
    import aiosqlite

    def connect() -> Any:
        return aiosqlite.connect(reader_uri(path), uri=True, timeout=timeout)

    return connect
