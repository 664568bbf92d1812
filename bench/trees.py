"""`make bench`, subtasks (issue 16): a tree-heavy database of 100 000 tasks, timed in tmux.

The demo database (`todo-tui demo`), then a fifth of its tasks made subtasks of others in
their list, up to five levels (service/demo_trees.py), and one open task of the first
category, "Plan the offsite" (overdue, high: the top of its list), a collapsed parent of
1 000 subtasks. Timed as bench/run.py times (median, min and max over runs after a
warm-up): the first frame, opening that category (a tree), scrolling to its end, expanding
the parent of 1 000, and a search keystroke in All. Writes bench/results-trees.md.

    python -m bench.trees [--size 100000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import re
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.run import (
    PANES,
    ROW,
    Metric,
    app_env,
    cell,
    empty_frame,
    header_total,
    machine,
    median,
    shows,
    todo,
)
from bench.tmux import CLOCK, App, Server, Timeout

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results-trees.md"
BIG_TITLE = "Plan the offsite"
# the parent of a thousand, expanded: its marker turned, and its first subtask under it
EXPANDED = re.compile(r"▾ \[ \] " + BIG_TITLE[:12] + r"\S* 0/[0-9]+")
# a top-level row of a tree: a marker (or its blank) before the box; the detail pane's list
# of subtasks (`│ [ ] title`) does not match
TREE_ROW = re.compile(r"│ [ ▾▸] \[[ x]\] \S")
COLLAPSED = re.compile(r"▸ \[ \] " + BIG_TITLE[:12] + r"\S* 0/[0-9]+")


def seed(db: Path, size: int, env: dict[str, str]) -> tuple[float, int]:
    """The demo database made tree-heavy; seconds it took, and how many tasks moved."""
    started = time.monotonic()
    todo(db, "demo", "--tasks", str(size), "--seed", "1", env=env)

    async def nest() -> int:
        from sqlalchemy import update

        from todo_tui.config import sqlite_url
        from todo_tui.db import models
        from todo_tui.service import open_services
        from todo_tui.service.demo_trees import nest_demo

        services = await open_services(sqlite_url(db))
        try:
            moved, big = await nest_demo(services.db)
            assert big is not None
            overdue = datetime.now(UTC).date() - timedelta(days=30)
            async with services.db.write() as session:
                await session.execute(update(models.Task).where(models.Task.id == big).values(
                    title=BIG_TITLE, due_date=overdue, priority=3))
            return moved
        finally:
            await services.close()

    moved = asyncio.run(nest())
    return time.monotonic() - started, moved


def first_frame(server: Server, argv: list[str], env: dict[str, str], rows: Metric,
                size: int) -> None:
    app = server.launch(argv, env)
    try:
        app.wait_for(PANES)
        rows.add(size, app.wait_for(ROW) * 1000)
    finally:
        app.stop()


def loading(screen: str) -> bool:
    """Whether a row of the task list is still a placeholder (its page is being read)."""
    return any(line.strip() in ("…", "...") for line in tasks_pane(screen))


def tasks_pane(screen: str) -> list[str]:
    """The task list's part of each line of a 120-column screen (the middle pane)."""
    return [line[27:79] for line in screen.splitlines()]


SMART_LISTS = ["Inbox", "Today", "Upcoming", "All", "Done", "Trash"]


def go_to(app: App, name: str) -> None:
    """In the lists pane: to the Inbox (g), then down to the smart list `name`, each step
    waited for (keys typed while a list loads wait for it)."""
    app.keys("g")
    for step in SMART_LISTS[:SMART_LISTS.index(name) + 1]:
        if step != "Inbox":
            app.keys("j")
        app.wait(lambda s, step=step: (header_total(s) or ("",))[0] == step, CLOCK(),
                 what=step)
    app.settle()


def session(server: Server, argv: list[str], env: dict[str, str], size: int,
            metrics: dict[str, Metric], record: bool) -> None:
    """Open the category, scroll to its end, expand the parent of 1 000, search in All."""
    app = server.launch(argv, env)

    def add(key: str, value: float) -> None:
        if record:
            metrics[key].add(size, value)

    try:
        app.wait_for(ROW)
        app.settle(0.5)
        # the lists pane: down to the Trash (untimed), then j opens the first category
        app.keys("BTab")
        app.settle()
        go_to(app, "Trash")
        category = ""

        def opened(screen: str) -> bool:
            nonlocal category
            found = header_total(screen)
            if found is None or found[0] in ("Trash", "") or TREE_ROW.search(screen) is None:
                return False
            category = found[0]
            return True

        add("open", app.wait(opened, app.keys("j"), what="the category") * 1000)
        app.settle()
        app.keys("Enter")  # to its tasks: the parent of 1 000 is the top row, collapsed
        app.settle()
        assert COLLAPSED.search(app.screen()), app.screen()

        # scroll to the end: G, until the task list is the one G leads to (the detail pane
        # may still be drawing the task's notes)
        before = app.settle()
        app.keys("G")
        app.wait(lambda s: s != before and not loading(s), CLOCK(), what="the end, first")
        at_end = tasks_pane(app.settle(1.0))
        app.keys("g")
        app.wait(lambda s: s == before, CLOCK(), what="the top again")
        app.settle()
        add("end", app.wait(lambda s: tasks_pane(s) == at_end, app.keys("G"),
                            what="the end") * 1000)
        app.keys("g")
        app.settle()

        # expand the parent of 1 000 (l), until it is drawn open with its subtasks under it
        add("expand", app.wait(lambda s: EXPANDED.search(s) is not None, app.keys("l"),
                               what="expanded") * 1000)
        app.settle()
        app.keys("h")  # collapsed again for the next session (remembered in the database)
        app.wait(lambda s: COLLAPSED.search(s) is not None, CLOCK(), what="collapsed")
        app.settle()

        # a search keystroke in All: every match shown with its ancestors' titles
        app.keys("BTab")
        app.settle()
        go_to(app, "All")
        all_total = (header_total(app.screen()) or ("", 0))[1]
        app.keys("/", literal=True)
        app.settle()
        app.keys("theq", literal=True)
        app.wait(lambda s: "Nothing here matches" in s, CLOCK(), what="no match")
        app.settle()
        add("search", app.wait(shows("All", min(100, all_total)), app.keys("BSpace"),
                               what="the") * 1000)
        app.settle()
        app.keys("Escape")
        app.settle()
        add("rss", app.peak_rss_kib() / 1024)
        metrics["category"].values.setdefault(size, [])
        metrics["category"].label = f"(the category opened: {category})"
    except Timeout as failed:
        print(f"    at {size}: {failed}\n{failed.screen}", file=sys.stderr)
        raise
    finally:
        app.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.trees", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="measured first-frame runs")
    parser.add_argument("--sessions", type=int, default=3, help="measured sessions")
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the database in DIR")
    parser.add_argument("--no-write", action="store_true", help="do not write the results")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("make bench needs tmux", file=sys.stderr)
        return 2
    compileall.compile_dir(ROOT / "todo_tui", quiet=1)
    began = time.monotonic()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="todo-bench-trees-"))
    work.mkdir(parents=True, exist_ok=True)
    env = app_env(work / "home")
    info = machine()
    size = args.size
    source = work / f"trees-{size}.db"
    seeding = ""
    if not source.exists():
        print(f"seeding {size} tasks, as trees…", flush=True)
        took, moved = seed(source, size, env)
        seeding = f" (seeding took {took:.1f} s; {moved} tasks made subtasks)"
    metrics = {
        "rows": Metric("first frame with rows (Today)", "ms"),
        "open": Metric("open the first category, a tree (a keystroke)", "ms"),
        "end": Metric("scroll to its end (G)", "ms"),
        "expand": Metric("expand the parent of 1 000 subtasks (l)", "ms"),
        "search": Metric("search keystroke in All, \"the\" (each match with its path)", "ms"),
        "rss": Metric("peak RSS (a session)", "MiB"),
        "category": Metric("", "ms"),
    }
    floor = Metric("empty Textual app: first frame (launched in the same phase)", "ms")
    floor_rss: list[float] = []
    server = Server()
    try:
        db = work / f"run-{size}.db"
        shutil.copyfile(source, db)
        os.sync()
        argv = [sys.executable, "-m", "todo_tui", "--db", str(db)]
        empty_frame(server, env, [], [])  # warm-up
        first_frame(server, argv, env, Metric("", "ms"), size)
        for _run in range(args.runs):
            ms: list[float] = []
            empty_frame(server, env, ms, floor_rss)
            floor.add(size, ms[-1])
            first_frame(server, argv, env, metrics["rows"], size)
        for run in range(args.sessions + 1):
            session(server, argv, env, size, metrics, record=run > 0)
    finally:
        server.close()
    shown = [m for key, m in metrics.items() if key != "category"]
    tasks = f"{size:,}".replace(",", " ")
    head = f"| figure | {tasks} tasks, a fifth of them subtasks |"
    lines = [head, "|---|---|"]
    for metric in [floor, *shown]:
        lines.append(f"| {metric.label} | " + cell(
            metric.values.get(size, []), metric.unit,
            median(floor_rss) if metric.unit == "MiB" else median(floor.values.get(size, [])))
            + " |")
    print("\n".join(lines))
    report = [
        "# todo-tui benchmark: subtasks",
        "",
        f"Made by `python -m bench.trees` (part of `make bench`) on "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z} in {time.monotonic() - began:.0f} s"
        f"{seeding}. Each cell: median (min–max) over {args.runs} launches (first frame) or "
        f"{args.sessions} sessions, after a warm-up; ×N as in results.md.",
        "",
        *[f"- {k}: {v}" for k, v in info],
        "",
        *lines,
        "",
        f"{metrics['category'].label}. The database: `todo-tui demo --tasks {size} --seed 1`, "
        "then a fifth of the tasks made subtasks of earlier ones in their list, up to five "
        f"levels, and \"{BIG_TITLE}\" (overdue, high) a collapsed parent of 1 000 open "
        "subtasks (`todo_tui/service/demo_trees.py`). Open: from the Trash in the lists pane, "
        "`j`, until the category's header and rows are drawn. End: `G` in its tasks, until the "
        "task list is the one `G` leads to (its rows were read once before, to know that "
        "screen: this times drawing them, not reading them). Expand: `l` on the parent, until "
        "it is drawn expanded with its progress. Search: the box holds `theq`; backspace, "
        "until All's header shows the matches.",
        "",
    ]
    if not args.no_write:
        RESULTS.write_text("\n".join(report), encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
