"""Fixtures and helpers for the Pilot and snapshot tests of the TUI."""

from __future__ import annotations

import asyncio
import io
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy import insert
from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, key_to_character
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from todo_tui.db import models
from todo_tui.domain import Due, NewTask, Priority, Task
from todo_tui.service import Services, open_services
from todo_tui.ui.app import TodoApp, make_app

from .. import screen

# Friday 27 November 2026, 10:00 in UTC: every test and snapshot runs at this moment.
FROZEN_NOW = "2026-11-27T10:00:00+00:00"
TODAY = date(2026, 11, 27)
STAMP = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
SIZE = (120, 35)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A frozen "now" in UTC (TZ also drives the detail pane's local times), and drafts and
    logs kept in the test's directory, never in the user's."""
    monkeypatch.setenv("TODO_TUI_NOW", FROZEN_NOW)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("TODO_TUI_DRAFTS_DIR", str(tmp_path / "drafts"))
    monkeypatch.setenv("TODO_TUI_LOG", str(tmp_path / "todo-tui.log"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    # box drawing, whatever terminal the tests run in (TERM=linux would switch to ASCII)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TODO_TUI_ASCII", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def settle(pilot: Pilot[Any], rounds: int = 60) -> None:
    """Wait until the database is open, the lists are loaded and no worker runs."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = getattr(app, "main_screen", None)
        # a worker just started is PENDING, not running yet: wait for it too
        busy = any(not worker.is_finished for worker in app.workers)
        typing = app.keys.holding  # keys still waiting to go in, one by one
        if main is not None and main.ready and not busy and not typing and main.counts:
            return
    raise AssertionError("the app did not settle")


def key_event(key: str) -> events.Key:
    """The Key event a terminal's driver makes for `key` (a key name, or one character)."""
    if len(key) == 1 and not key.isalnum():
        name = unicodedata.name(key, key).lower().replace("-", "_").replace(" ", "_")
        return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), key)
    return events.Key(key, key_to_character(REPLACED_KEYS.get(key, key)))


def send_key(app: TodoApp, key: str) -> None:
    """Send one key as the terminal's driver does: to the app, not waiting for it."""
    app.post_message(key_event(key))


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one at a time, each followed by `settle` (quicker than `Pilot.press`,
    which waits for the CPU to go idle three times per key)."""
    for key in keys:
        send_key(pilot.app, key)
        await settle(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` into the focused widget, key by key, then settle once."""
    for char in text:
        send_key(pilot.app, char)
    await settle(pilot)


async def until_stored(pilot: Pilot[Any], check: Callable[[], Awaitable[bool]],
                       timeout: float = 30.0) -> None:
    """Wait until `check` (a look at the database) holds: on a loaded machine the worker a key
    started may still be writing when `press` returns."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"the database never got there in {timeout} s")
        await pilot.pause(0.05)


def no_blink(app: TodoApp) -> None:
    """Stop cursor blinking on the current screen (snapshots must not depend on timing)."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


@pytest.fixture
async def app(db_url: str, services: Services) -> AsyncIterator[TodoApp]:
    """The app over the test's database (seeded by the test before `run_test`)."""
    yield make_app(db_url)


async def add(services: Services, title: str, **fields: Any) -> Task:
    """Add a task through the service."""
    return await services.tasks.add(NewTask(title=title, **fields))


async def add_many(services: Services, titles: list[str], due: date | None = None) -> list[str]:
    """Insert many plain tasks in one transaction (in this order); returns their ids."""
    ids = [models.new_id() for _ in titles]
    async with services.db.write() as session:
        await session.execute(insert(models.Task.__table__), [
            {"id": task_id, "title": title, "due_date": due, "position": position}
            for position, (task_id, title) in enumerate(zip(ids, titles, strict=True), start=1)
        ])
    return ids


def due_today(**fields: Any) -> dict[str, Any]:
    return {"due": Due.on(TODAY), **fields}


async def fresh(services: Services, task_id: str) -> Task:
    """A task as it is in the database now."""
    return await services.tasks.get(task_id)


# --- fixed data for snapshots ----------------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    due: date | None = None
    priority: Priority = Priority.NONE
    category: str | None = None
    tags: tuple[int, ...] = ()
    notes: str = ""
    done: bool = False


CATEGORIES = [("c" * 31 + "1", "Home"), ("c" * 31 + "2", "Work"), ("c" * 31 + "3", "Errands")]
TAGS = [(1, "bills"), (2, "urgent"), (3, "phone")]
ROWS = [
    Row("a" * 31 + "1", "Pay rent", date(2026, 11, 27), Priority.HIGH, CATEGORIES[0][0], (1,),
        "Transfer to **landlord** before noon.\n\n- ref 42\n- check the balance"),
    Row("a" * 31 + "2", "Call the dentist", date(2026, 11, 25), Priority.MEDIUM, None, (3,)),
    Row("a" * 31 + "3", "Write the quarterly report", date(2026, 11, 28), Priority.LOW,
        CATEGORIES[1][0], (2,)),
    Row("a" * 31 + "4", "Buy milk and bread", date(2026, 11, 27), Priority.NONE,
        CATEGORIES[2][0]),
    Row("a" * 31 + "5", "Plan the holiday", date(2026, 12, 12), Priority.NONE, None),
    Row("a" * 31 + "6", "Read a book", None, Priority.NONE, None),
    Row("a" * 31 + "7", "Renew the passport", date(2026, 11, 20), Priority.NONE,
        CATEGORIES[2][0], done=True),
]


async def seed_fixed(db_url: str, rows: list[Row] = ROWS) -> None:
    """Migrate the database and insert fixed categories, tags and tasks (ids, times) by Core."""
    services = await open_services(db_url)
    try:
        async with services.db.write() as session:
            await session.execute(insert(models.Category.__table__), [
                {"id": cid, "name": name, "name_key": name.casefold(), "position": i,
                 "created_at": STAMP, "updated_at": STAMP}
                for i, (cid, name) in enumerate(CATEGORIES, start=1)
            ])
            await session.execute(insert(models.Tag.__table__), [
                {"id": tid, "name": name, "name_key": name} for tid, name in TAGS
            ])
            await session.execute(insert(models.Task.__table__), [
                {"id": row.id, "title": row.title, "notes": row.notes,
                 "status": "done" if row.done else "open", "priority": int(row.priority),
                 "due_date": row.due, "category_id": row.category, "position": i,
                 "recurrence_from_completion": False, "created_at": STAMP,
                 "updated_at": STAMP, "completed_at": STAMP if row.done else None,
                 "version": 1}
                for i, row in enumerate(rows, start=1)
            ])
            await session.execute(insert(models.task_tags), [
                {"task_id": row.id, "tag_id": tag} for row in rows for tag in row.tags
            ])
    finally:
        await services.close()


def seed_fixed_sync(db_url: str) -> None:
    """`seed_fixed` for the (synchronous) snapshot tests."""
    asyncio.run(seed_fixed(db_url))


# --- what is on screen -------------------------------------------------------------------


def plain(renderable: Any, width: int = 200) -> str:
    """A Rich renderable (a widget's content) as plain text."""
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


screen_text = screen.screen_text
widget_strips = screen.widget_strips


def detail_text(app: TodoApp) -> str:
    """What the detail pane shows: its fields and notes."""
    detail = app.main_screen.query_one("#detail")
    fields = detail.query_one("#detail-fields", Static).content
    notes = detail.query_one("#detail-notes", Static).content
    return plain(fields) + plain(notes)


def header_text(app: TodoApp) -> str:
    return plain(app.main_screen.query_one("#header", Static).content)


def titles(app: TodoApp) -> list[str]:
    """The titles of the rows of the open list, in order."""
    tasks = app.main_screen.task_list
    return [task.title for i in range(tasks.total) if (task := tasks.task_at(i)) is not None]


def notifications(app: TodoApp) -> list[str]:
    """What the app has told the user so far (its own record of its notices)."""
    return list(app.notices)
