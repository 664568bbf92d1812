"""Completing a recurring task adds its next occurrence, in local clock time."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from todo_tui.domain import Due, NewTask, Status, TaskChanges
from todo_tui.service import Services

BERLIN = ZoneInfo("Europe/Berlin")


async def test_a_daily_nine_oclock_task_stays_at_nine_across_the_spring_change(
    services: Services,
) -> None:
    due = Due.at_local(datetime(2027, 3, 27, 9, 0, tzinfo=BERLIN), "Europe/Berlin")
    task = await services.tasks.add(NewTask(title="stand-up", due=due, recurrence="FREQ=DAILY"))
    done, follow = await services.tasks.set_done(
        task.id, True, now=datetime(2027, 3, 27, 9, 30, tzinfo=BERLIN))
    assert done.status is Status.DONE and follow is not None
    assert follow.due is not None and follow.due.local() is not None
    local = follow.due.local()
    assert local is not None
    assert (local.date(), local.hour, local.minute) == (date(2027, 3, 28), 9, 0)
    assert local.utcoffset() is not None and local.utcoffset().total_seconds() == 7200  # CEST
    assert follow.title == "stand-up" and follow.recurrence == "FREQ=DAILY"
    assert follow.status is Status.OPEN
    # both are in the database: the done one and the next one
    statuses = sorted(t.status.value for t in await services.tasks.all(include_done=True))
    assert statuses == ["done", "open"]


async def test_a_monthly_task_on_the_31st_falls_on_the_last_day_of_shorter_months(
    services: Services,
) -> None:
    task = await services.tasks.add(NewTask(
        title="pay rent", due=Due.on(date(2027, 1, 31)), recurrence="FREQ=MONTHLY;BYMONTHDAY=-1",
        category="Home", tags=("bills",)))
    _, follow = await services.tasks.set_done(
        task.id, True, now=datetime(2027, 1, 31, 12, 0, tzinfo=BERLIN))
    assert follow is not None and follow.due == Due.on(date(2027, 2, 28))
    assert follow.category_name == "Home" and follow.tags == ("bills",)
    _, again = await services.tasks.set_done(
        follow.id, True, now=datetime(2027, 2, 28, 12, 0, tzinfo=BERLIN))
    assert again is not None and again.due == Due.on(date(2027, 3, 31))


async def test_reopening_does_not_add_another_occurrence(services: Services) -> None:
    # issue 15, bug 1: completing added the next occurrence; reopening kept it, so two
    # occurrences of one series were open. The untouched next occurrence goes again.
    task = await services.tasks.add(NewTask(
        title="water plants", due=Due.on(date(2027, 5, 3)), recurrence="FREQ=WEEKLY"))
    await services.tasks.set_done(task.id, True, now=datetime(2027, 5, 3, 8, tzinfo=BERLIN))
    reopened, follow = await services.tasks.set_done(task.id, False)
    assert follow is None and reopened.status is Status.OPEN
    assert [t.id for t in await services.tasks.all(include_done=True)] == [task.id]
    completed, follow = await services.tasks.set_done(
        task.id, True, now=datetime(2027, 5, 3, 9, tzinfo=BERLIN))
    assert follow is not None and follow.due == Due.on(date(2027, 5, 10))
    assert len(await services.tasks.all()) == 1


async def test_reopening_keeps_a_next_occurrence_edited_since(services: Services) -> None:
    task = await services.tasks.add(NewTask(
        title="water plants", due=Due.on(date(2027, 5, 3)), recurrence="FREQ=WEEKLY"))
    _, follow = await services.tasks.set_done(
        task.id, True, now=datetime(2027, 5, 3, 8, tzinfo=BERLIN))
    assert follow is not None
    await services.tasks.update(follow.id, TaskChanges(notes="the fern too"))
    await services.tasks.set_done(task.id, False)
    assert len(await services.tasks.all()) == 2


async def test_a_plain_monthly_rule_due_on_the_31st_is_saved_pinned_to_the_month_end(
    services: Services,
) -> None:
    # saved as given, FREQ=MONTHLY from 31 Jan would skip February in RFC 5545 (rrulestr)
    task = await services.tasks.add(NewTask(
        title="invoice", due=Due.on(date(2027, 1, 31)), recurrence="FREQ=MONTHLY"))
    assert task.recurrence == "FREQ=MONTHLY;BYMONTHDAY=-1"
    _, follow = await services.tasks.set_done(
        task.id, True, now=datetime(2027, 1, 31, 12, 0, tzinfo=BERLIN))
    assert follow is not None and follow.due == Due.on(date(2027, 2, 28))
    assert follow.recurrence == "FREQ=MONTHLY;BYMONTHDAY=-1"


async def test_moving_the_due_of_a_plain_monthly_task_to_the_30th_pins_the_rule(
    services: Services,
) -> None:
    task = await services.tasks.add(NewTask(
        title="invoice", due=Due.on(date(2027, 1, 15)), recurrence="FREQ=MONTHLY;INTERVAL=2"))
    assert task.recurrence == "FREQ=MONTHLY;INTERVAL=2"
    moved = await services.tasks.update(task.id, TaskChanges(due=Due.on(date(2026, 12, 30))))
    assert moved.recurrence == "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=28,29,30;BYSETPOS=-1"
    _, follow = await services.tasks.set_done(
        task.id, True, now=datetime(2026, 12, 30, 12, 0, tzinfo=BERLIN))
    assert follow is not None and follow.due == Due.on(date(2027, 2, 28))
    # repeating from the completion, the start is the completion day: nothing is pinned
    other = await services.tasks.add(NewTask(
        title="stretch", due=Due.on(date(2027, 1, 31)), recurrence="FREQ=MONTHLY",
        recurrence_from_completion=True))
    assert other.recurrence == "FREQ=MONTHLY"
