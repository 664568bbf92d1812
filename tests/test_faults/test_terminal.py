"""Terminals: tiny sizes and storms of resizes never crash; TERM=dumb, vt100 or linux get
ASCII borders instead of box drawing."""

from __future__ import annotations

import asyncio
import random
from datetime import date
from pathlib import Path

import pytest

from todo_tui.db.engine import sqlite_url
from todo_tui.domain import Due, NewTask
from todo_tui.service import open_services
from todo_tui.ui.app import make_app
from todo_tui.ui.screens.edit import EditScreen

from .conftest import screen_text, settle

BOX_DRAWING = set("╭╮╰╯│─┌┐└┘━┃")


@pytest.fixture
async def url(tmp_path: Path) -> str:
    url = sqlite_url(tmp_path / "todo.db")
    services = await open_services(url)
    try:
        for i in range(30):
            await services.tasks.add(NewTask(title=f"task {i} 日本語 🎉",
                                              due=Due.on(date(2026, 11, 27))))
    finally:
        await services.close()
    return url


async def test_tiny_terminals_and_resize_storms_never_crash(url: str) -> None:
    app = make_app(url)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        for size in [(20, 5), (1, 1)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.main_screen.has_class("-tiny")
            if size == (20, 5):
                assert "too small" in " ".join(screen_text(app).split())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.main_screen.has_class("-tiny")
        assert app.focused is app.main_screen.task_list  # keys work again at once

        sizes = random.Random(11)
        for burst in range(8):  # a storm: many resize events queued before any is handled
            # each resize is queued before the first await of any of them
            await asyncio.gather(*(pilot.resize_terminal(sizes.randint(1, 220),
                                                         sizes.randint(1, 70))
                                   for _ in range(40)))
            await pilot.pause()
            assert app.is_running, burst
        # and with a dialog open
        await pilot.resize_terminal(120, 35)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        for size in [(20, 5), (1, 1), (3, 40), (200, 2), (120, 35)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.screen is app.main_screen
        assert "task 0" in screen_text(app)


@pytest.mark.parametrize("term, ascii_only", [
    ("dumb", True), ("vt100", True), ("linux", True), ("xterm-256color", False)])
async def test_terminals_without_box_drawing_get_ascii_borders(
    url: str, monkeypatch: pytest.MonkeyPatch, term: str, ascii_only: bool
) -> None:
    monkeypatch.setenv("TERM", term)
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "task 0" in shown
        assert app.has_class("-ascii") is ascii_only
        assert (not BOX_DRAWING & set(shown)) is ascii_only
        if ascii_only:
            assert "+- Lists " in shown and "+- Tasks " in shown
            await pilot.press("e")
            await settle(pilot)
            assert not BOX_DRAWING & set(screen_text(app))  # dialogs too
