"""The smart lists, their order, each sort, paging and counts, with a fixed `today`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from todo_tui.domain import Due, ListKind, ListRef, NewTask, Priority, Sort, Task
from todo_tui.errors import UsageError
from todo_tui.service import Services
from todo_tui.service.repository import UnknownFieldError

from ..helpers import insert_task

TODAY = date(2026, 11, 27)
BERLIN = ZoneInfo("Europe/Berlin")


def day(offset: int) -> Due:
    return Due.on(TODAY + timedelta(days=offset))


async def titles(services: Services, ref: ListRef, sort: Sort = Sort.SMART) -> list[str]:
    page = await services.tasks.page(ref, today=TODAY, sort=sort)
    assert page.total == len(page.tasks)
    return [task.title for task in page.tasks]


@pytest.fixture
async def world(services: Services) -> dict[str, Task]:
    """One task for every case the lists tell apart."""
    work = await services.categories.create("Work")
    made: dict[str, Task] = {}

    async def add(title: str, **fields: object) -> None:
        made[title] = await services.tasks.add(NewTask(title=title, **fields))  # type: ignore[arg-type]

    await add("inbox undated")
    await add("overdue", due=day(-3), category_id=work.id)
    await add("today", due=day(0))
    await add("today timed", due=Due.at_local(
        datetime.combine(TODAY, datetime.min.time(), BERLIN).replace(hour=9), "Europe/Berlin"))
    await add("in 7 days", due=day(7), category_id=work.id)
    await add("in 8 days", due=day(8))
    await add("work undated", category_id=work.id)
    await add("done today", due=day(0))
    await add("done work", category_id=work.id)
    await services.tasks.set_done(made["done today"].id, True,
                                  now=datetime(2026, 11, 27, 8, tzinfo=UTC))
    await services.tasks.set_done(made["done work"].id, True,
                                  now=datetime(2026, 11, 27, 9, tzinfo=UTC))
    return made


async def test_inbox_holds_open_tasks_without_a_category(
    services: Services, world: dict[str, Task]
) -> None:
    assert set(await titles(services, ListRef(ListKind.INBOX))) == {
        "inbox undated", "today", "today timed", "in 8 days"}


async def test_today_holds_open_tasks_due_today_or_overdue(
    services: Services, world: dict[str, Task]
) -> None:
    assert await titles(services, ListRef(ListKind.TODAY)) == ["overdue", "today", "today timed"]


async def test_upcoming_holds_open_tasks_due_in_the_next_seven_days(
    services: Services, world: dict[str, Task]
) -> None:
    assert await titles(services, ListRef(ListKind.UPCOMING)) == [
        "today", "today timed", "in 7 days"]


async def test_all_holds_every_open_task(services: Services, world: dict[str, Task]) -> None:
    assert set(await titles(services, ListRef(ListKind.ALL))) == {
        "inbox undated", "overdue", "today", "today timed", "in 7 days", "in 8 days",
        "work undated"}


async def test_done_holds_done_tasks_newest_completion_first(
    services: Services, world: dict[str, Task]
) -> None:
    assert await titles(services, ListRef(ListKind.DONE)) == ["done work", "done today"]


async def test_a_category_list_holds_its_open_tasks(
    services: Services, world: dict[str, Task]
) -> None:
    work_id = world["overdue"].category_id
    assert await titles(services, ListRef(ListKind.CATEGORY, work_id)) == [
        "overdue", "in 7 days", "work undated"]


async def test_counts_agree_with_the_lists(services: Services, world: dict[str, Task]) -> None:
    counts = await services.tasks.counts(TODAY)
    assert (counts.inbox, counts.today, counts.upcoming, counts.all, counts.done) == (4, 3, 3, 7, 2)
    for kind in (ListKind.INBOX, ListKind.TODAY, ListKind.UPCOMING, ListKind.ALL, ListKind.DONE):
        page = await services.tasks.page(ListRef(kind), today=TODAY)
        assert counts.for_kind(kind) == page.total, kind
    assert [(c.name, c.open_count) for c in counts.categories] == [("Work", 3)]


async def test_counts_of_an_empty_database_are_zero(services: Services) -> None:
    counts = await services.tasks.counts(TODAY)
    assert (counts.inbox, counts.today, counts.upcoming, counts.all, counts.done) == (0, 0, 0, 0, 0)
    assert counts.categories == ()


async def test_the_lists_move_with_today(services: Services, world: dict[str, Task]) -> None:
    later = TODAY + timedelta(days=8)
    page = await services.tasks.page(ListRef(ListKind.TODAY), today=later)
    assert {t.title for t in page.tasks} == {
        "overdue", "today", "today timed", "in 7 days", "in 8 days"}


# --- order -------------------------------------------------------------------------------


@pytest.fixture
async def ordered(services: Services) -> None:
    """Tasks whose every sort gives a different order; added in this (manual) order."""
    specs = [
        ("b undated low", None, Priority.LOW),
        ("A in 2 days none", day(2), Priority.NONE),
        ("c today low", day(0), Priority.LOW),
        ("D undated high", None, Priority.HIGH),
        ("e in 2 days high", day(2), Priority.HIGH),
        ("f today low", day(0), Priority.LOW),
        ("g overdue none", day(-1), Priority.NONE),
    ]
    for title, due, priority in specs:
        await services.tasks.add(NewTask(title=title, due=due, priority=priority))


async def test_smart_order_is_dated_by_date_then_priority_then_manual(
    services: Services, ordered: None
) -> None:
    assert await titles(services, ListRef(ListKind.ALL)) == [
        "g overdue none", "c today low", "f today low", "e in 2 days high", "A in 2 days none",
        "D undated high", "b undated low"]


async def test_smart_order_within_a_day_is_priority_then_time(services: Services) -> None:
    def at(hour: int) -> Due:
        return Due.at_local(datetime(2026, 11, 27, hour, tzinfo=BERLIN), "Europe/Berlin")

    await services.tasks.add(NewTask(title="nine high", due=at(9), priority=Priority.HIGH))
    await services.tasks.add(NewTask(title="eight", due=at(8)))
    await services.tasks.add(NewTask(title="all day", due=day(0)))
    await services.tasks.add(NewTask(title="seven", due=at(7)))
    await services.tasks.add(NewTask(title="all day high", due=day(0), priority=Priority.HIGH))
    await services.tasks.add(NewTask(title="tomorrow high", due=day(1), priority=Priority.HIGH))
    # the day first, then priority (as the list promises); within both, all-day before timed
    assert await titles(services, ListRef(ListKind.UPCOMING)) == [
        "all day high", "nine high", "all day", "seven", "eight", "tomorrow high"]
    # sorting by due is by the clock, whatever the priority
    assert await titles(services, ListRef(ListKind.UPCOMING), Sort.DUE) == [
        "all day", "all day high", "seven", "eight", "nine high", "tomorrow high"]


async def test_sort_by_due_ignores_priority(services: Services, ordered: None) -> None:
    assert await titles(services, ListRef(ListKind.ALL), Sort.DUE) == [
        "g overdue none", "c today low", "f today low", "A in 2 days none", "e in 2 days high",
        "b undated low", "D undated high"]


async def test_sort_by_priority_then_due(services: Services, ordered: None) -> None:
    assert await titles(services, ListRef(ListKind.ALL), Sort.PRIORITY) == [
        "e in 2 days high", "D undated high", "c today low", "f today low", "b undated low",
        "g overdue none", "A in 2 days none"]


async def test_sort_by_created_is_newest_first(services: Services, ordered: None) -> None:
    assert await titles(services, ListRef(ListKind.ALL), Sort.CREATED) == [
        "g overdue none", "f today low", "e in 2 days high", "D undated high", "c today low",
        "A in 2 days none", "b undated low"]


async def test_sort_by_title_ignores_case(services: Services, ordered: None) -> None:
    assert await titles(services, ListRef(ListKind.ALL), Sort.TITLE) == [
        "A in 2 days none", "b undated low", "c today low", "D undated high",
        "e in 2 days high", "f today low", "g overdue none"]


async def test_manual_sort_is_the_order_of_capture(services: Services, ordered: None) -> None:
    assert await titles(services, ListRef(ListKind.ALL), Sort.MANUAL) == [
        "b undated low", "A in 2 days none", "c today low", "D undated high",
        "e in 2 days high", "f today low", "g overdue none"]


async def test_ties_are_broken_by_id_so_pages_are_stable(services: Services) -> None:
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    for task_id in ("3" * 32, "1" * 32, "2" * 32):
        await insert_task(services.db, task_id, "same", position=1, created_at=stamp)
    for sort in Sort:
        page = await services.tasks.page(ListRef(ListKind.ALL), today=TODAY, sort=sort)
        assert [t.id for t in page.tasks] == ["1" * 32, "2" * 32, "3" * 32], sort


# --- paging ------------------------------------------------------------------------------


async def test_pages_split_a_list_and_report_its_total(services: Services) -> None:
    for n in range(25):
        await services.tasks.add(NewTask(title=f"task {n:02}", due=day(n % 5)))
    await services.tasks.add(NewTask(title="elsewhere", category="Work"))
    ref = ListRef(ListKind.INBOX)
    whole = await services.tasks.page(ref, today=TODAY, limit=100)
    assert whole.total == 25 and len(whole.tasks) == 25
    pages = [await services.tasks.page(ref, today=TODAY, offset=offset, limit=10)
             for offset in (0, 10, 20)]
    assert [len(p.tasks) for p in pages] == [10, 10, 5]
    assert [p.total for p in pages] == [25, 25, 25]
    assert [p.offset for p in pages] == [0, 10, 20]
    assert [t.id for p in pages for t in p.tasks] == [t.id for t in whole.tasks]
    beyond = await services.tasks.page(ref, today=TODAY, offset=30, limit=10)
    assert (beyond.tasks, beyond.total) == ((), 25)


# --- find_by -----------------------------------------------------------------------------


async def test_find_by_filters_on_known_fields(services: Services) -> None:
    home = await services.categories.create("Home")
    high = await services.tasks.add(NewTask(title="high", priority=Priority.HIGH))
    await services.tasks.add(NewTask(title="low", priority=Priority.LOW))
    high_home = await services.tasks.add(
        NewTask(title="high home", priority=Priority.HIGH, category_id=home.id))
    found = await services.tasks.find_by(priority=int(Priority.HIGH))
    assert [t.id for t in found] == [high.id, high_home.id]
    assert found[1] == high_home  # loaded whole: category name and tags
    assert [t.id for t in await services.tasks.find_by(priority=3, category_id=None)] == [high.id]
    assert await services.tasks.find_by(title="nothing like it") == []


@pytest.mark.parametrize("field", ["colour", "tags", "category", "titel", "__table__"])
async def test_find_by_an_unknown_field_raises(services: Services, field: str) -> None:
    await services.tasks.add(NewTask(title="x"))
    with pytest.raises(UnknownFieldError, match=field) as caught:
        await services.tasks.find_by(**{field: "x"})
    assert isinstance(caught.value, UsageError)
    with pytest.raises(UnknownFieldError):
        await services.tasks.find_by(title="x", **{field: "x"})


async def test_index_in_list_is_where_page_puts_the_task(
    services: Services, world: dict[str, Task]
) -> None:
    for ref in (ListRef(ListKind.TODAY), ListRef(ListKind.ALL), ListRef(ListKind.DONE)):
        for sort in (Sort.SMART, Sort.TITLE):
            page = await services.tasks.page(ref, today=TODAY, sort=sort)
            for index, task in enumerate(page.tasks):
                assert await services.tasks.index_in_list(
                    ref, task.id, today=TODAY, sort=sort) == index
    assert await services.tasks.index_in_list(
        ListRef(ListKind.TODAY), world["in 8 days"].id, today=TODAY) is None
    assert await services.tasks.index_in_list(
        ListRef(ListKind.ALL), "f" * 32, today=TODAY) is None
