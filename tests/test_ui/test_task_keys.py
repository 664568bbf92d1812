"""Pilot tests of the task list's keys; each checks the database afterwards."""

from __future__ import annotations

import pytest

from todo_tui.domain import ListKind, Priority, Sort, Status
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.picker import PickerScreen

from .conftest import (
    SIZE,
    TODAY,
    add,
    add_many,
    detail_text,
    due_today,
    fresh,
    notifications,
    press,
    settle,
    titles,
)

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both


async def seed_many(services: Services, count: int) -> list[str]:
    return await add_many(services, [f"task {i:02}" for i in range(count)], due=TODAY)


async def test_opens_on_today_with_the_first_row_selected(app: TodoApp, services: Services):
    ids = await seed_many(services, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert main.ref.kind is ListKind.TODAY
        assert app.focused is main.task_list
        assert main.task_list.cursor == 0
        assert main.task_list.current_task.id == ids[0]
        assert "task 00" in detail_text(app)


async def test_cursor_keys_move_and_drive_the_detail(app: TodoApp, services: Services):
    ids = await seed_many(services, 70)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks = app.main_screen.task_list
        page = tasks.scrollable_content_region.height - 1

        async def at(keys: tuple[str, ...], index: int) -> None:
            await press(pilot, *keys)
            assert tasks.cursor == index, keys
            assert tasks.current_task.id == ids[index]
            assert f"task {index:02}" in detail_text(app)

        await at(("j",), 1)
        await at(("down", "down"), 3)
        await at(("k",), 2)
        await at(("up",), 1)
        await at(("G",), 69)
        await at(("j",), 69)  # stays on the last row
        await at(("g",), 0)
        await at(("k",), 0)  # stays on the first row
        await at(("pagedown",), page)
        await at(("pagedown",), 2 * page)
        await at(("pageup",), page)
        await at(("pageup", "pageup"), 0)


async def test_space_and_x_toggle_done(app: TodoApp, services: Services):
    task = await add(services, "water the plants", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space")
        done = await fresh(services, task.id)
        assert done.status is Status.DONE
        assert done.completed_at is not None
        assert "Done: water the plants" in "\n".join(notifications(app))

        # gone from Today (open tasks only); reopen it from the Done list
        assert titles(app) == []
        app.main_screen.action_open_list("done")
        await settle(pilot)
        assert titles(app) == ["water the plants"]
        await press(pilot, "x")
        reopened = await fresh(services, task.id)
        assert reopened.status is Status.OPEN
        assert reopened.completed_at is None


async def test_x_completes_a_recurring_task_and_adds_the_next(app: TodoApp, services: Services):
    task = await add(services, "stretch", recurrence="FREQ=DAILY", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        assert (await fresh(services, task.id)).status is Status.DONE
        follow = [t for t in await services.tasks.all() if t.title == "stretch"]
        assert len(follow) == 1 and follow[0].id != task.id
        assert follow[0].due is not None and follow[0].due.day.isoformat() == "2026-11-28"


async def test_d_then_y_deletes(app: TodoApp, services: Services):
    keep = await add(services, "keep me", **due_today())
    gone = await add(services, "delete me", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        assert app.main_screen.task_list.current_task.id == gone.id
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert app.screen is app.main_screen
        remaining = await services.tasks.all(include_done=True)
        assert [t.id for t in remaining] == [keep.id]
        assert titles(app) == ["keep me"]


async def test_d_then_n_or_escape_keeps(app: TodoApp, services: Services):
    task = await add(services, "keep me", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, answer in (("d", "n"), ("delete", "escape")):
            await press(pilot, key)
            assert isinstance(app.screen, ConfirmScreen)
            await press(pilot, answer)
            assert app.screen is app.main_screen
        assert (await fresh(services, task.id)).version == task.version
        assert titles(app) == ["keep me"]


async def test_p_cycles_the_priority(app: TodoApp, services: Services):
    task = await add(services, "prioritise", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(4):
            await press(pilot, "p")
            seen.append((await fresh(services, task.id)).priority)
            assert app.main_screen.task_list.current_task.priority is seen[-1]
        assert seen == [Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.NONE]


async def test_m_moves_to_a_category_and_back_to_the_inbox(app: TodoApp, services: Services):
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    task = await add(services, "file me", **due_today())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert [key for key, _ in picker.choices] == ["\x00inbox", home.id, work.id]
        await press(pilot, "j", "j", "enter")  # Inbox -> Home -> Work
        assert app.screen is app.main_screen
        assert (await fresh(services, task.id)).category_id == work.id
        assert app.main_screen.task_list.current_task.category_name == "Work"
        assert "Category  Work" in detail_text(app)

        await press(pilot, "m")
        await press(pilot, "k", "k", "enter")  # Work -> Home -> Inbox
        assert (await fresh(services, task.id)).category_id is None

        await press(pilot, "m", "escape")  # cancelled: nothing changes
        assert (await fresh(services, task.id)).category_id is None


async def test_shift_j_and_k_swap_the_manual_order(app: TodoApp, services: Services):
    first, second, third = [
        await add(services, name, **due_today()) for name in ("first", "second", "third")
    ]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert main.sort is Sort.SMART
        await press(pilot, "J")
        assert main.sort is Sort.MANUAL
        positions = {t.id: t.position for t in await services.tasks.all()}
        assert positions[first.id] > positions[second.id]
        assert positions[third.id] > positions[first.id]
        assert titles(app) == ["second", "first", "third"]
        assert main.task_list.current_task.id == first.id  # the cursor follows the task

        await press(pilot, "J")
        assert titles(app) == ["second", "third", "first"]
        await press(pilot, "K", "K")
        assert titles(app) == ["first", "second", "third"]
        ordered = sorted(await services.tasks.all(), key=lambda t: t.position)
        assert [t.id for t in ordered] == [first.id, second.id, third.id]
        await press(pilot, "K")  # already at the top: nothing happens
        assert [t.id for t in sorted(await services.tasks.all(), key=lambda t: t.position)] == [
            first.id, second.id, third.id]


async def test_a_click_selects_the_row_under_it_and_a_double_click_edits(
    app: TodoApp, services: Services
):
    ids = await seed_many(services, 5)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks = app.main_screen.task_list
        await pilot.click(tasks, offset=(10, 0))  # the top border: no row
        assert tasks.current_task.id == ids[0]
        await pilot.click(tasks, offset=(10, 3))  # the border, then rows 0, 1, 2
        await settle(pilot)
        assert tasks.current_task.id == ids[2]
        assert "task 02" in detail_text(app)
        await pilot.click(tasks, offset=(10, 4), times=2)
        await settle(pilot)
        assert tasks.current_task.id == ids[3]
        assert type(app.screen).__name__ == "EditScreen"
        await press(pilot, "escape")
    assert (await fresh(services, ids[3])).title == "task 03"  # nothing changed by looking
