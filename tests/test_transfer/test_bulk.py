"""A big import, in process, on both backends: the ids it gives (in order, short ids apart),
the multi-row INSERTs it sends, the search index it fills, and the undo that removes it
(imports made before the ids were in order too)."""

from __future__ import annotations

import io
import json
import secrets
from typing import Any

import pytest
from sqlalchemy import event, select, text

from todo_tui.db import models
from todo_tui.errors import UndoConflict
from todo_tui.service import Services, oplog_bulk
from todo_tui.transfer import store, taskwarrior

N = 1234  # more than one batch (store.BATCH) and not a multiple of it


def tw_file(count: int, offset: int = 0) -> str:
    tasks = [{"uuid": f"00000000-0000-4000-8000-{offset + n:012d}",
              "description": f"task number {offset + n} zebra{n % 3}", "status": "pending",
              "entry": "20261201T100000Z", "tags": ["phone", f"t{n % 5}"],
              "project": "home.garden" if n % 2 else "work"}
             for n in range(count)]
    return "[\n" + ",\n".join(json.dumps(task) for task in tasks) + "\n]\n"


async def run_import(services: Services, body: str, *, dry_run: bool = False
                     ) -> store.Summary:
    records = taskwarrior.read(io.StringIO(body), "tw.json", "UTC")
    return await store.import_records(services.db, records, label="tw", origin="test",
                                      dry_run=dry_run)


async def task_ids(services: Services) -> list[str]:
    async with services.db.read() as session:
        return list(await session.scalars(
            select(models.Task.id).order_by(models.Task.position)))


async def last_bulk(services: Services) -> dict[str, Any]:
    async with services.db.read() as session:
        payload = await session.scalar(
            select(models.Operation.payload).order_by(models.Operation.id.desc()).limit(1))
    assert payload is not None
    return dict(payload[oplog_bulk.BULK])


def test_serial_ids_keep_their_order_and_their_short_ids_apart() -> None:
    for seed in ["00000000" + secrets.token_hex(4), "fffff000" + secrets.token_hex(4),
                 secrets.token_hex(8)]:
        ids = [oplog_bulk.bulk_id(seed, n, serial=True) for n in range(20_000)]
        assert all(len(one) == 32 and int(one, 16) >= 0 for one in ids)
        assert len({one[:8] for one in ids}) == len(ids)  # a short id names one task
        # in order, but for the one step where the short ids wrap round past ffffffff
        assert sum(a > b for a, b in zip(ids, ids[1:], strict=False)) <= 1
        assert [oplog_bulk.bulk_number(seed, one) for one in ids[:300]] == list(range(300))
        assert oplog_bulk.bulk_number(seed, oplog_bulk.bulk_id(seed, 5)) is None  # hashed
        assert oplog_bulk.bulk_number(seed, "x" * 32) is None
    starts = "00000000" + secrets.token_hex(4)
    ids = [oplog_bulk.bulk_id(starts, n, serial=True) for n in range(20_000)]
    assert ids == sorted(ids)
    assert len({one[:4] for one in ids[:50]}) > 1  # not all the same at a glance
    # the rest of the id is the hash's: two imports' ids differ after the short id too
    other = "00000000" + secrets.token_hex(4)
    assert oplog_bulk.bulk_id(other, 7, serial=True)[8:] != ids[7][8:]


async def test_an_import_sends_multi_row_inserts_and_fills_the_search_index(
        services: Services) -> None:
    inserts: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
             executemany: bool) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO TASKS "):
            inserts.append(statement)

    engine = services.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        summary = await run_import(services, tw_file(N))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert (summary.added, summary.updated, summary.unchanged) == (N, 0, 0)
    # not one statement a row (an executemany is that on SQLite): a few of many rows each
    rows = [statement.count("), (") + 1 for statement in inserts]
    assert sum(rows) == N and len(rows) <= 4 and min(rows) >= 200, rows
    ids = await task_ids(services)
    assert len(ids) == N and len({one[:8] for one in ids}) == N
    bulk = await last_bulk(services)
    assert bulk[oplog_bulk.SERIAL] == 1 and bulk["count"] == N
    assert ids == [oplog_bulk.bulk_id(bulk["seed"], n, serial=True) for n in range(N)]
    if services.db.backend == "sqlite":
        async with services.db.read() as session:
            rows = await session.scalar(text("SELECT count(*) FROM search_rows"))
            zebra = await session.scalar(text(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'zebra1'"))
            tagged = await session.scalar(text(
                "SELECT count(*) FROM search_fts WHERE tags LIKE '%t3%' "
                "AND category = 'home.garden'"))
        assert rows == N
        assert zebra == len([n for n in range(N) if n % 3 == 1])
        assert tagged == len([n for n in range(N) if n % 5 == 3 and n % 2])
    again = await run_import(services, tw_file(N))
    assert (again.added, again.updated, again.unchanged) == (0, 0, N)


@pytest.mark.parametrize("serial", [True, False], ids=["serial", "hashed"])
async def test_undo_removes_an_import_with_its_search_rows(
        services: Services, monkeypatch: pytest.MonkeyPatch, serial: bool) -> None:
    monkeypatch.setattr(store._Writer, "serial", serial)
    from todo_tui import domain

    kept = await services.tasks.add(domain.NewTask(title="kept zebra1", tags=("phone",)))
    await run_import(services, tw_file(N))
    bulk = await last_bulk(services)
    assert bool(bulk.get(oplog_bulk.SERIAL)) is serial
    ids = await task_ids(services)
    assert ids[1:] == [oplog_bulk.bulk_id(bulk["seed"], n, serial=serial) for n in range(N)]
    await services.history.undo()
    assert await task_ids(services) == [kept.id]
    if services.db.backend == "sqlite":
        async with services.db.read() as session:
            rows = list(await session.execute(text(
                "SELECT r.task_id, f.title, f.tags FROM search_rows r "
                "JOIN search_fts f ON f.rowid = r.id")))
            fts = await session.scalar(text("SELECT count(*) FROM search_fts"))
            links = await session.scalar(text("SELECT count(*) FROM task_tags"))
        assert rows == [(kept.id, "kept zebra1", "phone")] and fts == 1 and links == 1


@pytest.mark.parametrize("serial", [True, False], ids=["serial", "hashed"])
async def test_undo_refuses_when_an_imported_task_changed_since(
        services: Services, monkeypatch: pytest.MonkeyPatch, serial: bool) -> None:
    monkeypatch.setattr(store._Writer, "serial", serial)
    await run_import(services, tw_file(N))
    ids = await task_ids(services)
    await services.tasks.set_done(ids[N - 3], True)  # in the last, shorter chunk
    await services.tasks.set_done(ids[N - 3], False)  # back: the digest matches again
    await services.history.undo()  # the two changes
    await services.history.undo()
    await services.history.undo()  # the import
    assert await task_ids(services) == []
    await run_import(services, tw_file(N))
    ids = await task_ids(services)
    await services.tasks.set_done(ids[N - 3], True)
    async with services.db.write() as session:  # outside the history: the undo sees it
        await session.execute(models.Task.__table__.update().where(
            models.Task.id == ids[N - 3]).values(title="changed"))
    await services.history.undo()  # set_done: the title is no field of it
    with pytest.raises(UndoConflict, match="changed since"):
        await services.history.undo()
    assert len(await task_ids(services)) == N


async def test_a_dry_run_of_a_big_import_writes_nothing(services: Services) -> None:
    summary = await run_import(services, tw_file(N), dry_run=True)
    assert summary.added == N
    assert await task_ids(services) == []
    if services.db.backend == "sqlite":
        async with services.db.read() as session:
            assert await session.scalar(text("SELECT count(*) FROM search_rows")) == 0
            assert await session.scalar(text("SELECT count(*) FROM operations")) == 0
