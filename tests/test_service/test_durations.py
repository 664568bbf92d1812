"""A task's duration (issue 19, migration 0009): stored, carried to the next occurrence, kept by
undo; a repeat whose UNTIL has passed ends when its last occurrence is completed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from todo_tui.domain import Due, ListKind, ListRef, NewTask
from todo_tui.errors import ValidationError
from todo_tui.search.parse import parse_query
from todo_tui.service import Services, open_services

from .migrating import database_at, downgrade


async def test_a_duration_is_stored_and_read_back(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="meeting", duration_minutes=90))
    assert task.duration_minutes == 90
    assert (await services.tasks.get(task.id)).duration_minutes == 90
    assert [t.duration_minutes for t in await services.tasks.all()] == [90]
    assert task.to_json()["duration_minutes"] == 90
    plain = await services.tasks.add(NewTask(title="no length"))
    assert plain.duration_minutes is None and plain.to_json()["duration_minutes"] is None


@pytest.mark.parametrize("minutes", [0, -5, 366 * 24 * 60 + 1])
async def test_a_duration_out_of_range_is_refused(services: Services, minutes: int) -> None:
    with pytest.raises(ValidationError, match="duration"):
        await services.tasks.add(NewTask(title="x", duration_minutes=minutes))
    assert await services.tasks.all() == []


async def test_the_next_occurrence_keeps_the_duration(services: Services) -> None:
    task = await services.tasks.add(NewTask(
        title="standup", due=Due.on(date(2026, 11, 27)), recurrence="FREQ=DAILY",
        duration_minutes=15))
    _, follow = await services.tasks.set_done(task.id, True,
                                              now=datetime(2026, 11, 27, 10, tzinfo=UTC))
    assert follow is not None and follow.duration_minutes == 15


async def test_undo_of_a_delete_brings_the_duration_back(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="call", duration_minutes=30))
    await services.tasks.delete(task.id)
    await services.history.undo()
    assert (await services.tasks.get(task.id)).duration_minutes == 30


async def test_completing_the_last_occurrence_ends_the_series(services: Services) -> None:
    task = await services.tasks.add(NewTask(
        title="course", due=Due.on(date(2026, 12, 8)),
        recurrence="FREQ=DAILY;UNTIL=20261208T235959"))
    done, follow = await services.tasks.set_done(task.id, True,
                                                 now=datetime(2026, 12, 8, 10, tzinfo=UTC))
    assert done.done and follow is None
    assert len(await services.tasks.all(include_done=True)) == 1


async def test_0009_adds_the_duration_and_goes_down_again(db_url: str) -> None:
    await database_at(db_url, "0005", "kept from 0005")

    services = await open_services(db_url)  # upgrades to 0009
    try:
        old = await services.tasks.get("a" * 32)
        assert (old.title, old.duration_minutes) == ("kept from 0005", None)
        await services.tasks.add(NewTask(title="timed", duration_minutes=45))
    finally:
        await services.close()

    down = await downgrade(db_url, "0005")
    assert "duration_minutes" not in down.task_columns and down.tasks == 2

    services = await open_services(db_url)  # and up again; search still finds the tasks
    try:
        assert {t.title for t in await services.tasks.all()} == {"kept from 0005", "timed"}
        page = await services.tasks.page(ListRef(ListKind.ALL), today=date(2026, 11, 27),
                                         query=parse_query("timed"))
        assert [t.title for t in page.tasks] == ["timed"]
    finally:
        await services.close()
