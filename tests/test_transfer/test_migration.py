"""Migration 0008: extras, source and source id on tasks; up from 0005 and down again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError

from todo_tui.db import models
from todo_tui.db.engine import create_engine
from todo_tui.db.schema import ensure_schema
from todo_tui.domain import ListKind, ListRef
from todo_tui.search.parse import parse_query
from todo_tui.service import open_services


async def test_0008_adds_where_a_task_came_from_and_goes_down_again(db_url: str) -> None:
    from alembic import command

    from todo_tui.db.migration_scripts import alembic_config

    stamp = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    values = dict(notes="", status="open", priority=0, recurrence_from_completion=False,
                  position=1, created_at=stamp, updated_at=stamp, version=1)
    engine = create_engine(db_url)
    try:
        assert await ensure_schema(engine, target="0005") is None
        async with engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO tasks (id, title, notes, status, priority, "
                "recurrence_from_completion, position, created_at, updated_at, version) "
                "VALUES (:id, 'kept from 0005', '', 'open', 0, false, 1, :at, :at, 1)"),
                {"id": "a" * 32, "at": stamp.replace(tzinfo=None)})
        await ensure_schema(engine)
        async with engine.begin() as connection:
            await connection.execute(insert(models.Task.__table__).values(
                id="b" * 32, title="imported", extras={"estimate": 3}, source="taskwarrior",
                source_id="u-1", **values))
        with pytest.raises(IntegrityError):  # one task per source id
            async with engine.begin() as connection:
                await connection.execute(insert(models.Task.__table__).values(
                    id="c" * 32, title="again", source="taskwarrior", source_id="u-1",
                    **values))
        async with engine.connect() as connection:
            rows = (await connection.execute(text(
                "SELECT id, source, source_id FROM tasks ORDER BY id"))).all()
        assert [tuple(row) for row in rows] == [("a" * 32, None, None),
                                                ("b" * 32, "taskwarrior", "u-1")]
        async with engine.begin() as connection:
            await connection.run_sync(
                lambda sync: command.downgrade(alembic_config(sync), "0005"))
        async with engine.connect() as connection:
            columns = await connection.run_sync(
                lambda sync: {c["name"] for c in sa_inspect(sync).get_columns("tasks")})
        assert not {"extras", "source", "source_id"} & columns
    finally:
        await engine.dispose()
    services = await open_services(db_url)  # and up again: search still finds both tasks
    try:
        page = await services.tasks.page(ListRef(ListKind.ALL), today=stamp.date(),
                                         query=parse_query("kept or imported"))
        assert sorted(t.id for t in page.tasks) == ["a" * 32, "b" * 32]
    finally:
        await services.close()
