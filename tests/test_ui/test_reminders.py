"""Pilot tests of reminders in the app: the edit form's Reminders field, and the reminder
dialog (snooze, snooze until, show, close) for reminders missed before the start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Input, Static

from todo_tui.domain import Due, Reminder
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.edit import EditScreen
from todo_tui.ui.screens.prompt import PromptScreen
from todo_tui.ui.screens.reminder import ReminderScreen

from .conftest import SIZE, add, detail_text, plain, press, settle, type_text

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # conftest's FROZEN_NOW


async def snoozes(services: Services) -> list[datetime | None]:
    """Each firing's snooze, in the order of its task's title."""
    from sqlalchemy import select

    from todo_tui.db import models

    async with services.db.read() as session:
        return list(await session.scalars(
            select(models.ReminderFiring.snoozed_until)
            .join(models.Task, models.Task.id == models.ReminderFiring.task_id)
            .order_by(models.Task.title)))


async def test_the_edit_form_shows_and_saves_reminders(app: TodoApp, services: Services) -> None:
    task = await add(services, "call bank", due=Due.at_local(NOW + timedelta(hours=5), "UTC"),
                     reminders=(Reminder(minutes_before=10),))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen)
        field = screen.query_one("#edit-reminders", Input)
        assert field.value == "10m before"
        field.value = "10m before, soonish"
        await press(pilot, "ctrl+s")
        assert app.screen is screen  # refused, and says why
        assert "not a reminder: 'soonish'" in plain(
            screen.query_one("#edit-error", Static).render())
        field.value = "at due, tomorrow 9am"
        await press(pilot, "ctrl+s")  # only the reminders changed: saved all the same
        await settle(pilot)
        assert app.screen is app.main_screen
    assert await services.reminders.for_tasks([task.id]) == {task.id: (
        Reminder(minutes_before=0), Reminder(at=datetime(2026, 11, 28, 9, 0, tzinfo=UTC)))}


async def test_missed_reminders_z_snoozes_one_and_the_others_stay(
        app: TodoApp, services: Services) -> None:
    for title in ("one", "two"):
        await add(services, title, due=Due.at_local(NOW + timedelta(hours=1), "UTC"),
                  reminders=(Reminder(at=NOW - timedelta(minutes=5)),))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReminderScreen) and dialog.missed
        assert [f.task.title for f in dialog.firings] == ["one", "two"]
        assert [n for n in app.notices if n.startswith("Missed reminder: ")] == [
            "Missed reminder: one · due Fri 27 Nov 11:00 · at Fri 27 Nov 09:55",
            "Missed reminder: two · due Fri 27 Nov 11:00 · at Fri 27 Nov 09:55"]
        await press(pilot, "z")  # the highlighted one: the last
        await settle(pilot)
        assert await snoozes(services) == [None, NOW + timedelta(minutes=10)]
        again = app.screen
        assert isinstance(again, ReminderScreen)
        assert [f.task.title for f in again.firings] == ["one"]
        await press(pilot, "Z")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await type_text(pilot, "in 2h")
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert await snoozes(services) == [NOW + timedelta(hours=2),
                                           NOW + timedelta(minutes=10)]


async def test_escape_closes_and_nothing_comes_back(app: TodoApp, services: Services) -> None:
    await add(services, "one", due=Due.at_local(NOW - timedelta(minutes=1), "UTC"),
              reminders=(Reminder(minutes_before=0),))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReminderScreen)
        await press(pilot, "escape")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert app.reminders is not None and app.reminders.next_at is None
    async with make(app).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.screen is not None and not isinstance(pilot.app.screen, ReminderScreen)


def make(app: TodoApp) -> TodoApp:
    from todo_tui.ui.app import make_app

    return make_app(app.db_url)


async def test_the_detail_pane_shows_the_reminders(app: TodoApp, services: Services) -> None:
    due = Due.at_local(NOW + timedelta(hours=5), "UTC")
    await add(services, "call bank", due=due,
              reminders=(Reminder(minutes_before=10), Reminder(minutes_before=0)))
    await add(services, "water plants", due=Due.at_local(NOW + timedelta(hours=6), "UTC"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = detail_text(app)
        assert "call bank" in shown
        assert "Remind    10m before, at due" in shown
        await press(pilot, "down")
        await settle(pilot)
        shown = detail_text(app)
        assert "water plants" in shown and "Remind" not in shown
        await press(pilot, "up", "e")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one("#edit-reminders", Input).value = "1h before"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is app.main_screen
        shown = detail_text(app)
        assert "call bank" in shown and "Remind    1h before" in shown


async def test_u_takes_back_an_edit_of_the_reminders(app: TodoApp, services: Services) -> None:
    task = await add(services, "call bank", due=Due.at_local(NOW + timedelta(hours=5), "UTC"),
                     reminders=(Reminder(minutes_before=10),))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one("#edit-title", Input).value = "call the bank"
        app.screen.query_one("#edit-reminders", Input).value = "at due"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert await services.reminders.for_tasks([task.id]) == {
            task.id: (Reminder(minutes_before=0),)}
        await press(pilot, "u")  # one undo: the title and the reminders
        await settle(pilot)
        assert (await services.tasks.get(task.id)).title == "call bank"
        assert await services.reminders.for_tasks([task.id]) == {
            task.id: (Reminder(minutes_before=10),)}
        assert "Remind    10m before" in detail_text(app)


NO_TIME = "remind 10m before: the task has no due time, so it cannot go off"


async def test_a_reminder_that_cannot_go_off_is_told_in_capture_and_the_edit_form(
        app: TodoApp, services: Services) -> None:
    """The tryout: `remind 10m before` on a task with no due time was accepted silently."""
    from todo_tui.ui.screens.capture import CaptureScreen

    task = await add(services, "water plants", due=Due.on(NOW.date()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        await type_text(pilot, "pay rent remind 10m before")
        assert NO_TIME in plain(screen.query_one("#capture-preview", Static).content)
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        [rent] = [t for t in await services.tasks.all() if t.title == "pay rent"]
        assert await services.reminders.for_tasks([rent.id]) == {
            rent.id: (Reminder(minutes_before=10),)}  # kept as typed

        app.main_screen.action_open_list("all")
        await settle(pilot)
        while "water plants" not in detail_text(app):
            await press(pilot, "down")
        await press(pilot, "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditScreen)
        note = form.query_one("#edit-reminders-note", Static)
        form.query_one("#edit-reminders", Input).value = "10m before"
        await settle(pilot)
        assert plain(note.render()).strip() == NO_TIME
        form.query_one("#edit-due", Input).value = "today 15:00"
        await settle(pilot)
        assert plain(note.render()).strip() == ""
        form.query_one("#edit-due", Input).value = "today"
        await settle(pilot)
        assert plain(note.render()).strip() == NO_TIME
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is app.main_screen
    assert await services.reminders.for_tasks([task.id]) == {
        task.id: (Reminder(minutes_before=10),)}


async def test_dates_and_times_follow_date_format_and_clock_everywhere(
        app: TodoApp, services: Services, tmp_path) -> None:
    """The tryout: with clock = "12h" and date_format = "mdy" the capture preview, the
    reminder dialog, the snooze notice and the detail pane's Remind line still wrote
    `Fri 11 Dec 15:00`, `Mon 07 Dec 04:10`, `at 2026-12-07 04:09`, `Snoozed until 04:23`."""
    from todo_tui import settings
    from todo_tui.ui.screens.capture import CaptureScreen

    path = tmp_path / "config.toml"
    path.write_text('clock = "12h"\ndate_format = "mdy"\n', encoding="utf-8")
    settings.use(settings.load(path))
    await add(services, "one", due=Due.at_local(NOW + timedelta(hours=1), "UTC"),
              reminders=(Reminder(at=NOW - timedelta(minutes=5)),
                         Reminder(at=datetime(2026, 11, 28, 9, 0, tzinfo=UTC))))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReminderScreen)
        assert [n for n in app.notices if n.startswith("Missed reminder: ")] == [
            "Missed reminder: one · due Fri Nov 27 11:00am · at Fri Nov 27 9:55am"]
        await press(pilot, "z")
        await settle(pilot)
        assert await snoozes(services) == [NOW + timedelta(minutes=10)]
        assert any(n.startswith("Snoozed until 10:10am: one") for n in app.notices)
        if app.screen is not app.main_screen:
            await press(pilot, "escape")
        await settle(pilot)
        assert "Remind    at Fri Nov 27 2026 9:55am, at Sat Nov 28 2026" in detail_text(app)
        await press(pilot, "a")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        await type_text(pilot, "call mum tomorrow 3pm remind at 14:30")
        shown = plain(screen.query_one("#capture-preview", Static).content)
        assert "Sat Nov 28 3:00pm" in shown and "at Fri Nov 27 2:30pm" in shown, shown
        await press(pilot, "enter")
        await settle(pilot)
    [mum] = [t for t in await services.tasks.all() if t.title == "call mum"]
    assert mum.due is not None and mum.due.at == datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
