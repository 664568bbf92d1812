"""Pilot tests of the categories pane and the smart lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input

from todo_tui.domain import Due, ListKind, ListRef
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.picker import PickerScreen
from todo_tui.ui.screens.prompt import PromptScreen

from .conftest import (
    SIZE,
    TODAY,
    add,
    fresh,
    header_text,
    notifications,
    press,
    screen_text,
    send_key,
    settle,
    titles,
    type_text,
)

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both


def pane_labels(app: TodoApp) -> list[str]:
    pane = app.main_screen.category_pane
    return [" ".join(str(pane.get_option_at_index(i).prompt).split())
            for i in range(pane.option_count)]


async def focus_pane(pilot) -> None:
    await press(pilot, "shift+tab")
    assert pilot.app.focused is pilot.app.main_screen.category_pane


async def test_tab_and_shift_tab_cycle_the_panes(app: TodoApp, services: Services):
    await add(services, "t", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert app.focused is main.task_list
        await press(pilot, "tab")
        assert app.focused is main.query_one("#detail")
        await press(pilot, "tab")
        assert app.focused is main.category_pane
        await press(pilot, "tab")
        assert app.focused is main.task_list
        await press(pilot, "shift+tab")
        assert app.focused is main.category_pane


async def test_highlight_opens_a_list_and_enter_goes_to_its_tasks(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    await add(services, "inbox task")
    await add(services, "home task", category_id=home.id)
    await add(services, "today task", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert titles(app) == ["today task"]
        await focus_pane(pilot)

        await press(pilot, "k")
        assert main.ref == ListRef(ListKind.INBOX)
        assert titles(app) == ["today task", "inbox task"]
        assert "Inbox  ·  2 tasks" in header_text(app)
        assert app.focused is main.category_pane  # highlighting does not move the focus

        await press(pilot, "G")
        assert main.ref == ListRef(ListKind.CATEGORY, home.id)
        assert titles(app) == ["home task"]
        assert "Home  ·  1 task" in header_text(app)

        await press(pilot, "enter")
        assert app.focused is main.task_list
        assert main.task_list.current_task.title == "home task"


async def test_smart_lists_hold_the_right_tasks_and_counts(app: TodoApp, services: Services):
    home = await services.categories.create("Home")
    await add(services, "overdue", due=Due.on(TODAY - timedelta(days=3)))
    await add(services, "today", due=Due.on(TODAY), category_id=home.id)
    await add(services, "in three days", due=Due.on(TODAY + timedelta(days=3)))
    await add(services, "in a month", due=Due.on(TODAY + timedelta(days=30)),
              category_id=home.id)
    await add(services, "someday")
    finished = await add(services, "finished", due=Due.on(TODAY))
    await services.tasks.set_done(finished.id, True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert pane_labels(app) == [
            "Inbox 3", "Today 2", "Upcoming 2", "All 5", "Done 1", "Trash 0", "Categories",
            "Home 2",
        ]
        expected = {
            ListKind.INBOX: ["overdue", "in three days", "someday"],
            ListKind.TODAY: ["overdue", "today"],
            ListKind.UPCOMING: ["today", "in three days"],
            ListKind.ALL: ["overdue", "today", "in three days", "in a month", "someday"],
            ListKind.DONE: ["finished"],
            ListKind.TRASH: [],
        }
        await focus_pane(pilot)
        await press(pilot, "g")
        for kind in (ListKind.INBOX, ListKind.TODAY, ListKind.UPCOMING, ListKind.ALL,
                     ListKind.DONE, ListKind.TRASH):
            assert main.ref == ListRef(kind)
            assert titles(app) == expected[kind], kind
            count = len(expected[kind])
            assert f"  ·  {count} task{'s' if count != 1 else ''}" in header_text(app)
            await press(pilot, "j")
        assert main.ref == ListRef(ListKind.CATEGORY, home.id)  # the heading is skipped
        assert titles(app) == ["today", "in a month"]

        # counts follow changes: complete "today" from the Home list
        await press(pilot, "enter", "space")
        assert pane_labels(app) == [
            "Inbox 3", "Today 1", "Upcoming 1", "All 4", "Done 2", "Trash 0", "Categories",
            "Home 1",
        ]


async def test_a_creates_a_category(app: TodoApp, services: Services):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_pane(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, PromptScreen)
        await type_text(pilot, "Garden")
        await press(pilot, "enter")
        categories = await services.categories.list()
        assert [c.name for c in categories] == ["Garden"]
        assert app.main_screen.ref == ListRef(ListKind.CATEGORY, categories[0].id)
        assert "Garden" in header_text(app)
        assert pane_labels(app)[-1] == "Garden 0"

        # escape cancels; a name in use (any case) is refused and notified
        await press(pilot, "a", "escape")
        await press(pilot, "a")
        await type_text(pilot, "garden")
        await press(pilot, "enter")
        assert [c.name for c in await services.categories.list()] == ["Garden"]
        assert any("exists already" in n for n in notifications(app))


async def test_r_renames_and_a_clash_keeps_the_name(app: TodoApp, services: Services):
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_pane(pilot)
        await press(pilot, "G")  # Work
        await press(pilot, "r")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        field = prompt.query_one(Input)
        assert field.value == "Work"
        field.value = "Office"
        await press(pilot, "enter")
        assert (await services.categories.get(work.id)).name == "Office"
        assert "Office" in header_text(app)
        assert pane_labels(app)[-1] == "Office 0"

        await press(pilot, "r")
        app.screen.query_one(Input).value = "HOME"
        await press(pilot, "enter")
        assert (await services.categories.get(work.id)).name == "Office"
        assert (await services.categories.get(home.id)).name == "Home"
        assert any("exists already" in n for n in notifications(app))
        assert app.screen is app.main_screen


async def test_r_on_a_smart_list_only_notifies(app: TodoApp, services: Services):
    await services.categories.create("Home")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_pane(pilot)
        await press(pilot, "r")
        assert app.screen is app.main_screen
        await press(pilot, "d")
        assert app.screen is app.main_screen
        assert any("smart lists" in n for n in notifications(app))
        assert [c.name for c in await services.categories.list()] == ["Home"]


async def test_d_deletes_a_category_moving_its_tasks_to_the_inbox(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    task = await add(services, "fix the sink", category_id=home.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_pane(pilot)
        await press(pilot, "G", "d")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker.query_one("#picker").highlighted == 0  # "Keep it" is the default
        await press(pilot, "enter")  # keep it
        assert [c.id for c in await services.categories.list()] == [home.id]

        await press(pilot, "d", "j", "enter")
        assert await services.categories.list() == []
        moved = await fresh(services, task.id)
        assert moved.category_id is None
        assert app.main_screen.ref == ListRef(ListKind.INBOX)
        assert titles(app) == ["fix the sink"]


async def test_d_deletes_a_category_and_its_tasks(app: TodoApp, services: Services):
    home = await services.categories.create("Home")
    await add(services, "fix the sink", category_id=home.id)
    other = await add(services, "elsewhere")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_pane(pilot)
        await press(pilot, "G", "d", "j", "j", "enter")
        assert await services.categories.list() == []
        assert [t.id for t in await services.tasks.all(include_done=True)] == [other.id]


async def test_shift_j_and_k_reorder_categories(app: TodoApp, services: Services):
    a = await services.categories.create("Alpha")
    b = await services.categories.create("Beta")
    c = await services.categories.create("Gamma")

    async def order() -> list[str]:
        return [category.id for category in await services.categories.list()]

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_pane(pilot)
        await press(pilot, "G", "k", "k")  # Alpha
        assert app.main_screen.ref == ListRef(ListKind.CATEGORY, a.id)
        await press(pilot, "J")
        assert await order() == [b.id, a.id, c.id]
        assert app.main_screen.ref == ListRef(ListKind.CATEGORY, a.id)
        assert pane_labels(app)[-3:] == ["Beta 0", "Alpha 0", "Gamma 0"]
        await press(pilot, "J")
        assert await order() == [b.id, c.id, a.id]
        await press(pilot, "K", "K")
        assert await order() == [a.id, b.id, c.id]
        assert pane_labels(app)[-3:] == ["Alpha 0", "Beta 0", "Gamma 0"]


async def test_the_pane_skips_its_heading_and_keeps_the_highlight_in_view(
    app: TodoApp, services: Services
):
    made = [await services.categories.create(f"Cat {i:02}") for i in range(40)]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        pane = main.category_pane
        await focus_pane(pilot)
        await press(pilot, "home")
        assert main.ref == ListRef(ListKind.INBOX)
        # Inbox -> Today -> Upcoming -> All -> Done -> Trash
        await press(pilot, "j", "j", "j", "j", "j")
        assert main.ref == ListRef(ListKind.TRASH)
        await press(pilot, "j")  # over the "Categories" heading, to the first category
        assert main.ref == ListRef(ListKind.CATEGORY, made[0].id)
        await press(pilot, "k")
        assert main.ref == ListRef(ListKind.TRASH)

        await press(pilot, "end")  # far below the pane's height: scrolled to it
        assert main.ref == ListRef(ListKind.CATEGORY, made[-1].id)
        assert "Cat 39" in screen_text(app) and "Inbox" not in screen_text(app)
        await press(pilot, "pageup")
        assert pane.highlighted is not None
        assert pane.highlighted < pane.option_count - 1
        await press(pilot, "g")
        assert main.ref == ListRef(ListKind.INBOX)
        assert "Inbox" in screen_text(app) and "Cat 39" not in screen_text(app)

        # a click opens the list under it and goes to its tasks
        await pilot.click(pane, offset=(4, 0))  # the border: nothing
        assert main.ref == ListRef(ListKind.INBOX) and app.focused is pane
        await pilot.click(pane, offset=(4, 2))  # the border, then Inbox, Today
        await settle(pilot)
        assert main.ref == ListRef(ListKind.TODAY)
        assert app.focused is main.task_list


async def test_a_name_typed_at_once_after_a_goes_into_the_prompt(
    app: TodoApp, services: Services
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_pane(pilot)
        for key in ["a", *"xyz", "enter"]:  # read before the prompt has opened
            send_key(app, key)
        await pilot.pause(0.2)
        await settle(pilot)
        assert not isinstance(app.screen, PromptScreen)
        assert app.main_screen.ref.kind is ListKind.CATEGORY
        assert app.focused is app.main_screen.category_pane  # enter went to the prompt
    assert [c.name for c in await services.categories.list()] == ["xyz"]
