"""Demo subtasks: a demo database (service/demo.py) made tree-heavy, for the benchmark.

A share of the tasks become subtasks of others in their list, up to a number of levels; an
open subtask only ever goes under an open task (as the service keeps it). One open task of
the first category gets a thousand subtasks of its own, collapsed: expanding it is timed.
"""

from __future__ import annotations

import random
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update

from todo_tui.db import models
from todo_tui.db.engine import Database

T = models.Task
BIG = 1000


async def nest_demo(db: Database, *, share: float = 0.2, levels: int = 5, seed: int = 1,
                    big: int = BIG) -> tuple[int, str | None]:
    """Make `share` of the top-level tasks subtasks, at most `levels` deep, and one task
    a collapsed parent of `big` subtasks; returns how many moved and that parent's id."""
    rng = random.Random(seed)
    async with db.write() as session:
        rows = (await session.execute(
            select(T.id, T.category_id, T.status).where(
                T.parent_id.is_(None), T.trashed_at.is_(None)).order_by(T.position, T.id)
        )).all()
        by_list: dict[str | None, list[Any]] = {}
        for row in rows:
            by_list.setdefault(row.category_id, []).append(row)
        moves: list[dict[str, str]] = []
        big_parent: str | None = None
        # the categories in the user's order (the first one gets the parent of `big`), the
        # Inbox last
        categories = await session.scalars(select(models.Category.id).order_by(
            models.Category.position, models.Category.name_key))
        order: dict[str | None, int] = {
            category_id: place for place, category_id in enumerate(categories)}
        for category_id, tasks in sorted(by_list.items(),
                                         key=lambda item: order.get(item[0], len(order))):
            # placed tasks a subtask can go under: (id, depth), open ones apart
            placed_open: list[tuple[str, int]] = []
            placed_any: list[tuple[str, int]] = []
            wanted_big = big if big_parent is None and category_id is not None else 0
            for task in tasks:
                is_open = task.status == "open"
                if wanted_big and is_open and big_parent is None:
                    big_parent = task.id  # the first open task of the first category
                    continue
                if big_parent is not None and wanted_big and is_open:
                    moves.append({"task_id": task.id, "parent": big_parent})
                    wanted_big -= 1
                    continue
                pool = placed_open if is_open else placed_any
                if pool and rng.random() < share:
                    parent, depth = pool[-rng.randint(1, min(len(pool), 20))]
                    if depth + 1 < levels:
                        moves.append({"task_id": task.id, "parent": parent})
                        placed_any.append((task.id, depth + 1))
                        if is_open:
                            placed_open.append((task.id, depth + 1))
                        continue
                placed_any.append((task.id, 0))
                if is_open:
                    placed_open.append((task.id, 0))
        table = cast(Table, models.Task.__table__)
        for start in range(0, len(moves), 5000):
            await session.execute(
                update(table).where(table.c.id == bindparam("task_id"))
                .values(parent_id=bindparam("parent")),
                moves[start:start + 5000])
        if big_parent is not None:
            await session.execute(update(table).where(table.c.id == big_parent)
                                  .values(collapsed=True))
        return len(moves), big_parent
