"""The change watcher behind live updates, on every backend: PRAGMA data_version on SQLite,
LISTEN/NOTIFY on PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from todo_tui.config import sqlite_url
from todo_tui.domain import NewTask, TaskChanges
from todo_tui.service import Services, open_services
from todo_tui.service.changes import ChangeWatcher


async def changed_within(watcher: ChangeWatcher, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if await watcher.changed():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_the_watcher_sees_each_change_made_elsewhere_once(
    services: Services, db_url: str
) -> None:
    task = await services.tasks.add(NewTask(title="watched"))
    watcher = await ChangeWatcher.open(services.db)
    other = await open_services(db_url)
    try:
        assert not await changed_within(watcher, 0.3)  # quiet: nothing changed
        await other.tasks.update(task.id, TaskChanges(title="changed elsewhere"))
        assert await changed_within(watcher, 2.0)
        assert not await changed_within(watcher, 0.3)  # reported once
        await other.tasks.add(NewTask(title="added elsewhere"))
        assert await changed_within(watcher, 2.0)
        # reads elsewhere are not changes
        await other.tasks.all()
        assert not await changed_within(watcher, 0.3)
    finally:
        await other.close()
        await watcher.close()


async def test_a_change_read_by_a_reload_is_not_reported_again(
    services: Services, db_url: str
) -> None:
    watcher = await ChangeWatcher.open(services.db)
    other = await open_services(db_url)
    try:
        await other.tasks.add(NewTask(title="read by the next reload"))
        await asyncio.sleep(0.3)  # let a notification arrive, where there is one
        await watcher.mark_seen()  # a reload starts: it will read that change
        assert not await changed_within(watcher, 0.3)
        await other.tasks.add(NewTask(title="after the reload started"))
        assert await changed_within(watcher, 2.0)
    finally:
        await other.close()
        await watcher.close()


async def test_the_watcher_opens_a_database_whose_path_has_uri_characters(
    tmp_path: Path,
) -> None:
    # a `#` or `?` in the path would end the file name of an unquoted SQLite URI
    folder = tmp_path / "work #1? 100%"
    folder.mkdir()
    url = sqlite_url(folder / "todo.db")
    services = await open_services(url)
    watcher = await ChangeWatcher.open(services.db)
    other = await open_services(url)
    try:
        assert not await changed_within(watcher, 0.3)
        await other.tasks.add(NewTask(title="added elsewhere"))
        assert await changed_within(watcher, 2.0)
    finally:
        await other.close()
        await watcher.close()
        await services.close()
