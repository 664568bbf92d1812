"""The stored tree counts (migration 0012, `tasks.open_below`) always equal a count worked out
again in Python from the tasks' parents, statuses and collapsed flags: after every way the
tree changes (adding, completing, reopening, a repeating parent's next occurrence, the trash,
moves, collapsing, acting on marked tasks, undo and redo, an import, the demo's nesting), at
the migration itself, and along a seeded random walk of all of these, on both backends."""

from __future__ import annotations

import io
import json
import random
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sqlalchemy import Table, insert, text

from todo_tui.db import models
from todo_tui.db.engine import Database, create_engine
from todo_tui.domain import Due, ListKind, ListRef, NewTask, Sort, Task, TaskChanges
from todo_tui.errors import TodoError
from todo_tui.marks import Marked
from todo_tui.service import Services, open_services
from todo_tui.service.demo import fill_demo
from todo_tui.service.demo_trees import nest_demo
from todo_tui.transfer import jsonfmt, todoist
from todo_tui.transfer.outgoing import exported_tasks
from todo_tui.transfer.store import import_records

from ..conftest import empty_database
from .migrating import STAMP, database_at

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
OPEN = "open"
TASKS = cast(Table, models.Task.__table__)

# -- the count, worked out again ---------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """What the count of a task depends on, and what is stored."""

    id: str
    title: str
    parent_id: str | None
    status: str
    collapsed: bool
    open_below: int


async def rows_of(db: Database) -> list[Row]:
    """Every task in the table (trashed ones too), as stored."""
    async with db.read() as session:
        found = await session.execute(text(
            "SELECT id, title, parent_id, status, collapsed, open_below "
            "FROM tasks ORDER BY position, id"))
        return [Row(r.id, r.title, r.parent_id, r.status, bool(r.collapsed), int(r.open_below))
                for r in found]


def expected_counts(rows: list[Row]) -> dict[str, int]:
    """Each task's count by its definition: the sum, over its children that are open, of one
    and, unless that child is collapsed, that child's own count."""
    children: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.parent_id is not None:
            children[row.parent_id].append(row)
    counted: dict[str, int] = {}

    def count(task_id: str, depth: int) -> int:
        assert depth <= len(rows), f"the parents of task {task_id} make a cycle"
        if task_id not in counted:
            counted[task_id] = sum(
                1 + (0 if child.collapsed else count(child.id, depth + 1))
                for child in children[task_id] if child.status == OPEN)
        return counted[task_id]

    return {row.id: count(row.id, 0) for row in rows}


def wrong_counts(rows: list[Row]) -> list[str]:
    """The tasks whose stored count is not the count worked out again, by title."""
    expected = expected_counts(rows)
    return [f"{row.title!r} (status {row.status}): stored {row.open_below}, "
            f"expected {expected[row.id]}"
            for row in rows if row.open_below != expected[row.id]]


async def check(services: Services, after: str) -> list[Row]:
    """Assert that every stored count is right; returns the rows read."""
    rows = await rows_of(services.db)
    wrong = wrong_counts(rows)
    assert not wrong, f"wrong tree counts after {after}: " + "; ".join(wrong)
    return rows


async def with_undo(services: Services, what: str,
                    change: Callable[[], Awaitable[object]]) -> None:
    """Make a change, then undo it, redo it, and check the counts after each."""
    await change()
    await check(services, what)
    await services.history.undo()
    await check(services, f"undo of {what}")
    await services.history.redo()
    await check(services, f"redo of {what}")


# -- a tree to change --------------------------------------------------------------------------

# (title, parent title): A > B > C > D > E > F five levels below A, with branches beside them
TREE = [("A", None), ("B", "A"), ("C", "B"), ("D", "C"), ("E", "D"), ("F", "E"),
        ("G", "B"), ("H", "A"), ("I", "H"), ("J", None), ("K", "J"), ("L", "K")]


async def build(services: Services, shape: Sequence[tuple[str, str | None]] = TREE, *,
                category: str | None = "Home", after_each: bool = True) -> dict[str, Task]:
    """Add the tasks of `shape` (a top-level task in `category`), checking after each."""
    tasks: dict[str, Task] = {}
    category_id = None
    if category is not None:
        found = await services.categories.find(category)
        category_id = (found or await services.categories.create(category)).id
    for title, parent in shape:
        tasks[title] = await services.tasks.add(NewTask(
            title=title, parent_id=None if parent is None else tasks[parent].id,
            category_id=category_id if parent is None else None))
        if after_each:
            await check(services, f"adding {title!r}")
    return tasks


def counts(rows: list[Row]) -> dict[str, int]:
    return {row.title: row.open_below for row in rows}


def view(task: Task) -> tuple[ListRef, Sort, None, date, datetime]:
    """The task's category list as shown, sorted by hand."""
    ref = (ListRef(ListKind.INBOX) if task.category_id is None
           else ListRef(ListKind.CATEGORY, task.category_id))
    return ref, Sort.MANUAL, None, TODAY, NOW


# -- each way the tree changes -----------------------------------------------------------------


async def test_subtasks_added_to_five_levels_and_collapsed_at_several(
        services: Services) -> None:
    tasks = await build(services)
    rows = await check(services, "building the tree")
    # the check itself: the counts are the ones the tree gives
    assert counts(rows) == {"A": 8, "B": 5, "C": 3, "D": 2, "E": 1, "F": 0, "G": 0, "H": 1,
                            "I": 0, "J": 2, "K": 1, "L": 0}
    collapse = services.subtasks.set_collapsed
    await collapse(tasks["D"].id, True)  # hides E and F from C, B and A
    assert counts(await check(services, "collapsing D"))["A"] == 6
    await collapse(tasks["B"].id, True)  # a collapsed task inside a collapsed one
    assert counts(await check(services, "collapsing B above D"))["A"] == 3
    await collapse(tasks["F"].id, True)  # collapsing a task without subtasks
    await check(services, "collapsing F")
    await collapse(tasks["D"].id, False)  # expanded inside a collapsed one
    assert counts(await check(services, "expanding D inside B"))["B"] == 5
    await collapse(tasks["B"].id, False)
    assert counts(await check(services, "expanding B"))["A"] == 8
    await collapse(tasks["A"].id, True)  # a top-level task's own count stays
    assert counts(await check(services, "collapsing A"))["A"] == 8
    # a subtask added under a collapsed task, and one under a task inside it
    await services.tasks.add(NewTask(title="M", parent_id=tasks["A"].id))
    await collapse(tasks["C"].id, True)
    await services.tasks.add(NewTask(title="N", parent_id=tasks["E"].id))
    rows = await check(services, "adding under collapsed tasks")
    assert counts(rows)["C"] == 4 and counts(rows)["B"] == 2
    # undo of an add takes the subtask away again; redo adds it back
    await services.history.undo()
    await check(services, "undo of adding N")
    await services.history.redo()
    await check(services, "redo of adding N")


async def test_completing_and_reopening_carry_subtasks_and_ancestors(
        services: Services) -> None:
    tasks = await build(services, after_each=False)
    await services.subtasks.set_collapsed(tasks["C"].id, True)
    # completing B completes C..G under it; A keeps the other branch
    await with_undo(services, "completing B",
                    lambda: services.tasks.set_done(tasks["B"].id, True))
    assert counts(await check(services, "completing B"))["A"] == 2
    # reopening E (done with B) reopens D, C and B above it
    await with_undo(services, "reopening E",
                    lambda: services.tasks.set_done(tasks["E"].id, False))
    rows = {row.title: row for row in await check(services, "reopening E")}
    assert [rows[name].status for name in "BCDEF"] == ["open", "open", "open", "open", "done"]
    # toggle_tree completes A's whole tree, and once more opens A again (not its subtasks)
    await with_undo(services, "toggle_tree on A", lambda: services.tasks.toggle_tree(
        tasks["A"].id))
    await with_undo(services, "toggle_tree on A again", lambda: services.tasks.toggle_tree(
        tasks["A"].id))
    # a subtask added under a done parent opens it and its ancestors
    await services.tasks.set_done(tasks["J"].id, True)
    await with_undo(services, "adding under a done parent", lambda: services.tasks.add(
        NewTask(title="M", parent_id=tasks["L"].id)))
    # completing a leaf, then its parent, then reopening the leaf
    await services.tasks.toggle(tasks["I"].id)
    await check(services, "completing I")
    await services.tasks.toggle(tasks["H"].id)
    await check(services, "completing H")
    await with_undo(services, "reopening I", lambda: services.tasks.toggle(tasks["I"].id))


async def test_a_repeating_parent_brings_its_open_subtasks_to_its_next_occurrence(
        services: Services) -> None:
    shape = [("R", None), ("R1", "R"), ("R2", "R1"), ("R3", "R2"), ("R4", "R"), ("R5", "R4")]
    tasks = await build(services, shape, category=None)
    await services.tasks.update(tasks["R"].id, TaskChanges(
        due=Due.on(TODAY), recurrence="FREQ=DAILY"))
    await services.subtasks.set_collapsed(tasks["R4"].id, True)
    await services.tasks.set_done(tasks["R5"].id, True)
    await check(services, "preparing the repeating tree")
    await services.tasks.set_done(tasks["R"].id, True, now=NOW)
    rows = await check(services, "completing a repeating parent")
    assert sorted(row.open_below for row in rows if row.title == "R") == [0, 4]
    await services.history.undo()
    await check(services, "undo of completing a repeating parent")
    await services.history.redo()  # the copies come back expanded (collapsed is not logged)
    rows = await check(services, "redo of completing a repeating parent")
    # the next occurrence completed again, as a marked task this time
    follow = next(r.id for r in rows if r.title == "R" and r.status == OPEN)
    await with_undo(services, "completing a marked repeating parent",
                    lambda: services.bulk.set_done(Marked(ids=frozenset({follow})), True,
                                                   now=NOW))


async def test_the_trash_restore_purge_and_emptying_it(services: Services) -> None:
    tasks = await build(services, after_each=False)
    await services.tasks.set_done(tasks["G"].id, True)
    await services.subtasks.set_collapsed(tasks["D"].id, True)
    await with_undo(services, "deleting C", lambda: services.tasks.delete(tasks["C"].id))
    await with_undo(services, "deleting B", lambda: services.tasks.delete(tasks["B"].id))
    # restoring E brings back D, C and B above it, and F below it
    await with_undo(services, "restoring E", lambda: services.tasks.restore(tasks["E"].id))
    await services.tasks.delete(tasks["C"].id)
    await check(services, "deleting C again")
    # purging C deletes D, E, F with it; undo puts the rows back
    await with_undo(services, "purging C", lambda: services.tasks.purge(tasks["C"].id))
    await services.tasks.delete(tasks["H"].id)
    await services.tasks.delete(tasks["K"].id)
    await with_undo(services, "emptying the trash", services.tasks.empty_trash)
    # undo of the purge (two changes back) brings C's tree into the trash again
    await services.history.undo()
    await check(services, "undo of emptying the trash")
    await services.history.undo()
    await check(services, "undo of deleting K")
    await services.history.undo()
    await check(services, "undo of deleting H")
    await services.history.undo()
    rows = await check(services, "undo of purging C")
    assert "F" in counts(rows)
    await services.tasks.restore(tasks["F"].id)
    await check(services, "restoring F (and its ancestors)")
    # a subtask made before its parent: emptying the trash reads it first (in the table's
    # order), so its undo puts it back before its parent, whose count is worked out from it
    older = await services.tasks.add(NewTask(title="older"))
    newer = await services.tasks.add(NewTask(title="newer"))
    await services.subtasks.set_parent(older.id, newer.id)
    await services.tasks.delete(newer.id)
    await with_undo(services, "emptying the trash of a subtask older than its parent",
                    services.tasks.empty_trash)
    await services.history.undo()
    await services.history.undo()
    assert counts(await check(services, "undo of deleting 'newer'"))["newer"] == 1


async def test_moving_subtrees_indenting_outdenting_and_other_categories(
        services: Services) -> None:
    tasks = await build(services, after_each=False)
    await services.subtasks.set_collapsed(tasks["K"].id, True)
    await services.tasks.set_done(tasks["I"].id, True)
    subtasks = services.subtasks
    await with_undo(services, "moving C under K (collapsed)",
                    lambda: subtasks.set_parent(tasks["C"].id, tasks["K"].id))
    await with_undo(services, "moving D under I (done: reopened)",
                    lambda: subtasks.set_parent(tasks["D"].id, tasks["I"].id))
    await with_undo(services, "moving H to the top", lambda: subtasks.set_parent(
        tasks["H"].id, None))
    await with_undo(services, "outdenting D", lambda: subtasks.outdent(tasks["D"].id))
    d_now = await services.tasks.get(tasks["D"].id)
    await with_undo(services, "indenting D", lambda: subtasks.indent(d_now.id, view(d_now)))
    j_now = await services.tasks.get(tasks["J"].id)
    await with_undo(services, "indenting J", lambda: subtasks.indent(j_now.id, view(j_now)))
    work = await services.categories.create("Work")
    # a subtask filed elsewhere leaves its parent, with its own subtasks
    await with_undo(services, "filing C under Work",
                    lambda: services.tasks.move_to(tasks["C"].id, work.id))
    await with_undo(services, "filing A in the Inbox",
                    lambda: services.tasks.move_to(tasks["A"].id, None))
    await with_undo(services, "deleting the category Work with its tasks",
                    lambda: services.categories.delete(work.id, delete_tasks=True))
    home = await services.categories.find("Home")
    assert home is not None
    await with_undo(services, "deleting the category Home, its tasks to the Inbox",
                    lambda: services.categories.delete(home.id, delete_tasks=False))


async def test_marked_tasks_completed_deleted_and_moved_at_once(services: Services) -> None:
    tasks = await build(services, after_each=False)
    await services.subtasks.set_collapsed(tasks["H"].id, True)
    work = await services.categories.create("Work")
    bulk = services.bulk
    # a parent and some of its subtasks marked together, and tasks of another tree
    marked = Marked(ids=frozenset(tasks[name].id for name in ("B", "D", "I", "K")))
    await with_undo(services, "completing marked tasks", lambda: bulk.set_done(marked, True))
    await with_undo(services, "reopening marked tasks", lambda: bulk.set_done(marked, False))
    await with_undo(services, "moving marked tasks",
                    lambda: bulk.move(Marked(ids=frozenset({tasks["D"].id, tasks["H"].id})),
                                      work.id))
    everything = Marked(ids=frozenset(task.id for task in tasks.values()))
    await with_undo(services, "deleting marked tasks", lambda: bulk.delete(marked))
    # more than oplog.GROUP_MIN rows given the same values: one UPDATE for many rows
    many = await build(services, [("P", None)] + [(f"P{i}", "P") for i in range(12)]
                       + [(f"Q{i}", f"P{i}") for i in range(12)], after_each=False)
    lots = Marked(ids=frozenset(task.id for task in many.values()))
    await with_undo(services, "completing 25 marked tasks", lambda: bulk.set_done(lots, True))
    await with_undo(services, "reopening 25 marked tasks", lambda: bulk.set_done(lots, False))
    await with_undo(services, "deleting 25 marked tasks", lambda: bulk.delete(lots))
    await services.history.undo()
    await with_undo(services, "moving everything marked", lambda: bulk.move(everything, None))


def _json_of(items: list[dict[str, Any]]) -> io.StringIO:
    return io.StringIO(json.dumps(items))


async def exported(services: Services) -> list[dict[str, Any]]:
    """Our JSON export of every task, the trash too, as dicts."""
    out = io.StringIO()
    writer = jsonfmt.Writer(out, "UTC")
    async for task in exported_tasks(services.db, None, trashed=True):
        writer.add(task)
    writer.close()
    return list(json.loads(out.getvalue()))


async def import_json(services: Services, items: list[dict[str, Any]]) -> None:
    await import_records(services.db, jsonfmt.read(_json_of(items), "tree.json", "UTC"),
                         label="json from tree.json", origin="test")


@pytest.fixture
def fresh_url(tmp_path: Path, backend: str) -> Iterator[str]:
    """A second empty database on the test's backend."""
    yield from empty_database(tmp_path, backend, "fresh.db")


async def test_our_json_with_subtasks_imported_read_back_and_updated(
        services: Services, fresh_url: str) -> None:
    tasks = await build(services, after_each=False)
    await services.tasks.set_done(tasks["E"].id, True)
    await services.tasks.delete(tasks["K"].id)
    items = await exported(services)
    fresh = await open_services(fresh_url)
    try:
        await import_json(fresh, items)
        rows = await check(fresh, "our JSON read back into an empty database")
        assert counts(rows)["A"] == 6
        await fresh.history.undo()
        await check(fresh, "undo of the import")
    finally:
        await fresh.close()
    # read back into the database it came from, changed: new subtasks (under existing tasks
    # and under each other, one under a collapsed task), a subtask moved, one reopened,
    # one completed
    await services.subtasks.set_collapsed(tasks["H"].id, True)
    by_title = {item["title"]: item for item in items}
    by_title["G"]["parent_id"] = tasks["J"].id
    by_title["E"]["status"] = "open"
    by_title["E"]["completed_at"] = None
    by_title["I"]["status"] = "done"
    new = [dict(by_title["F"], id=f"{n:032x}", title=f"new {n}", parent_id=parent,
                position=1000 + n, status="open", completed_at=None)
           for n, parent in enumerate([tasks["H"].id, tasks["A"].id, f"{1:032x}",
                                       f"{2:032x}", tasks["E"].id], start=1)]
    await import_json(services, items + new)
    rows = await check(services, "our JSON imported again, changed")
    assert counts(rows)["new 1"] == 1 and counts(rows)["A"] == 8
    await services.history.undo()
    await check(services, "undo of the second import")


async def test_todoist_indents_imported_as_subtasks(services: Services) -> None:
    csv = ("TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT\n"
           "task,trip,,4,1\ntask,book,,4,2\ntask,train,,4,3\ntask,seat,,4,4\n"
           "task,hotel,,4,2\ntask,taxes,,4,1\n")
    await import_records(services.db, todoist.read(io.StringIO(csv), "Holiday.csv", "UTC"),
                         label="todoist from Holiday.csv", origin="test")
    rows = await check(services, "a Todoist import with indents")
    assert counts(rows) == {"trip": 4, "book": 2, "train": 1, "seat": 0, "hotel": 0,
                            "taxes": 0}
    await services.history.undo()
    await check(services, "undo of the Todoist import")


async def test_the_demo_made_tree_heavy(services: Services) -> None:
    await fill_demo(services.db, 300, seed=3, now=NOW)
    moved, big = await nest_demo(services.db, share=0.4, levels=5, seed=2, big=25)
    assert moved > 25 and big is not None
    rows = await check(services, "nest_demo")
    assert next(row.open_below for row in rows if row.id == big) >= 25
    assert max(expected_counts(rows).values()) >= 25


@pytest.mark.parametrize("order", ["parents first", "subtasks first"])
async def test_one_statement_inserting_a_parent_and_its_subtasks(
        services: Services, order: str) -> None:
    # as the ORM writes a repeating task's copied subtasks, or any writer may: one INSERT
    # of many rows, a task's parent among them (before it or after it)
    shape = [("P", None), ("C", "P"), ("G", "C"), ("S", "P")]
    ids = {title: f"{n:032x}" for n, (title, _parent) in enumerate(shape, start=1)}
    values = [dict(id=ids[title], title=title, notes="", status=OPEN, priority=0,
                   recurrence_from_completion=False, position=n, created_at=STAMP,
                   updated_at=STAMP, version=1,
                   parent_id=None if parent is None else ids[parent])
              for n, (title, parent) in enumerate(shape, start=1)]
    if order == "subtasks first":
        values.reverse()
    async with services.db.write() as session:
        await session.execute(insert(TASKS).values(values))
    rows = await check(services, f"one INSERT of a tree, {order}")
    assert counts(rows) == {"P": 3, "C": 1, "G": 0, "S": 0}


# -- at the migration --------------------------------------------------------------------------


async def test_the_migration_counts_the_trees_already_there(db_url: str) -> None:
    # at 0011: A > B > C > D > E (D collapsed), B's done sibling with an open subtask (as
    # an import may leave it), a collapsed parent, the trash, and a task whose parent is gone
    shape = [("A", None, "open", False), ("B", "A", "open", False), ("C", "B", "open", False),
             ("D", "C", "open", True), ("E", "D", "open", False), ("F", "B", "done", False),
             ("G", "F", "open", False), ("H", "A", "t-open", False), ("I", "H", "t-open", False),
             ("J", None, "open", True), ("K", "J", "open", False), ("L", "K", "open", False),
             ("M", "gone", "open", False)]
    ids = {title: f"{n:032x}" for n, (title, *_rest) in enumerate(shape, start=1)}
    ids["gone"] = "f" * 32
    await database_at(db_url, "0011", "kept from 0011")
    engine = create_engine(db_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(insert(TASKS), [
                dict(id=ids[title], title=title, notes="", status=status, priority=0,
                     recurrence_from_completion=False, position=n, created_at=STAMP,
                     updated_at=STAMP, version=1, collapsed=collapsed,
                     parent_id=None if parent is None else ids[parent])
                for n, (title, parent, status, collapsed) in enumerate(shape, start=2)])
    finally:
        await engine.dispose()
    services = await open_services(db_url)
    try:
        rows = await check(services, "the upgrade to 0012")
        assert counts(rows) == {"kept from 0011": 0, "A": 3, "B": 2, "C": 1, "D": 1, "E": 0,
                                "F": 1, "G": 0, "H": 0, "I": 0, "J": 2, "K": 1, "L": 0,
                                "M": 0}
        # and the triggers keep them from there
        await services.tasks.set_done(ids["C"], True)
        await check(services, "completing C after the upgrade")
    finally:
        await services.close()


async def test_the_next_migration_counts_again_what_one_insert_counted_twice(
        db_url: str) -> None:
    # at 0012, PostgreSQL's insert trigger counted the subtasks of one INSERT of a parent
    # and its subtasks twice (SQLite's were right): 0013 counts every tree afresh
    shape = [("P", None), ("C", "P"), ("G", "C"), ("S", "P")]
    ids = {title: f"{n:032x}" for n, (title, _parent) in enumerate(shape, start=2)}
    await database_at(db_url, "0012", "kept from 0012")
    engine = create_engine(db_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(insert(TASKS).values([
                dict(id=ids[title], title=title, notes="", status=OPEN, priority=0,
                     recurrence_from_completion=False, position=n, created_at=STAMP,
                     updated_at=STAMP, version=1,
                     parent_id=None if parent is None else ids[parent])
                for n, (title, parent) in enumerate(shape, start=2)]))
    finally:
        await engine.dispose()
    services = await open_services(db_url)
    try:
        rows = await check(services, "the upgrade to 0013")
        assert counts(rows) == {"kept from 0012": 0, "P": 3, "C": 1, "G": 0, "S": 0}
        # and the triggers keep them from there
        await services.tasks.set_done(ids["G"], True)
        assert counts(await check(services, "completing G after the upgrade"))["P"] == 2
    finally:
        await services.close()


# -- a random walk -----------------------------------------------------------------------------

STEPS = 200
SIZE = 40
# a seed whose walk goes everywhere (the test says so) and completes repeating parents with
# subtasks below subtasks
SEED = 1


class Walk:
    """Random changes of every kind to one database, the counts checked after each."""

    KINDS = {  # each change and its weight
        "add": 6, "toggle": 8, "toggle_tree": 4, "delete": 4, "restore": 4, "purge": 2,
        "empty_trash": 1, "set_parent": 8, "to_top": 3, "indent": 4, "outdent": 4,
        "collapse": 10, "category": 3, "bulk_done": 3, "bulk_reopen": 2, "bulk_delete": 2,
        "bulk_move": 2, "delete_category": 1, "undo": 10, "redo": 3}

    def __init__(self, services: Services, seed: int) -> None:
        self.services = services
        self.rng = random.Random(seed)
        self.rows: list[Row] = []
        self.categories: list[str | None] = [None]
        self.added = 0
        self.log: list[str] = []
        self.largest = 0  # the largest count seen
        self.repeating = 0.15  # the share of the tasks added that repeat

    def pick(self, rows: list[Row]) -> Row | None:
        return self.rng.choice(rows) if rows else None

    def live(self) -> list[Row]:
        return [row for row in self.rows if not row.status.startswith("t-")]

    def trashed(self) -> list[Row]:
        return [row for row in self.rows if row.status.startswith("t-")]

    def marked(self) -> list[Row]:
        live = self.live()
        return self.rng.sample(live, min(len(live), self.rng.randint(1, 6)))

    def choose(self) -> tuple[str, Row | None, Row | None]:
        """The next change, the task it acts on, and another task (for a new parent)."""
        live, trashed = self.live(), self.trashed()
        weights = dict(self.KINDS, add=14 if len(live) < SIZE else 2)
        kind = self.rng.choices(list(weights), list(weights.values()))[0]
        if self.log and self.log[-1].startswith("undo") and self.rng.random() < 0.5:
            kind = "redo"  # a redo is only there right after an undo
        task, other = self.pick(live), self.pick(live)
        if kind in ("restore", "purge"):
            task = self.pick(trashed) or task
        if task is None:
            kind = "add"
        return kind, task, other

    async def add(self) -> None:
        self.added += 1
        parent = self.pick(self.live()) if self.rng.random() < 0.75 else None
        repeating = self.rng.random() < self.repeating
        title = f"t{self.added}" + (" (repeats)" if repeating else "")
        self.log.append(f"add {title!r} under {parent.title if parent else None!r}")
        await self.services.tasks.add(NewTask(
            title=title, parent_id=None if parent is None else parent.id,
            category_id=self.rng.choice(self.categories) if parent is None else None,
            due=Due.on(TODAY) if repeating else None,
            recurrence="FREQ=DAILY" if repeating else None))

    async def step(self) -> None:
        kind, task, other = self.choose()
        if kind == "add" or task is None or other is None:
            await self.add()
            return
        s = self.services
        self.log.append(f"{kind} {task.title!r}")
        match kind:
            case "toggle":
                await s.tasks.toggle(task.id)
            case "toggle_tree":
                await s.tasks.toggle_tree(task.id)
            case "delete":
                await s.tasks.delete(task.id)
            case "restore":
                await s.tasks.restore(task.id)
            case "purge":
                await s.tasks.purge(task.id)
            case "empty_trash":
                await s.tasks.empty_trash()
            case "set_parent":
                self.log[-1] += f" under {other.title!r}"
                await s.subtasks.set_parent(task.id, other.id)
            case "to_top":
                await s.subtasks.set_parent(task.id, None)
            case "indent":
                await s.subtasks.indent(task.id, view(await s.tasks.get(task.id)))
            case "outdent":
                await s.subtasks.outdent(task.id)
            case "collapse":
                self.log[-1] = f"{'expand' if task.collapsed else 'collapse'} {task.title!r}"
                await s.subtasks.set_collapsed(task.id, not task.collapsed)
            case "category":
                await s.tasks.move_to(task.id, self.rng.choice(self.categories))
            case "delete_category":
                category_id = self.rng.choice([c for c in self.categories if c is not None])
                with_tasks = self.rng.random() < 0.5
                self.log[-1] = f"delete_category {category_id[:8]} with_tasks={with_tasks}"
                await s.categories.delete(category_id, delete_tasks=with_tasks)
            case "bulk_done" | "bulk_reopen" | "bulk_delete" | "bulk_move":
                chosen = self.marked()
                marked = Marked(ids=frozenset(row.id for row in chosen))
                self.log[-1] = f"{kind} {[row.title for row in chosen]}"
                if kind == "bulk_delete":
                    await s.bulk.delete(marked)
                elif kind == "bulk_move":
                    await s.bulk.move(marked, self.rng.choice(self.categories))
                else:
                    await s.bulk.set_done(marked, kind == "bulk_done")
            case "undo":
                self.log[-1] = f"undo of {(await s.history.peek_undo()).summary}"
                await s.history.undo()
            case "redo":
                self.log[-1] = f"redo of {(await s.history.peek_redo()).summary}"
                await s.history.redo()

    async def run(self, steps: int) -> None:
        for name in ("Home", "Work"):
            self.categories.append((await self.services.categories.create(name)).id)
        while len(self.rows) < SIZE // 2:
            await self.add()
            self.rows = await check(self.services, self.log[-1])
        for _ in range(steps):
            try:
                await self.step()
            except TodoError as exc:  # refused (a cycle, nothing to undo...): nothing written
                self.log[-1] += f" (refused: {exc})"
            except Exception as exc:
                raise AssertionError(f"{exc!r} from {self.log[-1]} after "
                                     + "; ".join(self.log[-8:-1])) from exc
            self.rows = await check(self.services, "; ".join(self.log[-8:]))
            self.largest = max(self.largest, *(row.open_below for row in self.rows))


def seeded_ids(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """New tasks get ids from `seed`: the ids order rows, so the walk is the same every time."""
    ids = random.Random(seed)
    monkeypatch.setattr(models, "uuid", SimpleNamespace(
        uuid4=lambda: uuid.UUID(int=ids.getrandbits(128))))


@pytest.mark.parametrize("repeating", [0.15, 0.0], ids=["with-repeats", "no-repeats"])
async def test_a_seeded_random_walk_keeps_every_count(
        services: Services, monkeypatch: pytest.MonkeyPatch, repeating: float) -> None:
    seeded_ids(monkeypatch, SEED)
    walk = Walk(services, seed=SEED)
    walk.repeating = repeating
    await walk.run(STEPS)
    kinds = {entry.split()[0] for entry in walk.log if "refused" not in entry}
    # the walk went everywhere
    assert set(Walk.KINDS) | {"expand"} <= kinds, set(Walk.KINDS) - kinds
    assert walk.largest >= 8, walk.largest
