"""The layout at small sizes, and resizing back and forth."""

from __future__ import annotations

import pytest

from todo_tui.service import Services
from todo_tui.ui.app import TodoApp

from .conftest import add, detail_text, due_today, press, screen_text, settle, titles

pytestmark = pytest.mark.sqlite_only


def regions(app: TodoApp):
    main = app.main_screen
    return [main.query_one(selector).region for selector in ("#categories", "#tasks", "#detail")]


async def test_at_80x24_all_three_panes_show_with_the_detail_under_the_list(
    app: TodoApp, services: Services
):
    await add(services, "pay rent", **due_today())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        categories, tasks, detail = regions(app)
        screen = app.screen.region
        for region in (categories, tasks, detail):
            assert region.area > 0 and screen.contains_region(region)
        assert categories.right <= tasks.x  # side by side
        assert detail.y >= tasks.bottom  # under the list
        assert detail.x == tasks.x and detail.width == tasks.width
        assert tasks.height >= 8 and detail.height >= 6
        shown = screen_text(app)
        for words in ("Today", "pay rent", "Inbox", "Priority"):
            assert words in shown
        assert "too small" not in shown

        # usable: the keys still work at this size
        await press(pilot, "space")
        assert titles(app) == []
        assert (await services.tasks.all(include_done=True))[0].done


async def test_at_50x12_a_too_small_notice_shows(app: TodoApp, services: Services):
    await add(services, "pay rent", **due_today())
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "The terminal is too small." in shown
        assert "60x15" in shown
        assert "pay rent" not in shown


async def test_resizing_back_and_forth_never_crashes(app: TodoApp, services: Services):
    for i in range(30):
        await add(services, f"task {i}", **due_today())
    sizes = [(80, 24), (50, 12), (200, 60), (1, 1), (99, 30), (59, 14), (60, 15), (120, 35)]
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await press(pilot, "G")
        for size in sizes:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert app.is_running and app.size == size
            tiny = size[0] < 60 or size[1] < 15
            assert app.main_screen.has_class("-tiny") is tiny
            notice = "too small" in " ".join(screen_text(app).split())
            assert notice is (tiny and size[0] >= 20 and size[1] >= 3), size
        # back at full size, the cursor is still on the last task and the panes are drawn
        assert app.main_screen.task_list.cursor == 29
        assert "task 29" in detail_text(app)
        assert "task 29" in screen_text(app)
        await press(pilot, "i")  # hide the detail pane, then resize again
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.main_screen.query_one("#detail").region.area == 0
        assert "task 29" in screen_text(app)


async def test_the_focused_pane_has_the_focus_back_after_too_small(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.category_pane.focus()
        await settle(pilot)
        await pilot.resize_terminal(59, 15)  # too small: the panes go
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.focused is main.category_pane  # not the task list
        await press(pilot, "G")  # its keys work
        assert main.ref.category_id == home.id
