"""Pilot tests of the Scheduled list: tasks waiting for their start day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from todo_tui.domain import Due, ListKind, ListRef, Status
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp

from .conftest import SIZE, TODAY, add, fresh, press, screen_text, settle, titles
from .test_categories import focus_pane, pane_labels

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both

MONDAY = TODAY + timedelta(days=3)


async def test_a_waiting_task_is_only_in_all_and_scheduled(app: TodoApp, services: Services):
    home = await services.categories.create("Home")
    waiting = await add(services, "waits for monday", due=Due.on(TODAY), start=MONDAY,
                        category_id=home.id)
    await add(services, "due today", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert titles(app) == ["due today"]  # Today leaves it out
        assert pane_labels(app) == [
            "Inbox 1", "Today 1", "Upcoming 1", "Scheduled 1", "All 2", "Done 0", "Trash 0",
            "Categories", "Home 0",
        ]
        await focus_pane(pilot)
        await press(pilot, "g", "j", "j", "j")
        assert main.ref == ListRef(ListKind.SCHEDULED)
        assert titles(app) == ["waits for monday"]
        assert "Starts" in screen_text(app) and "Mon 30 Nov 2026" in screen_text(app)
        await press(pilot, "enter", "x")
        await settle(pilot)
        # the database says done; the open list stays in the pane, empty now
        assert (await fresh(services, waiting.id)).status is Status.DONE
        assert titles(app) == []
        assert "Scheduled 0" in pane_labels(app)
        await press(pilot, "u")
        await settle(pilot)
        assert (await fresh(services, waiting.id)).status is Status.OPEN
        assert titles(app) == ["waits for monday"]


async def test_without_waiting_tasks_the_list_is_not_shown(app: TodoApp, services: Services):
    await add(services, "started", due=Due.on(TODAY), start=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert titles(app) == ["started"]
        assert not any(label.startswith("Scheduled") for label in pane_labels(app))


async def test_the_edit_form_hides_a_task_until_its_start_day(app: TodoApp, services: Services):
    from textual.widgets import Input, Static

    from todo_tui.ui.screens.edit import EditScreen

    from .conftest import plain

    task = await add(services, "hide me", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, EditScreen)
        assert form.query_one("#edit-start", Input).value == ""
        form.query_one("#edit-start", Input).value = "someday"
        await press(pilot, "ctrl+s")
        assert app.screen is form  # refused, saying why
        assert "someday" in plain(form.query_one("#edit-error", Static).content)
        form.query_one("#edit-start", Input).value = "mon"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert (await fresh(services, task.id)).start == MONDAY
        assert titles(app) == []  # gone from Today until Monday
        assert "Scheduled 1" in pane_labels(app)
        await press(pilot, "u")
        await settle(pilot)
        assert (await fresh(services, task.id)).start is None
        assert titles(app) == ["hide me"]
