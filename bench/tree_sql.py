"""The service calls behind a tree list, timed without the TUI (issue 16, "Speed").

On the tree-heavy database of bench/trees.py (made once and kept in DIR), or on PostgreSQL
(`--pg URL`: seeded there the same way, once): `TaskService.page` for the first category's
first page, a page around a task far down it, its last page, the page after expanding the
parent of 1 000 subtasks, `index_in_list` of that far task, and the search "the" in All.
Each: the median wall and process (CPU) time over runs, and the time in SQL statements.

    python -m bench.tree_sql [--dir DIR] [--size 100000] [--runs 7] [--pg URL] [--plan]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench.run import app_env
from bench.trees import BIG_TITLE, seed


async def measure(url: str, runs: int, plan: bool) -> None:
    from sqlalchemy import event, select

    from todo_tui.db import models
    from todo_tui.domain import ListKind, ListRef
    from todo_tui.search.parse import parse_query
    from todo_tui.service import open_services

    services = await open_services(url)
    spent = [0.0]
    statements: list[str] = []

    engine = services.db.engine.sync_engine

    @event.listens_for(engine, "before_cursor_execute")
    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info["started"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        took = time.perf_counter() - conn.info.pop("started")
        spent[0] += took
        statements.append(f"{took * 1000:7.1f} ms  {statement}")

    try:
        async with services.db.read() as session:
            big = await session.scalar(select(models.Task.id).where(
                models.Task.title == BIG_TITLE))
            category = await session.scalar(select(models.Task.category_id).where(
                models.Task.id == big))
        today = date.today()
        ref = ListRef(ListKind.CATEGORY, category_id=category)
        tasks = services.tasks
        first = await tasks.page(ref, today=today, limit=200)
        last = await tasks.page(ref, today=today, offset=first.total - 1, limit=1)
        far = last.tasks[0].id
        print(f"category: {first.total} shown; far task at {first.total - 1}")

        async def expanded() -> Any:
            await services.subtasks.set_collapsed(big, False)
            try:
                return await tasks.page(ref, today=today, limit=200, around=big)
            finally:
                await services.subtasks.set_collapsed(big, True)

        cases: list[tuple[str, Callable[[], Awaitable[Any]]]] = [
            ("first page", lambda: tasks.page(ref, today=today, limit=200)),
            ("page around far task (centre)", lambda: tasks.page(
                ref, today=today, limit=80, around=far, centre=True)),
            ("last page (offset)", lambda: tasks.page(
                ref, today=today, offset=first.total - first.total % 200, limit=200)),
            ("expand big parent + page around it", expanded),
            ("index_in_list far task", lambda: tasks.index_in_list(ref, far, today=today)),
            ("All search 'the'", lambda: tasks.page(
                ListRef(ListKind.ALL), today=today, limit=200, query=parse_query("the"))),
        ]
        print(f"{'case':40} {'wall ms':>9} {'cpu ms':>9} {'sql ms':>9} stmts")
        for name, call in cases:
            await call()  # warm-up
            walls, cpus, sqls = [], [], []
            count = 0
            for _ in range(runs):
                spent[0] = 0.0
                statements.clear()
                wall, cpu = time.perf_counter(), time.process_time()
                await call()
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
                sqls.append(spent[0])
                count = len(statements)
            print(f"{name:40} {statistics.median(walls) * 1000:9.1f} "
                  f"{statistics.median(cpus) * 1000:9.1f} "
                  f"{statistics.median(sqls) * 1000:9.1f} {count}")
            if plan:
                spent[0] = 0.0
                statements.clear()
                await call()
                for statement in statements:
                    print("   ", " ".join(statement.split())[:160])
    finally:
        await services.close()


def seed_pg(url: str, size: int, env: dict[str, str]) -> None:
    """The same tree-heavy data in a PostgreSQL database (made once: kept while it exists)."""
    import subprocess

    from bench.trees import BIG_TITLE as TITLE

    async def ready() -> bool:
        from sqlalchemy import func, select

        from todo_tui.db import models
        from todo_tui.service import open_services

        services = await open_services(url)
        try:
            async with services.db.read() as session:
                return bool(await session.scalar(
                    select(func.count()).where(models.Task.title == TITLE)))
        finally:
            await services.close()

    if asyncio.run(ready()):
        return
    subprocess.run([sys.executable, "-m", "todo_tui", "--db-url", url, "demo", "--tasks",
                    str(size), "--seed", "1"], env={**os.environ, **env}, check=True)

    async def nest() -> None:
        from datetime import UTC, datetime, timedelta

        from sqlalchemy import update

        from todo_tui.db import models
        from todo_tui.service import open_services
        from todo_tui.service.demo_trees import nest_demo

        services = await open_services(url)
        try:
            _moved, big = await nest_demo(services.db)
            overdue = datetime.now(UTC).date() - timedelta(days=30)
            async with services.db.write() as session:
                await session.execute(update(models.Task).where(models.Task.id == big).values(
                    title=TITLE, due_date=overdue, priority=3))
        finally:
            await services.close()

    asyncio.run(nest())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tree_sql", description=__doc__)
    parser.add_argument("--dir", default="/tmp/todo-bench-tree-sql")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pg", help="a PostgreSQL URL (seeded there the same way, once)")
    parser.add_argument("--plan", action="store_true", help="print each case's statements")
    args = parser.parse_args(argv)
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    source = work / f"trees-{args.size}.db"
    if not source.exists() and not args.pg:
        print(f"seeding {args.size} tasks, as trees…", flush=True)
        took, moved = seed(source, args.size, app_env(work / "home"))
        print(f"seeded in {took:.0f} s; {moved} made subtasks")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.pg:
        seed_pg(args.pg, args.size, app_env(work / "home"))
    url = args.pg or f"sqlite+aiosqlite:///{source}"
    asyncio.run(measure(url, args.runs, args.plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
