"""On a terminal without box drawing (TERM=linux, vt100...: the app's `-ascii` class), every
character on the screen is ASCII: borders, input and select boxes, scrollbars, the key bar,
the header and the popups."""

from __future__ import annotations

import pytest

from todo_tui.domain import Due, Priority
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp, make_app
from todo_tui.ui.widgets.list_header import ListHeader

from .conftest import TODAY, add, add_many, press, screen_text, settle, type_text

pytestmark = pytest.mark.sqlite_only


def not_ascii(text: str) -> list[str]:
    """Each line that has a character outside ASCII, with those characters."""
    return [f"{n:2}: {line!r} {sorted({c for c in line if not c.isascii()})}"
            for n, line in enumerate(text.splitlines()) if not line.isascii()]


def assert_ascii(text: str) -> None:
    bad = not_ascii(text)
    assert not bad, "\n".join(["not ASCII:", *bad])


def without_others(app: TodoApp) -> str:
    """The screen, less the header's line and the `…` in the task list's rows: their own
    text belongs to their widgets (list_header.py, task_list.py), which are being changed
    separately; `test_the_header_and_the_rows_are_ascii` below is for them."""
    rows = [list(line) for line in screen_text(app).splitlines()]
    header = app.main_screen.query_one(ListHeader).region
    for y in range(header.y, header.bottom):
        rows[y] = [" "] * len(rows[y])
    content = app.main_screen.task_list.scrollable_content_region
    for y in range(content.y, content.bottom):
        for x in range(content.x, content.right):
            if rows[y][x] == "…":
                rows[y][x] = "."
    return "\n".join("".join(row) for row in rows)


@pytest.fixture
def ascii_app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> TodoApp:
    monkeypatch.setenv("TERM", "linux")
    return make_app(db_url)


async def seed(services: Services) -> None:
    home = await services.categories.create("Home")
    await add(services, "Pay rent", due=Due.on(TODAY), priority=Priority.HIGH,
              category_id=home.id, tags=("bills",), notes="**before** noon")
    # more rows than fit, so the list has a scrollbar; long titles, cut to fit
    await add_many(services, [f"task {n} " + "with a long title " * 4 for n in range(60)],
                   due=TODAY)


@pytest.mark.parametrize("size", [(120, 35), (80, 24)])
async def test_the_main_screen_is_ascii(
    ascii_app: TodoApp, services: Services, size: tuple[int, int]
) -> None:
    await seed(services)
    async with ascii_app.run_test(size=size) as pilot:
        await settle(pilot)
        assert ascii_app.has_class("-ascii")
        assert_ascii(without_others(ascii_app))


@pytest.mark.parametrize("size", [(120, 35), (80, 24)])
async def test_the_edit_form_is_ascii(
    ascii_app: TodoApp, services: Services, size: tuple[int, int]
) -> None:
    await seed(services)
    async with ascii_app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await pilot.pause()
        assert_ascii(without_others(ascii_app))


async def test_an_open_select_and_a_confirmation_are_ascii(
    ascii_app: TodoApp, services: Services
) -> None:
    await seed(services)
    async with ascii_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        ascii_app.screen.query_one("#edit-priority").focus()
        await pilot.pause()
        await press(pilot, "enter")  # the priority's list opens
        await pilot.pause()
        assert "medium" in without_others(ascii_app)
        assert_ascii(without_others(ascii_app))
        await press(pilot, "escape", "escape")
        await pilot.pause()
        await press(pilot, "d")  # the delete confirmation, with its buttons
        await pilot.pause()
        assert "Delete" in without_others(ascii_app)
        assert_ascii(without_others(ascii_app))


async def test_quick_capture_is_ascii(ascii_app: TodoApp, services: Services) -> None:
    await seed(services)
    async with ascii_app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await pilot.pause()
        assert_ascii(without_others(ascii_app))


async def test_the_header_and_the_rows_are_ascii(
    ascii_app: TodoApp, services: Services
) -> None:
    await seed(services)
    async with ascii_app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert_ascii(screen_text(ascii_app))


async def test_the_ascii_scrollbars_are_only_for_the_ascii_app(
    ascii_app: TodoApp, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.scrollbar import ScrollBar, ScrollBarRender

    await seed(services)
    async with ascii_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert ScrollBar.renderer is not ScrollBarRender
    assert ScrollBar.renderer is ScrollBarRender  # put back as the app ends
    monkeypatch.setenv("TERM", "xterm-256color")
    app = make_app(ascii_app.db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert ScrollBar.renderer is ScrollBarRender
        assert any(char in screen_text(app) for char in "▁▂▃▄▅▆▇")  # block elements here


async def test_what_is_typed_in_the_search_box_shows_on_an_ascii_terminal(
    ascii_app: TodoApp, services: Services
) -> None:
    await seed(services)
    async with ascii_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "zebra")
        assert "/ zebra" in screen_text(ascii_app)
