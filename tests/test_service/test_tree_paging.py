"""Paging a list shown as a tree (issue 16, "Speed"), on both backends: every window, every
task's place and every `around` window agree with the tree order worked out here from the
list's plain order, with trees cut by windows, collapsed tasks, a subtask still waiting for
its start day (its own subtasks not shown) and each sort."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from todo_tui.db import models
from todo_tui.domain import Due, ListKind, ListRef, NewTask, Priority, Sort
from todo_tui.service import Services, queries
from todo_tui.service.subtasks import neighbour

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


async def forest(services: Services, ref_id: str | None, size: int, seed: int) -> list[str]:
    """`size` tasks in random trees up to four levels (in the category `ref_id`, or the
    Inbox), with random days and priorities; a few collapsed. Returns their ids."""
    rng = random.Random(seed)
    ids: list[str] = []
    depth: dict[str, int] = {}
    parent_of: dict[str, str | None] = {}
    for number in range(size):
        parents = [i for i in ids if depth[i] < 3]
        parent = rng.choice(parents) if parents and rng.random() < 0.5 else None
        due = Due.on(TODAY + timedelta(days=rng.randint(-3, 3))) if rng.random() < 0.6 else None
        task = await services.tasks.add(NewTask(
            title=f"task {rng.randint(0, 30):02d} {number}", category_id=ref_id, parent_id=parent,
            due=due, priority=rng.choice(list(Priority))))
        ids.append(task.id)
        depth[task.id] = 0 if parent is None else depth[parent] + 1
        parent_of[task.id] = parent
    # two parents at the top collapsed, and two further down
    parents = [i for i in ids if i in parent_of.values()]
    for level in ([i for i in parents if depth[i] == 0], [i for i in parents if depth[i] > 0]):
        for task_id in rng.sample(level, 2):
            await services.subtasks.set_collapsed(task_id, True)
    return ids


async def expected(services: Services, ref: ListRef, sort: Sort
                   ) -> tuple[list[str], set[str], dict[str | None, list[str]]]:
    """The tree order, worked out in Python from the list's plain order; the list's tasks
    (shown or not); each task's subtasks in the list, in order (None: the top-level ones)."""
    where = queries.list_filter(ref, TODAY)
    async with services.db.read() as session:
        flat = list(await session.scalars(
            select(models.Task.id).where(where).order_by(*queries.order_by(ref, sort))))
        rows = {row.id: row for row in (await session.execute(
            select(models.Task.id, models.Task.parent_id, models.Task.collapsed)
            .where(where))).all()}
    children: dict[str | None, list[str]] = {}
    for task_id in flat:
        children.setdefault(rows[task_id].parent_id, []).append(task_id)
    order: list[str] = []

    def walk(task_id: str) -> None:
        order.append(task_id)
        if not rows[task_id].collapsed:
            for child in children.get(task_id, []):
                walk(child)

    for top in children.get(None, []):
        walk(top)
    return order, set(flat), children


@pytest.mark.parametrize("sort", [Sort.SMART, Sort.MANUAL, Sort.TITLE, Sort.PRIORITY])
async def test_every_window_and_place_of_a_tree_list(services: Services, sort: Sort) -> None:
    category = await services.categories.create("Trees")
    ids = await forest(services, category.id, 45, seed=7)
    await services.tasks.add(NewTask(title="elsewhere"))  # the Inbox: not in this list
    # a subtask that waits for its start day: out of the list, and its subtasks with it
    waiting = await services.tasks.add(NewTask(title="later", parent_id=ids[0],
                                               start=TODAY + timedelta(days=2)))
    await services.tasks.add(NewTask(title="under later", parent_id=waiting.id))
    ref = ListRef(ListKind.CATEGORY, category.id)
    order, listed, children = await expected(services, ref, sort)
    assert len(order) < len(listed)  # collapsed tasks hide some
    total = len(order)
    for offset, limit in [(0, 200), (0, 7), (5, 7), (12, 9), (total - 3, 10), (total, 5)]:
        page = await services.tasks.page(ref, today=TODAY, sort=sort, offset=offset,
                                         limit=limit, now=NOW)
        assert [t.id for t in page.tasks] == order[offset:offset + limit], (offset, limit)
        assert (page.total, page.offset, page.focus) == (total, offset, None)
    for task_id in sorted(listed | {waiting.id}):
        place = order.index(task_id) if task_id in order else None
        assert await services.tasks.index_in_list(
            ref, task_id, today=TODAY, sort=sort) == place
        for centre in (False, True):
            page = await services.tasks.page(ref, today=TODAY, sort=sort, limit=6,
                                             around=task_id, centre=centre, now=NOW)
            start = 0 if place is None else (
                max(0, place - 3) if centre else place - place % 6)
            assert (page.focus, page.offset, page.total) == (place, start, total)
            assert [t.id for t in page.tasks] == order[start:start + 6]
        # J/K and `>`: the sibling shown just before and after it (none when it is hidden)
        async with services.db.read() as session:
            row = await session.get(models.Task, task_id)
            assert row is not None
            siblings = children.get(row.parent_id, [])
            for step in (-1, 1):
                mine = siblings.index(task_id) + step if task_id in siblings else -1
                want = (siblings[mine] if place is not None and 0 <= mine < len(siblings)
                        else None)
                assert await neighbour(session, services.db.backend,
                                       (ref, sort, None, TODAY, NOW), row, step) == want


async def test_the_inbox_as_a_tree_after_expanding_and_moving(services: Services) -> None:
    ids = await forest(services, None, 30, seed=3)
    ref = ListRef(ListKind.INBOX)
    for step in range(3):
        order, _listed, _children = await expected(services, ref, Sort.SMART)
        page = await services.tasks.page(ref, today=TODAY, limit=8, offset=4, now=NOW)
        assert [t.id for t in page.tasks] == order[4:12]
        assert page.total == len(order)
        # expand everything, then make a deep subtask a top-level task
        async with services.db.read() as session:
            folded = list(await session.scalars(
                select(models.Task.id).where(models.Task.collapsed)))
        for task_id in folded:
            await services.subtasks.set_collapsed(task_id, False)
        await services.subtasks.set_parent(ids[-1 - step], None)


async def test_readied_tree_reads_compile_nothing_when_a_category_opens(
        services: Services) -> None:
    """ready_trees (the app runs it once after start) builds and compiles the statements that
    opening a category and expanding a task run: those reads then only run them
    (SQLAlchemy's cache of compiled statements is the engine's: a new one per test)."""
    from sqlalchemy import event
    from sqlalchemy.engine.interfaces import CacheStats

    home = await services.categories.create("Home")
    assert not await services.subtasks.ready_trees(TODAY)  # no subtask yet: nothing to ready
    await forest(services, home.id, 40, seed=7)
    assert await services.subtasks.ready_trees(TODAY)
    misses: list[str] = []

    def compiled(_conn: object, _cursor: object, statement: str, _params: object,
                 context: object, _many: object) -> None:
        if "late(" in statement and getattr(context, "cache_hit", None) is not \
                CacheStats.CACHE_HIT:
            misses.append(statement)

    event.listen(services.db.engine.sync_engine, "after_cursor_execute", compiled)
    ref = ListRef(ListKind.CATEGORY, home.id)
    first = await services.tasks.page(ref, today=TODAY, limit=10)
    # the list's first task: a top-level one, expanded as `l` does
    top = first.tasks[0]
    await services.subtasks.set_collapsed(top.id, False)
    around = await services.tasks.page(ref, today=TODAY, limit=10, around=top.id)
    assert around.focus == 0 and around.tasks[1].parent_id == top.id
    assert misses == []
