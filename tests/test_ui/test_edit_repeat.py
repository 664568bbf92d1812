"""Pilot tests of the edit form's Repeat field, and of text the form cannot use: it is never
dropped while the form says "Saved" (issue 17)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static

from todo_tui.domain import Due, ListKind, ListRef
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.edit import EditScreen

from .conftest import SIZE, TODAY, add, fresh, plain, press, settle, type_text

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both


def form(app: TodoApp) -> EditScreen:
    screen = app.screen
    assert isinstance(screen, EditScreen)
    return screen


def note(app: TodoApp, name: str) -> str:
    return plain(form(app).query_one(f"#edit-{name}-note", Static).content)


async def test_the_repeat_field_shows_the_repeat_and_saves_a_new_one_with_a_preview(
        app: TodoApp, services: Services) -> None:
    task = await add(services, "water plants", due=Due.on(TODAY), recurrence="FREQ=WEEKLY",
                     recurrence_from_completion=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        repeat = form(app).query_one("#edit-repeat", Input)
        assert repeat.value == "every! week"
        repeat.focus()
        repeat.value = ""
        await type_text(pilot, "every 15th")
        assert "every 15th" in note(app, "repeat")
        await press(pilot, "ctrl+s")
        assert app.screen is app.main_screen
        saved = await fresh(services, task.id)
        assert (saved.recurrence, saved.recurrence_from_completion) == (
            "FREQ=MONTHLY;BYMONTHDAY=15", False)
        assert saved.due == Due.on(TODAY)  # the due is kept


async def test_a_repeat_without_a_due_gets_its_first_occurrence_and_an_empty_field_clears_it(
        app: TodoApp, services: Services) -> None:
    task = await add(services, "standup")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.lists.open(ListRef(ListKind.INBOX))
        await settle(pilot)
        await press(pilot, "e")
        form(app).query_one("#edit-repeat", Input).value = "every weekday 9:30"
        await press(pilot, "ctrl+s")
        saved = await fresh(services, task.id)
        assert saved.recurrence == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
        assert saved.due is not None and saved.due.day == date(2026, 11, 30)
        await press(pilot, "e")
        form(app).query_one("#edit-repeat", Input).value = ""
        await press(pilot, "ctrl+s")
        assert (await fresh(services, task.id)).recurrence is None


async def test_a_repeat_typed_into_due_is_refused_not_dropped(
        app: TodoApp, services: Services) -> None:
    task = await add(services, "pay rent", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form(app).query_one("#edit-due", Input).value = "tomorrow every month"
        await pilot.pause()
        assert "a repeat goes in Repeat" in note(app, "due")
        await press(pilot, "ctrl+s")
        screen = form(app)  # still open: nothing saved
        assert "a repeat goes in Repeat" in plain(screen.query_one("#edit-error", Static).content)
        saved = await fresh(services, task.id)
        assert (saved.due, saved.recurrence, saved.version) == (Due.on(TODAY), None, task.version)
        # moved where it belongs, it saves
        screen.query_one("#edit-due", Input).value = "tomorrow"
        screen.query_one("#edit-repeat", Input).value = "every month"
        await press(pilot, "ctrl+s")
        saved = await fresh(services, task.id)
        assert (saved.due, saved.recurrence) == (Due.on(date(2026, 11, 28)), "FREQ=MONTHLY")


async def test_text_the_repeat_field_cannot_read_blocks_saving(
        app: TodoApp, services: Services) -> None:
    task = await add(services, "pay rent", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form(app).query_one("#edit-repeat", Input).value = "every so often #home"
        await pilot.pause()
        assert "cannot read 'every so often #home' as a repeat" in note(app, "repeat")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EditScreen)
        assert (await fresh(services, task.id)).version == task.version


async def test_a_due_and_a_repeat_at_different_times_block_saving(
        app: TodoApp, services: Services) -> None:
    task = await add(services, "pay rent", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        screen = form(app)
        screen.query_one("#edit-due", Input).value = "fri 5pm"
        screen.query_one("#edit-repeat", Input).value = "every weekday 9:30"
        await pilot.pause()
        assert "Repeat names a time the due does not have" in note(app, "repeat")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EditScreen)
        assert (await fresh(services, task.id)).version == task.version
        screen.query_one("#edit-due", Input).value = "fri 9:30"
        await press(pilot, "ctrl+s")
        saved = await fresh(services, task.id)
        assert saved.recurrence == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
        assert saved.due is not None and saved.due.local_time() is not None
        assert f"{saved.due.local_time():%H:%M}" == "09:30"
