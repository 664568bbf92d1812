"""Subtasks in the TUI (issue 16): a trip planned from the keyboard alone, three levels deep."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from todo_tui.domain import ListKind, ListRef, Sort, Task
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp

from .conftest import (
    SIZE,
    add,
    detail_text,
    due_today,
    fresh,
    notifications,
    plain,
    press,
    screen_text,
    settle,
    type_text,
)

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both


def rows(app: TodoApp) -> list[tuple[str, int]]:
    tasks = app.main_screen.task_list
    return [(task.title, task.depth) for i in range(tasks.total)
            if (task := tasks.task_at(i)) is not None]


def current(app: TodoApp) -> Task:
    task = app.main_screen.task_list.current_task
    assert task is not None
    return task


async def open_list(pilot: Any, ref: ListRef) -> None:
    pilot.app.main_screen.lists.open(ref)
    await settle(pilot)


async def test_a_trip_planned_three_levels_deep_from_the_keyboard(
        app: TodoApp, services: Services) -> None:
    travel = await services.categories.create("Travel")
    trip = await add(services, "trip", category_id=travel.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_list(pilot, ListRef(ListKind.CATEGORY, travel.id))
        assert rows(app) == [("trip", 0)]
        # A: quick capture for a subtask; the popup says under which task
        await press(pilot, "A")
        assert "Add a subtask of 'trip'" in screen_text(app)
        await type_text(pilot, "book")
        await press(pilot, "enter")
        assert rows(app) == [("trip", 0), ("book", 1)]
        assert current(app).title == "book"
        await press(pilot, "A")
        await type_text(pilot, "hotel")
        await press(pilot, "enter")
        assert current(app).title == "hotel"
        await press(pilot, "h", "A")  # h: from the hotel up to the book
        await type_text(pilot, "train")
        await press(pilot, "enter")
        assert rows(app) == [("trip", 0), ("book", 1), ("hotel", 2), ("train", 2)]
        # the parents show their progress and a marker
        text = screen_text(app)
        assert "▾ [ ] trip" in text and "0/1" in text and "0/2" in text
        # x on the hotel: the book shows 1/2
        await press(pilot, "k", "x")
        assert ("hotel", 2) not in rows(app)
        assert "1/2" in screen_text(app)
        # < brings train up one level, > puts it back under book
        assert current(app).title == "train"
        await press(pilot, "less_than_sign")
        assert rows(app) == [("trip", 0), ("book", 1), ("train", 1)]
        await press(pilot, "greater_than_sign")
        assert rows(app) == [("trip", 0), ("book", 1), ("train", 2)]
        # h goes to the parent, h again collapses it, l expands it, l again goes in
        await press(pilot, "h")
        assert current(app).title == "book"
        await press(pilot, "h")
        assert rows(app) == [("trip", 0), ("book", 1)]
        assert (await fresh(services, current(app).id)).collapsed
        assert "▸ [ ] book" in screen_text(app)
        await press(pilot, "l")
        assert rows(app) == [("trip", 0), ("book", 1), ("train", 2)]
        await press(pilot, "l")
        assert current(app).title == "train"
        # x on the trip completes everything under it, in one step that u undoes
        await press(pilot, "g", "x")
        assert any("Done: trip, and 2 subtasks" in note for note in notifications(app))
        assert rows(app) == []
        await press(pilot, "u")
        assert rows(app) == [("trip", 0), ("book", 1), ("train", 2)]
        assert not (await fresh(services, trip.id)).done


async def test_j_and_k_carry_the_subtree_among_siblings(
        app: TodoApp, services: Services) -> None:
    top = await add(services, "top")
    first = await add(services, "first", parent_id=top.id)
    await add(services, "first's own", parent_id=first.id)
    await add(services, "second", parent_id=top.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_list(pilot, ListRef(ListKind.INBOX))
        assert rows(app) == [("top", 0), ("first", 1), ("first's own", 2), ("second", 1)]
        await press(pilot, "j", "J")
        assert app.main_screen.sort is Sort.MANUAL
        assert rows(app) == [("top", 0), ("second", 1), ("first", 1), ("first's own", 2)]
        assert current(app).title == "first"
        await press(pilot, "J")  # the last of its siblings: nothing moves
        assert rows(app) == [("top", 0), ("second", 1), ("first", 1), ("first's own", 2)]
        await press(pilot, "K")
        assert rows(app) == [("top", 0), ("first", 1), ("first's own", 2), ("second", 1)]


async def test_a_subtask_found_elsewhere_shows_its_path_and_h_opens_its_tree(
        app: TodoApp, services: Services) -> None:
    travel = await services.categories.create("Travel")
    trip = await add(services, "trip", category_id=travel.id)
    book = await add(services, "book", parent_id=trip.id)
    await add(services, "hotel", parent_id=book.id, **due_today())
    await add(services, "visa", parent_id=trip.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # Today: only the hotel is due
        assert rows(app) == [("hotel", 2)]
        assert "trip › book › hotel" in screen_text(app)
        assert "Under" in detail_text(app) and "trip > book" in detail_text(app)
        await press(pilot, "h")  # to its parent, in the tree of its category
        assert app.main_screen.ref == ListRef(ListKind.CATEGORY, travel.id)
        assert current(app).title == "book"
        # the detail pane lists the subtasks of the selected task with their state
        await press(pilot, "k")
        subtasks = plain(app.main_screen.query_one("#detail-subtasks", Static).content)
        assert "Subtasks 0/2" in subtasks and "[ ] book" in subtasks and "[ ] visa" in subtasks


async def test_a_refused_move_says_not_moved_and_why(app: TodoApp, services: Services) -> None:
    travel = await services.categories.create("Travel")
    first = await add(services, "first", category_id=travel.id)
    await add(services, "second", category_id=travel.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_list(pilot, ListRef(ListKind.CATEGORY, travel.id))
        assert current(app).id == first.id
        await press(pilot, "greater_than_sign")  # nothing above it to put it under
        await settle(pilot)
        told = [(note.title, note.message) for note in app._notifications]
        assert ("Not moved", "nothing above 'first' to put it under") in told, told
        assert (await fresh(services, first.id)).parent_id is None


async def test_a_restore_says_which_parents_came_back_with_it(
        app: TodoApp, services: Services) -> None:
    travel = await services.categories.create("Travel")
    trip = await add(services, "plan trip", category_id=travel.id)
    bags = await add(services, "pack bags", parent_id=trip.id)
    passport = await add(services, "passport", parent_id=bags.id)
    await services.tasks.delete(bags.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.action_open_list("trash")
        await settle(pilot)
        while current(app).id != passport.id:
            await press(pilot, "j")
        await press(pilot, "r")
        await settle(pilot)
        assert (await fresh(services, bags.id)).trashed_at is None
        assert "Restored to Travel: passport and its parent 'pack bags'" in app.notices
        await press(pilot, "u")
        await settle(pilot)
        assert "Undid: restore 'passport' and its parent 'pack bags'" in app.notices


async def test_quick_capture_names_the_parent_in_the_line(
        app: TodoApp, services: Services) -> None:
    from todo_tui.ui.screens.capture import CaptureInput, CaptureScreen

    travel = await services.categories.create("Travel")
    trip = await add(services, "Trip to Lisbon", category_id=travel.id)
    other = await add(services, "other", category_id=travel.id)
    await add(services, "trip planning")

    def preview() -> str:
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        return plain(screen.query_one("#capture-preview", Static).content)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # a: from Today, the line names its parent; the preview says under which
        await press(pilot, "a")
        await type_text(pilot, "book hotel ^lisbon")
        assert "Under" in preview() and "lisbon" in preview()
        # no title starts with "lisbon": not saved, the text stays, the reason shown
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one(CaptureInput).value == "book hotel ^lisbon"
        assert "no open task" in preview()
        # "trip" starts two titles: refused too, naming both
        app.screen.query_one(CaptureInput).value = "book hotel ^trip"
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert "could be several" in preview() and "trip planning" in preview()
        app.screen.query_one(CaptureInput).value = 'book hotel ^"trip to"'
        await press(pilot, "enter")
        await settle(pilot)
        assert not isinstance(app.screen, CaptureScreen)
        # A on another task: ^ names another parent, and the preview says instead of which
        await open_list(pilot, ListRef(ListKind.CATEGORY, travel.id))
        for _ in range(5):
            if current(app).id == other.id:
                break
            await press(pilot, "j")
        assert current(app).id == other.id
        await press(pilot, "A")
        await type_text(pilot, 'ferry ^"trip to lisbon"')
        assert "instead of 'other'" in preview()
        await press(pilot, "enter")
        await settle(pilot)
    saved = {t.title: t for t in await services.tasks.all()}
    assert saved["book hotel"].parent_id == trip.id
    assert saved["book hotel"].category_id == travel.id
    assert saved["ferry"].parent_id == trip.id
    assert saved["other"].parent_id is None
    assert sorted(saved) == ["Trip to Lisbon", "book hotel", "ferry", "other", "trip planning"]
