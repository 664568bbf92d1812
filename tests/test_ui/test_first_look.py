"""The opening list is drawn from a first look with sqlite3, before the database layer loads."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from rich.markdown import Markdown
from rich.text import Text
from textual.widgets import Input, Static

from todo_tui.db.peek import look_soon
from todo_tui.domain import Due
from todo_tui.drafts import save_drafts
from todo_tui.service import Services
from todo_tui.ui import app as app_module
from todo_tui.ui.app import make_app
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.edit import EditScreen
from todo_tui.ui.widgets import task_detail

from .conftest import (
    SIZE,
    TODAY,
    add,
    add_many,
    detail_text,
    fresh,
    press,
    screen_text,
    send_key,
    settle,
)

pytestmark = pytest.mark.sqlite_only  # the first look and the UI run on SQLite


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the app's import of the database layer (and Markdown) until it is set."""
    opened = threading.Event()
    real = app_module._import_storage

    def held() -> None:
        opened.wait(20)
        real()

    monkeypatch.setattr(app_module, "_import_storage", held)
    monkeypatch.setattr(task_detail, "markdown_ready", opened.is_set)
    yield opened
    opened.set()  # a failed test must not leave the app's thread waiting


async def until(pilot: Any, condition: Any, timeout: float = 30.0) -> None:
    """Wait for `condition`, however loaded the machine (the database layer's import, held
    by the test until it lets it go, can take seconds there)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the screen never got there")


def edit_title(app: Any) -> str | None:
    """The edit form's title, or None while the form is not up or not yet composed (a
    condition polled while the screen switches must not raise)."""
    if not isinstance(app.screen, EditScreen):
        return None
    titles = app.screen.query("#edit-title").results(Input)
    return next((title.value for title in titles), None)


async def test_rows_show_before_the_database_opens_and_the_cursor_is_kept(
    db_url: str, services: Services, gate: threading.Event
) -> None:
    ids = await add_many(services, [f"task {i:03}" for i in range(300)], due=TODAY)
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        tasks = app.main_screen.task_list
        await until(pilot, lambda: tasks.total)
        assert app.services is None  # nothing but sqlite3 has read the database yet
        assert tasks.total == 300 and tasks.current_task is not None
        assert tasks.current_task.id == ids[0]
        assert "Today  ·  300 tasks" in screen_text(app)
        await pilot.press("j", "j")  # moving works at once, on the rows the look read
        # (the key gate lets the second `j` in once the first one's work is done)
        await until(pilot, lambda: tasks.current_task.id == ids[2])
        assert app.services is None  # still on the first look's rows
        await until(pilot, lambda: ids[2] in detail_text(app))  # the detail pane follows

        gate.set()
        await settle(pilot)
        assert app.services is not None and app.main_screen.ready
        assert tasks.current_task.id == ids[2]  # the full load kept the cursor's task
        await press(pilot, "space")
    assert (await fresh(services, ids[2])).done
    assert not (await fresh(services, ids[0])).done


async def test_notes_are_plain_until_markdown_is_loaded(
    db_url: str, services: Services, gate: threading.Event
) -> None:
    await add(services, "with notes", notes="**bold** notes", due=Due.on(TODAY))
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        notes = app.main_screen.query_one("#detail-notes", Static)
        await until(pilot, lambda: app.main_screen.task_list.total)
        await pilot.pause()
        assert isinstance(notes.content, Text) and notes.content.plain == "**bold** notes"
        gate.set()
        await settle(pilot)
        assert isinstance(notes.content, Markdown)  # the same task, its notes now rendered
        assert app.main_screen.task_list.current_task is not None
        assert app.main_screen.task_list.current_task.title == "with notes"


async def test_a_look_taken_before_the_app_starts_is_in_the_first_frame(
    db_url: str, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await add_many(services, ["first", "second"], due=TODAY)
    look = look_soon(db_url, SIZE[1])  # as `todo-tui` takes it, before Textual is imported
    assert look.result(timeout=10) is not None
    painted: list[str] = []

    def first_paint(app: Any) -> None:  # the frame drawn at mount, before any worker ran
        painted.append(screen_text(app))

    monkeypatch.setattr(app_module.TodoApp, "open_database", lambda app: first_paint(app))
    app = make_app(db_url, look)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tasks = app.main_screen.task_list
        assert tasks.total == 2 and tasks.current_task is not None
        assert tasks.current_task.id == ids[0]
        assert app.services is None
    assert painted and "[ ] first" in painted[0] and "Today  ·  2 tasks" in painted[0]


async def burst(app: Any, keys: list[str]) -> None:
    """Keys read by the app at once (a fast typist, a paste), before it handled any."""
    for key in keys:
        send_key(app, key)


async def test_keys_typed_as_the_first_rows_show_wait_for_the_database_in_order(
    db_url: str, services: Services, gate: threading.Event
) -> None:
    # The race of issue 14: `e` as soon as the row is on screen, then End and text at once.
    # Before: the keys ran on the list under the form, or the form was filled by data
    # arriving later; the title lost its text.
    task = await add(services, "pay rent", due=Due.on(TODAY))
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        tasks = app.main_screen.task_list
        await until(pilot, lambda: tasks.total)
        assert app.services is None  # the first look's row; the database is still opening
        await burst(app, ["e", "end", *" EDITED"])
        await pilot.pause(0.1)
        assert app.screen is app.main_screen  # waiting: `e` needs the database
        gate.set()
        await until(pilot, lambda: edit_title(app) == "pay rent EDITED")
        await settle(pilot)
        assert app.screen.query_one("#edit-title", Input).value == "pay rent EDITED"
        await press(pilot, "ctrl+s")
        assert app.screen is app.main_screen
    assert (await fresh(services, task.id)).title == "pay rent EDITED"


async def test_a_kept_edit_is_offered_only_once_the_user_is_free(
    db_url: str, services: Services, gate: threading.Event
) -> None:
    # Before: the "closed while you were editing" dialog opened over a form the user had
    # already started, and their keys went to the wrong one.
    kept = await add(services, "kept one", due=Due.on(TODAY))
    other = await add(services, "other one", due=Due.on(TODAY))
    save_drafts(db_url, [{"kind": "edit", "task_id": kept.id, "task_title": kept.title,
                          "values": {"title": "kept one, edited", "notes": "", "due": "",
                                     "priority": 0, "category_id": None, "tags": ""}}])
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        tasks = app.main_screen.task_list
        await until(pilot, lambda: tasks.total == 2)
        target = 0 if tasks.current_task.id == other.id else 1
        await burst(app, ["j"] * target + ["e", "end", *" NOW"])
        gate.set()
        await until(pilot, lambda: isinstance(app.screen, EditScreen))
        await settle(pilot)
        await pilot.pause(0.6)  # longer than the offer's wait
        assert isinstance(app.screen, EditScreen)  # no dialog over the form
        assert app.screen.query_one("#edit-title", Input).value == "other one NOW"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))  # offered now
        await press(pilot, "y")
        assert isinstance(app.screen, EditScreen)
        assert app.screen.query_one("#edit-title", Input).value == "kept one, edited"
        await press(pilot, "ctrl+s")
    assert (await fresh(services, other.id)).title == "other one NOW"
    assert (await fresh(services, kept.id)).title == "kept one, edited"
