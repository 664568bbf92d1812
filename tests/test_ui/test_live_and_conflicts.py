"""Two instances on one database: live updates, merges, conflicts, deletes elsewhere."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.test_ui.conftest import add, due_today, fresh, notifications, settle, titles
from todo_tui.domain import ListKind, ListRef, Priority, TaskChanges
from todo_tui.service import Services, open_services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.conflict import ConflictScreen
from todo_tui.ui.screens.edit import EditScreen


async def wait_for(pilot: Pilot[Any], check: Any, seconds: float) -> float:
    """Poll until `check()` is true; returns how long it took (fails after `seconds`)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if check():
            return time.monotonic() - start
        await pilot.pause(0.05)
    raise AssertionError(f"not true within {seconds} s")


async def other_instance(db_url: str) -> Services:
    """A second, independent engine on the same file: another instance's view."""
    return await open_services(db_url)


async def elsewhere(db_url: str, change: Any) -> None:
    """Run `change(services)` in another instance, as if in another terminal."""
    other = await other_instance(db_url)
    try:
        await change(other)
    finally:
        await other.close()


async def edit_title(pilot: Pilot[Any], app: TodoApp, title: str) -> None:
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, EditScreen)
    field = app.screen.query_one("#edit-title", Input)
    field.value = title
    await pilot.pause()


async def test_an_add_elsewhere_shows_without_a_key_press(
    app: TodoApp, services: Services, db_url: str
) -> None:
    await add(services, "already here", **due_today())
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert titles(app) == ["already here"]
        cursor_task = app.main_screen.task_list.current_task
        other = await other_instance(db_url)
        try:
            await add(other, "added elsewhere", **due_today(priority=Priority.HIGH))
        finally:
            await other.close()
        took = await wait_for(pilot, lambda: "added elsewhere" in titles(app), 3.0)
        assert took < 3.0
        # the cursor stays on the task it was on
        assert app.main_screen.task_list.current_task is not None
        assert cursor_task is not None
        assert app.main_screen.task_list.current_task.id == cursor_task.id
        assert app.main_screen.counts is not None
        await wait_for(pilot, lambda: app.main_screen.counts.today == 2, 2.0)


async def test_changes_to_different_fields_merge_by_themselves(
    app: TodoApp, services: Services, db_url: str
) -> None:
    task = await add(services, "original", **due_today())
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await edit_title(pilot, app, "my new title")
        await elsewhere(
            db_url, lambda o: o.tasks.update(task.id, TaskChanges(priority=Priority.HIGH))
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
    saved = await fresh(services, task.id)
    assert saved.title == "my new title"
    assert saved.priority is Priority.HIGH


async def test_the_same_field_changed_on_both_sides_asks(
    app: TodoApp, services: Services, db_url: str
) -> None:
    task = await add(services, "original", **due_today())
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await edit_title(pilot, app, "mine")
        await elsewhere(
            db_url,
            lambda o: o.tasks.update(task.id, TaskChanges(title="theirs", notes="their notes")),
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen), 3.0)
        assert isinstance(app.screen, ConflictScreen)
        assert set(app.screen.conflicts) == {"title"}
        # nothing was overwritten while the dialog is open
        assert (await fresh(services, task.id)).title == "theirs"
        await pilot.press("m")
        await settle(pilot)
    saved = await fresh(services, task.id)
    assert saved.title == "mine"
    assert saved.notes == "their notes"  # only they changed it: kept


async def test_keeping_theirs_discards_only_the_conflicting_field(
    app: TodoApp, services: Services, db_url: str
) -> None:
    task = await add(services, "original", **due_today())
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await edit_title(pilot, app, "mine")
        app.screen.query_one("#edit-tags", Input).value = "mytag"
        await elsewhere(db_url, lambda o: o.tasks.update(task.id, TaskChanges(title="theirs")))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen), 3.0)
        await pilot.press("t")
        await settle(pilot)
    saved = await fresh(services, task.id)
    assert saved.title == "theirs"
    assert saved.tags == ("mytag",)


async def test_back_from_the_conflict_dialog_keeps_the_typed_edit(
    app: TodoApp, services: Services, db_url: str
) -> None:
    task = await add(services, "original", **due_today())
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await edit_title(pilot, app, "mine")
        await elsewhere(db_url, lambda o: o.tasks.update(task.id, TaskChanges(title="theirs")))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen), 3.0)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, EditScreen), 3.0)
        assert app.screen.query_one("#edit-title", Input).value == "mine"
    assert (await fresh(services, task.id)).title == "theirs"


async def test_a_task_deleted_elsewhere_while_edited_can_be_saved_as_new(
    app: TodoApp, services: Services, db_url: str
) -> None:
    task = await add(services, "doomed", **due_today())
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await edit_title(pilot, app, "rescued")
        await elsewhere(db_url, lambda o: o.tasks.delete(task.id))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), 3.0)
        await pilot.press("y")
        await settle(pilot)
        await asyncio.sleep(0)
    remaining = await services.tasks.all()
    assert [t.title for t in remaining] == ["rescued"]
    assert remaining[0].id != task.id


async def test_a_task_deleted_elsewhere_while_shown_gives_a_notice(
    app: TodoApp, services: Services, db_url: str
) -> None:
    shown = await add(services, "shown here", **due_today())
    await add(services, "stays", **due_today())
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.main_screen.task_list.current_task is not None
        assert app.main_screen.task_list.current_task.id == shown.id
        await elsewhere(db_url, lambda o: o.tasks.delete(shown.id))
        await wait_for(pilot, lambda: titles(app) == ["stays"], 3.0)
        await wait_for(
            pilot, lambda: any("left this list" in n for n in notifications(app)), 2.0
        )
    assert [t.title for t in await services.tasks.all()] == ["stays"]


async def test_the_open_category_deleted_elsewhere_falls_back_to_the_inbox(
    app: TodoApp, services: Services, db_url: str
) -> None:
    home = await services.categories.create("Home")
    await add(services, "filed", category_id=home.id)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        app.main_screen.lists.open(ListRef(ListKind.CATEGORY, home.id))
        await settle(pilot)
        assert titles(app) == ["filed"]
        await elsewhere(db_url, lambda o: o.categories.delete(home.id, delete_tasks=False))
        await wait_for(pilot, lambda: app.main_screen.ref.kind is ListKind.INBOX, 3.0)
        await wait_for(pilot, lambda: titles(app) == ["filed"], 3.0)
    assert (await services.tasks.all())[0].category_id is None


async def test_save_as_new_keeps_everything_the_edited_task_had_beyond_the_edit(
    app: TodoApp, services: Services, db_url: str
) -> None:
    from datetime import UTC, datetime, timedelta

    from tests.test_ui.conftest import TODAY
    from todo_tui.domain import Due, NewTask, Reminder

    health = await services.categories.create("health")
    parent = await add(services, "appointments", category_id=health.id)
    due = Due.at_local(datetime(TODAY.year, TODAY.month, TODAY.day, 15, 0, tzinfo=UTC)
                       + timedelta(days=4), "Europe/Paris")
    task = await services.tasks.add(NewTask(
        title="dentist", notes="bring the card", due=due, recurrence="FREQ=MONTHLY;INTERVAL=6",
        parent_id=parent.id, tags=("teeth",), duration_minutes=60,
        start=TODAY + timedelta(days=1), reminders=(Reminder(minutes_before=60),)))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        app.main_screen.lists.open(ListRef(ListKind.ALL))  # it waits for its start day
        await settle(pilot)
        for _ in range(3):
            if app.main_screen.task_list.current_task.id == task.id:
                break
            await pilot.press("j")
            await settle(pilot)
        assert app.main_screen.task_list.current_task.id == task.id
        await edit_title(pilot, app, "dentist edited")
        await elsewhere(db_url, lambda o: o.tasks.delete(task.id))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), 3.0)
        await pilot.press("y")
        await settle(pilot)
        await asyncio.sleep(0)
    new = next(t for t in await services.tasks.all() if t.title == "dentist edited")
    assert new.id != task.id
    assert (new.notes, new.due, new.recurrence, new.parent_id, new.category_id, new.tags,
            new.duration_minutes, new.start, new.priority) == (
        task.notes, task.due, task.recurrence, parent.id, health.id, ("teeth",), 60,
        task.start, task.priority)
    assert (await services.reminders.for_tasks([new.id]))[new.id] == (
        Reminder(minutes_before=60),)
