"""Four processes, 200 random operations each, on one database: afterwards the database is
exactly what the acknowledged operations imply, with zero unhandled errors."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from todo_tui.service import Services, open_services

WORKER = textwrap.dedent(
    """
    import asyncio, json, random, sys
    from todo_tui.domain import NewTask, TaskChanges, Priority
    from todo_tui.service import open_services

    CATEGORIES = ["Home", "Work", "Errands"]

    async def main(url, worker, ops, seed):
        rng = random.Random(seed)
        services = await open_services(url)
        model = {}  # task id -> what this worker knows it saved (acknowledged)
        try:
            for n in range(ops):
                kind = rng.choice(["add", "add", "edit", "toggle", "move", "delete"])
                if kind == "add" or not model:
                    task = await services.tasks.add(NewTask(
                        title=f"w{worker} task {n}", category=rng.choice(CATEGORIES),
                        priority=Priority(rng.randrange(4)), tags=(f"w{worker}", "shared")))
                elif kind == "edit":
                    task_id = rng.choice(sorted(model))
                    current = await services.tasks.get(task_id)
                    task = await services.tasks.update(
                        task_id, TaskChanges(title=f"w{worker} edited {n}",
                                             priority=Priority(rng.randrange(4))),
                        expected_version=current.version)
                elif kind == "toggle":
                    task, _ = await services.tasks.toggle(rng.choice(sorted(model)))
                elif kind == "move":
                    names = {c.name: c.id for c in await services.categories.list()}
                    target = rng.choice(CATEGORIES + [None])
                    task = await services.tasks.move_to(
                        rng.choice(sorted(model)), names.get(target) if target else None)
                else:
                    task_id = rng.choice(sorted(model))
                    await services.tasks.delete(task_id)
                    del model[task_id]
                    continue
                model[task.id] = [task.title, task.status.value, task.priority.label,
                                  task.category_name, sorted(task.tags)]
        finally:
            await services.close()
        print(json.dumps(model))

    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
    """
)


async def test_four_processes_of_random_operations_leave_exactly_what_they_acknowledged(
    services: Services, db_url: str, tmp_path: Path
) -> None:
    script = tmp_path / "stress.py"
    script.write_text(WORKER)
    procs = [
        subprocess.Popen([sys.executable, str(script), db_url, str(w), "200", str(100 + w)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in range(4)
    ]
    expected: dict[str, list[object]] = {}
    for proc in procs:
        out, err = await asyncio.to_thread(proc.communicate, timeout=300)
        assert proc.returncode == 0, err
        assert err == "", err  # zero unhandled errors, not even a warning
        expected.update(json.loads(out))
    actual = {
        task.id: [task.title, task.status.value, task.priority.label, task.category_name,
                  sorted(task.tags)]
        for task in await services.tasks.all(include_done=True)
    }
    assert actual == expected
    assert len(expected) > 100
    names = sorted(c.name for c in await services.categories.list())
    assert names == ["Errands", "Home", "Work"]  # created once each, whoever came first


WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from todo_tui.domain import NewTask
    from todo_tui.service import open_services

    async def main(url):
        services = await open_services(url)
        n = 0
        while True:
            task = await services.tasks.add(NewTask(title=f"storm {n}", tags=("storm",)))
            print(task.id, flush=True)  # acknowledged: the commit returned
            n += 1

    asyncio.run(main(sys.argv[1]))
    """
)


@pytest.mark.sqlite_only
async def test_kill_9_during_a_storm_of_writes_loses_nothing_acknowledged(
    services: Services, db_path: Path, db_url: str, tmp_path: Path
) -> None:
    script = tmp_path / "storm.py"
    script.write_text(WRITER)
    writers = [subprocess.Popen([sys.executable, str(script), db_url], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    acknowledged: set[str] = set()
    # let them write for a while, then pull the plug on both, mid-transaction
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = await asyncio.to_thread(writers[0].stdout.readline)  # type: ignore[union-attr]
        acknowledged.add(line.strip())
        if len(acknowledged) >= 150:
            break
    for writer in writers:
        os.kill(writer.pid, signal.SIGKILL)
    for writer in writers:
        out, _err = writer.communicate(timeout=30)
        acknowledged.update(line.strip() for line in out.splitlines() if line.strip())
    acknowledged.discard("")
    assert len(acknowledged) >= 150

    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    # the next start opens normally and has every acknowledged write
    reopened = await open_services(db_url)
    try:
        saved = {task.id for task in await reopened.tasks.all()}
    finally:
        await reopened.close()
    assert acknowledged <= saved
