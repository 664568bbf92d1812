"""Every public service method is one unit of work: one connection, one transaction, and a
read of several statements sees one moment of the database."""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event

from todo_tui.capture.reschedule import DueChange, RepeatChange, Shift
from todo_tui.db.engine import Database
from todo_tui.domain import Due, ListKind, ListRef, NewTask, Priority, Sort, TaskChanges
from todo_tui.marks import Marked, Scope
from todo_tui.service import Services
from todo_tui.service.bulk import BulkService
from todo_tui.service.categories import CategoryService
from todo_tui.service.history import HistoryService
from todo_tui.service.lists import ListService
from todo_tui.service.subtask_service import SubtaskService
from todo_tui.service.tasks import TaskService

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@dataclass
class Seeded:
    """What the calls below act on."""

    services: Services
    task: str
    other: str
    category: str
    second_category: str
    view: str
    trashed: str
    sub: str


@pytest.fixture
async def seeded(services: Services) -> Seeded:
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    task = await services.tasks.add(NewTask(title="paint the fence", due=Due.on(TODAY),
                                            category_id=home.id, tags=("out",),
                                            recurrence="FREQ=WEEKLY"))
    other = await services.tasks.add(NewTask(title="call mum"))
    sub = await services.tasks.add(NewTask(title="ask about sunday", parent_id=other.id))
    trashed = await services.tasks.add(NewTask(title="old news", tags=("paper",)))
    await services.tasks.delete(trashed.id)
    # a change of another window, undone: what `redo` makes again
    await services.tasks.add(NewTask(title="typo"), origin="other")
    await services.history.undo("other")
    view = await services.lists.save_view("fences", "fence", ListRef(ListKind.ALL))
    return Seeded(services, task.id, other.id, home.id, work.id, view.id, trashed.id, sub.id)


def marked_all(s: Seeded) -> Marked:
    """The seeded task and its neighbour, one marked by hand and one by a whole list."""
    whole = Marked.every(Scope(ListRef(ListKind.ALL), None, TODAY, NOW), datetime.now(UTC))
    return whole.toggled(s.other, marked_now=True).toggled(s.other, marked_now=False)


Call = Callable[[Seeded], Awaitable[Any]]
CALLS: dict[tuple[type, str], Call] = {
    (TaskService, "add"): lambda s: s.services.tasks.add(NewTask(title="new", category="New")),
    (TaskService, "get"): lambda s: s.services.tasks.get(s.task),
    (TaskService, "resolve_id"): lambda s: s.services.tasks.resolve_id(s.task[:10]),
    (TaskService, "page"): lambda s: s.services.tasks.page(
        ListRef(ListKind.VIEW, view_id=s.view), today=TODAY, around=s.task, now=NOW),
    (TaskService, "index_in_list"): lambda s: s.services.tasks.index_in_list(
        ListRef(ListKind.ALL), s.task, today=TODAY, sort=Sort.TITLE),
    (TaskService, "all"): lambda s: s.services.tasks.all(include_done=True),
    (TaskService, "tag_names"): lambda s: s.services.tasks.tag_names(),
    (TaskService, "find_by"): lambda s: s.services.tasks.find_by(category_id=s.category),
    (TaskService, "counts"): lambda s: s.services.tasks.counts(TODAY, now=NOW),
    (TaskService, "update"): lambda s: s.services.tasks.update(
        s.task, TaskChanges(title="paint the gate", tags=("out", "new")), expected_version=1),
    (TaskService, "edit"): lambda s: s.services.tasks.edit(
        s.task, TaskChanges(start=TODAY), category="Garden", add_tags=("new",),
        remove_tags=("OUT",)),
    (TaskService, "id_prefixes"): lambda s: s.services.tasks.id_prefixes([s.task, s.other]),
    (TaskService, "set_done"): lambda s: s.services.tasks.set_done(s.task, True, now=NOW),
    (TaskService, "toggle"): lambda s: s.services.tasks.toggle(s.task),
    (TaskService, "cycle_priority"): lambda s: s.services.tasks.cycle_priority(s.task),
    (TaskService, "move_to"): lambda s: s.services.tasks.move_to(s.task, s.second_category),
    (TaskService, "swap_order"): lambda s: s.services.tasks.swap_order(
        s.task, s.other, shown=(ListRef(ListKind.ALL), Sort.TITLE, None, TODAY, NOW)),
    (TaskService, "delete"): lambda s: s.services.tasks.delete(s.task),
    (TaskService, "toggle_tree"): lambda s: s.services.tasks.toggle_tree(s.other),
    (SubtaskService, "set_parent"): lambda s: s.services.subtasks.set_parent(s.sub, None),
    (SubtaskService, "indent"): lambda s: s.services.subtasks.indent(
        s.task, (ListRef(ListKind.ALL), Sort.TITLE, None, TODAY, NOW)),
    (SubtaskService, "outdent"): lambda s: s.services.subtasks.outdent(s.sub),
    (SubtaskService, "swap_with_sibling"): lambda s: s.services.subtasks.swap_with_sibling(
        s.task, -1, (ListRef(ListKind.ALL), Sort.TITLE, None, TODAY, NOW)),
    (SubtaskService, "set_collapsed"): lambda s: s.services.subtasks.set_collapsed(s.other, True),
    (SubtaskService, "under"): lambda s: s.services.subtasks.under(s.other),
    (SubtaskService, "ready_trees"): lambda s: s.services.subtasks.ready_trees(TODAY),
    (CategoryService, "list"): lambda s: s.services.categories.list(),
    (CategoryService, "get"): lambda s: s.services.categories.get(s.category),
    (CategoryService, "find"): lambda s: s.services.categories.find("HOME"),
    (CategoryService, "create"): lambda s: s.services.categories.create("Garden"),
    (CategoryService, "rename"): lambda s: s.services.categories.rename(s.category, "House"),
    (CategoryService, "delete"): lambda s: s.services.categories.delete(
        s.category, delete_tasks=False),
    (CategoryService, "move"): lambda s: s.services.categories.move(s.second_category, -1),
    (ListService, "sorts"): lambda s: s.services.lists.sorts(),
    (ListService, "set_sort"): lambda s: s.services.lists.set_sort(
        ListRef(ListKind.TODAY), Sort.DUE),
    (ListService, "views"): lambda s: s.services.lists.views(today=TODAY, now=NOW),
    (ListService, "save_view"): lambda s: s.services.lists.save_view(
        "urgent", "p:high", ListRef(ListKind.TODAY)),
    (ListService, "rename_view"): lambda s: s.services.lists.rename_view(s.view, "fence work"),
    (ListService, "delete_view"): lambda s: s.services.lists.delete_view(s.view),
    (TaskService, "restore"): lambda s: s.services.tasks.restore(s.trashed),
    (TaskService, "purge"): lambda s: s.services.tasks.purge(s.trashed),
    (TaskService, "empty_trash"): lambda s: s.services.tasks.empty_trash(),
    (HistoryService, "recent"): lambda s: s.services.history.recent(5),
    (HistoryService, "peek_undo"): lambda s: s.services.history.peek_undo(),
    (HistoryService, "peek_redo"): lambda s: s.services.history.peek_redo("other"),
    (HistoryService, "undo"): lambda s: s.services.history.undo(),
    (HistoryService, "redo"): lambda s: s.services.history.redo("other"),
    (BulkService, "count"): lambda s: s.services.bulk.count(marked_all(s)),
    (BulkService, "reach"): lambda s: s.services.bulk.reach(marked_all(s), "delete"),
    (BulkService, "settle"): lambda s: s.services.bulk.settle(
        marked_all(s), Scope(ListRef(ListKind.VIEW, view_id=s.view), None, TODAY, NOW),
        [s.task, s.other]),
    (BulkService, "marked_among"): lambda s: s.services.bulk.marked_among(
        marked_all(s), [s.task, s.other]),
    (BulkService, "set_done"): lambda s: s.services.bulk.set_done(marked_all(s), True, now=NOW),
    (BulkService, "delete"): lambda s: s.services.bulk.delete(marked_all(s)),
    (BulkService, "set_priority"): lambda s: s.services.bulk.set_priority(
        marked_all(s), Priority.HIGH),
    (BulkService, "move"): lambda s: s.services.bulk.move(marked_all(s), s.second_category),
    (BulkService, "reschedule"): lambda s: s.services.bulk.reschedule(
        marked_all(s), DueChange(shift=Shift(days=2)), today=TODAY),
    (BulkService, "set_repeat"): lambda s: s.services.bulk.set_repeat(
        marked_all(s), RepeatChange("FREQ=DAILY", due=Due.on(TODAY))),
    (BulkService, "tag"): lambda s: s.services.bulk.tag(marked_all(s), add=("new",),
                                                        remove=("out",)),
}
# the calls that change what the user keeps: each records one operation in its transaction
WRITES = {
    (TaskService, name) for name in ("add", "update", "edit", "set_done", "toggle",
                                     "cycle_priority", "move_to", "swap_order", "delete",
                                     "restore", "purge", "empty_trash", "toggle_tree")
} | {
    (SubtaskService, name) for name in ("set_parent", "indent", "outdent", "swap_with_sibling")
} | {
    (CategoryService, name) for name in ("create", "rename", "delete", "move")
} | {(ListService, name) for name in ("save_view", "rename_view", "delete_view")} | {
    (BulkService, name) for name in ("set_done", "delete", "set_priority", "move", "reschedule",
                                     "set_repeat", "tag")
}


def test_every_public_service_method_is_called_below() -> None:
    public = {(cls, name) for cls in (TaskService, CategoryService, ListService, HistoryService,
                                BulkService, SubtaskService)
              for name, member in vars(cls).items()
              if not name.startswith("_") and inspect.iscoroutinefunction(member)}
    assert public == set(CALLS)


@pytest.mark.parametrize("call", list(CALLS), ids=lambda key: f"{key[0].__name__}.{key[1]}")
async def test_each_call_uses_one_connection_and_one_transaction(
    seeded: Seeded, call: tuple[type, str]
) -> None:
    engine = seeded.services.db.engine.sync_engine
    checkouts: list[object] = []
    begins: list[object] = []
    # the engine is the test's own: the listeners go with it
    event.listen(engine.pool, "checkout", lambda *args: checkouts.append(args))
    event.listen(engine, "begin", lambda *args: begins.append(args))
    await CALLS[call](seeded)
    assert (len(checkouts), len(begins)) == (1, 1)


@pytest.mark.parametrize("call", sorted(WRITES, key=lambda key: (key[0].__name__, key[1])),
                         ids=lambda key: f"{key[0].__name__}.{key[1]}")
async def test_each_write_records_one_operation(seeded: Seeded, call: tuple[type, str]) -> None:
    before = await seeded.services.history.recent(100)
    await CALLS[call](seeded)
    after = await seeded.services.history.recent(100)
    assert len(after) == len(before) + 1
    assert after[1:] == before
    assert not after[0].undone and after[0].summary


def commit_elsewhere(url: str, category_id: str) -> None:
    """Add a task due today in a category, through a connection of its own, and wait."""

    async def add() -> None:
        db = Database.from_url(url)
        try:
            await TaskService(db).add(NewTask(title="fence posts", due=Due.on(TODAY),
                                              category_id=category_id))
        finally:
            await db.dispose()

    thread = threading.Thread(target=lambda: asyncio.run(add()))
    thread.start()
    thread.join()


async def test_the_counts_are_one_moment_of_the_database(
    seeded: Seeded, db_url: str
) -> None:
    counts = seeded.services.tasks.counts
    before = await counts(TODAY, now=NOW)
    engine = seeded.services.db.engine.sync_engine
    written: list[str] = []

    def meanwhile(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().startswith("SELECT") and not written:
            written.append(statement)  # another connection commits after the first read
            commit_elsewhere(db_url, seeded.category)

    event.listen(engine, "after_cursor_execute", meanwhile)
    during = await counts(TODAY, now=NOW)
    event.remove(engine, "after_cursor_execute", meanwhile)
    after = await counts(TODAY, now=NOW)

    assert written
    assert during == before
    home = next(c for c in after.categories if c.id == seeded.category)
    assert (after.today, after.all, home.open_count) == (
        before.today + 1, before.all + 1, 2)
    assert after.views[0].count == before.views[0].count + 1  # "fence" finds the new task
