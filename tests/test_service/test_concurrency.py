"""Many coroutines and two processes on one database: every write lands, no session is shared."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.domain import ListKind, ListRef, NewTask, Priority, TaskChanges
from todo_tui.service import Services

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]


class SessionSpy:
    """Records which asyncio task used which session, and how many were open at once."""

    def __init__(self) -> None:
        self.uses: list[tuple[asyncio.Task[object] | None, AsyncSession]] = []
        self.open_now = 0
        self.most_open = 0

    def wrap(self, factory: SessionFactory) -> SessionFactory:
        @asynccontextmanager
        async def spied() -> AsyncIterator[AsyncSession]:
            async with factory() as session:
                self.uses.append((asyncio.current_task(), session))
                self.open_now += 1
                self.most_open = max(self.most_open, self.open_now)
                try:
                    yield session
                finally:
                    self.open_now -= 1

        return spied


@pytest.fixture
def spy(services: Services, monkeypatch: pytest.MonkeyPatch) -> SessionSpy:
    recorder = SessionSpy()
    monkeypatch.setattr(services.db, "read", recorder.wrap(services.db.read))
    monkeypatch.setattr(services.db, "write", recorder.wrap(services.db.write))
    return recorder


async def test_fifty_concurrent_adds_all_land_each_in_its_own_session(
    services: Services, spy: SessionSpy
) -> None:
    async def add(n: int) -> str:
        task = await services.tasks.add(
            NewTask(title=f"task {n}", category=f"cat {n % 5}", tags=(f"t{n % 3}", "all")))
        return task.id

    ids = await asyncio.gather(*(asyncio.create_task(add(n)) for n in range(50)))

    assert len(set(ids)) == 50
    saved = await services.tasks.all()
    assert sorted(t.title for t in saved) == sorted(f"task {n}" for n in range(50))
    assert len({t.position for t in saved}) == 50
    assert sorted(c.name for c in await services.categories.list()) == [
        f"cat {n}" for n in range(5)]
    assert all("all" in t.tags for t in saved)

    adds = spy.uses[:50]
    sessions = [session for _task, session in adds]
    assert len({id(s) for s in sessions}) == 50, "a session was used for two calls"
    tasks = [task for task, _session in adds]
    assert None not in tasks and len(set(tasks)) == 50
    # one session per asyncio task and one task per session: nothing shared
    assert len({(id(t), id(s)) for t, s in adds}) == 50
    assert spy.most_open > 1, "the calls did not actually overlap"


async def test_concurrent_reads_and_writes_each_use_their_own_session(
    services: Services, spy: SessionSpy
) -> None:
    seed = [await services.tasks.add(NewTask(title=f"seed {n}")) for n in range(10)]
    spy.uses.clear()
    today = date(2026, 11, 27)

    async def work(n: int) -> object:
        match n % 5:
            case 0:
                return await services.tasks.add(NewTask(title=f"new {n}"))
            case 1:
                return await services.tasks.cycle_priority(seed[n // 5].id)
            case 2:
                return await services.tasks.page(ListRef(ListKind.ALL), today=today)
            case 3:
                return await services.tasks.counts(today)
            case _:
                return await services.tasks.get(seed[n % 10].id)

    await asyncio.gather(*(asyncio.create_task(work(n)) for n in range(50)))

    session_ids = [id(session) for _task, session in spy.uses]
    assert len(spy.uses) >= 50
    assert len(set(session_ids)) == len(session_ids), "a session was reused"
    owners: dict[int, set[int]] = {}
    for task, session in spy.uses:
        owners.setdefault(id(session), set()).add(id(task))
    assert all(len(tasks) == 1 for tasks in owners.values())
    assert spy.most_open > 1
    assert len(await services.tasks.all()) == 20
    # ten cycles over ten tasks, one each
    assert all(t.priority is Priority.LOW for t in await services.tasks.all()
               if t.title.startswith("seed"))


# Each process: 200 increments of a counter in the task's notes, each a read-modify-write
# guarded by expected_version (retried on ConflictError), then 200 cycle_priority calls
# (a read-modify-write inside one write transaction). A lost update shows in the counter,
# the priority or the version.
WORKER = textwrap.dedent(
    """
    import asyncio, sys
    from todo_tui.domain import TaskChanges
    from todo_tui.errors import ConflictError
    from todo_tui.service import open_services

    async def main(url, task_id, rounds):
        services = await open_services(url)
        conflicts = 0
        try:
            for _ in range(rounds):
                while True:
                    task = await services.tasks.get(task_id)
                    try:
                        await services.tasks.update(
                            task_id, TaskChanges(notes=str(int(task.notes) + 1)),
                            expected_version=task.version)
                        break
                    except ConflictError:
                        conflicts += 1
            for _ in range(rounds):
                await services.tasks.cycle_priority(task_id)
        finally:
            await services.close()
        print("ok", conflicts)

    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
    """
)


async def test_two_processes_updating_one_task_lose_nothing(
    services: Services, db_url: str, tmp_path: Path
) -> None:
    rounds = 200
    task = await services.tasks.add(NewTask(title="counter", notes="0"))
    await services.tasks.update(task.id, TaskChanges(priority=Priority.LOW))
    start = await services.tasks.get(task.id)
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), db_url, task.id, str(rounds)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = await asyncio.to_thread(proc.communicate, timeout=120)
        results.append((proc.returncode, out, err))
    for code, out, err in results:
        assert code == 0, err
        assert err == ""
        assert out.startswith("ok ")

    end = await services.tasks.get(task.id)
    assert end.notes == str(2 * rounds)
    assert end.version == start.version + 4 * rounds
    assert end.priority is Priority((int(start.priority) + 2 * rounds) % 4)
