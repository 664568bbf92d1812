"""Migration 0007 (start dates): tasks of 0005 are kept and have started; down and up again."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import insert, text
from sqlalchemy import inspect as sa_inspect

from todo_tui.db import models
from todo_tui.db.engine import create_engine
from todo_tui.db.schema import ensure_schema
from todo_tui.domain import ListKind, ListRef, NewTask
from todo_tui.service import open_services

TODAY = date(2026, 12, 7)


async def test_0007_adds_start_dates_and_goes_down_again(db_url: str) -> None:
    from alembic import command

    from todo_tui.db.migration_scripts import alembic_config

    engine = create_engine(db_url)
    stamp = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    try:
        assert await ensure_schema(engine, target="0005") is None
        async with engine.begin() as connection:
            await connection.execute(insert(models.Task.__table__).values(
                id="a" * 32, title="kept from 0005", notes="", status="open", priority=0,
                recurrence_from_completion=False, position=1, created_at=stamp,
                updated_at=stamp, version=1, due_date=TODAY))
    finally:
        await engine.dispose()

    services = await open_services(db_url)
    try:
        old = await services.tasks.get("a" * 32)
        assert (old.title, old.start) == ("kept from 0005", None)
        page = await services.tasks.page(ListRef(ListKind.TODAY), today=TODAY)
        assert [t.id for t in page.tasks] == ["a" * 32]
        await services.tasks.add(NewTask(title="waits", start=date(2026, 12, 11)))
        assert (await services.tasks.counts(TODAY)).scheduled == 1
    finally:
        await services.close()

    engine = create_engine(db_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(
                lambda sync: command.downgrade(alembic_config(sync), "0005"))
        async with engine.connect() as connection:
            columns = await connection.run_sync(
                lambda sync: {c["name"] for c in sa_inspect(sync).get_columns("tasks")})
            count = await connection.scalar(text("SELECT count(*) FROM tasks"))
    finally:
        await engine.dispose()
    # 0005 has no start dates: the waiting task is an ordinary one there
    assert "start_date" not in columns and count == 2

    services = await open_services(db_url)  # and up again
    try:
        counts = await services.tasks.counts(TODAY)
        assert (counts.scheduled, counts.inbox, counts.today) == (0, 2, 1)
    finally:
        await services.close()
