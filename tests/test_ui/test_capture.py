"""Pilot tests of the quick-capture popup; the database is checked after each save."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual import events
from textual.widgets import Static

from todo_tui.domain import Due, ListKind, ListRef, NewTask, Priority
from todo_tui.errors import StorageError
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.capture import CaptureInput, CaptureScreen
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.edit import EditScreen
from todo_tui.ui.screens.main.capture import CLOSE_AFTER_S

from .conftest import (
    SIZE,
    TODAY,
    add,
    add_many,
    notifications,
    plain,
    press,
    screen_text,
    send_key,
    settle,
    titles,
    type_text,
)

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both

EXAMPLE = "pay rent tomorrow 9am #home !high every month // ref 42"


def popup(app: TodoApp) -> CaptureScreen:
    screen = app.screen
    assert isinstance(screen, CaptureScreen)
    return screen


def field(app: TodoApp) -> CaptureInput:
    return popup(app).query_one(CaptureInput)


def preview(app: TodoApp) -> str:
    return plain(popup(app).query_one("#capture-preview", Static).content)


async def open_inbox(pilot) -> None:
    pilot.app.main_screen.action_open_list("inbox")
    await settle(pilot)


async def test_the_example_previews_and_saves_exactly_that(
    app: TodoApp, services: Services, monkeypatch: pytest.MonkeyPatch
):
    # Berlin: 09:00 local is 08:00 UTC, so the time zone really matters
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("TODO_TUI_NOW", "2026-11-27T10:00:00+01:00")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert app.focused is field(app)
        await type_text(pilot, EXAMPLE)
        assert field(app).value == EXAMPLE
        shown = preview(app)
        for part in ("pay rent", "Sat 28 Nov 09:00", "home (new)", "high", "every month",
                     "ref 42"):
            assert part in shown, part
        await press(pilot, "enter")
        assert app.screen is app.main_screen

    [task] = await services.tasks.all()
    assert task.title == "pay rent"
    assert task.notes == "ref 42"
    assert task.category_name == "home"
    assert task.priority is Priority.HIGH
    assert task.recurrence is not None and task.recurrence.startswith("FREQ=MONTHLY")
    assert task.due is not None
    assert task.due.tz == "Europe/Berlin"
    assert task.due.day == date(2026, 11, 28)
    assert task.due.at == datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    assert task.due.at.astimezone(ZoneInfo("Europe/Berlin")).hour == 9
    assert [c.name for c in await services.categories.list()] == ["home"]


async def test_a_new_task_in_today_is_due_today_and_selected(app: TodoApp, services: Services):
    await add(services, "older", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        field(app).value = "buy milk !low"
        await settle(pilot)
        assert "Fri 27 Nov" in preview(app)  # the list's default, shown before saving
        await press(pilot, "enter")
        [task] = [t for t in await services.tasks.all() if t.title == "buy milk"]
        assert task.due == Due.on(TODAY)
        assert task.priority is Priority.LOW
        assert titles(app) == ["buy milk", "older"]
        assert app.main_screen.task_list.current_task.id == task.id


async def test_in_a_category_list_the_task_goes_to_that_category(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.lists.open(ListRef(ListKind.CATEGORY, home.id))
        await settle(pilot)
        await press(pilot, "a")
        field(app).value = "fix the sink"
        await settle(pilot)
        assert "Home" in preview(app)
        await press(pilot, "enter")
        [task] = await services.tasks.all()
        assert (task.title, task.category_id, task.due) == ("fix the sink", home.id, None)
        assert app.main_screen.task_list.current_task.id == task.id

        # an explicit #category still wins
        await press(pilot, "a")
        field(app).value = "call the plumber #work"
        await press(pilot, "enter")
        plumber = next(t for t in await services.tasks.all() if t.title == "call the plumber")
        assert plumber.category_name == "work"
        assert titles(app) == ["fix the sink"]  # it does not belong in Home


async def test_ctrl_n_saves_and_keeps_the_popup_open(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_inbox(pilot)
        await press(pilot, "a")
        screen = popup(app)
        field(app).value = "first +x"
        await press(pilot, "ctrl+n")
        assert app.screen is screen
        assert field(app).value == ""
        assert app.focused is field(app)
        await type_text(pilot, "second")
        await press(pilot, "ctrl+n")
        assert app.screen is screen
        assert sorted((t.title, t.tags) for t in await services.tasks.all()) == [
            ("first", ("x",)), ("second", ())]
        await press(pilot, "escape")
        assert app.screen is app.main_screen
        assert app.main_screen.capture.draft == ""
        assert sorted(titles(app)) == ["first", "second"]


async def test_escape_keeps_the_draft_for_the_next_opening(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await type_text(pilot, "half a thought #ideas")
        await press(pilot, "escape")
        assert app.screen is app.main_screen
        assert await services.tasks.all() == []
        assert await services.categories.list() == []

        await press(pilot, "a")
        assert field(app).value == "half a thought #ideas"
        assert "ideas (new)" in preview(app)
        await press(pilot, "enter")
        [task] = await services.tasks.all()
        assert (task.title, task.category_name) == ("half a thought", "ideas")

        await press(pilot, "a")
        assert field(app).value == ""  # a saved draft is gone


async def test_ctrl_r_saves_the_text_verbatim(app: TodoApp, services: Services):
    text = "read #42 tomorrow !high // not notes"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_inbox(pilot)
        await press(pilot, "a")
        field(app).value = text
        await press(pilot, "ctrl+r")
        shown = preview(app)
        assert "verbatim" in shown
        assert text in shown
        await press(pilot, "enter")
        [task] = await services.tasks.all()
        assert task.title == text
        assert (task.notes, task.due, task.priority, task.category_id, task.recurrence) == (
            "", None, Priority.NONE, None, None)
        assert app.main_screen.task_list.current_task.id == task.id


async def test_ctrl_r_toggles_back_to_parsing(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        field(app).value = "plan trip !high"
        await press(pilot, "ctrl+r", "ctrl+r")
        assert "verbatim" not in preview(app)
        await press(pilot, "enter")
        [task] = await services.tasks.all()
        assert (task.title, task.priority) == ("plan trip", Priority.HIGH)


async def test_a_multi_line_paste_offers_one_task_per_line(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_inbox(pilot)
        await press(pilot, "a")
        field(app).post_message(events.Paste("a\nb !high\n\n  c #home  \n"))
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert app.screen is app.main_screen
        saved = sorted(await services.tasks.all(), key=lambda t: t.title)
        assert [(t.title, t.priority, t.category_name) for t in saved] == [
            ("a", Priority.NONE, None), ("b", Priority.HIGH, None), ("c", Priority.NONE, "home")]
        assert sorted(titles(app)) == ["a", "b"]  # c went to home


async def test_declining_a_multi_line_paste_pastes_the_first_line(
    app: TodoApp, services: Services
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        field(app).post_message(events.Paste("one\ntwo"))
        await settle(pilot)
        await press(pilot, "n")
        assert field(app).value == "one"
        assert await services.tasks.all() == []


async def test_a_single_line_paste_goes_into_the_input(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        field(app).post_message(events.Paste("just one line"))
        await settle(pilot)
        assert app.screen is popup(app)
        assert field(app).value == "just one line"
        assert await services.tasks.all() == []


async def test_an_empty_title_is_not_saved(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        field(app).value = "tomorrow !high"
        await press(pilot, "enter")
        assert app.screen is popup(app)
        assert "title" in preview(app)
        assert await services.tasks.all() == []


async def test_category_completion(app: TodoApp, services: Services):
    await services.categories.create("Groceries")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await type_text(pilot, "eggs #gro")
        await press(pilot, "right")
        assert field(app).value == "eggs #Groceries"
        await press(pilot, "enter")
        [task] = await services.tasks.all()
        assert task.category_name == "Groceries"


async def test_the_popup_closes_with_the_new_row_or_soon_after(
    app: TodoApp, services: Services, monkeypatch: pytest.MonkeyPatch
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        field(app).value = "first thing"
        closed_with: list[list[str]] = []
        main = app.main_screen
        real_close = CaptureScreen.close

        def close(screen: CaptureScreen) -> None:
            if screen.is_current:
                closed_with.append(titles(app))  # what the list holds as the popup goes
            real_close(screen)

        monkeypatch.setattr(CaptureScreen, "close", close)
        send_key(app, "enter")
        # a second enter while it closes saves nothing more: it waits for the popup to go,
        # and then it is the list's (enter edits the new task, under the cursor)
        send_key(app, "enter")
        await settle(pilot)
        assert closed_with and closed_with[0] == ["first thing"]  # closed in that frame
        assert isinstance(app.screen, EditScreen) and app.screen.editing.title == "first thing"
        await press(pilot, "escape")
        assert app.screen is main

        # a list that never reloads (failing reads) still lets the popup go
        async def unread(_task: object) -> None:
            return None

        monkeypatch.setattr(main.lists, "read_ahead", unread)
        monkeypatch.setattr(main.lists, "read_list", lambda *args: None)
        await press(pilot, "a")
        field(app).value = "second thing"
        await press(pilot, "enter")
        await pilot.pause(CLOSE_AFTER_S + 0.1)
        assert not isinstance(app.screen, CaptureScreen)
    assert [t.title for t in await services.tasks.all()].count("first thing") == 1
    assert [t.title for t in await services.tasks.all()].count("second thing") == 1


async def test_the_list_is_read_once_before_the_popup_closes(
    app: TodoApp, services: Services, monkeypatch: pytest.MonkeyPatch
):
    for i in range(5):
        await services.tasks.add(NewTask(title=f"older {i}"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        reloads: list[object] = []
        real_reload = main.lists.reload
        monkeypatch.setattr(main.lists, "reload",
                            lambda *a, **k: (reloads.append(a), real_reload(*a, **k)))
        reads: list[object] = []
        real_page = services.tasks.page

        async def page(*args: Any, **kwargs: Any) -> Any:
            reads.append(kwargs.get("around"))
            return await real_page(*args, **kwargs)

        monkeypatch.setattr(app.services.tasks, "page", page)
        await press(pilot, "a")
        field(app).value = "fresh one"
        send_key(app, "enter")
        send_key(app, "escape")  # while it closes: neither a second close nor a draft
        await settle(pilot)
        assert not isinstance(app.screen, CaptureScreen)
        assert app.main_screen.capture.draft == ""
        current = main.task_list.current_task
        assert current is not None and current.title == "fresh one"
        assert len(reads) == 1 and reads[0] == current.id  # one read, around the new task
        assert not reloads  # the popup's read was shown as it is: no second load
    saved = [t for t in await services.tasks.all() if t.title == "fresh one"]
    assert len(saved) == 1 and saved[0].id == current.id


async def test_ctrl_n_faster_than_a_save_queues_each_task(
    app: TodoApp, services: Services, monkeypatch: pytest.MonkeyPatch
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        real_add = app.services.tasks.add

        async def slow_add(new: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(0.05)  # a slow disk: the next one is typed meanwhile
            return await real_add(new, **kwargs)

        monkeypatch.setattr(app.services.tasks, "add", slow_add)
        await press(pilot, "a")
        for word in ("pay", "quit", "read"):
            for char in word:
                send_key(app, char)
            send_key(app, "ctrl+n")
            await pilot.pause(0.01)  # faster than a save
        await pilot.pause(0.4)
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen) and field(app).value == ""
        saved = sorted(await services.tasks.all(), key=lambda t: t.created_at)
        assert [t.title for t in saved] == ["pay", "quit", "read"]  # none merged, none lost

        # a save that fails puts the text back, with the reason
        async def failing_add(new: Any, **kwargs: Any) -> Any:
            raise StorageError("the disk is full")

        monkeypatch.setattr(app.services.tasks, "add", failing_add)
        await type_text(pilot, "sing")
        await press(pilot, "ctrl+n")
        await settle(pilot)
        assert field(app).value == "sing"
        assert "Not saved: the disk is full" in preview(app)
    assert len(await services.tasks.all()) == 3


async def test_a_task_captured_far_down_a_long_list_shows_with_its_neighbours(
    app: TodoApp, services: Services
):
    await add_many(services, [f"task {i:03}" for i in range(300)], due=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        field(app).value = "the newest"
        await press(pilot, "enter")
        await settle(pilot)
        tasks = app.main_screen.task_list
        assert tasks.current_task is not None and tasks.current_task.title == "the newest"
        assert tasks.total == 301 and tasks.cursor == 300  # the end of the list
        shown = screen_text(app)
        assert "the newest" in shown and "task 299" in shown
        top = int(tasks.scroll_offset.y)
        on_screen = range(top, min(tasks.total, top + tasks.scrollable_content_region.height))
        assert all(tasks.task_at(i) is not None for i in on_screen)  # none waits to be read
    assert [t.title for t in await services.tasks.all()].count("the newest") == 1


async def test_a_task_saved_outside_the_open_list_is_announced(app: TodoApp, services: Services):
    await add(services, "due today", due=Due.on(TODAY))  # the app opens on Today
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # Today: a task due tomorrow is not in it
        await press(pilot, "a")
        field(app).value = "zeta tomorrow"
        await press(pilot, "enter")
        await settle(pilot)
        assert not isinstance(app.screen, CaptureScreen)
        assert any("'zeta'; it is not in this list" in n for n in notifications(app)), (
            notifications(app), titles(app))
        assert titles(app) == ["due today"]
    saved = await services.tasks.find_by(title="zeta")
    assert len(saved) == 1 and saved[0].due is not None and saved[0].due.day > TODAY


async def test_ctrl_r_switches_verbatim_on_and_the_help_says_so(
    app: TodoApp, services: Services
):
    # ctrl+r saves nothing by itself: it switches a mode that lasts until switched off or
    # the popup closes; the key list, the README (tests/test_docs.py) and the popup agree
    from todo_tui.ui.keys import KEYS

    [described] = [what for _section, rows in KEYS for key, what in rows if key == "ctrl+r"]
    assert "on/off" in described
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_inbox(pilot)
        await press(pilot, "a")
        assert "ctrl+r verbatim on/off" in screen_text(app)
        field(app).value = "first #42 !high"
        await press(pilot, "ctrl+r")
        await settle(pilot)
        assert await services.tasks.all() == []  # nothing saved at once
        assert isinstance(app.screen, CaptureScreen)
        await press(pilot, "ctrl+n")
        await settle(pilot)
        field(app).value = "second !high"
        await press(pilot, "enter")
        await settle(pilot)
        tasks = await services.tasks.all()
        assert sorted(task.title for task in tasks) == ["first #42 !high", "second !high"]
