"""Records into the database, and tasks out of it for an export.

An import is one write transaction and one entry in the history. Records come in batches
(BATCH): each batch's known tasks are looked up with one query (by source and source id,
or by our own id for our JSON), the new ones are inserted with one multi-row INSERT, their
tags with another, and a known task whose fields differ is updated. Nothing holds more than
a batch, so memory does not grow with the file. The added tasks get ids made from one random
seed, which is all the history keeps of them (service/oplog_bulk.py, `BULK`).
"""

from __future__ import annotations

import functools
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.engine import CACHE_KIB, Database
from todo_tui.db.rows import TRASHED_PREFIX
from todo_tui.errors import ValidationError
from todo_tui.recurrence.rule import stored_rule
from todo_tui.service import oplog, oplog_bulk, validate
from todo_tui.service.categories import find_or_create
from todo_tui.transfer.links import Link, apply_links
from todo_tui.transfer.record import PARENT, FormatError, Record

BATCH = 1000
BIG_CACHE_KIB = 16384  # 16 MiB for the length of one import: enough with ids in order (oplog_bulk)
TASK: Table = models.Task.__table__  # type: ignore[assignment]


@dataclass
class Summary:
    """What an import did (or would do): counts, and why records were skipped."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    # tasks whose parent link was left out (transfer/links.py), by why
    unlinked: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.reasons[reason] += 1

    def lines(self, dry_run: bool) -> list[str]:
        """`added N, updated N, unchanged N, skipped N`, then one line per reason."""
        if dry_run:
            head = (f"would add {self.added}, update {self.updated}, leave {self.unchanged} "
                    f"unchanged, skip {self.skipped}")
        else:
            head = (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                    f"skipped {self.skipped}")
        return [head] + [f"  skipped {count}: {reason}"
                         for reason, count in sorted(self.reasons.items())] + [
            f"  left at the top {count}: {reason}"
            for reason, count in sorted(self.unlinked.items())]


class _DryRun(Exception):
    """Ends a dry run's transaction, rolled back."""


def batches(records: Iterable[Record], size: int = BATCH) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


async def import_records(db: Database, records: Iterable[Record], *, label: str,
                         origin: str, dry_run: bool = False) -> Summary:
    """Write `records` (read lazily, in batches) in one transaction, or nothing at all.

    A FormatError from a record, or a field we cannot store, rolls everything back. With
    `dry_run` everything is done and then rolled back: the counts are the real ones.
    """
    summary = Summary()
    try:
        async with db.write() as session:
            writer = _Writer(session, summary, sqlite=db.backend == "sqlite")
            await writer.start()
            for batch in batches(records):
                await writer.write(batch)
            await writer.finish(label, origin)
            await writer.done()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


class _Writer:
    """One import's state: categories and tags by name, the next id and position."""

    # the added tasks' ids in order (oplog_bulk.SERIAL); False: hashed, as before it
    serial = True

    def __init__(self, session: AsyncSession, summary: Summary, *, sqlite: bool) -> None:
        self.session = session
        self.sqlite = sqlite
        self.summary = summary
        self.log = oplog.Recorder(session)
        self.seed = secrets.token_hex(8)
        self.count = 0
        self.own_ids: list[str] = []
        self.categories: dict[str, str] = {}
        self.tags: dict[str, int] = {}
        self.position = 0
        self.now = models.utcnow()
        self.links: list[Link] = []
        self.hashed: set[str] = set()  # the ids added, when not serial (they are all kept)
        self.reminders: list[dict[str, Any]] = []
        self.logged: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    async def start(self) -> None:
        last = await self.session.scalar(select(func.max(models.Task.position)))
        self.position = last or 0
        if self.sqlite:
            # many random-order index inserts: a bigger page cache saves most of the I/O
            await self.session.execute(text(f"PRAGMA cache_size = -{BIG_CACHE_KIB}"))

    async def done(self) -> None:
        if self.sqlite:
            await self.session.execute(text(f"PRAGMA cache_size = -{CACHE_KIB}"))  # as it was

    async def finish(self, label: str, origin: str) -> None:
        if self.reminders:
            await self.session.execute(insert(models.Reminder), self.reminders)
        own = set(self.own_ids) if self.links else set()
        for task_id, before, after in await apply_links(self.session, self.links,
                                                         self.summary.unlinked):
            if task_id in own or self._added(task_id):
                continue  # added by this import: the bulk entry removes it whole
            if task_id not in self.logged:  # counted unchanged: its parent changed
                self.summary.unchanged -= 1
                self.summary.updated += 1
            old_before, old_after = self.logged.get(task_id, ({}, {}))
            self._log(task_id, {**before, **old_before}, {**old_after, **after})
        if self.count or self.own_ids:
            bulk: dict[str, Any] = {"seed": self.seed, "count": self.count, "ids": self.own_ids}
            if self.serial:
                bulk[oplog_bulk.SERIAL] = 1
            bulk["digests"] = await oplog_bulk.bulk_digests(self.session, bulk)
            self.log.bulk = bulk
        added = self.summary.added
        await self.log.save("import", f"import {label}: {added} added, "
                            f"{self.summary.updated} updated", origin)

    async def _category_id(self, name: str | None, where: str) -> str | None:
        if name is None or not name.strip():
            return None
        try:
            key = validate.key(validate.name(name))
        except ValidationError as exc:
            raise FormatError(f"{where}: {exc}") from None
        found = self.categories.get(key)
        if found is None:
            row = await find_or_create(self.session, name, self.log)
            await self.session.flush()
            found = self.categories[key] = row.id
        return found

    async def _tag_ids(self, names: Iterable[str]) -> list[int]:
        """The ids of tags by name (checked names: `_values`), made when missing."""
        wanted: dict[str, str] = {}
        for name in names:
            wanted.setdefault(validate.key(name), name)
        missing = [key for key in wanted if key not in self.tags]
        if missing:
            rows = await self.session.execute(select(models.Tag.name_key, models.Tag.id).where(
                models.Tag.name_key.in_(missing)))
            self.tags.update({key: tag_id for key, tag_id in rows})
            for key in missing:
                if key not in self.tags:
                    result = await self.session.execute(insert(models.Tag).values(
                        name=wanted[key], name_key=key).returning(models.Tag.id))
                    self.tags[key] = int(result.scalar_one())
        return sorted({self.tags[key] for key in wanted})

    def _added(self, task_id: str) -> bool:
        """Whether this import added the task (an id made from its seed)."""
        if not self.serial:
            return task_id in self.hashed
        number = oplog_bulk.bulk_number(self.seed, task_id)
        return number is not None and number < self.count

    def _log(self, task_id: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        self.logged[task_id] = (before, after)
        self.log.raw("tasks", task_id, before, after)

    def _link(self, record: Record, task_id: str, parent: str | None) -> None:
        """Keep the record's parent link for the end of the import (transfer/links.py)."""
        if record.has_tree:
            self.links.append(Link(task_id, "", record.parent_id))
        elif parent is not None and record.source:
            self.links.append(Link(task_id, record.source, str(parent)))

    async def _values(self, record: Record) -> tuple[dict[str, Any], list[str]]:
        """The columns a record writes, and its tag names."""
        try:
            title = validate.title(record.title)
            notes = validate.notes(record.notes)
            tags = [_clean_tag(name) for name in record.tags]
        except ValidationError as exc:
            raise FormatError(f"{record.where}: {exc}") from None
        due = record.due
        recurrence = record.recurrence
        if recurrence is not None:
            _check_rule(recurrence, record.where)
            recurrence = stored_rule(recurrence, None if due is None else due.day,
                                     record.from_completion)
        status = domain.Status.DONE.value if record.done else domain.Status.OPEN.value
        trashed_at = None
        if record.trashed:
            status = TRASHED_PREFIX + status
            trashed_at = record.trashed_at or self.now
        completed_at = record.completed_at
        if record.done and completed_at is None:
            completed_at = record.updated_at or record.created_at or self.now
        if not record.done:
            completed_at = None
        values = {
            "title": title, "notes": notes, "status": status, "priority": int(record.priority),
            "due_date": None if due is None else due.day,
            "due_at": None if due is None else due.at,
            "due_tz": None if due is None or due.at is None else due.tz,
            "recurrence": recurrence, "recurrence_from_completion": record.from_completion,
            "category_id": await self._category_id(record.category, record.where),
            "completed_at": completed_at, "trashed_at": trashed_at,
            "extras": {k: v for k, v in record.extras.items() if k != PARENT} or None,
            "source": record.source or None,
            "source_id": record.source_id or None,
        }
        # a format without start dates or durations leaves them as they are
        if record.start is not None or record.has_tree:
            values["start_date"] = record.start
        if record.duration_minutes is not None or record.has_tree:
            values["duration_minutes"] = record.duration_minutes
        return values, tags

    async def _known(self, batch: list[Record]) -> dict[tuple[str, str], dict[str, Any]]:
        """The tasks of the batch already in the database, keyed like `_key`."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        by_id = [r.task_id or r.ours for r in batch if r.task_id or r.ours]
        by_source: dict[str, list[str]] = {}
        for record in batch:
            if record.source and record.source_id:
                by_source.setdefault(record.source, []).append(record.source_id)
        rows: list[Any] = []
        if by_id:
            rows += (await self.session.execute(
                select(TASK).where(TASK.c.id.in_(by_id)))).mappings().all()
        for source, ids in by_source.items():
            rows += (await self.session.execute(select(TASK).where(
                TASK.c.source == source, TASK.c.source_id.in_(ids)))).mappings().all()
        if not rows:
            return found
        tags: dict[str, list[str]] = {}
        links = await self.session.execute(
            select(models.task_tags.c.task_id, models.Tag.name)
            .join(models.Tag, models.Tag.id == models.task_tags.c.tag_id)
            .where(models.task_tags.c.task_id.in_([row["id"] for row in rows]))
            .order_by(models.Tag.name_key))
        for task_id, name in links:
            tags.setdefault(task_id, []).append(name)
        for row in rows:
            values = dict(row)
            values["tags"] = tags.get(row["id"], [])
            found[("id", row["id"])] = values
            if row["source"] and row["source_id"]:
                found[(row["source"], row["source_id"])] = values
        return found

    async def write(self, batch: list[Record]) -> None:
        known = await self._known(batch)
        new_rows: list[dict[str, Any]] = []
        new_links: list[dict[str, Any]] = []
        for record in batch:
            if record.skip is not None:
                self.summary.skip(record.skip)
                continue
            values, tag_names = await self._values(record)
            have = None
            if record.task_id:
                have = known.get(("id", record.task_id))
            if have is None and record.source and record.source_id:
                have = known.get((record.source, record.source_id))
            if have is None and record.ours:
                have = known.get(("id", record.ours))
            if have is None:
                row = await self._new_row(record, values)
                new_rows.append(row)
                self._link(record, row["id"], record.extras.get(PARENT))
                self.reminders += [{"task_id": row["id"], "minutes_before": r.minutes_before,
                                    "at": r.at, "created_at": self.now}
                                   for r in record.reminders]
                new_links += [{"task_id": row["id"], "tag_id": tag_id}
                              for tag_id in await self._tag_ids(tag_names)]
                # a later record of the batch with the same key updates this one
                self._remember(known, row, tag_names)
                continue
            if have.get("_pending"):  # added earlier in this batch: the file repeats it
                self.summary.skip(f"the same task twice in the file ({record.where})")
                continue
            self._link(record, have["id"], record.extras.get(PARENT))
            await self._update(record, have, values, tag_names)
        if new_rows:
            await self._flush_new(new_rows, new_links)

    def _remember(self, known: dict[tuple[str, str], dict[str, Any]], row: dict[str, Any],
                  tags: list[str]) -> None:
        values = dict(row, tags=tags, _pending=True)
        known[("id", row["id"])] = values
        if row.get("source") and row.get("source_id"):
            known[(row["source"], row["source_id"])] = values

    async def _new_row(self, record: Record, values: dict[str, Any]) -> dict[str, Any]:
        if record.task_id:
            task_id = record.task_id
            self.own_ids.append(task_id)
        else:
            task_id = oplog_bulk.bulk_id(self.seed, self.count, serial=self.serial)
            if not self.serial:
                self.hashed.add(task_id)
            self.count += 1
        self.summary.added += 1
        self.position += 1
        created = record.created_at or self.now
        position = self.position if record.position is None else record.position
        # every row of a multi-row INSERT has the same columns (the first row's)
        values = {"start_date": None, "duration_minutes": None, **values}
        return dict(values, id=task_id, position=position, created_at=created,
                    updated_at=record.updated_at or created, version=1)

    async def _flush_new(self, rows: list[dict[str, Any]], links: list[dict[str, Any]]) -> None:
        # As service/demo.py: on SQLite the tags go in first (their tasks are checked at
        # commit), so the search index's trigger writes each task's row once, tags included.
        # RETURNING makes SQLAlchemy send multi-row INSERTs ("insertmanyvalues"), not one
        # statement a row: SQLite's full-text index writes its pending rows out at the end
        # of every statement, so a row a statement made a segment a task (twice the time).
        tags = insert(models.task_tags).returning(models.task_tags.c.task_id)
        if self.sqlite and links:
            await self.session.execute(text("PRAGMA defer_foreign_keys = ON"))
            await self.session.execute(tags, links)
        await self.session.execute(insert(TASK).returning(TASK.c.id), rows)
        if links and not self.sqlite:
            await self.session.execute(tags, links)

    async def _update(self, record: Record, have: dict[str, Any], values: dict[str, Any],
                      tag_names: list[str]) -> None:
        if have["parent_id"] is not None and not record.has_tree:
            values["category_id"] = have["category_id"]  # a subtask's is its tree's (links.py)
        for name in record.keep:  # what the file cannot say is left as it is
            values[name] = have[name]
        if record.ours == have["id"] and record.task_id is None \
                and have["source"] != record.source:
            # our own export of a task from elsewhere (or made here), read back: it stays
            # where it came from, with that format's extras
            values.update(source=have["source"], source_id=have["source_id"],
                          extras=have["extras"])
        # a stamp the file does not give (made up at the first import) is left as it is
        if record.completed_at is None and values["status"] == have["status"]:
            values["completed_at"] = have["completed_at"]
        if record.trashed_at is None and values["status"] == have["status"]:
            values["trashed_at"] = have["trashed_at"]
        if all(have[name] == value for name, value in values.items()) and [
                validate.key(name) for name in have["tags"]] == sorted(
                {validate.key(name) for name in tag_names}):
            # the same values and tags: unchanged, without the history's forms of both (a
            # second import of a big file is mostly this)
            self.summary.unchanged += 1
            return
        before_all = oplog.fields_of("tasks", have, have["tags"])
        tags_now = sorted({validate.key(name): name for name in tag_names}.values(),
                          key=validate.key)
        after_all = oplog.fields_of("tasks", {**have, **values}, tags_now)
        changed = [name for name in after_all if after_all[name] != before_all[name]]
        if [validate.key(n) for n in have["tags"]] == [validate.key(n) for n in tags_now] \
                and "tags" in changed:
            changed.remove("tags")  # the same tags in another case: left as they are
        if not changed:
            self.summary.unchanged += 1
            return
        self.summary.updated += 1
        columns = {name: values[name] for name in changed if name != "tags"}
        await self.session.execute(update(TASK).where(TASK.c.id == have["id"]).values(
            **columns, updated_at=self.now, version=TASK.c.version + 1))
        if "tags" in changed:
            await self.session.execute(models.task_tags.delete().where(
                models.task_tags.c.task_id == have["id"]))
            links = [{"task_id": have["id"], "tag_id": tag_id}
                     for tag_id in await self._tag_ids(tag_names)]
            if links:
                await self.session.execute(insert(models.task_tags), links)
        self._log(have["id"], {name: before_all[name] for name in changed},
                  {name: after_all[name] for name in changed})


# a file names the same few tags again and again: each spelling is checked once (bounded)
_clean_tag = functools.lru_cache(maxsize=4096)(validate.tag)


def _check_rule(text: str, where: str) -> None:
    from dateutil.rrule import rrulestr

    try:
        rrulestr("RRULE:" + text.removeprefix("RRULE:"), dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise FormatError(f"{where}: not a repeat rule: {text!r} ({exc})") from None
