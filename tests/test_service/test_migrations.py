"""The Alembic migrations: empty to head, old to head with rows kept, too new or foreign refused."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert

from todo_tui.db import models
from todo_tui.db.engine import create_engine
from todo_tui.db.fulltext import is_search_object
from todo_tui.db.migration_scripts import alembic_config
from todo_tui.db.schema import HEAD_REVISION, ensure_schema
from todo_tui.domain import Priority, Status
from todo_tui.errors import SchemaTooNewError, StorageError
from todo_tui.service import open_services

from ..helpers import raw, scalar
from .migrating import database_at, downgrade

TABLES = {"alembic_version", "categories", "tags", "tasks", "task_tags", "list_prefs",
          "saved_views", "search_rows", "search_fts", "search_fts_config", "search_fts_content",
          "search_fts_data", "search_fts_docsize", "search_fts_idx", "operations",
          "reminders", "reminder_firings", "reminder_marks"}
INDEXES_0002 = {
    "ix_tasks_status_due", "ix_tasks_category_status", "ix_tasks_position",
    "ix_tasks_completed_at", "ix_task_tags_tag_id",
}


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # the full-text search tables are made by migration 0003 alone (see db/fulltext.py)
    return not is_search_object(name)


def tables(path: Path) -> set[str]:
    with raw(path) as connection:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    return {name for (name,) in rows}


def indexes(path: Path) -> set[str]:
    with raw(path) as connection:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
    return {name for (name,) in rows}


def test_head_revision_is_the_newest_migration() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [HEAD_REVISION]


async def test_an_empty_file_is_migrated_to_head(db_url: str, db_path: Path) -> None:
    db_path.touch()
    services = await open_services(db_url)
    await services.close()
    assert tables(db_path) == TABLES
    assert INDEXES_0002 <= indexes(db_path)
    assert scalar(db_path, "SELECT group_concat(version_num) FROM alembic_version") == HEAD_REVISION


async def test_a_missing_file_is_created_and_migrated(db_url: str, db_path: Path) -> None:
    services = await open_services(db_url)
    await services.close()
    assert tables(db_path) == TABLES


async def test_opening_an_up_to_date_database_changes_nothing(db_url: str, db_path: Path) -> None:
    services = await open_services(db_url)
    await services.close()
    before = db_path.read_bytes()
    engine = create_engine(db_url)
    try:
        assert await ensure_schema(engine) == HEAD_REVISION
    finally:
        await engine.dispose()
    assert db_path.read_bytes() == before


async def test_a_database_at_the_first_revision_upgrades_with_nothing_lost(
    db_url: str, db_path: Path
) -> None:
    engine = create_engine(db_url)
    stamp = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    try:
        assert await ensure_schema(engine, target="0001") is None
        assert not INDEXES_0002 & indexes(db_path)
        async with engine.begin() as connection:
            await connection.execute(insert(models.Category.__table__), [
                {"id": "c" * 32, "name": "Home", "name_key": "home", "colour": "green",
                 "position": 1, "created_at": stamp, "updated_at": stamp},
            ])
            await connection.execute(insert(models.Task.__table__), [
                {"id": "a" * 32, "title": "old task", "notes": "kept", "status": "open",
                 "priority": 3, "due_date": date(2026, 12, 1), "due_at": None, "due_tz": None,
                 "recurrence": None, "recurrence_from_completion": False,
                 "category_id": "c" * 32, "position": 1, "created_at": stamp,
                 "updated_at": stamp, "completed_at": None, "version": 4},
                {"id": "b" * 32, "title": "done task", "notes": "", "status": "done",
                 "priority": 0, "due_date": None, "due_at": None, "due_tz": None,
                 "recurrence": None, "recurrence_from_completion": False,
                 "category_id": None, "position": 2, "created_at": stamp,
                 "updated_at": stamp, "completed_at": stamp, "version": 2},
            ])
            await connection.execute(insert(models.Tag.__table__), [
                {"id": 7, "name": "Bills", "name_key": "bills"},
            ])
            await connection.execute(insert(models.task_tags), [
                {"task_id": "a" * 32, "tag_id": 7},
            ])
    finally:
        await engine.dispose()
    assert scalar(db_path, "SELECT version_num FROM alembic_version") == "0001"

    services = await open_services(db_url)
    try:
        old = await services.tasks.get("a" * 32)
        done = await services.tasks.get("b" * 32)
        categories = await services.categories.list()
    finally:
        await services.close()

    assert scalar(db_path, "SELECT version_num FROM alembic_version") == HEAD_REVISION
    assert INDEXES_0002 <= indexes(db_path)
    assert (old.title, old.notes, old.priority, old.version) == (
        "old task", "kept", Priority.HIGH, 4)
    assert old.due is not None and old.due.day == date(2026, 12, 1)
    assert (old.category_name, old.tags, old.created_at) == ("Home", ("Bills",), stamp)
    assert (done.status, done.completed_at) == (Status.DONE, stamp)
    assert [(c.name, c.colour, c.open_count) for c in categories] == [("Home", "green", 1)]


async def test_a_database_from_a_newer_version_is_refused_untouched(
    db_url: str, db_path: Path
) -> None:
    services = await open_services(db_url)
    await services.close()
    with raw(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()

    with pytest.raises(SchemaTooNewError) as caught:
        await open_services(db_url)

    message = str(caught.value)
    assert "9999" in message and HEAD_REVISION in message
    assert isinstance(caught.value, StorageError)
    assert db_path.read_bytes() == before
    assert scalar(db_path, "SELECT version_num FROM alembic_version") == "9999"


async def test_a_foreign_sqlite_database_is_refused_untouched(
    db_url: str, db_path: Path
) -> None:
    with raw(db_path) as connection:
        connection.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
        connection.execute("INSERT INTO bookmarks (url) VALUES ('https://example.org')")
    before = db_path.read_bytes()

    with pytest.raises(StorageError, match="not made by todo-tui"):
        await open_services(db_url)

    assert tables(db_path) == {"bookmarks"}
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists()


async def test_a_file_that_is_not_a_database_is_refused_untouched(
    db_url: str, db_path: Path
) -> None:
    db_path.write_bytes(b"this is my shopping list, not a database\n" * 100)
    before = db_path.read_bytes()
    with pytest.raises(StorageError):
        await open_services(db_url)
    assert db_path.read_bytes() == before


# SQLite cannot reflect expression indexes (the list indexes of 0003), so neither side has them
@pytest.mark.filterwarnings("ignore:.*expression-based index")
async def test_models_and_migrations_agree(db_url: str) -> None:
    services = await open_services(db_url)
    try:
        async with services.db.engine.connect() as connection:
            differences = await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={
                        "compare_type": True, "include_name": include_name}),
                    models.Base.metadata,
                )
            )
    finally:
        await services.close()
    assert differences == []


def test_sqlite_is_recent_enough_for_the_schema() -> None:
    # DROP COLUMN and RETURNING, which batch migrations and the ORM may use, need 3.35
    assert sqlite3.sqlite_version_info >= (3, 35)


# (stored by 0001-0003, due day, from completion) -> stored at 0004
RULES_0003 = {
    "FREQ=MONTHLY;BYMONTHDAY=31": (date(2027, 1, 31), False, "FREQ=MONTHLY;BYMONTHDAY=-1"),
    "FREQ=MONTHLY;BYMONTHDAY=30": (
        date(2027, 1, 30), False, "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"),
    "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,29": (
        date(2027, 1, 1), False, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,28,29;BYSETPOS=1,-1"),
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29": (
        date(2028, 2, 29), False, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"),
    "FREQ=MONTHLY": (date(2027, 3, 31), False, "FREQ=MONTHLY;BYMONTHDAY=-1"),
    "FREQ=YEARLY": (date(2028, 2, 29), False, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"),
    "freq=monthly;interval=1": (date(2027, 3, 30), True, "FREQ=MONTHLY"),
    "RRULE:FREQ=WEEKLY;BYDAY=FR,MO": (date(2027, 3, 1), False, "FREQ=WEEKLY;BYDAY=MO,FR"),
    # already read alike by both: left as they are
    "FREQ=MONTHLY;BYMONTHDAY=15": (date(2027, 3, 15), False, "FREQ=MONTHLY;BYMONTHDAY=15"),
    "FREQ=WEEKLY;INTERVAL=2": (date(2027, 3, 31), False, "FREQ=WEEKLY;INTERVAL=2"),
    "FREQ=MONTHLY;BYDAY=-1FR": (date(2027, 3, 26), False, "FREQ=MONTHLY;BYDAY=-1FR"),
    "not a rule": (date(2027, 3, 26), False, "not a rule"),
}


async def test_rules_from_0003_are_rewritten_as_valid_rfc_5545(
    db_url: str, db_path: Path
) -> None:
    from dateutil.rrule import rrulestr

    engine = create_engine(db_url)
    stamp = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    ids = {rule: f"{index:032x}" for index, rule in enumerate(RULES_0003)}
    try:
        assert await ensure_schema(engine, target="0003") is None
        async with engine.begin() as connection:
            await connection.execute(insert(models.Task.__table__), [
                {"id": ids[rule], "title": rule, "notes": "", "status": "open", "priority": 0,
                 "due_date": day, "due_at": None, "due_tz": None, "recurrence": rule,
                 "recurrence_from_completion": from_completion, "category_id": None,
                 "position": index, "created_at": stamp, "updated_at": stamp,
                 "completed_at": None, "version": 1}
                for index, (rule, (day, from_completion, _)) in enumerate(RULES_0003.items())
            ])
    finally:
        await engine.dispose()

    services = await open_services(db_url)
    try:
        stored = {rule: (await services.tasks.get(ids[rule])).recurrence for rule in RULES_0003}
    finally:
        await services.close()
    assert stored == {rule: wanted for rule, (_, _, wanted) in RULES_0003.items()}
    # the rewritten rules step as 0003 promised, read by rrulestr from the due
    month_end = rrulestr(stored["FREQ=MONTHLY;BYMONTHDAY=30"], dtstart=datetime(2027, 1, 30))
    assert [d.date() for d in month_end[:3]] == [
        date(2027, 1, 30), date(2027, 2, 28), date(2027, 3, 30)]
    leap = rrulestr(stored["FREQ=YEARLY"], dtstart=datetime(2028, 2, 29))
    assert [d.date() for d in leap[:2]] == [date(2028, 2, 29), date(2029, 2, 28)]


async def test_0005_adds_the_log_and_the_trash_and_goes_down_again(db_url: str) -> None:
    from todo_tui.domain import ListKind, ListRef, NewTask
    from todo_tui.search.parse import parse_query

    await database_at(db_url, "0004", "kept from 0004")

    today = date(2026, 11, 27)
    services = await open_services(db_url)
    try:
        old = await services.tasks.get("a" * 32)
        assert (old.title, old.trashed_at) == ("kept from 0004", None)
        gone = await services.tasks.add(NewTask(title="kept in the trash"))
        await services.tasks.delete(gone.id)
        assert [op.summary for op in await services.history.recent()] == [
            "delete 'kept in the trash'", "add 'kept in the trash'"]
        assert (await services.tasks.counts(today)).trash == 1
    finally:
        await services.close()

    # 0004's own view of the database: no log, no trash, the trashed task gone for good
    down = await downgrade(db_url, "0004")
    assert "operations" not in down.tables and "trashed_at" not in down.task_columns
    assert down.tasks == 1

    services = await open_services(db_url)  # and up again: search still finds the old task
    try:
        page = await services.tasks.page(ListRef(ListKind.ALL), today=today,
                                         query=parse_query("kept"))
        assert [t.id for t in page.tasks] == ["a" * 32]
    finally:
        await services.close()


async def test_0010_adds_reminders_and_goes_down_again(db_url: str) -> None:
    from todo_tui.domain import NewTask, Reminder

    services = await open_services(db_url)
    try:
        task = await services.tasks.add(NewTask(title="call bank",
                                                reminders=(Reminder(minutes_before=10),)))
        assert await services.reminders.for_tasks([task.id]) == {
            task.id: (Reminder(minutes_before=10),)}
    finally:
        await services.close()
    down = await downgrade(db_url, "0005")
    assert not {"reminders", "reminder_firings", "reminder_marks"} & down.tables
    assert down.tasks == 1
    services = await open_services(db_url)  # and up again
    await services.close()
