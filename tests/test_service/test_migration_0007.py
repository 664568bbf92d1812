"""Migration 0007 (start dates): tasks of 0005 are kept and have started; down and up again."""

from __future__ import annotations

from datetime import date

from todo_tui.domain import ListKind, ListRef, NewTask
from todo_tui.service import open_services

from .migrating import database_at, downgrade

TODAY = date(2026, 12, 7)


async def test_0007_adds_start_dates_and_goes_down_again(db_url: str) -> None:
    await database_at(db_url, "0005", "kept from 0005", due_date=TODAY)

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

    # 0005 has no start dates: the waiting task is an ordinary one there
    down = await downgrade(db_url, "0005")
    assert "start_date" not in down.task_columns and down.tasks == 2

    services = await open_services(db_url)  # and up again
    try:
        counts = await services.tasks.counts(TODAY)
        assert (counts.scheduled, counts.inbox, counts.today) == (0, 2, 1)
    finally:
        await services.close()
