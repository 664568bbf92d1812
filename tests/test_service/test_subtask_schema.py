"""Subtasks (issue 16): migration 0006 on both backends, and the first look's paths."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect as sa_inspect

from todo_tui.db.engine import create_engine, sqlite_url
from todo_tui.db.peek import first_look
from todo_tui.domain import Due, ListKind, ListRef, NewTask
from todo_tui.service import open_services

from .migrating import database_at, downgrade

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


async def test_0006_adds_parents_and_goes_down_again(db_url: str) -> None:
    await database_at(db_url, "0005", "kept from 0005")

    services = await open_services(db_url)
    try:
        old = await services.tasks.get("a" * 32)
        assert (old.parent_id, old.collapsed) == (None, False)
        sub = await services.tasks.add(NewTask(title="a subtask", parent_id=old.id))
        await services.subtasks.set_collapsed(old.id, True)
        assert (await services.tasks.get(old.id)).collapsed
        assert (await services.tasks.get(sub.id)).parent_id == old.id
    finally:
        await services.close()

    # an older version has no subtasks: each is a task of its own
    down = await downgrade(db_url, "0005")
    assert not {"parent_id", "collapsed"} & down.task_columns and down.tasks == 2

    services = await open_services(db_url)  # and up again
    try:
        assert (await services.tasks.get(sub.id)).parent_id is None
    finally:
        await services.close()


async def test_the_first_look_shows_a_subtask_with_its_path_and_progress(
        db_path: Path) -> None:
    services = await open_services(sqlite_url(db_path))
    try:
        top = await services.tasks.add(NewTask(title="trip", due=Due.on(TODAY)))
        book = await services.tasks.add(NewTask(title="book", parent_id=top.id,
                                                due=Due.on(TODAY)))
        await services.tasks.add(NewTask(title="hotel", parent_id=book.id, due=Due.on(TODAY)))
        done = await services.tasks.add(NewTask(title="visa", parent_id=top.id))
        await services.tasks.set_done(done.id, True, now=NOW)
        expected = await services.tasks.page(ListRef(ListKind.TODAY), today=TODAY, now=NOW)
    finally:
        await services.close()
    look = first_look(sqlite_url(db_path), TODAY, 50)
    assert look is not None and look.page == expected
    shown = {t.title: (t.path, t.subtasks_done, t.subtasks_total) for t in look.page.tasks}
    assert shown == {"trip": ((), 1, 2), "book": (("trip",), 0, 1),
                     "hotel": (("trip", "book"), 0, 0)}


async def test_whether_a_list_holds_subtasks_is_one_index_seek(db_path: Path) -> None:
    from sqlalchemy.dialects import sqlite

    from todo_tui.service import queries
    from todo_tui.service.tree import has_subtasks

    from ..helpers import raw

    services = await open_services(sqlite_url(db_path))
    try:
        travel = await services.categories.create("Travel")
        top = await services.tasks.add(NewTask(title="trip", category_id=travel.id))
        await services.tasks.add(NewTask(title="book", parent_id=top.id))
    finally:
        await services.close()
    for ref in (ListRef(ListKind.CATEGORY, travel.id), ListRef(ListKind.INBOX)):
        statement = has_subtasks(queries.list_filter(ref, TODAY)).compile(
            dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
        with raw(db_path) as db:
            plan = " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {statement}"))
            held = db.execute(str(statement)).fetchone()[0]
        assert "COVERING INDEX ix_tasks_tree (category_id" in plan, plan
        assert held == (ref.kind is ListKind.CATEGORY)


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
async def test_0011_widens_the_index_of_subtasks_and_goes_down_again(db_url: str) -> None:
    async def tree_index() -> list[str]:
        engine = create_engine(db_url)
        try:
            async with engine.connect() as connection:
                indexes = await connection.run_sync(
                    lambda sync: sa_inspect(sync).get_indexes("tasks"))
        finally:
            await engine.dispose()
        return next(index["column_names"] for index in indexes
                    if index["name"] == "ix_tasks_tree")

    services = await open_services(db_url)
    try:
        top = await services.tasks.add(NewTask(title="trip"))
        await services.tasks.add(NewTask(title="book", parent_id=top.id))
    finally:
        await services.close()
    wide = ["category_id", "status", "parent_id", "start_date", "id", "collapsed"]
    assert await tree_index() == wide
    assert (await downgrade(db_url, "0010")).tasks == 2
    assert await tree_index() == wide[:4]
    services = await open_services(db_url)  # and up again, the tree as it was
    try:
        page = await services.tasks.page(ListRef(ListKind.INBOX), today=TODAY)
        assert [(t.title, t.depth) for t in page.tasks] == [("trip", 0), ("book", 1)]
    finally:
        await services.close()
    assert await tree_index() == wide


async def test_a_tree_page_reads_no_row_of_a_subtask(db_path: Path) -> None:
    """The walk down the window's trees reads ix_tasks_tree alone, the list's length is a sum
    over ix_tasks_parents alone, and the subtasks that wait for their start day are looked for
    among the list's subtasks (ix_tasks_tree), not among every waiting task (SQLite's plan of
    the page statement)."""
    from sqlalchemy import event

    from ..helpers import raw

    services = await open_services(sqlite_url(db_path))
    seen: list[tuple[str, tuple[object, ...]]] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: tuple[object, ...],
               *_rest: object) -> None:
        seen.append((statement, parameters))

    try:
        travel = await services.categories.create("Travel")
        top = await services.tasks.add(NewTask(title="trip", category_id=travel.id))
        book = await services.tasks.add(NewTask(title="book", parent_id=top.id))
        await services.tasks.add(NewTask(title="hotel", parent_id=book.id))
        event.listen(services.db.engine.sync_engine, "before_cursor_execute", record)
        page = await services.tasks.page(ListRef(ListKind.CATEGORY, travel.id), today=TODAY)
        assert [t.title for t in page.tasks] == ["trip", "book", "hotel"]
    finally:
        await services.close()
    statement, parameters = next(s for s in seen if s[0].startswith("WITH RECURSIVE late"))
    with raw(db_path) as db:
        plan = " | ".join(row[-1] for row in db.execute(
            f"EXPLAIN QUERY PLAN {statement}", parameters))
    for alias in ("sub", "child"):
        assert f"SEARCH {alias} USING COVERING INDEX ix_tasks_tree (" in plan, plan
    assert "SEARCH tasks USING COVERING INDEX ix_tasks_parents (" in plan, plan
    assert "SEARCH late_sub USING INDEX ix_tasks_tree (" in plan, plan
