"""Undo and redo through the operation log, and the trash (issue 15)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from todo_tui.db import models
from todo_tui.domain import (
    Due,
    ListKind,
    ListRef,
    NewTask,
    Priority,
    Status,
    Task,
    TaskChanges,
)
from todo_tui.errors import NotFoundError, NothingToRedo, NothingToUndo, UndoConflict
from todo_tui.service import Services, open_services, oplog

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def same(task: Task) -> tuple[Any, ...]:
    """What a restore or an undo must bring back exactly (not the version or updated_at)."""
    return (task.id, task.title, task.notes, task.status, task.priority, task.due,
            task.recurrence, task.recurrence_from_completion, task.category_id, task.tags,
            task.position, task.created_at, task.completed_at, task.trashed_at)


async def state(services: Services) -> tuple[Any, ...]:
    """Everything a user keeps, as comparable values."""
    tasks = sorted(await services.tasks.all(include_done=True), key=lambda t: t.id)
    trash = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY, limit=1000)
    categories = [(c.id, c.name, c.colour, c.position, c.open_count)
                  for c in await services.categories.list()]
    views = [(v.id, v.name, v.query, v.scope) for v in await services.lists.views(
        today=TODAY, now=NOW)]
    return ([same(t) for t in tasks], sorted(same(t) for t in trash.tasks), categories, views)


async def full(services: Services) -> Services:
    """A database with a bit of everything."""
    home = await services.categories.create("Home", colour="green")
    await services.categories.create("Work")
    await services.tasks.add(NewTask(
        title="pay rent", notes="to *Ann*", priority=Priority.HIGH, due=Due.on(TODAY),
        recurrence="FREQ=MONTHLY", category_id=home.id, tags=("bills", "home")))
    await services.tasks.add(NewTask(title="call mum", tags=("family",)))
    await services.tasks.add(NewTask(title="standup", due=Due.on(TODAY),
                                     recurrence="FREQ=DAILY", category="Work"))
    await services.lists.save_view("bills", "#bills", ListRef(ListKind.ALL))
    return services


async def ids(services: Services) -> dict[str, str]:
    return {t.title: t.id for t in await services.tasks.all(include_done=True)}


async def category_id(services: Services, name: str) -> str:
    found = await services.categories.find(name)
    assert found is not None
    return found.id


Change = Callable[[Services], Awaitable[Any]]


async def _edit(s: Services) -> Any:
    # the due goes with the repeat: a repeating task keeps a due (its series counts from it)
    return await s.tasks.update((await ids(s))["pay rent"], TaskChanges(
        title="pay the rent", notes="", due=None, recurrence=None, tags=("money",),
        priority=Priority.LOW))


async def _view_id(s: Services) -> str:
    return (await s.lists.views(today=TODAY, now=NOW))[0].id


CHANGES: dict[str, Change] = {
    "add": lambda s: s.tasks.add(NewTask(title="new", category="Garden", tags=("x",))),
    "edit": _edit,
    "complete a repeating task": lambda s: _by_title(s, "standup", lambda i: s.tasks.set_done(
        i, True, now=NOW)),
    "toggle": lambda s: _by_title(s, "call mum", s.tasks.toggle),
    "delete": lambda s: _by_title(s, "pay rent", s.tasks.delete),
    "priority": lambda s: _by_title(s, "call mum", s.tasks.cycle_priority),
    "move": lambda s: _by_title(s, "call mum", lambda i: _move(s, i)),
    "swap_order": lambda s: _swap(s),
    "create category": lambda s: s.categories.create("Garden"),
    "rename category": lambda s: _in_category(s, "Home", lambda c: s.categories.rename(
        c, "House")),
    "move category": lambda s: _in_category(s, "Work", lambda c: s.categories.move(c, -1)),
    "delete category, tasks to the Inbox": lambda s: _in_category(
        s, "Home", lambda c: s.categories.delete(c, delete_tasks=False)),
    "delete category and its tasks": lambda s: _in_category(
        s, "Home", lambda c: s.categories.delete(c, delete_tasks=True)),
    "save view": lambda s: s.lists.save_view("p", "p:high", ListRef(ListKind.ALL)),
    "rename view": lambda s: _view(s, lambda v: s.lists.rename_view(v, "money")),
    "delete view": lambda s: _view(s, s.lists.delete_view),
    "restore": lambda s: _restore(s),
    "purge": lambda s: _purge(s),
}


async def _by_title(s: Services, title: str, call: Callable[[str], Awaitable[Any]]) -> Any:
    return await call((await ids(s))[title])


async def _move(s: Services, task_id: str) -> Any:
    return await s.tasks.move_to(task_id, await category_id(s, "Work"))


async def _swap(s: Services) -> Any:
    found = await ids(s)
    return await s.tasks.swap_order(found["pay rent"], found["call mum"])


async def _in_category(s: Services, name: str, call: Callable[[str], Awaitable[Any]]) -> Any:
    return await call(await category_id(s, name))


async def _view(s: Services, call: Callable[[str], Awaitable[Any]]) -> Any:
    return await call(await _view_id(s))


async def _restore(s: Services) -> Any:
    return await s.tasks.restore(await _trashed(s))


async def _purge(s: Services) -> Any:
    return await s.tasks.purge(await _trashed(s))


async def _trashed(s: Services) -> str:
    page = await s.tasks.page(ListRef(ListKind.TRASH), today=TODAY)
    return page.tasks[0].id


@pytest.mark.parametrize("name", list(CHANGES))
async def test_every_change_is_undone_and_redone_exactly(services: Services, name: str) -> None:
    await full(services)
    # something in the trash, for restore and purge to act on
    await services.tasks.delete((await ids(services))["call mum"], origin="setup")
    if name in ("toggle", "priority", "move", "swap_order"):
        await services.history.undo("setup")
    before = await state(services)
    await CHANGES[name](services)
    after = await state(services)
    assert after != before

    undone = await services.history.undo()
    assert await state(services) == before
    assert undone.summary
    redone = await services.history.redo()
    assert redone.operation_id == undone.operation_id
    assert await state(services) == after
    # and back again: the log walks both ways as often as asked
    await services.history.undo()
    assert await state(services) == before


async def test_a_dozen_mixed_changes_walk_back_and_forth(services: Services) -> None:
    states = [await state(services)]
    await full(services)
    for name in ("edit", "priority", "move", "delete category and its tasks", "save view",
                 "complete a repeating task"):
        await CHANGES[name](services)
    end = await state(services)
    found = await services.history.recent(100)
    # every change of full() and the six above
    assert len(found) == 12
    for _ in found:
        await services.history.undo()
    assert await state(services) == states[0]
    with pytest.raises(NothingToUndo):
        await services.history.undo()
    for _ in found:
        await services.history.redo()
    with pytest.raises(NothingToRedo):
        await services.history.redo()
    assert await state(services) == end


async def test_undoing_a_delete_restores_exactly(services: Services) -> None:
    await full(services)
    rent = await services.tasks.get((await ids(services))["pay rent"])
    await services.tasks.delete(rent.id)
    undone = await services.history.undo()
    assert undone.summary == "delete 'pay rent'" and undone.task_id == rent.id
    assert undone.ref_hint == ListRef(ListKind.CATEGORY, category_id=rent.category_id)
    back = await services.tasks.get(rent.id)
    assert same(back) == same(rent)


async def test_a_category_deleted_with_its_tasks_comes_back_with_them(
    services: Services,
) -> None:
    await full(services)
    before = await state(services)
    counts = await services.tasks.counts(TODAY)
    home = await category_id(services, "Home")
    assert await services.categories.delete(home, delete_tasks=True) == 1
    assert (await services.tasks.counts(TODAY)).trash == 1
    assert await services.categories.find("Home") is None
    undone = await services.history.undo()
    assert undone.category_id == home
    assert await state(services) == before
    again = await services.tasks.counts(TODAY)
    assert replace(again, categories=()) == replace(counts, categories=())
    assert [(c.id, c.open_count) for c in again.categories] == [
        (c.id, c.open_count) for c in counts.categories]


async def test_undo_refuses_a_field_changed_elsewhere_and_writes_nothing(db_url: str) -> None:
    mine = await open_services(db_url)
    theirs = await open_services(db_url)
    try:
        await full(mine)
        rent = (await ids(mine))["pay rent"]
        await mine.tasks.update(rent, TaskChanges(title="pay the rent"), origin="tui:a")
        await theirs.tasks.update(rent, TaskChanges(title="pay rent now"), origin="tui:b")
        before = await state(mine)
        with pytest.raises(UndoConflict, match="title changed since"):
            await mine.history.undo("tui:a")
        assert await state(mine) == before
        assert not (await mine.history.peek_undo("tui:a")).undone
        # a field the change did not write may have changed: the undo goes ahead
        await theirs.tasks.update(rent, TaskChanges(title="pay the rent"), origin="tui:b")
        await theirs.tasks.update(rent, TaskChanges(notes="by Friday"), origin="tui:b")
        await mine.history.undo("tui:a")
        back = await mine.tasks.get(rent)
        assert (back.title, back.notes) == ("pay rent", "by Friday")
    finally:
        await mine.close()
        await theirs.close()


async def test_undo_of_a_deleted_task_refuses(services: Services) -> None:
    await full(services)
    mum = (await ids(services))["call mum"]
    await services.tasks.cycle_priority(mum, origin="a")
    await services.tasks.delete(mum, origin="b")
    await services.tasks.purge(mum, origin="b")
    with pytest.raises(UndoConflict, match="deleted since"):
        await services.history.undo("a")


async def test_undo_and_redo_follow_the_origin(services: Services) -> None:
    await full(services)
    mum = (await ids(services))["call mum"]
    await services.tasks.cycle_priority(mum, origin="a")
    await services.tasks.update(mum, TaskChanges(notes="sunday"), origin="b")
    undone = await services.history.undo("a")
    assert "priority" in undone.summary
    task = await services.tasks.get(mum)
    assert (task.priority, task.notes) == (Priority.NONE, "sunday")
    with pytest.raises(NothingToRedo):
        await services.history.redo("b")
    # a new change by the same origin ends what it can redo
    await services.tasks.update(mum, TaskChanges(title="call mum back"), origin="a")
    with pytest.raises(NothingToRedo):
        await services.history.redo("a")


async def test_the_trash_keeps_tasks_out_of_every_list_count_and_search(
    services: Services,
) -> None:
    await full(services)
    rent = (await ids(services))["pay rent"]
    await services.tasks.set_done(rent, True, now=NOW)
    done_before = (await services.tasks.counts(TODAY)).done
    await services.tasks.delete(rent)
    counts = await services.tasks.counts(TODAY)
    assert (counts.trash, counts.done) == (1, done_before - 1)
    for kind in (ListKind.ALL, ListKind.DONE, ListKind.TODAY, ListKind.INBOX):
        page = await services.tasks.page(ListRef(kind), today=TODAY)
        assert rent not in [t.id for t in page.tasks]
    from todo_tui.search.parse import parse_query

    for text in ("rent", "is:done", "-is:open", "#bills"):
        page = await services.tasks.page(ListRef(ListKind.ALL), today=TODAY,
                                         query=parse_query(text))
        assert rent not in [t.id for t in page.tasks], text
    assert rent not in [t.id for t in await services.tasks.all(include_done=True)]
    trash = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY)
    assert [t.id for t in trash.tasks] == [rent]
    assert trash.tasks[0].status is Status.DONE and trash.tasks[0].trashed_at is not None


async def test_restore_brings_back_a_category_that_went_to_the_trash(
    services: Services,
) -> None:
    await full(services)
    home = await category_id(services, "Home")
    rent = await services.tasks.get((await ids(services))["pay rent"])
    await services.categories.delete(home, delete_tasks=True)
    back = await services.tasks.restore(rent.id)
    assert same(back) == same(rent)
    assert [c.name for c in await services.categories.list()] == ["Home", "Work"]
    with pytest.raises(NotFoundError):
        await services.tasks.restore(rent.id)


async def test_empty_trash_and_the_purge_at_a_start(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await full(services)
    found = await ids(services)
    await services.tasks.delete(found["pay rent"])
    await services.tasks.delete(found["call mum"])
    # pay rent went to the trash 31 days ago
    async with services.db.write() as session:
        await session.execute(update(models.Task).where(models.Task.id == found["pay rent"])
                              .values(trashed_at=models.utcnow() - timedelta(days=31)))
    again = await open_services(db_url)
    try:
        trash = await again.tasks.page(ListRef(ListKind.TRASH), today=TODAY)
        assert [t.id for t in trash.tasks] == [found["call mum"]]
    finally:
        await again.close()
    monkeypatch.setenv("TODO_TUI_TRASH_DAYS", "0")
    again = await open_services(db_url)
    try:
        assert (await again.tasks.counts(TODAY)).trash == 0
    finally:
        await again.close()
    await services.tasks.delete(found["standup"])
    assert await services.tasks.empty_trash() == 1
    assert (await services.tasks.counts(TODAY)).trash == 0


async def test_the_log_is_capped_by_count_and_by_age(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oplog, "MAX_OPERATIONS", 5)
    task = await services.tasks.add(NewTask(title="busy"))
    for _ in range(8):
        await services.tasks.cycle_priority(task.id)
    recent = await services.history.recent(100)
    assert len(recent) == 5
    async with services.db.write() as session:
        await session.execute(update(models.Operation).where(
            models.Operation.id == recent[-1].id).values(
                at=models.utcnow() - timedelta(days=oplog.MAX_AGE_DAYS + 1)))
    again = await open_services(db_url)
    try:
        assert [op.id for op in await again.history.recent(100)] == [
            op.id for op in recent[:-1]]
    finally:
        await again.close()


async def test_reopen_undone_brings_back_the_next_occurrence(services: Services) -> None:
    await full(services)
    standup = (await ids(services))["standup"]
    _, follow = await services.tasks.set_done(standup, True, now=NOW)
    assert follow is not None
    await services.tasks.set_done(standup, False)
    assert len(await services.tasks.all()) == 3
    await services.history.undo()
    assert follow.id in [t.id for t in await services.tasks.all()]
    undone = await services.history.undo()
    assert undone.summary == "complete 'standup'"
    assert follow.id not in (await ids(services)).values()
    assert replace(await services.tasks.get(standup), version=0).status is Status.OPEN


async def test_a_refused_undo_names_the_change_and_passing_over_it_undoes_the_one_before(
        services: Services) -> None:
    from todo_tui.errors import UndoRefused

    await full(services)
    found = await ids(services)
    await services.tasks.cycle_priority(found["pay rent"], origin="a")
    await services.tasks.cycle_priority(found["call mum"], origin="a")
    await services.tasks.update(found["call mum"], TaskChanges(notes="x"), origin="b")
    await services.tasks.cycle_priority(found["call mum"], origin="b")
    newest = (await services.history.recent(3))[2]
    for _ in range(2):  # refused again and again, the same way, writing nothing
        with pytest.raises(UndoRefused, match="priority changed since") as refused:
            await services.history.undo("a")
        assert refused.value.operation_id == newest.id
    rent = await services.tasks.get(found["pay rent"])
    # passing over a change that is no longer the newest passes over nothing
    assert (await services.history.peek_undo("a", pass_over=newest.id - 1)).id == newest.id
    older = await services.history.peek_undo("a", pass_over=newest.id)
    assert "pay rent" in older.summary
    undone = await services.history.undo("a", pass_over=newest.id)
    assert "pay rent" in undone.summary
    assert (await services.tasks.get(found["pay rent"])).priority != rent.priority
    history = {op.id: op for op in await services.history.recent(10)}
    assert history[newest.id].passed_over and not history[newest.id].undone
    # no undo offers it again; redo makes the undone one again, not the passed-over one
    with pytest.raises(NothingToUndo):
        await services.history.undo("a")
    redone = await services.history.redo("a")
    assert "pay rent" in redone.summary
    assert (await services.history.peek_undo("a")).summary == redone.summary


async def test_passing_over_is_kept_when_the_change_before_is_refused_too(
        services: Services) -> None:
    from todo_tui.errors import UndoRefused

    await full(services)
    found = await ids(services)
    for title in ("pay rent", "call mum"):
        await services.tasks.cycle_priority(found[title], origin="a")
        await services.tasks.cycle_priority(found[title], origin="b")
    with pytest.raises(UndoRefused) as first:
        await services.history.undo("a")
    with pytest.raises(UndoRefused, match="pay rent") as second:
        await services.history.undo("a", pass_over=first.value.operation_id)
    assert second.value.operation_id < first.value.operation_id
    with pytest.raises(NothingToUndo, match="nothing older"):
        await services.history.undo("a", pass_over=second.value.operation_id)
    assert [op.passed_over for op in await services.history.recent(10)
            if op.origin == "a"] == [True, True]
