"""Keys typed in one burst go where the earlier keys of the burst sent the focus."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from todo_tui.domain import Due
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.capture import CaptureScreen
from todo_tui.ui.screens.edit import EditScreen
from todo_tui.ui.screens.prompt import PromptScreen

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


# Bursts a tester found acting on stale state (each failed before the key gate waited for
# the workers a key started and for the list read after them).

async def five(services: Services) -> list[str]:
    """Five tasks due today, in this order on screen; returns their ids."""
    ids = []
    for title in ["alpha", "bravo", "charlie", "delta", "echo"]:
        task = await add(services, title, due=Due.on(TODAY))
        ids.append(task.id)
    return ids


async def test_delete_twice_at_once_deletes_two_tasks(app: TodoApp, services: Services):
    ids = await five(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, ["d", "y", "d", "y"])
    left = {task.id for task in await services.tasks.all()}
    assert left == set(ids[2:])


async def test_done_twice_at_once_marks_two_tasks(app: TodoApp, services: Services):
    ids = await five(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, ["x", "x"])
    assert [(await fresh(services, i)).done for i in ids[:3]] == [True, True, False]


async def test_keys_after_saving_an_edit_act_on_the_list_as_saved(
    app: TodoApp, services: Services
):
    ids = await five(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, ["e", "end", *" X", "ctrl+s", "j", "e", "end", *" Y", "ctrl+s",
                            "j"])
        assert app.main_screen.task_list.current_task.id == ids[2]
    assert [(await fresh(services, i)).title for i in ids[:3]] == [
        "alpha X", "bravo Y", "charlie"]


async def test_a_new_category_is_what_the_next_key_acts_on(app: TodoApp, services: Services):
    await services.categories.create("work")
    await services.categories.create("home")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.category_pane.focus()
        await settle(pilot)
        await burst(pilot, ["a", *"zzz", "enter", "K"])
    assert [c.name for c in await services.categories.list()] == ["work", "zzz", "home"]


async def test_a_new_sort_is_what_the_next_keys_act_on(app: TodoApp, services: Services):
    ids = await five(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # sort by title (end of the picker), then move the top task down twice
        await burst(pilot, ["s", "end", "enter", "g", "J", "J"])
        assert app.main_screen.sort.value == "manual"
    order = sorted(await services.tasks.all(), key=lambda task: task.position)
    assert [task.title for task in order][:3] == ["bravo", "charlie", "alpha"]
    assert ids


async def test_a_paste_right_after_a_key_goes_where_the_key_went(
    app: TodoApp, services: Services
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send_key(app, "a")
        app.post_message(events.Paste("pasted title today"))
        await pilot.pause(0.2)
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one(Input).value == "pasted title today"
        send_key(app, "slash")  # typed into the box, not a search
        await settle(pilot)
        assert app.screen.query_one(Input).value == "pasted title today/"


async def test_a_search_submitted_then_saved_at_once(app: TodoApp, services: Services):
    await five(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, ["slash", *"alpha", "enter", "S"])
        assert isinstance(app.screen, PromptScreen)
        assert app.main_screen.query_one("#search-input", Input).value == "alpha"
