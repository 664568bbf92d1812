"""Pilot tests of the app-wide keys: help, the command palette and quitting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static

from todo_tui.db.engine import sqlite_url
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp, make_app
from todo_tui.ui.keys import KEYS
from todo_tui.ui.screens.capture import CaptureScreen
from todo_tui.ui.screens.edit import EditScreen
from todo_tui.ui.screens.fatal import FatalScreen
from todo_tui.ui.screens.help import HelpScreen
from todo_tui.ui.screens.main import MainScreen
from todo_tui.ui.widgets.category_pane import CategoryPane
from todo_tui.ui.widgets.task_list import TaskList

from .conftest import (
    SIZE,
    add,
    due_today,
    plain,
    press,
    screen_text,
    send_key,
    settle,
    type_text,
)

pytestmark = pytest.mark.sqlite_only

KEY_NAMES = {"question_mark": "?", "slash": "/", "greater_than_sign": ">", "less_than_sign": "<"}
KNOWN_GAPS: set[str] = set()


def help_text(app: TodoApp) -> str:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return "".join(plain(static.content, width=100) for static in screen.query(Static))


def documented_keys() -> set[str]:
    """Every key named in keys.py ("up/down, j/k" is four keys; "/" alone is one)."""
    tokens = set()
    for _, rows in KEYS:
        for key, _ in rows:
            for token in re.split(r",\s*|\s+/\s+|\s+", key):
                tokens.update([token] if len(token) == 1 else filter(None, token.split("/")))
    return tokens


async def test_question_mark_shows_every_key_in_keys_py(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        text = " ".join(help_text(app).split())
        for section, rows in KEYS:
            assert section in text
            for key, what in rows:
                assert " ".join(key.split()) in text, key
                assert " ".join(what.split()) in text, what
        assert "#category" in text  # and the capture grammar
        assert app.focused is app.screen.query_one("#help-scroll")
        await press(pilot, "j", "k")
        await press(pilot, "escape")
        assert app.screen is app.main_screen
        await press(pilot, "question_mark", "question_mark")
        assert app.screen is app.main_screen


@pytest.mark.parametrize(
    "owner", [TodoApp, MainScreen, TaskList, CaptureScreen, EditScreen])
def test_every_binding_is_in_the_help(owner: type) -> None:
    documented = documented_keys()
    for binding in owner.BINDINGS:
        for key in binding.key.split(","):
            if key not in KNOWN_GAPS:
                assert KEY_NAMES.get(key, key) in documented, (owner.__name__, key)


def test_every_category_pane_binding_is_in_the_help() -> None:
    documented = documented_keys()
    for binding in CategoryPane.BINDINGS:
        for key in binding.key.split(","):
            assert key in documented, key


def test_task_list_home_and_end_are_in_the_help() -> None:
    documented = documented_keys()
    assert {"home", "end"} <= documented


async def test_home_and_end_move_like_g_and_shift_g(app: TodoApp, services: Services):
    for i in range(5):
        await add(services, f"t{i}", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "end")
        assert app.main_screen.task_list.cursor == 4
        await press(pilot, "home")
        assert app.main_screen.task_list.cursor == 0


async def test_ctrl_p_runs_add_task_which_opens_the_capture_popup(
    app: TodoApp, services: Services
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await type_text(pilot, "Add task")
        results = palette.query_one(CommandList)
        for _ in range(50):
            if results.option_count:
                break
            await pilot.pause(0.02)
        assert "Add task" in str(results.get_option_at_index(0).prompt)
        await press(pilot, "enter")
        assert isinstance(app.screen, CaptureScreen)
        app.screen.query_one(Input).value = "from the palette"
        await press(pilot, "enter")
        [task] = await services.tasks.all()
        assert task.title == "from the palette"
        assert app.main_screen.task_list.current_task.id == task.id


async def test_q_quits(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_ctrl_c_quits_even_from_a_dialog(app: TodoApp, services: Services):
    await add(services, "t", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, EditScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_q_typed_into_a_form_does_not_quit(app: TodoApp, services: Services):
    task = await add(services, "t", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await press(pilot, "end", "q")  # the form selects the title on focus
        assert app.is_running
        assert app.screen.query_one("#edit-title", Input).value == "tq"
        await press(pilot, "ctrl+s")
        assert (await services.tasks.get(task.id)).title == "tq"


async def test_a_database_that_cannot_open_shows_why_and_q_quits(tmp_path: Path) -> None:
    # Before: the error screen never came (switching away from the first screen failed) and
    # the keys typed meanwhile waited for a database that would never open.
    bad = tmp_path / "todo.db"
    bad.write_bytes(b"this is not a database" * 400)
    app = make_app(sqlite_url(bad))
    async with app.run_test(size=SIZE) as pilot:
        send_key(app, "j")
        send_key(app, "e")  # waits for the database
        for _ in range(300):
            if isinstance(app.screen, FatalScreen):
                break
            await pilot.pause(0.01)
        assert isinstance(app.screen, FatalScreen)
        await pilot.pause(0.1)
        assert "not an SQLite database" in app.screen.message
        assert "Press q to quit" in " ".join(screen_text(app).split())
        assert app.is_running  # `e` went to the error screen and did nothing there
        send_key(app, "q")
        for _ in range(300):
            if not app.is_running:
                break
            await pilot.pause(0.01)
        assert not app.is_running
    assert bad.read_bytes() == b"this is not a database" * 400  # nothing was changed
