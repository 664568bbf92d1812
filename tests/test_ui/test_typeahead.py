"""Keys typed in one burst go where the earlier keys of the burst sent the focus."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from todo_tui.domain import Due
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.capture import CaptureScreen
from todo_tui.ui.screens.edit import EditScreen

from .conftest import SIZE, TODAY, add, fresh, send_key, settle

pytestmark = pytest.mark.sqlite_only  # the first look and the UI run on SQLite


async def burst(pilot: Any, keys: list[str]) -> None:
    """Keys read by the app before it has handled the first (one paste, a fast typist)."""
    for key in keys:
        send_key(pilot.app, key)
    await pilot.pause(0.2)
    await settle(pilot)


async def test_a_search_typed_at_once_goes_into_the_box(app: TodoApp, services: Services):
    call = await add(services, "call the bank", due=Due.on(TODAY))
    other = await add(services, "water plants", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, ["slash", *"call"])  # `e` or `d` here once ran the list's keys
        assert not isinstance(app.screen, EditScreen)
        assert app.main_screen.query_one("#search-input", Input).value == "call"
        main = app.main_screen
        assert main.task_list.total == 1 and main.task_list.current_task.id == call.id
    assert not (await fresh(services, call.id)).done
    assert (await fresh(services, other.id)).title == "water plants"


async def test_a_capture_typed_at_once_saves_every_letter(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, ["a", *"buy bread today", "enter"])
        assert not isinstance(app.screen, CaptureScreen)
    saved = await services.tasks.find_by(title="buy bread")
    assert len(saved) == 1 and saved[0].due is not None and saved[0].due.day == TODAY


async def test_keys_after_enter_act_in_the_order_they_were_typed(
    app: TodoApp, services: Services
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # escape right after enter: saved once, closed, and no draft of the saved text
        await burst(pilot, ["a", *"ww1", "enter", "escape"])
        assert not isinstance(app.screen, CaptureScreen)
        assert app.main_screen.capture.draft == ""
        # ctrl+n between tasks typed at once: each its own task, in order
        await burst(pilot, ["a", *"one", "ctrl+n", *"two", "ctrl+n", *"three", "enter"])
        assert not isinstance(app.screen, CaptureScreen)
        assert app.main_screen.capture.draft == ""
    titles = [task.title for task in await services.tasks.all()]
    assert sorted(titles) == ["one", "three", "two", "ww1"]
