"""Reminders in the service: each fires once per channel however many instances look,
what was missed is found at the next look, snoozes come back, repeating tasks remind for each
occurrence, and the default reminder. On every backend."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from todo_tui.domain import Due, NewTask, Reminder
from todo_tui.service import Services, open_services
from todo_tui.service.reminders import CLI, TUI

BERLIN = ZoneInfo("Europe/Berlin")
T14 = datetime(2026, 12, 7, 14, 0, tzinfo=BERLIN)


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return T14.replace(hour=hour, minute=minute, second=second)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TODO_TUI_NOW", T14.isoformat())
    monkeypatch.setenv("TZ", "Europe/Berlin")


async def bank(services: Services, *reminders: Reminder, due: datetime | None = None) -> str:
    task = await services.tasks.add(NewTask(
        title="call bank", due=Due.at_local(due or at(15), "Europe/Berlin"),
        reminders=reminders or (Reminder(minutes_before=10),)))
    return task.id


async def test_a_reminder_fires_once_at_its_moment(services: Services) -> None:
    assert await services.reminders.fire_due(TUI, at(14), None) == []  # the first look
    task_id = await bank(services)
    assert await services.reminders.next_at(TUI, at(14, 1), None) == at(14, 50)
    assert await services.reminders.fire_due(TUI, at(14, 49, 59), None) == []
    fired = await services.reminders.fire_due(TUI, at(14, 50), None)
    assert [(f.task.id, f.occurrence, f.label) for f in fired] == [
        (task_id, at(14, 50), "10m before")]
    assert await services.reminders.fire_due(TUI, at(14, 51), None) == []
    assert await services.reminders.next_at(TUI, at(14, 51), None) is None
    # the shell's channel has its own record: `todo-tui remind` reports it too, once
    assert await services.reminders.fire_due(CLI, at(13), None) == []
    assert [f.task.id for f in await services.reminders.fire_due(CLI, at(15), None)] == [task_id]
    assert await services.reminders.fire_due(CLI, at(16), None) == []


async def test_two_instances_looking_at_once_fire_it_once(db_url: str) -> None:
    one, two = await open_services(db_url), await open_services(db_url)
    try:
        await one.reminders.fire_due(TUI, at(14), None)
        await bank(one)
        for _round in range(3):
            results = await asyncio.gather(
                *(s.reminders.fire_due(TUI, at(14, 50, 1), None, origin=name)
                  for s, name in ((one, "one"), (two, "two"), (one, "one"), (two, "two"))))
            assert sum(len(r) for r in results) == (1 if _round == 0 else 0)
    finally:
        await one.close()
        await two.close()


async def test_what_came_due_while_nothing_looked_is_found_once(services: Services) -> None:
    await services.reminders.fire_due(TUI, at(14), None)
    early = await bank(services, Reminder(minutes_before=10))
    late = await bank(services, Reminder(at=at(14, 55)), due=at(16))
    fired = await services.reminders.fire_due(TUI, at(17), None)
    assert [(f.task.id, f.label) for f in fired] == [
        (early, "10m before"), (late, "at 2026-12-07 14:55")]
    assert await services.reminders.fire_due(TUI, at(18), None) == []


async def test_a_reminder_added_late_fires_at_once(services: Services,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    await services.reminders.fire_due(TUI, at(14, 54), None)
    monkeypatch.setenv("TODO_TUI_NOW", at(14, 55).isoformat())
    task_id = await bank(services)  # due 15:00, 10m before: 14:50 has passed
    assert await services.reminders.next_at(TUI, at(14, 55), None) == at(14, 50)
    assert [f.task.id for f in await services.reminders.fire_due(TUI, at(14, 55), None)] == [
        task_id]


async def test_a_snoozed_reminder_comes_back_once(services: Services) -> None:
    await services.reminders.fire_due(TUI, at(14), None)
    await bank(services)
    [fired] = await services.reminders.fire_due(TUI, at(14, 50), None)
    await services.reminders.snooze(fired.id, at(15))
    assert await services.reminders.next_at(TUI, at(14, 51), None) == at(15)
    assert await services.reminders.fire_due(TUI, at(14, 59), None) == []
    [again] = await services.reminders.fire_due(TUI, at(15), None)
    assert (again.label, again.occurrence) == ("snoozed", at(15))
    assert await services.reminders.fire_due(TUI, at(15, 1), None) == []


async def test_done_and_trashed_tasks_do_not_remind(services: Services) -> None:
    await services.reminders.fire_due(TUI, at(14), None)
    done = await bank(services)
    gone = await bank(services)
    await services.tasks.set_done(done, True)
    await services.tasks.delete(gone)
    assert await services.reminders.next_at(TUI, at(14), None) is None
    assert await services.reminders.fire_due(TUI, at(16), None) == []


async def test_a_repeating_task_reminds_for_each_occurrence(services: Services) -> None:
    await services.reminders.fire_due(TUI, at(14), None)
    task = await services.tasks.add(NewTask(
        title="stand-up", due=Due.at_local(at(15), "Europe/Berlin"), recurrence="FREQ=DAILY",
        reminders=(Reminder(minutes_before=5), Reminder(at=at(14, 30)))))
    assert [f.label for f in await services.reminders.fire_due(TUI, at(15), None)] == [
        "at 2026-12-07 14:30", "5m before"]
    _, follow = await services.tasks.set_done(task.id, True)
    assert follow is not None and follow.due is not None
    # the next occurrence keeps the reminder before its due, not the fixed moment
    assert await services.reminders.for_tasks([follow.id]) == {
        follow.id: (Reminder(minutes_before=5),)}
    tomorrow = at(14, 55) + timedelta(days=1)
    assert await services.reminders.next_at(TUI, at(16), None) == tomorrow
    [fired] = await services.reminders.fire_due(TUI, tomorrow, None)
    assert (fired.task.id, fired.occurrence) == (follow.id, tomorrow)


async def test_the_default_reminder_is_for_timed_tasks_without_their_own(
        services: Services) -> None:
    await services.reminders.fire_due(TUI, at(14), 15)
    plain = await services.tasks.add(NewTask(title="timed",
                                             due=Due.at_local(at(16), "Europe/Berlin")))
    await services.tasks.add(NewTask(title="a day", due=Due.on(at(16).date())))
    own = await bank(services, Reminder(minutes_before=5))
    assert await services.reminders.next_at(TUI, at(14), None) == at(14, 55)
    assert await services.reminders.next_at(TUI, at(14), 15) == at(14, 55)
    fired = await services.reminders.fire_due(TUI, at(16), 15)
    assert [(f.task.id, f.occurrence, f.label) for f in fired] == [
        (own, at(14, 55), "5m before"), (plain.id, at(15, 45), "15m before")]


async def test_reminders_are_set_and_read_back(services: Services) -> None:
    task_id = await bank(services, Reminder(minutes_before=10), Reminder(at=at(9)))
    await services.reminders.set(task_id, (Reminder(minutes_before=0), Reminder(at=at(9))))
    assert await services.reminders.for_tasks([task_id]) == {
        task_id: (Reminder(at=at(9)), Reminder(minutes_before=0))}
    await services.reminders.set(task_id, ())
    assert await services.reminders.for_tasks([task_id]) == {}


async def test_an_edit_of_the_fields_and_the_reminders_is_one_undo(services: Services) -> None:
    from todo_tui.domain import TaskChanges

    task_id = await bank(services, Reminder(minutes_before=10), Reminder(at=at(9)))
    before = await services.tasks.get(task_id)
    await services.tasks.update(task_id, TaskChanges(title="call the bank"),
                                expected_version=before.version,
                                reminders=(Reminder(at=at(9)), Reminder(minutes_before=60)))
    assert (await services.history.recent(1))[0].summary == \
        "edit 'call the bank': title, reminders"
    assert await services.reminders.for_tasks([task_id]) == {
        task_id: (Reminder(at=at(9)), Reminder(minutes_before=60))}
    await services.history.undo()  # one undo: the title and the reminders
    assert (await services.tasks.get(task_id)).title == "call bank"
    assert await services.reminders.for_tasks([task_id]) == {
        task_id: (Reminder(minutes_before=10), Reminder(at=at(9)))}
    await services.history.redo()
    assert (await services.tasks.get(task_id)).title == "call the bank"
    assert await services.reminders.for_tasks([task_id]) == {
        task_id: (Reminder(at=at(9)), Reminder(minutes_before=60))}
    # only the reminders: still one change, and a reminder added later keeps it from undoing
    await services.tasks.update(task_id, TaskChanges(), reminders=())
    assert await services.reminders.for_tasks([task_id]) == {}
    await services.history.undo()
    assert await services.reminders.for_tasks([task_id]) == {
        task_id: (Reminder(at=at(9)), Reminder(minutes_before=60))}
    assert (await services.tasks.get(task_id)).title == "call the bank"
