"""Faults in the middle of a write: a full disk, a lock held by another program, a page
that turns out damaged. The transaction rolls back, the message says what happened, the
edit is kept in its form, nothing is printed over the UI."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from todo_tui.db.engine import sqlite_url
from todo_tui.domain import Due, NewTask, TaskChanges
from todo_tui.errors import StorageError
from todo_tui.service import open_services
from todo_tui.ui.app import make_app
from todo_tui.ui.screens.edit import EditScreen

from .conftest import (
    damage_page,
    limit_growth,
    notifications,
    settle,
    short_waits,
    task_titles,
)

BIG_NOTES = "a long note that needs new pages " * 3000  # ~100 KB


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "todo.db"


async def test_a_full_disk_rolls_the_write_back_with_a_clear_message(path: Path) -> None:
    services = await open_services(sqlite_url(path))
    try:
        kept = await services.tasks.add(NewTask(title="already there"))
        await limit_growth(services.db)
        with pytest.raises(StorageError) as caught:
            await services.tasks.add(NewTask(title="too big", notes=BIG_NOTES))
        with pytest.raises(StorageError, match="^disk full"):
            await services.tasks.update(kept.id, TaskChanges(notes=BIG_NOTES))
        assert [t.title for t in await services.tasks.all()] == ["already there"]
        assert (await services.tasks.get(kept.id)).notes == ""
        await services.tasks.set_done(kept.id, True)  # a write that fits still works
    finally:
        await services.close()
    assert str(caught.value) == (
        f"disk full: the database {path} could not grow, so the change was rolled back and "
        "nothing was saved; free some disk space and try again")
    assert task_titles(path) == ["already there"]


async def test_a_held_write_lock_ends_in_a_clear_message_and_saves_nothing(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short_waits(monkeypatch)
    services = await open_services(sqlite_url(path))
    other = sqlite3.connect(path, isolation_level=None)
    try:
        task = await services.tasks.add(NewTask(title="locked out"))
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(StorageError) as caught:
            await services.tasks.update(task.id, TaskChanges(title="never saved"))
        assert "busy" in str(caught.value) and "nothing was saved" in str(caught.value)
        assert [t.title for t in await services.tasks.all()] == ["locked out"]  # reads work
        other.execute("ROLLBACK")
        await services.tasks.update(task.id, TaskChanges(title="saved once free"))
    finally:
        other.close()
        await services.close()
    assert task_titles(path) == ["saved once free"]


async def _edit_and_save(path: Path, fault: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Open the edit form, type, press ctrl+s while `fault` holds; the form must come back
    with what was typed, and the database must be unchanged."""
    services = await open_services(sqlite_url(path))
    try:
        task = await services.tasks.add(NewTask(title="original",
                                                due=Due.on(date(2026, 11, 27))))
    finally:
        await services.close()
    if fault == "locked":
        short_waits(monkeypatch)
    app = make_app(sqlite_url(path))
    other = sqlite3.connect(path, isolation_level=None)
    try:
        async with app.run_test(size=(120, 35)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, EditScreen)
            form.query_one("#edit-title", Input).value = "typed by the user"
            form.query_one("#edit-notes", TextArea).text = BIG_NOTES
            assert app.services is not None
            if fault == "full":
                await limit_growth(app.services.db)
            else:
                other.execute("BEGIN IMMEDIATE")
            await pilot.press("ctrl+s")
            await settle(pilot)
            if fault == "locked":
                other.execute("ROLLBACK")

            words = "disk full" if fault == "full" else "busy"
            assert any(words in n and "nothing was saved" in n for n in notifications(app))
            reopened = app.screen
            assert isinstance(reopened, EditScreen)
            assert reopened.query_one("#edit-title", Input).value == "typed by the user"
            assert reopened.query_one("#edit-notes", TextArea).text == BIG_NOTES
    finally:
        other.close()
    assert task_titles(path) == ["original"]
    check = await open_services(sqlite_url(path))
    try:
        assert (await check.tasks.get(task.id)).version == task.version
    finally:
        await check.close()


async def test_a_full_disk_keeps_the_edit_in_its_form(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _edit_and_save(path, "full", monkeypatch)


async def test_a_lock_held_too_long_keeps_the_edit_in_its_form(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _edit_and_save(path, "locked", monkeypatch)


async def test_a_damaged_page_met_while_reading_is_a_notice_not_a_traceback(
    path: Path,
) -> None:
    services = await open_services(sqlite_url(path))
    try:
        for i in range(30):
            await services.tasks.add(NewTask(title=f"task {i} " + "x" * 300,
                                              due=Due.on(date(2026, 11, 27))))
    finally:
        await services.close()
    app = make_app(sqlite_url(path))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.services is not None
        damage_page(path)  # after the check at open: as if the disk went bad meanwhile
        await app.services.db.engine.dispose()  # no page stays cached
        app.main_screen.reload()
        await settle(pilot, failures=True)
        assert app.is_running and app.return_code is None
        [message] = [n for n in notifications(app) if "damaged" in n]
        assert f"the database {path} is damaged" in message and "malformed" in message
        assert "The newest backup is " in message
        assert "Details: " in message and "Traceback" not in message
