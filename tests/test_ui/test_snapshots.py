"""Snapshot tests (pytest-textual-snapshot): fixed data, a frozen clock, no cursor blink.

Update with `pytest tests/test_ui/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from todo_tui.ui.app import make_app

from .conftest import no_blink, press, seed_fixed_sync, settle

pytestmark = pytest.mark.sqlite_only

Steps = Callable[[Pilot[Any]], Awaitable[None]]


def shot(snap_compare: Any, db_url: str, size: tuple[int, int], steps: Steps | None = None):
    """Seed the fixed data, run the app at `size`, do `steps`, and compare the screen."""
    seed_fixed_sync(db_url)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
        no_blink(pilot.app)
        await pilot.pause()

    return snap_compare(make_app(db_url), terminal_size=size, run_before=run_before)


class TestMainView:
    def test_today_120x35(self, snap_compare: Any, db_url: str) -> None:
        assert shot(snap_compare, db_url, (120, 35))

    def test_today_80x24(self, snap_compare: Any, db_url: str) -> None:
        assert shot(snap_compare, db_url, (80, 24))

    def test_all_120x35(self, snap_compare: Any, db_url: str) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            pilot.app.main_screen.action_open_list("all")
            await settle(pilot)
            await press(pilot, "j")

        assert shot(snap_compare, db_url, (120, 35), steps)


class TestEditForm:
    def test_edit_form(self, snap_compare: Any, db_url: str) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await press(pilot, "e")

        assert shot(snap_compare, db_url, (120, 35), steps)


class TestHelp:
    def test_help_screen(self, snap_compare: Any, db_url: str) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await press(pilot, "question_mark")

        assert shot(snap_compare, db_url, (120, 35), steps)


class TestDeleteConfirmation:
    def test_delete_confirmation(self, snap_compare: Any, db_url: str) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await press(pilot, "d")

        assert shot(snap_compare, db_url, (120, 35), steps)


class TestQuickCapture:
    def test_quick_capture_with_preview(self, snap_compare: Any, db_url: str) -> None:
        async def steps(pilot: Pilot[Any]) -> None:
            await press(pilot, "a")
            field = pilot.app.screen.query_one(Input)
            field.value = "pay rent tomorrow 9am #home !high every month // ref 42"
            await settle(pilot)

        assert shot(snap_compare, db_url, (120, 35), steps)
