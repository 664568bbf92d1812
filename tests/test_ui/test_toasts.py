"""Notices (Textual's toasts) are drawn inside the task list's pane, never over a pane's
border, and never over a dialog."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from todo_tui.domain import Due
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp

from .conftest import SIZE, TODAY, add, press, screen_text, settle

pytestmark = pytest.mark.sqlite_only

SIZES = [SIZE, (80, 24), (60, 15), (99, 30), (100, 30), (200, 50)]
LONG = "The database could not be written: disk full. " * 3


def toasts(app: TodoApp) -> list[Region]:
    # the part drawn: a toast that does not fit is cut off by the rack that scrolls it
    found = [app.screen.find_widget(toast).visible_region for toast in app.screen.query("Toast")]
    assert found, "no toast on the screen"
    return found


def borders(region: Region) -> list[Region]:
    """The four one-cell lines of a pane's border."""
    x, y, width, height = region
    return [Region(x, y, width, 1), Region(x, y + height - 1, width, 1),
            Region(x, y, 1, height), Region(x + width - 1, y, 1, height)]


async def notify_twice(app: TodoApp, pilot) -> None:  # type: ignore[no-untyped-def]
    app.notify("Saved", title="Done", markup=False)
    app.notify(LONG, title="Could not save", severity="error", markup=False)
    for _ in range(20):  # the rack mounts them on a later turn of the loop
        await pilot.pause(0.02)
        if len(app.screen.query("Toast")) == 2:
            return


@pytest.mark.parametrize("size", SIZES)
async def test_notices_sit_inside_the_task_pane(
    app: TodoApp, services: Services, size: tuple[int, int]
) -> None:
    await add(services, "pay rent", due=Due.on(TODAY))
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await notify_twice(app, pilot)
        main = app.main_screen
        tasks = main.query_one("#tasks").region
        inside = tasks.shrink((1, 1, 1, 1))
        panes = [main.query_one(f"#{name}").region for name in ("categories", "tasks", "detail")]
        for toast in toasts(app):
            assert inside.contains_region(toast), (toast, inside)
            for pane in panes:
                for line in borders(pane):
                    assert not toast.overlaps(line), (toast, pane)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("opens", ["e", "a", "question_mark"])
async def test_notices_are_never_drawn_over_a_dialog(
    app: TodoApp, services: Services, size: tuple[int, int], opens: str
) -> None:
    await add(services, "pay rent", due=Due.on(TODAY))
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, opens)
        await pilot.pause()
        assert app.screen is not app.main_screen
        await notify_twice(app, pilot)
        [dialog] = app.screen.query(".dialog")
        for toast in toasts(app):
            assert not toast.overlaps(dialog.region), (toast, dialog.region)
        if opens == "a" and size >= (80, 24):  # the popup makes room, and still shows it all
            assert "esc close" in screen_text(app)
