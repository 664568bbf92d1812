"""Fixtures for the search tests: a small world of tasks, and a large demo database."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from todo_tui.db.engine import sqlite_url
from todo_tui.domain import Due, ListKind, ListRef, NewTask, Priority, Sort, Task
from todo_tui.search.parse import parse_query
from todo_tui.search.terms import SearchQuery
from todo_tui.service import Services, open_services

TODAY = date(2026, 11, 27)  # a Friday
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
LARGE = 20_000
ALL = ListRef(ListKind.ALL)


def day(offset: int) -> Due:
    return Due.on(TODAY + timedelta(days=offset))


@dataclass
class World:
    """The small world: tasks by title, and the services over them."""

    services: Services
    tasks: dict[str, Task]

    async def titles(self, text: str, ref: ListRef = ALL, sort: Sort = Sort.SMART) -> set[str]:
        page = await self.services.tasks.page(ref, today=TODAY, now=NOW, sort=sort,
                                              query=parse_query(text))
        assert page.total == len(page.tasks)
        return {task.title for task in page.tasks}

    async def ordered(self, text: str, ref: ListRef = ALL, sort: Sort = Sort.SMART) -> list[str]:
        page = await self.services.tasks.page(ref, today=TODAY, now=NOW, sort=sort,
                                              query=parse_query(text))
        return [task.title for task in page.tasks]


@pytest.fixture
async def world(services: Services) -> World:
    """A task for each case the filters tell apart."""
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    side = await services.categories.create("Side project")
    made: dict[str, Task] = {}

    async def add(title: str, **fields: Any) -> None:
        made[title] = await services.tasks.add(NewTask(title=title, **fields))

    await add("Call the dentist", due=day(0), priority=Priority.HIGH, category_id=home.id,
              tags=("urgent",), notes="ask about **crowns**")
    await add("Pay rent", due=day(-1), priority=Priority.MEDIUM, category_id=home.id,
              tags=("bills",))
    await add("Write report", due=day(3), category_id=work.id, tags=("work",))
    await add("Buy oat milk", tags=("errand",), notes="from the market")
    await add("Plan holiday", due=day(20), category_id=side.id)
    await add("Renew passport", due=day(-5))
    await add("Read a book", priority=Priority.LOW)
    eight = datetime(2026, 11, 27, 8, 0, tzinfo=ZoneInfo("UTC"))
    await add("Stand-up at eight", due=Due.at_local(eight, "UTC"), category_id=work.id)
    await add("Fix 50% discount_code")
    await add("Water plants", due=day(1), recurrence="FREQ=WEEKLY")
    await services.tasks.set_done(made["Renew passport"].id, True, now=NOW)
    return World(services, made)


OPEN = {"Call the dentist", "Pay rent", "Write report", "Buy oat milk", "Plan holiday",
        "Read a book", "Stand-up at eight", "Fix 50% discount_code", "Water plants"}


# --- the large demo database -------------------------------------------------------------


@pytest.fixture(scope="session")
def large_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database of LARGE tasks, seeded once for the session (tests use copies)."""
    from todo_tui.service.demo import fill_demo

    path = tmp_path_factory.mktemp("large") / "large.db"

    async def seed() -> None:
        services = await open_services(sqlite_url(path))
        try:
            await fill_demo(services.db, LARGE, seed=7, now=NOW)
        finally:
            await services.close()

    asyncio.run(seed())
    return path


@pytest.fixture
def large_copy(large_db: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the large database (a test may write to it)."""
    copy = tmp_path / "large.db"
    shutil.copyfile(large_db, copy)
    yield copy


@pytest.fixture
async def large(large_db: Path) -> Any:
    """The services over the shared large database (for tests that only read)."""
    services = await open_services(sqlite_url(large_db))
    try:
        yield services
    finally:
        await services.close()


# --- query plans -------------------------------------------------------------------------


@dataclass
class Ran:
    """One statement a service call ran, and SQLite's plan for it."""

    sql: str
    plan: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.plan)


async def plans(services: Services, call: Callable[[], Awaitable[Any]]) -> list[Ran]:
    """Run `call()` and return the plan of every SELECT it ran (EXPLAIN QUERY PLAN)."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    engine = services.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        await call()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    ran = []
    async with services.db.engine.connect() as connection:
        for statement, parameters in seen:
            result = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                      tuple(parameters))
            ran.append(Ran(statement, [row[3] for row in result]))
    return ran


def query(text: str) -> SearchQuery:
    return parse_query(text)
