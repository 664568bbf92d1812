"""The TUI's first look (db/peek.py) reads what the service reads, with sqlite3 alone."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from todo_tui.db import first_look_sql as sql
from todo_tui.db.engine import sqlite_url
from todo_tui.db.peek import first_look, sqlite_path
from todo_tui.db.rows import COUNTS_ROW
from todo_tui.domain import Due, ListKind, ListRef, NewTask, Priority, Sort
from todo_tui.service import Services, open_services
from todo_tui.service import first_look as generator
from todo_tui.service.demo import fill_demo

from ..helpers import raw

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
TODAY_LIST = ListRef(ListKind.TODAY)


@pytest.fixture
async def seeded(db_path: Path) -> Services:
    """Demo tasks plus the cases a row can be: timed dues, repeats, ties, tags, notes."""
    services = await open_services(sqlite_url(db_path))
    await fill_demo(services.db, 1500, seed=3, now=NOW)
    home = await services.categories.create("Peek cases")
    berlin = Due.at_local(datetime(2026, 11, 27, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")),
                          "Europe/Berlin")
    for title, due, priority in [
        ("zeta same day", Due.on(TODAY), Priority.HIGH), ("Alpha same day", Due.on(TODAY),
                                                          Priority.HIGH),
        ("timed in Berlin", berlin, Priority.NONE), ("overdue by a year",
                                                     Due.on(TODAY - timedelta(days=365)),
                                                     Priority.LOW),
    ]:
        await services.tasks.add(NewTask(
            title=title, due=due, priority=priority, category_id=home.id, tags=("b", "A"),
            notes="**notes** ✓", recurrence="FREQ=WEEKLY", recurrence_from_completion=True))
    for title, start in [("waits till tomorrow", TODAY + timedelta(days=1)),
                         ("started today", TODAY), ("started last week", TODAY - timedelta(7))]:
        await services.tasks.add(NewTask(title=title, due=Due.on(TODAY), start=start,
                                         category_id=home.id))
    yield services
    await services.close()


def service_counts(counts: object) -> object:
    return dataclasses.replace(counts, views=())  # type: ignore[type-var]


def as_run(text: str) -> str:
    """Stored first-look SQL as the service's engine sends it: `?` for each parameter."""
    pattern = re.escape(re.sub(r":\w+", "?", text))
    return pattern.replace(re.escape(sql.IDS_MARK), r"\?(?:, \?)*")


@pytest.mark.parametrize("sort", list(Sort))
async def test_the_first_look_is_what_the_service_shows(
    seeded: Services, db_path: Path, sort: Sort
) -> None:
    await seeded.lists.set_sort(TODAY_LIST, sort)
    sent: list[str] = []
    event.listen(seeded.db.engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_rest: sent.append(statement))
    expected = await seeded.tasks.page(TODAY_LIST, today=TODAY, sort=sort, limit=100, now=NOW)
    counts = await seeded.tasks.counts(TODAY, now=NOW)
    assert expected.total > 100  # more than one page: the order, not only the set, is checked
    # the service ran the very statements the first look runs
    for text in (sql.COUNTS, sql.CATEGORIES, sql.TODAY_IDS[sort.value], sql.TASK_ROWS,
                 sql.TASK_TAGS):
        assert any(re.fullmatch(as_run(text), statement) for statement in sent), text

    look = first_look(sqlite_url(db_path), TODAY, 100)

    assert look is not None
    assert look.sort is sort
    assert look.page == expected
    assert look.counts == service_counts(counts)
    timed = [task for task in look.page.tasks if task.due and task.due.at]
    assert timed and all(task.due.at.tzinfo is UTC for task in timed)  # type: ignore[union-attr]


async def test_a_sort_it_does_not_know_reads_as_smart(seeded: Services, db_path: Path) -> None:
    with raw(db_path) as db:
        db.execute("INSERT INTO list_prefs (list_key, sort, updated_at) "
                   "VALUES ('today', 'by-mood', '2026-11-27 10:00:00.000000')")
    look = first_look(sqlite_url(db_path), TODAY, 50)
    expected = await seeded.tasks.page(TODAY_LIST, today=TODAY, limit=50, now=NOW)
    assert look is not None and look.sort is Sort.SMART and look.page == expected


def test_the_first_look_sql_is_the_services_statements_compiled() -> None:
    stored = Path(sql.__file__).read_text(encoding="utf-8")
    assert generator.render() == stored, (
        "todo_tui/db/first_look_sql.py is not what the service's statements compile to: "
        f"regenerate it with `{generator.COMMAND}`")


def query_plan(db_path: Path, text: str, fixed: dict[str, str | int]) -> list[str]:
    values = {"today": TODAY.isoformat(), "week_end": (TODAY + timedelta(days=7)).isoformat(),
              "limit": 100}
    with raw(db_path) as db:
        return [row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + text,
                                              {**fixed, **values})]


def test_the_opening_page_is_an_index_walk(seeded: Services, db_path: Path) -> None:
    plan = " ".join(query_plan(db_path, sql.TODAY_IDS[Sort.SMART.value], sql.TODAY_IDS_FIXED))
    assert "COVERING INDEX ix_tasks_status_due" in plan and "TEMP B-TREE" not in plan, plan


def test_the_counts_are_index_ranges(seeded: Services, db_path: Path) -> None:
    plan = query_plan(db_path, sql.COUNTS, sql.COUNTS_FIXED)
    counts = [step for step in plan if "tasks" in step]
    assert len(counts) == len(COUNTS_ROW), plan
    assert all(step.startswith("SEARCH tasks USING COVERING INDEX") for step in counts), plan


def test_the_category_counts_are_index_ranges(seeded: Services, db_path: Path) -> None:
    plan = " ".join(query_plan(db_path, sql.CATEGORIES, sql.CATEGORIES_FIXED))
    assert "COVERING INDEX ix_tasks_category_manual (category_id=? AND status=?)" in plan, plan
    assert "SCAN tasks" not in plan and "AUTOMATIC" not in plan, plan


async def test_nothing_to_look_at_gives_none(db_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert first_look(sqlite_url(missing), TODAY, 50) is None
    assert not missing.exists()  # looking never creates a file

    services = await open_services(sqlite_url(db_path))  # migrated, but empty: a first run
    await services.close()
    assert first_look(sqlite_url(db_path), TODAY, 50) is None

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database\n" * 100)
    assert first_look(sqlite_url(garbage), TODAY, 50) is None
    assert garbage.read_bytes() == b"this is not a database\n" * 100


async def test_an_older_schema_is_left_to_the_service(seeded: Services, db_path: Path) -> None:
    with raw(db_path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0002'")
    assert first_look(sqlite_url(db_path), TODAY, 50) is None


def test_only_plain_sqlite_urls_are_looked_at(tmp_path: Path) -> None:
    path = tmp_path / "a b%.db"
    assert sqlite_path(sqlite_url(path)) == path
    assert sqlite_path("postgresql+asyncpg://u@h/db") is None
    assert sqlite_path(sqlite_url(path) + "?mode=ro") is None
    assert sqlite_path("sqlite+aiosqlite:///:memory:") is None


async def test_a_look_changes_nothing(seeded: Services, db_path: Path) -> None:
    await seeded.close()
    before = db_path.read_bytes()
    assert first_look(sqlite_url(db_path), TODAY, 50) is not None
    assert db_path.read_bytes() == before


def test_looking_does_not_import_sqlalchemy(seeded: Services, db_path: Path) -> None:
    script = (
        "import sys, datetime\n"
        "from todo_tui.db.peek import first_look\n"
        f"look = first_look({sqlite_url(db_path)!r}, datetime.date(2026, 11, 27), 20)\n"
        "assert look is not None and look.page.tasks, look\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'aiosqlite')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, env={"TZ": "UTC", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "[]"

