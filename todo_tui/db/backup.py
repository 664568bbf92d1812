"""Snapshots of the SQLite database (SQLite's VACUUM INTO): automatic ones at the first start
of each day and before an upgrade or a restore, on demand with `todo-tui backup`, and
`todo-tui restore`.

Where they live and how they are named: db/backup_files.py.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from pathlib import Path

from todo_tui import clock
from todo_tui.db import health
from todo_tui.db.backup_files import (
    AUTOMATIC,
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    DAILY,
    DAMAGED,
    MANUAL,
    STAMP,
    backup_dir,
    daily_due,
    keep_count,
    list_backups,
)
from todo_tui.db.files import sidecar
from todo_tui.db.revision import HEAD_REVISION
from todo_tui.errors import StorageError, UsageError
from todo_tui.logs import log_quietly


def database_path(url: str) -> Path:
    """The file behind a database URL; backups are for SQLite files only."""
    from todo_tui.db.urls import parse_url

    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise UsageError("backup and restore work on SQLite databases "
                         "(for PostgreSQL use pg_dump and pg_restore)")
    return Path(parsed.database).expanduser().absolute()


# -- making a snapshot --------------------------------------------------------------------------


def _make_private_dir(directory: Path) -> None:
    try:
        directory.mkdir(mode=0o700)
    except FileExistsError:
        if not directory.is_dir():
            raise StorageError(f"cannot make the backups directory {directory}: a file is in "
                               "the way") from None
        return
    except OSError as exc:
        raise StorageError(
            f"cannot make the backups directory {directory}: {exc.strerror}") from None
    os.chmod(directory, 0o700)


def _private_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {exc.strerror}") from None
    os.close(fd)


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _free_name(directory: Path, stem: str, reason: str) -> Path:
    stamp = clock.now().strftime(STAMP)
    serial = 1
    while True:
        name = f"{stem}-{stamp}-{reason}.db" if serial == 1 else \
            f"{stem}-{stamp}-{reason}-{serial}.db"
        if not (directory / name).exists():
            return directory / name
        serial += 1


def _publish(partial: Path, final: Path) -> None:
    """Give the finished file its name, never replacing a file already there."""
    try:
        os.link(partial, final)
    except FileExistsError:
        raise StorageError(f"{final} already exists; refusing to overwrite it") from None
    except OSError:  # no hard links on this file system
        if final.exists():
            raise StorageError(f"{final} already exists; refusing to overwrite it") from None
        os.rename(partial, final)


def _vacuum_into(source: Path, target: Path) -> None:
    """Write a consistent, compact copy of `source` to the new private file `target`."""
    _private_file(target)
    try:
        with health.reader(source) as connection:
            connection.execute("VACUUM INTO ?", (str(target),))
        _fsync(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def snapshot(db_path: Path, reason: str, target: Path | None = None) -> Path:
    """Copy the database to `target` (default: a new file in its backups directory)."""
    if target is None:
        directory = backup_dir(db_path)
        _make_private_dir(directory)
        target = _free_name(directory, db_path.stem, reason)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        _vacuum_into(db_path, partial)
        _publish(partial, target)
    except sqlite3.Error as exc:
        error = health.storage_error(exc, db_path)
        raise StorageError(f"cannot back up {db_path} to {target}: "
                           f"{error if error is not None else exc}") from None
    except OSError as exc:
        raise StorageError(f"cannot back up {db_path} to {target}: "
                           f"{exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    _fsync(target.parent, directory=True)
    log_quietly(logging.DEBUG, "backed up %s to %s", db_path, target)
    return target


def prune(db_path: Path, keep: int) -> list[Path]:
    """Delete automatic snapshots beyond the newest `keep` (at least one is kept)."""
    automatic = [b for b in list_backups(db_path) if b.reason in AUTOMATIC]
    removed = []
    for old in automatic[max(keep, 1):]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError as exc:
            log_quietly(logging.WARNING, "cannot remove old backup %s: %s",
                               old.path, exc)
    return removed


def before_upgrade(db_path: Path) -> Path:
    """The snapshot taken before a migration; a failure stops the migration."""
    made = snapshot(db_path, BEFORE_UPGRADE)
    prune(db_path, keep_count())
    return made


def daily(db_path: Path) -> Path | None:
    """At the first start of the day, snapshot the database and prune old snapshots.

    The file was checked when it was opened (health.check_file runs SQLite's quick check
    whenever a daily snapshot is due), so a damaged copy never pushes good ones out.
    A snapshot that cannot be written is only logged.
    """
    keep = keep_count()
    if not daily_due(db_path) or not health.writable(db_path.parent):
        return None
    try:
        made = snapshot(db_path, DAILY)
    except (StorageError, OSError) as exc:
        log_quietly(logging.WARNING, "daily backup failed: %s", exc)
        return None
    prune(db_path, keep)
    return made


def backup_now(db_path: Path, target: Path | None = None) -> Path:
    """`todo-tui backup [PATH]`: a checked snapshot to PATH (a file or a directory)."""
    if not db_path.is_file():
        raise StorageError(f"there is no database at {db_path}; nothing to back up")
    if db_path.stat().st_size == 0:
        raise StorageError(f"the database {db_path} is empty; nothing to back up")
    health.check_file(db_path, thorough=True)
    if target is not None:
        target = target.expanduser()
        if target.is_dir():
            target = _free_name(target, db_path.stem, MANUAL)
        elif target.exists():
            raise StorageError(f"{target} already exists; refusing to overwrite it")
        elif not target.parent.is_dir():
            raise StorageError(f"cannot write {target}: directory {target.parent} does not "
                               "exist")
    return snapshot(db_path, MANUAL, target)


# -- restoring ------------------------------------------------------------------------------


def _check_restorable(staged: Path, source: Path) -> str:
    """The revision of the staged copy of `source`, or StorageError saying why it will not do."""
    from todo_tui.db.migration_scripts import known_revisions

    connection = sqlite3.connect(staged, isolation_level=None)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            raise StorageError(f"{source} is damaged (SQLite's check says: {rows[0][0]}); "
                               "nothing was changed")
        tables = {name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            raise StorageError(f"{source} is not a todo-tui database (it has no schema "
                               "version); nothing was changed")
        found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    revision = str(found[0]) if found else ""
    if revision not in known_revisions():
        raise StorageError(
            f"{source} has schema revision {revision or '(none)'}, which this todo-tui does "
            f"not know (newest known: {HEAD_REVISION}); nothing was changed")
    return revision


def _take_over(db_path: Path) -> bool:
    """Make sure no one has the database open, and fold its write-ahead log into it
    (leaving the WAL mode needs the only connection). False: the file is too damaged."""
    try:
        connection = sqlite3.connect(db_path, timeout=0.5, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if health.is_busy(exc):
            raise StorageError(
                f"the database {db_path} is in use by another program (is todo-tui open?); "
                "close it and try again. Nothing was changed") from None
        return False
    return True


def _raw_copy(db_path: Path) -> Path:
    """Keep the bytes of a database SQLite cannot read, with its logs."""
    directory = backup_dir(db_path)
    _make_private_dir(directory)
    target = _free_name(directory, db_path.stem, DAMAGED)
    _private_file(target)
    try:
        shutil.copyfile(db_path, target)
        _fsync(target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise StorageError(f"cannot keep a copy of {db_path} in {directory}: "
                           f"{exc.strerror or exc}; nothing was changed") from None
    for suffix in ("-wal", "-journal"):  # changes not yet in the file belong with it
        extra = sidecar(db_path, suffix)
        if extra.exists():
            shutil.copyfile(extra, sidecar(target, suffix))
    return target


def restore(db_path: Path, source: Path) -> Path | None:
    """Replace the database with the snapshot `source`, after checking it and backing up the
    current database; returns that backup (None when there was no database)."""
    source = source.expanduser()
    if not source.is_file():
        raise StorageError(f"there is no backup file at {source}; nothing was changed")
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise UsageError(f"{source} is the database itself")
    if not db_path.parent.is_dir():
        raise StorageError(f"cannot restore to {db_path}: directory {db_path.parent} does not "
                           "exist")
    staged = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
    staged.unlink(missing_ok=True)
    try:
        try:
            _vacuum_into(source, staged)
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{source} is not a usable SQLite database ({exc}); nothing was "
                               "changed") from None
        _check_restorable(staged, source)
        previous: Path | None = None
        if db_path.exists() and db_path.stat().st_size > 0:
            try:
                health.check_file(db_path, thorough=True)
                sound = True
            except StorageError as exc:
                log_quietly(logging.WARNING, "%s; keeping a raw copy", exc)
                sound = False
            if sound:
                _take_over(db_path)
                previous = snapshot(db_path, BEFORE_RESTORE)
            else:  # its bytes exactly as they are, before SQLite touches anything
                previous = _raw_copy(db_path)
                _take_over(db_path)
        for suffix in ("-wal", "-shm", "-journal"):
            # a log left by the old file would be replayed into the new one
            sidecar(db_path, suffix).unlink(missing_ok=True)
        os.replace(staged, db_path)
        _fsync(db_path.parent, directory=True)
    finally:
        staged.unlink(missing_ok=True)
    prune(db_path, keep_count())
    log_quietly(logging.INFO, "restored %s from %s (previous: %s)", db_path, source,
                       previous)
    return previous
