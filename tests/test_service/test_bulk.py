"""Acting on many marked tasks at once (issue 17): one unit of work, one change in the history,
one undo; marks kept as a query, narrowed to the list shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from todo_tui.capture.reschedule import DueChange, RepeatChange, Shift, parse_repeat_change
from todo_tui.domain import Due, ListKind, ListRef, NewTask, Priority, Status
from todo_tui.errors import NotFoundError
from todo_tui.marks import Marked, Scope
from todo_tui.search.parse import parse_query
from todo_tui.service import Services

from .test_history import state

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
ALL = ListRef(ListKind.ALL)


def scope(ref: ListRef = ALL, query: str | None = None, now: datetime = NOW) -> Scope:
    return Scope(ref, None if query is None else parse_query(query), now.date(), now)


async def titles(services: Services) -> dict[str, Any]:
    return {t.title: t for t in await services.tasks.all(include_done=True)}


async def seed(services: Services) -> dict[str, str]:
    home = await services.categories.create("Home")
    await services.tasks.add(NewTask(title="pay rent", due=Due.on(TODAY), category_id=home.id,
                                     tags=("bills",), recurrence="FREQ=MONTHLY"))
    await services.tasks.add(NewTask(title="call mum", tags=("family",)))
    berlin = datetime(2026, 11, 28, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    await services.tasks.add(NewTask(title="dentist", due=Due.at_local(berlin, "Europe/Berlin"),
                                     priority=Priority.LOW))
    await services.tasks.add(NewTask(title="buy milk"))
    return {t.title: t.id for t in (await titles(services)).values()}


async def test_marked_one_by_one_get_one_priority_and_one_undo_takes_it_back(
        services: Services) -> None:
    ids = await seed(services)
    before = await state(services)
    marked = Marked(ids=frozenset({ids["call mum"], ids["dentist"], ids["buy milk"]}))
    assert await services.bulk.count(marked) == 3

    assert await services.bulk.set_priority(marked, Priority.HIGH, origin="tui:1") == 3

    tasks = await titles(services)
    assert {name: tasks[name].priority for name in tasks} == {
        "pay rent": Priority.NONE, "call mum": Priority.HIGH, "dentist": Priority.HIGH,
        "buy milk": Priority.HIGH}
    history = await services.history.recent(5)
    assert history[0].summary == "priority high for 3 tasks"
    await services.history.undo("tui:1")
    assert await state(services) == before
    await services.history.redo("tui:1")
    assert (await titles(services))["dentist"].priority is Priority.HIGH


async def test_a_whole_list_is_marked_by_query_without_later_tasks_or_unmarked_ones(
        services: Services) -> None:
    ids = await seed(services)
    marked = Marked.every(scope(), datetime.now(UTC))
    assert await services.bulk.count(marked) == 4
    marked = marked.toggled(ids["buy milk"], marked_now=True)
    assert await services.bulk.count(marked) == 3
    await services.tasks.add(NewTask(title="added later"))
    assert await services.bulk.count(marked) == 3  # created after the V: not marked
    marked = marked.toggled(ids["buy milk"], marked_now=False)
    assert await services.bulk.count(marked) == 4


async def test_settling_against_a_narrower_search_drops_the_marks_that_left(
        services: Services) -> None:
    ids = await seed(services)
    marked = Marked(ids=frozenset({ids["call mum"], ids["buy milk"]}))
    settled = await services.bulk.settle(marked, scope(query="milk"),
                                         [ids["buy milk"]])
    assert settled.marked.ids == {ids["buy milk"]}
    assert settled.count == 1
    assert settled.shown == {ids["buy milk"]}
    # a whole list: the narrower search is kept, widening it again brings nothing back
    whole = await services.bulk.settle(Marked.every(scope(), datetime.now(UTC)),
                                       scope(query="m"), list(ids.values()))
    assert whole.count == 3  # pay rent (#Home), call mum, buy milk; not the dentist
    assert ids["dentist"] not in whole.shown
    wider = await services.bulk.settle(whole.marked, scope(), list(ids.values()))
    assert wider.count == 3
    assert wider.shown == whole.shown


async def test_completing_many_adds_the_next_occurrence_of_a_repeating_one(
        services: Services) -> None:
    ids = await seed(services)
    before = await state(services)
    marked = Marked(ids=frozenset({ids["pay rent"], ids["buy milk"]}))
    assert await services.bulk.set_done(marked, True, now=NOW, origin="o") == 2
    tasks = await services.tasks.all(include_done=True)
    done = {t.title for t in tasks if t.status is Status.DONE}
    assert done == {"pay rent", "buy milk"}
    follow = [t for t in tasks if t.title == "pay rent" and t.status is Status.OPEN]
    assert len(follow) == 1 and follow[0].due == Due.on(date(2026, 12, 27))
    assert (await services.history.recent(1))[0].summary == "complete 2 tasks"
    await services.history.undo("o")
    assert await state(services) == before
    # and reopening them takes the next occurrence back
    await services.bulk.set_done(marked, True, now=NOW, origin="o")
    assert await services.bulk.set_done(marked, False, origin="o") == 2
    assert await state(services) == before


async def test_deleting_many_is_one_change(services: Services) -> None:
    ids = await seed(services)
    before = await state(services)
    marked = Marked.every(scope(query="-#home"), datetime.now(UTC))
    assert await services.bulk.delete(marked, origin="o") == 3
    assert set(await titles(services)) == {"pay rent"}
    trash = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY)
    assert {t.id for t in trash.tasks} == {ids["call mum"], ids["dentist"], ids["buy milk"]}
    await services.history.undo("o")
    assert await state(services) == before


async def test_moving_and_tagging_many(services: Services) -> None:
    ids = await seed(services)
    before = await state(services)
    work = await services.categories.create("Work")
    after_category = await state(services)
    marked = Marked(ids=frozenset({ids["pay rent"], ids["call mum"]}))
    assert await services.bulk.move(marked, work.id, origin="o") == 2
    tasks = await titles(services)
    assert tasks["pay rent"].category_id == tasks["call mum"].category_id == work.id
    assert await services.bulk.tag(marked, add=("urgent", "Family"), remove=("bills",),
                                   origin="o") == 2
    tasks = await titles(services)
    assert tasks["pay rent"].tags == ("family", "urgent")  # the existing tag's spelling
    assert tasks["call mum"].tags == ("family", "urgent")
    assert (await services.history.recent(1))[0].summary == \
        "tags +urgent +Family -bills for 2 tasks"
    await services.history.undo("o")
    await services.history.undo("o")
    assert await state(services) == after_category
    await services.history.undo()
    assert await state(services) == before
    with pytest.raises(NotFoundError):
        await services.bulk.move(marked, "f" * 32)


async def test_rescheduling_shifts_each_due_keeping_its_local_time(services: Services) -> None:
    ids = await seed(services)
    before = await state(services)
    marked = Marked(ids=frozenset({ids["pay rent"], ids["dentist"], ids["call mum"]}))
    assert await services.bulk.reschedule(marked, DueChange(shift=Shift(days=2)),
                                          today=TODAY, origin="o") == 3
    tasks = await titles(services)
    assert tasks["pay rent"].due == Due.on(date(2026, 11, 29))
    assert tasks["call mum"].due == Due.on(date(2026, 11, 29))  # no due: from today
    dentist = tasks["dentist"].due
    assert dentist is not None and dentist.local() == datetime(
        2026, 11, 30, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert tasks["buy milk"].due is None
    assert (await services.history.recent(1))[0].summary == "due +2 days for 3 tasks"
    await services.history.undo("o")
    assert await state(services) == before
    assert await services.bulk.reschedule(marked, DueChange(None), origin="o") == 2
    assert all(t.due is None for t in (await titles(services)).values())


async def test_a_repeat_for_many_gives_undated_tasks_the_first_occurrence(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TODO_TUI_NOW", NOW.isoformat())
    monkeypatch.setenv("TZ", "UTC")
    ids = await seed(services)
    before = await state(services)
    marked = Marked(ids=frozenset({ids["pay rent"], ids["call mum"]}))
    change = parse_repeat_change("every! 3 days")
    assert await services.bulk.set_repeat(marked, change, origin="o") == 2
    tasks = await titles(services)
    assert tasks["pay rent"].recurrence == "FREQ=DAILY;INTERVAL=3"
    assert tasks["pay rent"].recurrence_from_completion
    assert tasks["pay rent"].due == Due.on(TODAY)  # kept
    assert tasks["call mum"].due == Due.on(TODAY)  # the first occurrence
    timed = parse_repeat_change("every weekday 9:30")
    assert await services.bulk.set_repeat(marked, timed, origin="o") == 2
    tasks = await titles(services)
    assert {tasks[n].due for n in ("pay rent", "call mum")} == {timed.due}
    assert await services.bulk.set_repeat(marked, RepeatChange(None), origin="o") == 2
    assert (await titles(services))["pay rent"].recurrence is None
    for _ in range(3):
        await services.history.undo("o")
    assert await state(services) == before


async def test_ten_thousand_marked_tasks_are_written_set_based(services: Services) -> None:
    from tests.test_ui.conftest import add_many

    await add_many(services, [f"task {n}" for n in range(2000)], due=TODAY)
    marked = Marked.every(scope(query="task"), datetime.now(UTC))
    assert await services.bulk.count(marked) == 2000
    statements: list[str] = []
    engine = services.db.engine.sync_engine

    def listener(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert await services.bulk.reschedule(marked, DueChange(shift=Shift(days=1)),
                                              today=TODAY, origin="o") == 2000
        assert await services.bulk.set_priority(marked, Priority.HIGH, origin="o") == 2000
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) < 60  # not a statement a task
    assert {t.due for t in await services.tasks.all()} == {Due.on(TODAY + timedelta(days=1))}
    await services.history.undo("o")
    await services.history.undo("o")
    assert {t.due for t in await services.tasks.all()} == {Due.on(TODAY)}


async def trip(services: Services) -> dict[str, str]:
    """trip > (book > train, pack); and a task of its own."""
    top = await services.tasks.add(NewTask(title="trip"))
    book = await services.tasks.add(NewTask(title="book", parent_id=top.id))
    await services.tasks.add(NewTask(title="train", parent_id=book.id))
    await services.tasks.add(NewTask(title="pack", parent_id=top.id))
    await services.tasks.add(NewTask(title="alone"))
    return {t.title: t.id for t in (await titles(services)).values()}


async def test_marked_parents_are_done_with_their_subtasks_and_one_undo_opens_all(
        services: Services) -> None:
    ids = await trip(services)
    before = await state(services)
    marked = Marked(ids=frozenset({ids["trip"], ids["alone"]}))
    assert await services.bulk.set_done(marked, True, origin="tui:1") == 5
    tasks = await titles(services)
    assert {name: tasks[name].status for name in tasks} == dict.fromkeys(tasks, Status.DONE)
    await services.history.undo("tui:1")
    assert await state(services) == before


async def test_reopening_marked_subtasks_reopens_their_parents(services: Services) -> None:
    ids = await trip(services)
    await services.bulk.set_done(Marked(ids=frozenset({ids["trip"]})), True, origin="tui:1")
    assert await services.bulk.set_done(Marked(ids=frozenset({ids["train"]})), False,
                                        origin="tui:1") == 1
    tasks = await titles(services)
    assert {name for name in tasks if tasks[name].status is Status.OPEN} == {
        "trip", "book", "train", "alone"}


async def test_marked_parents_go_to_the_trash_whole_and_come_back_whole(
        services: Services) -> None:
    ids = await trip(services)
    before = await state(services)
    assert await services.bulk.delete(Marked(ids=frozenset({ids["book"]})),
                                      origin="tui:1") == 2
    assert set(await titles(services)) == {"trip", "pack", "alone"}
    await services.history.undo("tui:1")
    assert await state(services) == before


async def test_a_marked_parent_moves_with_its_subtree_and_a_marked_subtask_leaves_its_parent(
        services: Services) -> None:
    ids = await trip(services)
    travel = await services.categories.create("Travel")
    assert await services.bulk.move(Marked(ids=frozenset({ids["trip"]})), travel.id,
                                    origin="tui:1") == 4
    tasks = await titles(services)
    assert {name for name in tasks if tasks[name].category_id == travel.id} == {
        "trip", "book", "train", "pack"}
    assert tasks["train"].parent_id == ids["book"]  # the tree is kept
    assert await services.bulk.move(Marked(ids=frozenset({ids["book"]})), None,
                                    origin="tui:1") == 2
    tasks = await titles(services)
    assert tasks["book"].parent_id is None and tasks["book"].category_id is None
    assert tasks["train"].parent_id == ids["book"] and tasks["train"].category_id is None
    assert tasks["pack"].parent_id == ids["trip"]


async def test_the_reach_of_an_action_counts_the_subtasks_that_go_with_the_marked_tasks(
        services: Services) -> None:
    ids = await trip(services)
    marked = Marked(ids=frozenset({ids["trip"], ids["alone"]}))
    # as many as the action then changes: the marked tasks and their subtrees
    assert await services.bulk.reach(marked, "delete") == 5
    assert await services.bulk.reach(marked, "move") == 5
    await services.bulk.set_done(Marked(ids=frozenset({ids["book"]})), True, origin="tui:1")
    reach = await services.bulk.reach(marked, "done")
    assert reach == 3 == await services.bulk.set_done(marked, True, origin="tui:1")
    assert await services.bulk.reach(marked, "delete") == \
        await services.bulk.delete(marked, origin="tui:1") == 5
