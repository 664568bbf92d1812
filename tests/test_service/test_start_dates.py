"""Start dates: before its start day an open task is in All and Scheduled only (and in the
searches that ask about start days); from that day it shows as usual."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from todo_tui.domain import UNSET, Due, ListKind, ListRef, NewTask, TaskChanges
from todo_tui.search.parse import parse_query
from todo_tui.service import Services

TODAY = date(2026, 12, 7)  # a Monday
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
FRIDAY = date(2026, 12, 11)


async def titles(services: Services, kind: ListKind, today: date = TODAY,
                 query: str | None = None, category_id: str | None = None) -> list[str]:
    page = await services.tasks.page(
        ListRef(kind, category_id=category_id), today=today, now=NOW,
        query=None if query is None else parse_query(query))
    assert page.total == len(page.tasks)
    return sorted(task.title for task in page.tasks)


async def seed(services: Services) -> tuple[str, str]:
    waiting = await services.tasks.add(NewTask(
        title="waits", start=FRIDAY, due=Due.on(TODAY), category="Home"))
    await services.tasks.add(NewTask(title="inbox waits", start=FRIDAY, due=Due.on(TODAY)))
    started = await services.tasks.add(NewTask(
        title="started", start=TODAY, due=Due.on(TODAY), category="Home"))
    await services.tasks.add(NewTask(title="plain", due=Due.on(TODAY + timedelta(days=2))))
    return waiting.id, started.id


async def test_a_waiting_task_is_in_all_and_scheduled_only(services: Services) -> None:
    await seed(services)
    home = (await services.categories.list())[0].id
    assert await titles(services, ListKind.ALL) == ["inbox waits", "plain", "started", "waits"]
    assert await titles(services, ListKind.SCHEDULED) == ["inbox waits", "waits"]
    assert await titles(services, ListKind.TODAY) == ["started"]
    assert await titles(services, ListKind.INBOX) == ["plain"]
    assert await titles(services, ListKind.UPCOMING) == ["plain", "started"]
    assert await titles(services, ListKind.CATEGORY, category_id=home) == ["started"]


async def test_from_its_start_day_it_shows_as_usual(services: Services) -> None:
    await seed(services)
    assert await titles(services, ListKind.SCHEDULED, FRIDAY) == []
    assert await titles(services, ListKind.TODAY, FRIDAY) == [
        "inbox waits", "plain", "started", "waits"]
    assert await titles(services, ListKind.INBOX, FRIDAY) == ["inbox waits", "plain"]


async def test_counts_leave_waiting_tasks_out_and_all_still_adds_up(services: Services) -> None:
    await seed(services)
    counts = await services.tasks.counts(TODAY, NOW)
    assert (counts.today, counts.inbox, counts.upcoming, counts.scheduled) == (1, 1, 2, 2)
    assert [c.open_count for c in counts.categories] == [1]
    assert counts.all == 4
    later = await services.tasks.counts(FRIDAY, NOW)
    assert (later.today, later.inbox, later.scheduled, later.all) == (4, 2, 0, 4)
    assert [c.open_count for c in later.categories] == [2]


async def test_searches_find_waiting_tasks_only_when_they_ask(services: Services) -> None:
    await seed(services)
    assert await titles(services, ListKind.TODAY, query="waits") == []
    assert await titles(services, ListKind.TODAY, query="is:scheduled") == [
        "inbox waits", "waits"]
    assert await titles(services, ListKind.INBOX, query="start:fri") == ["inbox waits"]
    assert await titles(services, ListKind.ALL, query="start<=today") == ["started"]
    assert await titles(services, ListKind.ALL, query="start:none") == ["plain"]
    assert await titles(services, ListKind.ALL, query="-is:scheduled") == ["plain", "started"]
    assert await titles(services, ListKind.ALL, query="start:any") == [
        "inbox waits", "started", "waits"]


async def test_a_start_day_is_set_changed_and_cleared_and_undone(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="later"))
    changed = await services.tasks.update(task.id, TaskChanges(start=FRIDAY))
    assert changed.start == FRIDAY and changed.to_json()["start"] == "2026-12-11"
    assert await titles(services, ListKind.INBOX) == []
    await services.history.undo()
    assert (await services.tasks.get(task.id)).start is None
    assert await titles(services, ListKind.INBOX) == ["later"]
    await services.tasks.update(task.id, TaskChanges(start=FRIDAY))
    cleared = await services.tasks.update(task.id, TaskChanges(start=None, title=UNSET))
    assert cleared.start is None


async def test_the_next_occurrence_keeps_the_start_offset(services: Services) -> None:
    task = await services.tasks.add(NewTask(
        title="report", due=Due.on(date(2026, 12, 14)), start=date(2026, 12, 11),
        recurrence="FREQ=WEEKLY"))
    _, follow = await services.tasks.set_done(task.id, True, now=NOW)
    assert follow is not None and follow.due == Due.on(date(2026, 12, 21))
    assert follow.start == date(2026, 12, 18)


async def test_a_task_without_a_start_repeats_without_one(services: Services) -> None:
    task = await services.tasks.add(NewTask(
        title="daily", due=Due.on(TODAY), recurrence="FREQ=DAILY"))
    _, follow = await services.tasks.set_done(task.id, True, now=NOW)
    assert follow is not None and follow.start is None


@pytest.mark.sqlite_only
async def test_search_rows_copy_start_days_so_a_search_counts_from_the_index(
    services: Services,
) -> None:
    from tests.test_search.test_index_sync import assert_exact
    from todo_tui.service import filters

    task = await services.tasks.add(NewTask(title="the report", start=FRIDAY))
    await services.tasks.update(task.id, TaskChanges(start=TODAY))
    await services.tasks.add(NewTask(title="the other"))
    await assert_exact(services)  # search_rows.start_date follows every write
    sql = filters.list_sql(ListRef(ListKind.INBOX), parse_query("the"), today=TODAY, now=NOW,
                           dialect="sqlite")
    counting = str(sql.count.compile())
    assert "search_rows.start_date" in counting and "FROM tasks" not in counting, counting
    assert await titles(services, ListKind.INBOX, query="the") == ["the other", "the report"]
