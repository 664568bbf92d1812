"""Fixtures and helpers for the fault tests: real files, damaged on purpose."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tests.screen import screen_text as screen_text
from todo_tui.db.engine import Database, sqlite_url
from todo_tui.domain import NewTask
from todo_tui.service import open_services

# Friday 27 November 2026, 10:00 UTC, as in the UI tests
FROZEN_NOW = "2026-11-27T10:00:00+00:00"


@pytest.fixture(autouse=True)
def private_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A frozen clock in UTC; logs, drafts and state in the test's directory."""
    monkeypatch.setenv("TODO_TUI_NOW", FROZEN_NOW)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("TODO_TUI_LOG", str(tmp_path / "logs" / "todo-tui.log"))
    monkeypatch.setenv("TODO_TUI_DRAFTS_DIR", str(tmp_path / "drafts"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("TODO_TUI_BACKUPS", raising=False)
    monkeypatch.delenv("TODO_TUI_ASCII", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def make_db(path: Path, *titles: str, reopen: bool = True) -> None:
    """A todo-tui database at `path` with these tasks; `reopen` opens it once more, which
    takes the day's automatic backup."""
    services = await open_services(sqlite_url(path))
    try:
        for title in titles:
            await services.tasks.add(NewTask(title=title))
    finally:
        await services.close()
    if reopen:
        await (await open_services(sqlite_url(path))).close()


def damage_page(path: Path, table: str = "tasks") -> None:
    """Overwrite the b-tree page type of `table`'s root page: SQLite calls the file malformed."""
    connection = sqlite3.connect(path)
    try:
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\x07")


def listing(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` (names relative to it) and its bytes."""
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def sidecars(path: Path) -> list[str]:
    return [s for s in ("-wal", "-shm", "-journal") if Path(f"{path}{s}").exists()]


def task_titles(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT title FROM tasks ORDER BY title")]
    finally:
        connection.close()


async def limit_growth(db: Database) -> None:
    """From now on the database file cannot grow, as on a full disk (PRAGMA max_page_count)."""

    def limit(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    event.listen(db.engine.sync_engine, "connect", limit)
    await db.engine.dispose()  # pooled connections reconnect with the limit


def short_waits(monkeypatch: pytest.MonkeyPatch, seconds: float = 0.4) -> None:
    """Give up on a locked database after a fraction of a second instead of ~13 s."""
    from todo_tui.db import engine
    from todo_tui.service import retry

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(retry, "RETRY_BUDGET_S", seconds)


async def settle(pilot: Pilot[Any], rounds: int = 60, *, failures: bool = False) -> None:
    """Wait until the database is open, the list is loaded and no worker runs (with
    `failures`, a worker that failed does not stop the wait: the app handles it)."""
    app = pilot.app
    for _ in range(rounds):
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            if not failures:
                raise
        await pilot.pause()
        main = getattr(app, "main_screen", None)
        busy = any(worker.is_running for worker in app.workers)
        if main is not None and main.ready and not busy and main.counts is not None:
            return
    raise AssertionError("the app did not settle")


def notifications(app: Any) -> list[str]:
    return list(app.notices)


def as_nobody_prefix() -> list[str] | None:
    """How to run a command so that file permissions apply: nothing when not root, else
    setpriv to the `nobody` user; None when that is impossible here."""
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


