"""The operation log's record of an import: the tasks it added as a seed and a count, not
row by row (service/oplog.py keeps every other change field by field)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import column as sql_column
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db import models
from todo_tui.db.fulltext import search_fts, search_rows
from todo_tui.errors import UndoConflict

CHUNK = 500
# never compared nor written back: every write changes them (and whether a task's subtasks
# are hidden is a preference, kept out of the log like a list's sort; the count of rows under
# a task is the database's own, migration 0012)
SKIPPED = {"id", "version", "updated_at", "collapsed", "open_below"}


def chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


# An import of 100 000 tasks must not write 100 000 rows' fields into the log. The ids of the
# tasks it adds are made from a random seed and a counter (`bulk_id`: they look like any
# other id), so the log keeps the seed and the count, and the ids of tasks that kept their
# own, and a digest of their fields a chunk at a time: `{"seed": str, "count": int, "ids":
# [str], "digests": [str]}` (16 bytes a 500 tasks). Undo deletes them when none was changed
# since (the digests still match) nor deleted; a redo is refused (the fields are not kept):
# importing the file again does the same.
# Since `SERIAL` ({..., "serial": 1}) an id's first 8 hex digits (the short id a user types)
# step through the numbers in order from a start, by a stride, both taken from the seed (an
# odd stride: distinct for every number below 2**32), and the rest is a hash: the ids look
# like any other and their short ids differ, but each one sorts after the one before, so
# every index on the id (the table's key, search_rows) is written in one sweep, not all over
# (a 100 000 task import touches far fewer pages: a small page cache will do). An entry
# without it is an older import's: its ids are hashes of the seed and the number.
BULK = "bulk_added"
SERIAL = "serial"
_SPACE = 1 << 32  # the values of the first 8 hex digits


def _stride(seed: str) -> tuple[int, int]:
    """(start, stride) of a serial import's short ids: a stride of 4 097 to 8 191, odd."""
    return int(seed[:8], 16), 4096 + (int(seed[8:11], 16) | 1)


def bulk_id(seed: str, number: int, *, serial: bool = False) -> str:
    """The id of the `number`th task an import with this seed added."""
    import hashlib

    digest = hashlib.blake2b(f"{seed}:{number}".encode(), digest_size=16).hexdigest()
    if not serial:
        return digest
    start, stride = _stride(seed)
    return f"{(start + number * stride) % _SPACE:08x}{digest[8:]}"


def bulk_number(seed: str, task_id: str) -> int | None:
    """The number of `task_id` among the tasks a serial import with `seed` may have added
    (None: not one of them); bulk_id's inverse."""
    try:
        short = int(task_id[:8], 16)
    except ValueError:
        return None
    start, stride = _stride(seed)
    number = (short - start) * pow(stride, -1, _SPACE) % _SPACE
    return number if bulk_id(seed, number, serial=True) == task_id else None


def _bulk_chunks(bulk: Mapping[str, Any]) -> Iterable[list[str]]:
    seed, count, serial = bulk["seed"], int(bulk["count"]), bool(bulk.get(SERIAL))
    for start in range(0, count, CHUNK):
        yield [bulk_id(seed, number, serial=serial)
               for number in range(start, min(count, start + CHUNK))]
    yield from chunks(list(bulk.get("ids") or ()))


async def bulk_digests(session: AsyncSession, bulk: Mapping[str, Any]) -> list[str]:
    """One digest of the recorded fields (and tags) of each chunk of the tasks an import
    added, as the database holds them now: what undo compares to know that none was changed
    since. Raw values, read the same way at the import and at the undo (no JSON: fast);
    a serial entry's as the driver gives them (no SQLAlchemy type reads: 100 000 rows of
    dates and JSON cost seconds)."""
    import hashlib

    table = models.Task.__table__
    columns: list[Any] = [column for column in table.c if column.name not in SKIPPED]
    if bulk.get(SERIAL):
        columns = [sql_column(column.name) for column in columns]
    links = models.task_tags.c
    digests = []
    for chunk in _bulk_chunks(bulk):
        digest = hashlib.blake2b(digest_size=16)
        rows = await session.execute(select(table.c.id, *columns).select_from(table)
                                     .where(table.c.id.in_(chunk)).order_by(table.c.id))
        digest.update(repr([tuple(row) for row in rows]).encode())
        tags = await session.execute(select(links.task_id, links.tag_id)
                                     .where(links.task_id.in_(chunk))
                                     .order_by(links.task_id, links.tag_id))
        digest.update(repr([tuple(row) for row in tags]).encode())
        digests.append(digest.hexdigest())
    return digests


async def check_bulk(session: AsyncSession, bulk: Mapping[str, Any], *, forward: bool) -> None:
    if forward:
        raise UndoConflict("an import cannot be redone (its tasks are not kept in the "
                           "history): run the import again; nothing was changed")
    task = models.Task
    expected = int(bulk["count"]) + len(bulk.get("ids") or ())
    found = 0
    for chunk in _bulk_chunks(bulk):
        found += await session.scalar(
            select(func.count()).select_from(task).where(task.id.in_(chunk))) or 0
    if found != expected:
        raise UndoConflict(f"{expected - found} of the imported tasks were deleted since; "
                           "nothing was changed")
    if await bulk_digests(session, bulk) != bulk["digests"]:
        raise UndoConflict("some of the imported tasks were changed since; nothing was changed")


async def delete_bulk(session: AsyncSession, bulk: Mapping[str, Any]) -> None:
    sqlite = session.bind is None or session.bind.dialect.name == "sqlite"
    for chunk in _bulk_chunks(bulk):
        if sqlite:
            # The search index first, a chunk in one statement each: then deleting the tags
            # finds no search row to rewrite (search_tag_unlink would index every task's
            # other tags again, tag by tag) and deleting the tasks none to remove one by one.
            rows = select(search_rows.c.id).where(search_rows.c.task_id.in_(chunk))
            await session.execute(delete(search_fts).where(search_fts.c.rowid.in_(rows)))
            await session.execute(delete(search_rows).where(search_rows.c.task_id.in_(chunk)))
        await session.execute(delete(models.task_tags).where(
            models.task_tags.c.task_id.in_(chunk)))
        await session.execute(delete(models.Task).where(models.Task.id.in_(chunk)))
