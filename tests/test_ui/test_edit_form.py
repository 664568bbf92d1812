"""Pilot tests of the edit form: every field, ctrl+s, bad input and cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from textual.widgets import Input, Select, Static, TextArea

from todo_tui.domain import Due, Priority
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.edit import INBOX, EditScreen

from .conftest import SIZE, TODAY, add, detail_text, fresh, plain, press, settle, type_text

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both


def form(app: TodoApp) -> EditScreen:
    screen = app.screen
    assert isinstance(screen, EditScreen)
    return screen


async def test_e_edits_every_field_and_ctrl_s_saves(app: TodoApp, services: Services):
    home = await services.categories.create("Home")
    task = await add(services, "old title", notes="old notes", due=Due.on(TODAY),
                     tags=("a", "b"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        screen = form(app)
        title = screen.query_one("#edit-title", Input)
        assert app.focused is title
        assert title.value == "old title"
        assert screen.query_one("#edit-due", Input).value == TODAY.isoformat()

        title.value = ""
        await type_text(pilot, "new title")
        notes = screen.query_one("#edit-notes", TextArea)
        notes.text = "line one\nline two"
        screen.query_one("#edit-due", Input).value = "tomorrow 9am"
        screen.query_one("#edit-priority", Select).value = Priority.HIGH
        screen.query_one("#edit-category", Select).value = home.id
        screen.query_one("#edit-tags", Input).value = "+b c, @d"
        await press(pilot, "ctrl+s")
        assert app.screen is app.main_screen

        saved = await fresh(services, task.id)
        assert saved.title == "new title"
        assert saved.notes == "line one\nline two"
        assert saved.due == Due(date(2026, 11, 28), datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
                                "UTC")
        assert saved.priority is Priority.HIGH
        assert saved.category_id == home.id
        assert saved.tags == ("b", "c", "d")
        assert saved.version > task.version


async def test_enter_opens_the_form_and_due_can_be_a_date_or_cleared(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    task = await add(services, "due task", due=Due.on(TODAY), category_id=home.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        form(app).query_one("#edit-due", Input).value = "2026-12-01"
        form(app).query_one("#edit-category", Select).value = INBOX
        await press(pilot, "ctrl+s")
        saved = await fresh(services, task.id)
        assert saved.due == Due.on(date(2026, 12, 1))
        assert saved.category_id is None

        # it left Today; edit it from the Inbox and clear the due date
        app.main_screen.action_open_list("inbox")
        await settle(pilot)
        assert app.main_screen.task_list.current_task.id == task.id
        await press(pilot, "e")
        form(app).query_one("#edit-due", Input).value = "   "
        await press(pilot, "ctrl+s")
        assert (await fresh(services, task.id)).due is None
        assert "Due       -" in detail_text(app)


async def test_a_bad_due_shows_an_error_and_saves_nothing(app: TodoApp, services: Services):
    task = await add(services, "keep", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        screen = form(app)
        screen.query_one("#edit-title", Input).value = "changed"
        screen.query_one("#edit-due", Input).value = "blorp"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert "blorp" in plain(screen.query_one("#edit-error", Static).content)
        assert screen.query_one("#edit-title", Input).value == "changed"
        unchanged = await fresh(services, task.id)
        assert (unchanged.title, unchanged.due, unchanged.version) == (
            "keep", Due.on(TODAY), task.version)

        # an empty title is refused the same way
        screen.query_one("#edit-due", Input).value = ""
        screen.query_one("#edit-title", Input).value = "  "
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert "title" in plain(screen.query_one("#edit-error", Static).content)
        assert (await fresh(services, task.id)).version == task.version


async def test_escape_without_changes_closes(app: TodoApp, services: Services):
    task = await add(services, "same", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form(app)
        await press(pilot, "escape")
        assert app.screen is app.main_screen
        assert (await fresh(services, task.id)).version == task.version


async def test_escape_with_changes_asks_keep_editing_or_discard(
    app: TodoApp, services: Services
):
    task = await add(services, "original", notes="n", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        screen = form(app)
        screen.query_one("#edit-title", Input).value = "edited"
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)

        await press(pilot, "n")  # Keep editing
        assert app.screen is screen
        assert screen.query_one("#edit-title", Input).value == "edited"

        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")  # Discard
        assert app.screen is app.main_screen
        unchanged = await fresh(services, task.id)
        assert (unchanged.title, unchanged.version) == ("original", task.version)
        assert app.main_screen.task_list.current_task.title == "original"


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_the_labels_side_by_side_are_whole_and_apart(
    app: TodoApp, services: Services, size: tuple[int, int]
):
    # at 80x24 "Due (e.g. ... 2026-" ran into "Priority" on the same line
    from textual.widgets import Label

    from .conftest import screen_text

    await add(services, "label check", due=Due.on(TODAY))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        for row in app.screen.query(".edit-row"):
            app.screen.query_one("#edit-fields").scroll_to_widget(row, animate=False, top=True)
            await pilot.pause()
            screen = screen_text(app).splitlines()
            labels = list(row.query(Label))
            assert len(labels) == 2
            y = labels[0].region.y
            assert labels[1].region.y == y
            left, right = (str(label.render()) for label in labels)
            line = screen[y]
            assert left in line and right in line, line
            assert line.index(left) + len(left) < line.index(right), line  # a gap between
