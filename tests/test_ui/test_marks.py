"""Pilot tests of marks (`v`, `V`, `escape`) and acting on the marked tasks (issue 17); each
checks the database afterwards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input

from todo_tui.domain import Due, NewTask, Priority, Status
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp, make_app
from todo_tui.ui.screens.change import ChangePrompt
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.picker import PickerScreen
from todo_tui.ui.screens.prompt import PromptScreen

from .conftest import (
    SIZE,
    TODAY,
    add,
    add_many,
    fresh,
    header_text,
    notifications,
    press,
    screen_text,
    settle,
    titles,
    type_text,
    until_stored,
)

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both


def row_of(app: TodoApp, title: str) -> str:
    """The task list's part of the screen line that shows the row titled `title`."""
    content = app.main_screen.task_list.content_region
    lines = screen_text(app).splitlines()[content.y:content.bottom]
    return next(row for line in lines if title in (row := line[content.x:content.right]))


async def test_v_marks_and_moves_down_and_an_action_applies_to_every_marked_task(
        app: TodoApp, services: Services) -> None:
    ids = await add_many(services, [f"task {i}" for i in range(5)], due=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks = app.main_screen.task_list
        await press(pilot, "v", "j", "v", "v")  # tasks 0, 2 and 3
        assert tasks.cursor == 4
        assert "3 marked" in header_text(app)
        assert "\u25cf[ ] task 0" in row_of(app, "task 0")
        assert "\u25cf" not in row_of(app, "task 1")
        await press(pilot, "k", "v")  # unmarks task 3
        assert "2 marked" in header_text(app)
        assert tasks.cursor == 4
        await press(pilot, "space")
        assert [(await fresh(services, i)).status for i in ids] == [
            Status.DONE, Status.OPEN, Status.DONE, Status.OPEN, Status.OPEN]
        assert "marked" not in header_text(app)  # cleared after the action
        assert titles(app) == ["task 1", "task 3", "task 4"]
        assert tasks.cursor == 2  # stays on its task
        await press(pilot, "u")
        assert [(await fresh(services, i)).status for i in ids] == [Status.OPEN] * len(ids)
        history = await services.history.recent(5)
        assert [(op.summary, op.undone) for op in history] == [("complete 2 tasks", True)]


async def test_capital_v_marks_the_whole_list_beyond_the_loaded_rows_and_D_shifts_them_all(
        app: TodoApp, services: Services) -> None:
    ids = await add_many(services, [f"task {i:03}" for i in range(450)], due=TODAY)
    await add(services, "no due")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks = app.main_screen.task_list
        assert len(tasks.loaded_ids()) < 450  # only pages are read
        await press(pilot, "j", "V")
        assert "450 marked" in header_text(app)
        assert tasks.cursor == 1
        await press(pilot, "G")  # rows read later are drawn marked too
        await settle(pilot)
        assert "\u25cf" in row_of(app, "task 449")
        await press(pilot, "D")
        prompt = app.screen
        assert isinstance(prompt, ChangePrompt)
        await type_text(pilot, "+2d")
        assert "due +2 days for 450 tasks" in screen_text(app)
        await press(pilot, "enter")
        shifted = {(await fresh(services, i)).due for i in ids}
        assert shifted == {Due.on(TODAY + timedelta(days=2))}
        assert (await services.tasks.find_by(title="no due"))[0].due is None
        assert "marked" not in header_text(app)
        await press(pilot, "u")
        assert {(await fresh(services, i)).due for i in ids} == {Due.on(TODAY)}


async def test_a_narrowing_search_drops_the_marks_that_left_and_delete_asks_once(
        app: TodoApp, services: Services) -> None:
    milk = await add(services, "buy milk", due=Due.on(TODAY))
    bread = await add(services, "buy bread", due=Due.on(TODAY))
    oat = await add(services, "oat milk", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "V")
        assert "3 marked" in header_text(app)
        await press(pilot, "slash")
        await type_text(pilot, "milk")
        await press(pilot, "enter")
        assert "2 marked (1 left the list)" in header_text(app)
        await press(pilot, "d")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "Delete the 2 marked tasks?" in confirm.question
        await press(pilot, "y")
        assert (await fresh(services, bread.id)).trashed_at is None
        assert (await fresh_trashed(services, milk.id, oat.id)) == 2
        await press(pilot, "u")

        async def restored() -> bool:
            return await fresh_trashed(services, milk.id, oat.id) == 0

        await until_stored(pilot, restored)
        assert (await fresh(services, milk.id)).trashed_at is None
        assert (await fresh(services, oat.id)).trashed_at is None


async def fresh_trashed(services: Services, *ids: str) -> int:
    from todo_tui.domain import ListKind, ListRef

    page = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY)
    return len({t.id for t in page.tasks} & set(ids))


async def test_escape_clears_the_marks_before_the_search(
        app: TodoApp, services: Services) -> None:
    await add_many(services, ["buy milk", "oat milk", "bread"], due=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "milk")
        await press(pilot, "enter", "v")
        assert "1 marked" in header_text(app)
        await press(pilot, "escape")
        assert "marked" not in header_text(app)
        assert titles(app) == ["buy milk", "oat milk"]  # the search is still on
        await press(pilot, "escape")
        assert len(titles(app)) == 3


async def test_priority_move_and_tags_for_the_marked_tasks(
        app: TodoApp, services: Services) -> None:
    ids = await add_many(services, ["one", "two", "three"], due=TODAY)
    work = await services.categories.create("Work")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "v", "v", "p")
        assert isinstance(app.screen, PickerScreen)
        await press(pilot, "enter")  # the first choice: high
        assert [(await fresh(services, i)).priority for i in ids] == [
            Priority.HIGH, Priority.HIGH, Priority.NONE]
        await press(pilot, "g", "v", "v", "m", "j", "enter")  # Inbox, then Work
        assert [(await fresh(services, i)).category_id for i in ids] == [work.id, work.id, None]
        await press(pilot, "V", "t")
        assert isinstance(app.screen, PromptScreen)
        await type_text(pilot, "+urgent +home")
        await press(pilot, "enter")
        assert [(await fresh(services, i)).tags for i in ids] == [("home", "urgent")] * 3
        await press(pilot, "V", "t")
        await type_text(pilot, "-home")
        await press(pilot, "enter")
        assert [(await fresh(services, i)).tags for i in ids] == [("urgent",)] * len(ids)
        await press(pilot, "u", "u")
        assert [(await fresh(services, i)).tags for i in ids] == [()] * len(ids)


async def test_R_sets_the_repeat_of_the_selected_task_with_a_preview(
        app: TodoApp, services: Services) -> None:
    task = await add(services, "standup", due=Due.on(TODAY), recurrence="FREQ=DAILY")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "R")
        assert isinstance(app.screen, ChangePrompt)
        assert app.screen.query_one("#change-input", Input).value == "every day"
        await press(pilot, "ctrl+u")
        await type_text(pilot, "every weekday 9:30")
        assert "every weekday; due Mon 30 Nov 09:30" in screen_text(app)
        await press(pilot, "enter")
        saved = await fresh(services, task.id)
        assert saved.recurrence == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
        assert saved.due is not None and saved.due.day == date(2026, 11, 30)
        await press(pilot, "u")
        assert (await fresh(services, task.id)).recurrence == "FREQ=DAILY"


async def test_D_refuses_what_it_cannot_read_and_says_why(
        app: TodoApp, services: Services) -> None:
    task = await add(services, "standup", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "D")
        await type_text(pilot, "every day")
        await press(pilot, "enter")
        assert isinstance(app.screen, ChangePrompt)  # still open
        assert "a repeat goes in Repeat" in screen_text(app)
        assert (await fresh(services, task.id)).due == Due.on(TODAY)


async def test_marks_are_a_symbol_in_ascii_mode(
        db_url: str, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    app = make_app(db_url)
    await add_many(services, ["one", "two"], due=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "v")
        assert "*[ ] one" in row_of(app, "one")
        assert "*" not in row_of(app, "two")


async def test_marks_survive_a_live_update_and_drop_the_task_that_left(
        app: TodoApp, services: Services, db_url: str) -> None:
    from .test_live_and_conflicts import elsewhere, wait_for

    ids = await add_many(services, ["one", "two", "three"], due=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "v", "v")
        assert "2 marked" in header_text(app)

        async def complete(other: Services) -> None:
            await other.tasks.set_done(ids[0], True)
            await other.tasks.add(NewTask(
                title="four", due=Due.on(TODAY)))

        await elsewhere(db_url, complete)
        await wait_for(pilot, lambda: "four" in titles(app), 5)
        await settle(pilot)
        assert "1 marked (1 left the list)" in header_text(app)
        assert "\u25cf[ ] two" in row_of(app, "two")
        await press(pilot, "p", "enter")  # high, for the one still marked
        assert [(await fresh(services, i)).priority for i in ids] == [
            Priority.NONE, Priority.HIGH, Priority.NONE]


async def test_in_done_space_reopens_every_marked_task(
        app: TodoApp, services: Services) -> None:
    from todo_tui.domain import ListKind, ListRef

    ids = await add_many(services, ["one", "two", "three"], due=TODAY)
    for task_id in ids:
        await services.tasks.set_done(task_id, True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.lists.open(ListRef(ListKind.DONE))
        await settle(pilot)
        await press(pilot, "V", "space")
        assert [(await fresh(services, i)).status for i in ids] == [Status.OPEN] * 3
        assert (await services.history.recent(1))[0].summary == "reopen 3 tasks"
        await press(pilot, "u")
        assert [(await fresh(services, i)).status for i in ids] == [Status.DONE] * 3


async def _travel(services: Services) -> tuple[str, dict[str, str]]:
    """Travel: `plan trip` (collapsed) with 3 subtasks, and 3 more tasks: 4 rows shown."""
    travel = await services.categories.create("Travel")
    found: dict[str, str] = {}
    trip = await add(services, "plan trip", category_id=travel.id)
    found["plan trip"] = trip.id
    for title in ("passport", "pack bags", "book flights"):
        found[title] = (await add(services, title, parent_id=trip.id)).id
    await services.subtasks.set_collapsed(trip.id, True)
    for title in ("visa", "insurance", "taxi"):
        found[title] = (await add(services, title, category_id=travel.id)).id
    return travel.id, found


async def test_acting_on_marks_says_which_hidden_subtasks_go_with_them(
        app: TodoApp, services: Services) -> None:
    from todo_tui.domain import ListKind, ListRef

    travel, found = await _travel(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.lists.open(ListRef(ListKind.CATEGORY, travel))
        await settle(pilot)
        assert titles(app) == ["plan trip", "visa", "insurance", "taxi"]
        # delete: the dialog and the toast count the 3 hidden subtasks too
        await press(pilot, "V", "d")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert ("Delete the 4 marked tasks and their 3 subtasks (7)?"
                in confirm.question), confirm.question
        assert "Delete 7" in screen_text(app)
        await press(pilot, "y")
        assert await fresh_trashed(services, *found.values()) == 7
        assert any(n.startswith("Deleted 7 tasks: 4 marked tasks and their 3 subtasks (7)")
                   for n in notifications(app)), notifications(app)
        await press(pilot, "u")

        async def back() -> bool:
            return await fresh_trashed(services, *found.values()) == 0

        await until_stored(pilot, back)
        await settle(pilot)
        # done: completing the parent completes its subtasks, and the toast says so
        await press(pilot, "V", "space")

        async def completed() -> bool:
            return all([(await fresh(services, i)).status is Status.DONE
                        for i in found.values()])

        await until_stored(pilot, completed)
        assert "Done: 4 marked tasks and their 3 subtasks (7)" in notifications(app)
        await press(pilot, "u")

        async def reopened() -> bool:
            return all([(await fresh(services, i)).status is Status.OPEN
                        for i in found.values()])

        await until_stored(pilot, reopened)
        await settle(pilot)
        # move: the picker and the toast say the subtasks move too
        await press(pilot, "V", "m")
        assert isinstance(app.screen, PickerScreen)
        assert "Move 4 marked tasks and their 3 subtasks (7) to" in screen_text(app)
        await press(pilot, "enter")  # the Inbox

        async def moved() -> bool:
            return all([(await fresh(services, i)).category_id is None
                        for i in found.values()])

        await until_stored(pilot, moved)
        assert "Moved to Inbox: 4 marked tasks and their 3 subtasks (7)" in notifications(app)
