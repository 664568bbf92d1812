"""User text is data: markup and control characters show literally, in every view."""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.strip import Strip
from textual.widgets import Input

from todo_tui.domain import Due
from todo_tui.service import Services
from todo_tui.textsafe import visible as as_symbols
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.capture import CaptureScreen
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.edit import EditScreen
from todo_tui.ui.screens.picker import PickerScreen

from .conftest import (
    TODAY,
    add,
    detail_text,
    header_text,
    notifications,
    press,
    screen_text,
    settle,
    titles,
    widget_strips,
)

pytestmark = pytest.mark.sqlite_only

# (as typed, as it must show)
HOSTILE = [
    ("[bold]x", "[bold]x"),
    ("[/]", "[/]"),
    ("[@click=app.quit]z[/]", "[@click=app.quit]z[/]"),
    ('[link="http://e"]y', '[link="http://e"]y'),
    ("\x1b[31mred\x1b[0m", "\u241b[31mred\u241b[0m"),
    ("a\u202eb", "a<U+202E>b"),
    ("\x07bell", "\u2407bell"),
]
RAW = ("\x1b", "\x07", "\u202e", "\x9b")
BIG = (200, 50)


def assert_safe(app: TodoApp) -> None:
    """The app runs, and nothing raw or live from user text reaches the terminal."""
    assert app.is_running and app.return_code is None
    shown = screen_text(app)
    for raw in RAW:
        assert raw not in shown, (raw, shown)
    for strip in widget_strips(app):
        for segment in strip:
            for raw in RAW:
                assert raw not in segment.text, (raw, segment.text)
            meta = segment.style.meta if segment.style else {}
            assert "app.quit" not in str(meta.get("@click", "")), segment


async def seed(services: Services) -> list[str]:
    """A category, a task with tags and notes for each hostile string; returns task ids."""
    ids = []
    notes = "\n\n".join(typed for typed, _ in HOSTILE)
    for i, (typed, _) in enumerate(HOSTILE):
        category = await services.categories.create(f"{typed} c{i}")
        task = await add(
            services, f"{typed} t{i}", notes=notes, category_id=category.id, tags=(f"{typed}g{i}",)
        )
        ids.append(task.id)
    return ids


async def open_all(pilot) -> None:
    pilot.app.main_screen.action_open_list("all")
    await settle(pilot)


async def test_list_detail_header_and_pane_show_hostile_text_literally(
    app: TodoApp, services: Services
):
    ids = await seed(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await open_all(pilot)
        assert len(titles(app)) == len(HOSTILE)
        shown = screen_text(app)
        for i, (_, visible) in enumerate(HOSTILE):
            assert f"{visible} t{i}" in shown  # the row
            assert f"{visible} c{i}"[:15] in shown  # the categories pane (names are cut)
        assert_safe(app)

        tasks = app.main_screen.task_list
        for _ in HOSTILE:
            i = ids.index(tasks.current_task.id)
            detail = detail_text(app)
            assert f"{HOSTILE[i][1]} t{i}" in detail
            assert f"{HOSTILE[i][1]} c{i}" in detail
            assert f"{HOSTILE[i][1]}g{i}" in detail
            for _, visible in HOSTILE:  # the notes, as Markdown
                assert visible in detail
            assert_safe(app)
            await press(pilot, "j")

        # the header of each hostile category, via the categories pane
        await press(pilot, "shift+tab", "G")
        for i in reversed(range(len(HOSTILE))):
            assert f"{HOSTILE[i][1]} c{i}" in header_text(app)
            assert f"{HOSTILE[i][1]} c{i}" in screen_text(app).splitlines()[0]
            assert_safe(app)
            await press(pilot, "k")


ALL_TYPED = " ".join(typed for typed, _ in HOSTILE)


def assert_all_visible(text: str) -> None:
    for _, visible in HOSTILE:
        assert visible in text, visible


async def test_dialogs_and_notifications_show_hostile_text_literally(
    app: TodoApp, services: Services
):
    categories = [
        await services.categories.create(f"{typed} c{i}") for i, (typed, _) in enumerate(HOSTILE)
    ]
    task = await add(
        services,
        ALL_TYPED,
        notes=ALL_TYPED,
        category_id=categories[4].id,
        tags=tuple(typed for typed, _ in HOSTILE),
        due=Due.on(TODAY),
    )
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await settle(pilot)
        assert_all_visible(screen_text(app))  # the row, the detail
        assert_safe(app)

        await press(pilot, "e")  # the edit form
        assert isinstance(app.screen, EditScreen)
        assert f"{HOSTILE[4][1]} c4" in screen_text(app)  # the category Select
        assert app.is_running
        await press(pilot, "escape")

        await press(pilot, "m")  # the category picker
        assert isinstance(app.screen, PickerScreen)
        for i, (_, visible) in enumerate(HOSTILE):
            assert f"{visible} c{i}" in screen_text(app)
        assert_safe(app)
        await press(pilot, "escape")

        await press(pilot, "d")  # the confirmation
        assert isinstance(app.screen, ConfirmScreen)
        assert_all_visible(screen_text(app))
        assert_safe(app)
        await press(pilot, "n")

        await press(pilot, "p", "space")  # writes, and a notification with the title in it
        assert any(n.startswith("Done: [bold]x [/]") for n in notifications(app))
        await pilot.pause()
        shown = screen_text(app)
        assert "Done: [bold]x [/]" in shown
        assert "[@click=app.quit]z[/]" in shown
        assert_safe(app)
        saved = await services.tasks.get(task.id)
        assert saved.done and saved.title == " ".join(ALL_TYPED.split())
        assert saved.tags == tuple(sorted((t for t, _ in HOSTILE), key=str.casefold))


async def test_the_edit_form_inputs_show_no_raw_control_characters(
    app: TodoApp, services: Services
):
    task = await add(
        services, ALL_TYPED, notes=ALL_TYPED, tags=tuple(t for t, _ in HOSTILE), due=Due.on(TODAY)
    )
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        screen = app.screen
        assert isinstance(screen, EditScreen)
        # the form shows the placeholders, never the raw characters
        assert screen.query_one("#edit-title", Input).value == as_symbols(
            " ".join(ALL_TYPED.split())
        )
        assert_safe(app)
        # saving without touching a field leaves the stored text exactly as it was
        screen.query_one("#edit-due", Input).value = "2026-12-01"
        await press(pilot, "ctrl+s")
        saved = await services.tasks.get(task.id)
        assert saved.title == " ".join(ALL_TYPED.split())
        assert saved.notes == ALL_TYPED.rstrip()
        assert saved.due == Due.on(date(2026, 12, 1))


def preview_strips(app: TodoApp) -> list[Strip]:
    preview = app.screen.query_one("#capture-preview")
    return [preview.render_line(y) for y in range(preview.region.height)]


async def test_the_capture_preview_shows_hostile_text_literally(app: TodoApp, services: Services):
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        app.main_screen.action_open_list("inbox")
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, CaptureScreen)
        app.screen.query_one(Input).value = f"{ALL_TYPED} // {ALL_TYPED}"
        await settle(pilot)
        shown = "\n".join("".join(s.text for s in strip) for strip in preview_strips(app))
        assert "Title [bold]x [/]" in shown
        assert "Notes [bold]x [/]" in shown
        for _, visible in HOSTILE:
            assert shown.count(visible) >= 2, visible
        for strip in preview_strips(app):
            assert not any(raw in segment.text for segment in strip for raw in RAW)
        await press(pilot, "enter")
        assert_safe(app)
        [task] = await services.tasks.all()
        # typed (pasted) into the app, control characters become their visible symbols
        assert task.title == as_symbols(" ".join(ALL_TYPED.split()))
        assert task.notes == as_symbols(ALL_TYPED)
        assert titles(app) == [task.title]
        assert_all_visible(screen_text(app))
        assert_safe(app)


async def test_the_capture_input_shows_no_raw_control_characters(app: TodoApp, services: Services):
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        app.screen.query_one(Input).post_message(events.Paste("\x1b[31mred\x1b[0m a\u202eb"))
        await settle(pilot)
        assert app.screen.query_one(Input).value == "␛[31mred␛[0m a<U+202E>b"
        assert_safe(app)
