"""Undo, redo and the Trash in the TUI: `u` / `U` walk this window's changes back and forth,
deleted tasks wait in the Trash, and a change made elsewhere is never overwritten."""

from __future__ import annotations

from typing import Any

import pytest

from todo_tui.domain import ListKind, ListRef, Priority, Status
from todo_tui.service import Services, open_services
from todo_tui.ui.app import TodoApp, make_app
from todo_tui.ui.screens.confirm import ConfirmScreen

from .conftest import (
    SIZE,
    TODAY,
    add,
    due_today,
    fresh,
    notifications,
    press,
    settle,
    titles,
)

pytestmark = pytest.mark.sqlite_only


async def state(services: Services) -> list[tuple[Any, ...]]:
    """Every task (trashed ones apart) with the fields a change can touch, and the categories."""
    tasks = await services.tasks.all(include_done=True)
    rows: list[tuple[Any, ...]] = [
        (t.id, t.title, t.status, t.priority, t.category_id, t.tags, t.due, t.notes)
        for t in sorted(tasks, key=lambda t: t.id)]
    rows.extend((c.id, c.name) for c in await services.categories.list())
    return rows


async def test_u_and_shift_u_walk_a_dozen_changes_back_and_forth(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    first = await add(services, "pay rent", **due_today())
    second = await add(services, "call mum", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = await state(services)
        tasks = app.main_screen.task_list
        assert tasks.current_task.id == first.id
        await press(pilot, "p")                      # 1 priority
        await press(pilot, "p")                      # 2 priority again
        await press(pilot, "m", "end", "enter")      # 3 move to Home
        app.main_screen.action_open_list("today")
        await settle(pilot)
        await press(pilot, "a")                      # 4 add
        await pilot.pause()
        app.screen.query_one("#capture-input").value = "buy bread today +shop"
        await press(pilot, "enter")
        await press(pilot, "g")
        await press(pilot, "x")                      # 5 done
        await press(pilot, "e")                      # 6 edit the title
        app.screen.query_one("#edit-title").value = "call mum soon"
        await press(pilot, "ctrl+s")
        await press(pilot, "d", "y")                 # 7 delete (to the Trash)
        after = await state(services)
        assert after != before
        for _ in range(7):
            await press(pilot, "u")
        assert await state(services) == before
        assert "Undid:" in "\n".join(notifications(app))
        await press(pilot, "u")  # nothing more of this window's to undo: says so, changes nothing
        assert await state(services) == before
        for _ in range(7):
            await press(pilot, "U")
        assert await state(services) == after
    assert home and second


async def test_undo_brings_back_a_category_deleted_with_its_tasks(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    sink = await add(services, "fix the sink", category_id=home.id, priority=Priority.HIGH,
                     tags=("diy",))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = await state(services)
        app.main_screen.category_pane.focus()
        await settle(pilot)
        await press(pilot, "G", "d")
        picker = app.screen.query_one("#picker")
        # the choice that deletes the tasks too, whatever its place in the dialog
        index = next(i for i in range(picker.option_count)
                     if "its tasks too" in str(picker.get_option_at_index(i).prompt))
        picker.highlighted = index
        await press(pilot, "enter")
        assert await services.categories.list() == []
        assert await services.tasks.all(include_done=True) == []
        await press(pilot, "u")
        assert await state(services) == before
        back = await fresh(services, sink.id)
        assert back.tags == ("diy",) and back.priority is Priority.HIGH
        assert back.category_id == home.id


async def test_a_change_made_elsewhere_is_never_overwritten_by_undo(
    app: TodoApp, services: Services, db_url: str
):
    task = await add(services, "pay rent", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "p")  # here: none -> low
        other = await open_services(db_url)
        try:  # another instance then sets it to high
            await other.tasks.update(task.id, _priority(Priority.HIGH), origin="tui:other")
        finally:
            await other.close()
        await press(pilot, "u")
        assert (await fresh(services, task.id)).priority is Priority.HIGH  # kept
        told = "\n".join(notifications(app))
        assert "priority" in told and "changed" in told


async def test_the_trash_keeps_restores_and_deletes_for_good(app: TodoApp, services: Services):
    keep = await add(services, "keep me", **due_today())
    drop = await add(services, "drop me", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "d", "y")
        await press(pilot, "d", "y")
        assert await services.tasks.all(include_done=True) == []
        app.main_screen.action_open_list("trash")
        await settle(pilot)
        assert app.main_screen.ref == ListRef(ListKind.TRASH)
        assert sorted(titles(app)) == ["drop me", "keep me"]
        assert app.main_screen.counts.trash == 2
        while app.main_screen.task_list.current_task.id != keep.id:
            await press(pilot, "j")
        await press(pilot, "r")
        back = await fresh(services, keep.id)
        assert back.status is Status.OPEN and back.title == "keep me"
        assert titles(app) == ["drop me"]
        await press(pilot, "space")  # in the Trash: says to restore first, changes nothing
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert titles(app) == []
    assert [t.id for t in await services.tasks.all(include_done=True)] == [keep.id]
    assert drop


def _priority(priority: Priority) -> Any:
    from todo_tui.domain import TaskChanges

    return TaskChanges(priority=priority)


async def test_u_goes_on_back_through_the_history_after_a_restart_in_the_same_place(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
):
    task = await add(services, "pay rent", **due_today())
    monkeypatch.setenv("TMUX_PANE", "%7")  # the same tmux pane both times
    first = make_app(db_url)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "p")
    assert (await fresh(services, task.id)).priority is Priority.LOW
    again = make_app(db_url)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "u")
        assert app_says(again, "Undid: priority")
    assert (await fresh(services, task.id)).priority is Priority.NONE
    monkeypatch.setenv("TMUX_PANE", "%8")  # another pane: its own history, nothing to undo
    other = make_app(db_url)
    async with other.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "U")  # the redo is the first window's, not this one's
    assert (await fresh(services, task.id)).priority is Priority.NONE


def app_says(app: TodoApp, start: str) -> bool:
    return any(notice.startswith(start) for notice in notifications(app))


async def test_u_right_after_delete_for_good_takes_that_back_not_an_older_restore(
    app: TodoApp, services: Services
):
    travel = await services.categories.create("Travel")
    trip = await add(services, "plan trip", category_id=travel.id)
    bags = await add(services, "pack bags", parent_id=trip.id)
    passport = await add(services, "passport", parent_id=bags.id)
    flights = await add(services, "book flights", category_id=travel.id)
    await services.tasks.delete(trip.id)
    await services.tasks.delete(flights.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.action_open_list("trash")
        await settle(pilot)
        while app.main_screen.task_list.current_task.id != passport.id:
            await press(pilot, "j")
        await press(pilot, "r")  # its parents in the Trash come back with it
        assert (await fresh(services, passport.id)).trashed_at is None
        assert (await fresh(services, bags.id)).trashed_at is None
        await settle(pilot)
        assert titles(app) == ["book flights"]
        await press(pilot, "d", "y")  # delete for good
        assert titles(app) == []
        await press(pilot, "u")  # takes back the delete for good, not the restore
        await settle(pilot)
        trash = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY)
        assert [t.id for t in trash.tasks] == [flights.id]
        assert (await fresh(services, passport.id)).trashed_at is None
        assert any("Undid: delete 'book flights' for good" in n
                   for n in notifications(app)), notifications(app)
        await press(pilot, "u")  # then the restore
        await settle(pilot)
        trash = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY)
        assert {t.id for t in trash.tasks} == {flights.id, trip.id, bags.id, passport.id}


async def test_a_refused_undo_is_told_and_u_again_passes_over_it_to_the_one_before(
    app: TodoApp, services: Services, db_url: str
):
    rent = await add(services, "pay rent", **due_today())
    mum = await add(services, "call mum", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main_screen.task_list.current_task.id == rent.id
        await press(pilot, "p", "j", "p")  # both: none -> low
        assert (await fresh(services, mum.id)).priority is Priority.LOW
        other = await open_services(db_url)
        try:  # another window then sets call mum's to high
            await other.tasks.update(mum.id, _priority(Priority.HIGH), origin="tui:other")
        finally:
            await other.close()
        await press(pilot, "u")  # refused, and says what u does next
        await settle(pilot)
        assert (await fresh(services, mum.id)).priority is Priority.HIGH
        assert (await fresh(services, rent.id)).priority is Priority.LOW
        told = notifications(app)[-1]
        assert "Can't undo" in told and "priority changed since" in told, told
        assert "u again leaves it as it is and undoes the change before it" in told
        await press(pilot, "u")  # passes over it: the older change is undone
        await settle(pilot)
        assert (await fresh(services, rent.id)).priority is Priority.NONE
        assert (await fresh(services, mum.id)).priority is Priority.HIGH
        await press(pilot, "u")
        await settle(pilot)
        assert "nothing to undo" in notifications(app)[-1]
        history = [op for op in await services.history.recent(3) if op.origin != "tui:other"]
        assert [(op.summary, op.undone, op.passed_over) for op in history] == [
            ("priority low for 'call mum'", False, True),
            ("priority low for 'pay rent'", True, False)]
