"""A busy database: short locks are absorbed by retries with backoff; a lock held past the
retry budget gives one clear message and changes nothing."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from todo_tui.db import engine
from todo_tui.domain import NewTask
from todo_tui.errors import StorageError
from todo_tui.service import open_services, retry

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100 ms driver busy wait and a 1.5 s retry budget, so the test is quick."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(retry, "RETRY_BUDGET_S", 1.5)


def hold_write_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


async def test_a_short_lock_is_waited_out(impatient: None, db_path: Path, db_url: str) -> None:
    services = await open_services(db_url)
    try:
        holder = hold_write_lock(db_path)
        timer = threading.Timer(0.6, holder.rollback)  # released after 0.6 s
        timer.start()
        task = await services.tasks.add(NewTask(title="written after the lock"))
        timer.join()
        holder.close()
        assert (await services.tasks.get(task.id)).title == "written after the lock"
    finally:
        await services.close()


async def test_a_lock_held_too_long_is_one_clear_message(
    impatient: None, db_path: Path, db_url: str
) -> None:
    services = await open_services(db_url)
    try:
        await services.tasks.add(NewTask(title="before"))
        holder = hold_write_lock(db_path)
        try:
            with pytest.raises(StorageError) as caught:
                await services.tasks.add(NewTask(title="never saved"))
        finally:
            holder.rollback()
            holder.close()
        assert "busy" in str(caught.value) and "nothing was saved" in str(caught.value)
        assert [t.title for t in await services.tasks.all()] == ["before"]
        await asyncio.sleep(0)
        # once the other program lets go, writing works again
        await services.tasks.add(NewTask(title="after"))
        assert sorted(t.title for t in await services.tasks.all()) == ["after", "before"]
    finally:
        await services.close()
