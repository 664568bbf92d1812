"""The full-text index stays exact: every way a task's text, tags or category change (SQLite)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from todo_tui.db.engine import create_engine
from todo_tui.db.schema import ensure_schema
from todo_tui.domain import ListKind, ListRef, NewTask, TaskChanges
from todo_tui.search.parse import parse_query
from todo_tui.service import Services, open_services

from ..helpers import raw
from .conftest import NOW, TODAY

pytestmark = pytest.mark.sqlite_only

TRUTH = """
    SELECT t.id, t.title, t.notes,
           coalesce((SELECT group_concat(name, ' ') FROM (
               SELECT g.name FROM task_tags tt JOIN tags g ON g.id = tt.tag_id
               WHERE tt.task_id = t.id ORDER BY g.name)), ''),
           coalesce(c.name, ''), t.status, t.category_id, t.due_date, t.start_date
    FROM tasks t LEFT JOIN categories c ON c.id = t.category_id
"""
INDEXED = """
    SELECT r.task_id, f.title, f.notes, f.tags, f.category, r.status, r.category_id, r.due_date,
           r.start_date
    FROM search_rows r JOIN search_fts f ON f.rowid = r.id
"""


def sorted_tags(row: tuple[object, ...]) -> tuple[object, ...]:
    tags = " ".join(sorted(str(row[3]).split()))
    return (*row[:3], tags, *row[4:])


async def assert_exact(services: Services) -> None:
    """What the index holds for each task is what the tables say, row for row."""
    async with services.db.engine.connect() as connection:
        truth = {r[0]: sorted_tags(tuple(r)) for r in await connection.exec_driver_sql(TRUTH)}
        indexed = {r[0]: sorted_tags(tuple(r)) for r in await connection.exec_driver_sql(INDEXED)}
        orphans = (await connection.exec_driver_sql(
            "SELECT count(*) FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_rows)"
        )).scalar()
        check = await connection.exec_driver_sql(
            "INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        check.close()
    assert indexed == truth
    assert orphans == 0


async def found(services: Services, words: str) -> set[str]:
    page = await services.tasks.page(ListRef(ListKind.ALL), today=TODAY, now=NOW,
                                     query=parse_query(words + " is:open or is:done"))
    return {task.title for task in page.tasks}


async def test_adding_editing_and_deleting_tasks(services: Services) -> None:
    tasks = services.tasks
    first = await tasks.add(NewTask(title="Fix the bicycle", notes="new chain", tags=("Bike",),
                                    category="Garage"))
    second = await tasks.add(NewTask(title="Plain task"))
    await assert_exact(services)
    assert await found(services, "bicycle") == {"Fix the bicycle"}
    assert await found(services, "chain") == {"Fix the bicycle"}
    assert await found(services, "garage") == {"Fix the bicycle"}
    assert await found(services, "bike") == {"Fix the bicycle"}

    await tasks.update(first.id, TaskChanges(title="Fix the tandem", notes="new tyres",
                                             tags=("Tandem", "weekend")))
    await assert_exact(services)
    assert await found(services, "bicycle") == set()
    assert await found(services, "tyres") == {"Fix the tandem"}
    assert await found(services, "bike") == set()
    assert await found(services, "weekend") == {"Fix the tandem"}

    await tasks.update(first.id, TaskChanges(tags=()))
    await tasks.move_to(second.id, first.category_id)
    await tasks.set_done(second.id, True, now=NOW)
    await tasks.update(second.id, TaskChanges(due=None))
    await assert_exact(services)
    assert await found(services, "weekend") == set()
    assert await found(services, "garage") == {"Fix the tandem", "Plain task"}

    await tasks.delete(first.id)
    await assert_exact(services)
    assert await found(services, "tandem") == set()


async def test_category_renames_and_deletes_reach_the_index(services: Services) -> None:
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    kept = await services.tasks.add(NewTask(title="Fix the sink", category_id=home.id))
    await services.tasks.add(NewTask(title="Write the report", category_id=work.id))
    await services.categories.rename(home.id, "Flat")
    await assert_exact(services)
    assert await found(services, "flat") == {"Fix the sink"}
    assert await found(services, "home") == set()
    await services.categories.delete(home.id, delete_tasks=False)
    await assert_exact(services)
    assert await found(services, "flat") == set()
    assert (await services.tasks.get(kept.id)).category_id is None
    await services.categories.delete(work.id, delete_tasks=True)
    await assert_exact(services)
    assert await found(services, "report") == set()


async def test_changes_made_outside_the_service_reach_the_index(
    services: Services, db_path: Path
) -> None:
    task = await services.tasks.add(NewTask(title="Call Sam", tags=("phone", "family")))
    await services.tasks.add(NewTask(title="Call Mia", tags=("phone",)))
    with raw(db_path) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("UPDATE tags SET name = 'telephone' WHERE name = 'phone'")
    await assert_exact(services)
    assert await found(services, "telephone") == {"Call Sam", "Call Mia"}
    with raw(db_path) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM tags WHERE name = 'telephone'")  # cascades to links
    with raw(db_path) as connection:  # a new id, its links moved by hand (foreign keys off)
        connection.execute("UPDATE tasks SET id = 'feedfeedfeedfeedfeedfeedfeedfeed' "
                           "WHERE id = ?", (task.id,))
        connection.execute("UPDATE task_tags SET task_id = 'feedfeedfeedfeedfeedfeedfeedfeed' "
                           "WHERE task_id = ?", (task.id,))
    await assert_exact(services)
    assert await found(services, "telephone") == set()
    assert await found(services, "family") == {"Call Sam"}
    with raw(db_path) as connection:  # no foreign keys: the category's tasks keep its id
        connection.execute("INSERT INTO categories (id, name, name_key, position, created_at, "
                           "updated_at) VALUES ('c1', 'Errands', 'errands', 1, '2026-01-01', "
                           "'2026-01-01')")
        connection.execute("UPDATE tasks SET category_id = 'c1'")
        connection.execute("DELETE FROM categories WHERE id = 'c1'")
    await assert_exact(services)
    assert await found(services, "errands") == set()


async def test_an_older_database_is_indexed_when_it_is_upgraded(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await ensure_schema(engine, target="0002")
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO categories VALUES ('c1', 'Garden', 'garden', NULL, 1, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"))
            await connection.execute(text(
                "INSERT INTO tags (id, name, name_key) VALUES (1, 'Outdoor', 'outdoor')"))
            for n in range(3):
                await connection.execute(text(
                    "INSERT INTO tasks VALUES (:id, :title, 'by the shed', 'open', 0, "
                    ":due, NULL, NULL, NULL, 0, 'c1', :n, '2026-01-01 00:00:00', "
                    "'2026-01-01 00:00:00', NULL, 1)"),
                    {"id": f"{n:032d}", "title": f"Mow the lawn {n}", "n": n,
                     "due": date(2026, 11, 27 + n).isoformat()})
            await connection.execute(text(
                "INSERT INTO task_tags VALUES ('00000000000000000000000000000001', 1)"))
    finally:
        await engine.dispose()
    services = await open_services(db_url)
    try:
        await assert_exact(services)
        assert await found(services, "lawn") == {f"Mow the lawn {n}" for n in range(3)}
        assert await found(services, "outdoor") == {"Mow the lawn 1"}
        assert await found(services, "garden shed") == {f"Mow the lawn {n}" for n in range(3)}
        page = await services.tasks.page(ListRef(ListKind.TODAY), today=TODAY, now=NOW,
                                         query=parse_query("lawn"))
        assert [t.title for t in page.tasks] == ["Mow the lawn 0"]
    finally:
        await services.close()


async def test_the_search_migration_goes_down_and_up_again(db_url: str, db_path: Path) -> None:
    services = await open_services(db_url)
    await services.tasks.add(NewTask(title="Survive a downgrade", tags=("x1",)))
    await services.close()
    engine = create_engine(db_url)
    try:
        from alembic import command

        from todo_tui.db.migration_scripts import alembic_config

        async with engine.begin() as connection:
            await connection.run_sync(
                lambda sync: command.downgrade(alembic_config(sync), "0002"))
    finally:
        await engine.dispose()
    with raw(db_path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert not {n for n in names if n.startswith("search_")}
    assert {"list_prefs", "saved_views", "ix_tasks_smart"}.isdisjoint(names)
    assert "ix_tasks_status_due" in names
    services = await open_services(db_url)
    try:
        await assert_exact(services)
        assert await found(services, "downgrade") == {"Survive a downgrade"}
    finally:
        await services.close()
