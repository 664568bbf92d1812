"""The operation log: what each change wrote, recorded in the change's own transaction, and
written back (undo) or again (redo) only where the rows still hold what it left.

A payload is `{"tasks" | "categories" | "views" | "reminders": {id: {"before": fields | None,
"after": fields | None}}, "focus": {"task": id | None, "category": id | None}}`: `before` None means
the change created the row, `after` None that it deleted it for good. Only the fields a
change wrote are kept (a created or deleted row: all of them); a task's tags are the field
`tags`, its tag names in order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, Table, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.rows import TRASHED_PREFIX
from todo_tui.errors import UndoConflict
from todo_tui.service import validate
from todo_tui.service.oplog_bulk import BULK, SKIPPED, check_bulk, chunks, delete_bulk
from todo_tui.service.tags import tags_named

# The log keeps the newest MAX_OPERATIONS changes, none older than MAX_AGE_DAYS (README).
MAX_OPERATIONS = 1000
MAX_AGE_DAYS = 90
DEFAULT_ORIGIN = "app"

TABLES: dict[str, Table] = {
    "tasks": models.Task.__table__,  # type: ignore[dict-item]
    "categories": models.Category.__table__,  # type: ignore[dict-item]
    "views": models.SavedView.__table__,  # type: ignore[dict-item]
    # a task's reminders, as the edit form changes them with its fields (ids are numbers,
    # written in the payload as text like every id)
    "reminders": models.Reminder.__table__,  # type: ignore[dict-item]
}
NAMES = {"tasks": "task", "categories": "category", "views": "view", "reminders": "reminder"}


def ids_of(kind: str, row_ids: list[str]) -> list[Any]:
    """Ids as the table's key column takes them (the payload writes every id as text)."""
    return [int(row_id) for row_id in row_ids] if kind == "reminders" else list(row_ids)


def plain(value: Any) -> Any:
    """A column value as JSON: days and instants (UTC) as ISO text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def typed(table: Table, name: str, value: Any) -> Any:
    """A JSON value back as the column's Python value."""
    if value is None or name == "tags":
        return value
    column_type = table.c[name].type
    if isinstance(column_type, models.UTCDateTime):
        return datetime.fromisoformat(value).astimezone(UTC)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    return value


def fields_of(kind: str, values: Mapping[str, Any], tags: Iterable[str] | None = None
              ) -> dict[str, Any]:
    """A row's recorded fields (and a task's tag names)."""
    found = {name: plain(values[name]) for name in TABLES[kind].c.keys() if name not in SKIPPED}
    if kind == "tasks":
        found["tags"] = list(tags or ())
    return found


def row_fields(kind: str, row: Any) -> dict[str, Any]:
    """The recorded fields of an ORM row (a task's tags loaded)."""
    values = {name: getattr(row, name) for name in TABLES[kind].c.keys()}
    tags = [tag.name for tag in sorted(row.tags, key=lambda tag: tag.name_key)] \
        if kind == "tasks" else None
    return fields_of(kind, values, tags)


class Recorder:
    """Collects what one unit of work writes; `save` adds it to the log in that transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._before: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._rows: dict[tuple[str, str], Any] = {}
        self._raw: dict[tuple[str, str], tuple[dict[str, Any] | None, dict[str, Any] | None]] = {}
        self._new: list[tuple[str, Any]] = []
        self.focus_task: str | None = None
        self.focus_category: str | None = None
        # an import's added tasks as a seed and a count (see BULK), not row by row
        self.bulk: dict[str, Any] | None = None

    def watch(self, kind: str, row: Any) -> None:
        """Remember an ORM row as it is now (before the change); its state at save is after."""
        key = (kind, str(row.id))
        if key not in self._before:
            self._before[key] = row_fields(kind, row)
            self._rows[key] = row

    def created(self, kind: str, row: Any) -> None:
        """An ORM row the change adds (its id is known after the flush)."""
        self._new.append((kind, row))

    def deleted(self, kind: str, row: Any) -> None:
        """An ORM row the change deletes for good (call before deleting it)."""
        self._raw[(kind, str(row.id))] = (row_fields(kind, row), None)

    def raw(self, kind: str, row_id: str, before: dict[str, Any] | None,
            after: dict[str, Any] | None) -> None:
        """A change written without ORM rows (a bulk UPDATE): its fields, before and after."""
        self._raw[(kind, row_id)] = (before, after)

    async def save(self, kind: str, summary: str, origin: str | None) -> models.Operation | None:
        """Add the change to the log (nothing when it wrote nothing); keeps the log capped."""
        await self._session.flush()
        entries: dict[str, dict[str, Any]] = {}
        for (table, row_id), before in self._before.items():
            after: dict[str, Any] | None = row_fields(table, self._rows[(table, row_id)])
            assert after is not None
            if before is not None:
                changed = [name for name in after if after[name] != before[name]]
                if not changed:
                    continue
                before = {name: before[name] for name in changed}
                after = {name: after[name] for name in changed}
            entries.setdefault(table, {})[row_id] = {"before": before, "after": after}
        for table, row in self._new:
            entries.setdefault(table, {})[str(row.id)] = {"before": None,
                                                     "after": row_fields(table, row)}
        for (table, row_id), (before, after) in self._raw.items():
            entries.setdefault(table, {})[row_id] = {"before": before, "after": after}
        if not entries and self.bulk is None:
            return None
        payload: dict[str, Any] = dict(entries)
        if self.bulk is not None:
            payload[BULK] = self.bulk
        payload["focus"] = {"task": self.focus_task, "category": self.focus_category}
        operation = models.Operation(
            at=models.utcnow(), origin=(origin or DEFAULT_ORIGIN)[:100], summary=summary,
            kind=kind, undone=False, payload=payload)
        self._session.add(operation)
        await self._session.flush()
        # the cap by count: one range of the primary key
        await self._session.execute(delete(models.Operation).where(
            models.Operation.id <= operation.id - MAX_OPERATIONS))
        return operation


async def prune(session: AsyncSession, now: datetime) -> None:
    """Forget changes older than MAX_AGE_DAYS."""
    await session.execute(delete(models.Operation).where(
        models.Operation.at < now - timedelta(days=MAX_AGE_DAYS)))


def operation_of(row: models.Operation) -> domain.Operation:
    return domain.Operation(id=row.id, at=row.at, origin=row.origin, summary=row.summary,
                            undone=bool(row.undone), kind=row.kind,
                            passed_over=is_passed_over(row))


# undone_seq of a change an undo passed over (it could not be undone and stays as it is);
# an undone change's undone_seq counts from 1
PASSED_OVER = 0


def is_passed_over(row: models.Operation) -> bool:
    return not row.undone and row.undone_seq == PASSED_OVER


async def current_fields(session: AsyncSession, kind: str, ids: list[str]
                         ) -> dict[str, dict[str, Any]]:
    """The recorded fields of these rows as the database holds them now."""
    table = TABLES[kind]
    found: dict[str, dict[str, Any]] = {}
    tags: dict[str, list[str]] = {}
    for chunk in chunks(ids):
        rows = await session.execute(select(table).where(table.c.id.in_(ids_of(kind, chunk))))
        values = {str(row.id): dict(row._mapping) for row in rows}
        if kind == "tasks":
            links = await session.execute(
                select(models.task_tags.c.task_id, models.Tag.name)
                .join(models.Tag, models.Tag.id == models.task_tags.c.tag_id)
                .where(models.task_tags.c.task_id.in_(chunk)).order_by(models.Tag.name_key))
            for task_id, name in links:
                tags.setdefault(task_id, []).append(name)
        for row_id, mapping in values.items():
            found[row_id] = fields_of(kind, mapping, tags.get(row_id, ()))
    return found


def _label(kind: str, fields: Mapping[str, Any] | None, row_id: str) -> str:
    name = None if fields is None else (fields.get("title") or fields.get("name"))
    return f"{NAMES[kind]} {name!r}" if name else f"{NAMES[kind]} {row_id[:8]}"


async def replay(session: AsyncSession, payload: Mapping[str, Any], *, forward: bool) -> None:
    """Write a change back (forward False: undo) or again (True: redo), all or nothing.

    Raises UndoConflict, having written nothing, when a row no longer holds what the change
    left (for an undo) or had before it (for a redo).
    """
    bulk = payload.get(BULK)
    if bulk is not None:
        await check_bulk(session, bulk, forward=forward)
    wanted: dict[str, dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]]] = {}
    for kind in TABLES:
        entries = payload.get(kind) or {}
        if not entries:
            continue
        now_fields = await current_fields(session, kind, list(entries))
        wanted[kind] = {}
        for row_id, change in entries.items():
            expect, write = ((change["before"], change["after"]) if forward
                             else (change["after"], change["before"]))
            have = now_fields.get(row_id)
            label = _label(kind, have or expect or write, row_id)
            if expect is None and have is not None:
                raise UndoConflict(f"{label} exists again since; nothing was changed")
            if expect is not None and have is None:
                raise UndoConflict(f"{label} was deleted since; nothing was changed")
            if expect is not None and have is not None:
                for name, value in expect.items():
                    if have.get(name) != value:
                        raise UndoConflict(
                            f"{label}: its {name.replace('_', ' ')} changed since; "
                            "nothing was changed")
            wanted[kind][row_id] = (have, write)
    now = models.utcnow()
    # parents before children: categories exist before tasks point at them, and go last
    for kind in ("categories", "tasks", "views", "reminders"):
        table = TABLES[kind]
        writes: dict[str, dict[str, Any]] = {}
        tags: dict[str, list[str]] = {}
        for row_id, (have, write) in wanted.get(kind, {}).items():
            if write is None or have is None:
                continue
            writes[row_id] = {name: typed(table, name, value)
                              for name, value in write.items() if name != "tags"}
            if "tags" in write:
                tags[row_id] = write["tags"]
        await write_rows(session, kind, writes, now)
        if tags:
            await _set_many_tags(session, tags)
        for row_id, (have, write) in wanted.get(kind, {}).items():
            if have is None and write is not None:
                await _insert(session, kind, row_id, write, now)
    if bulk is not None:
        await delete_bulk(session, bulk)
    for kind in ("reminders", "views", "tasks", "categories"):
        gone = [row_id for row_id, (_have, write) in wanted.get(kind, {}).items()
                if write is None]
        for chunk in chunks(gone):
            await _delete(session, kind, chunk)


# a group of rows given the same values smaller than this is written row by row (executemany)
GROUP_MIN = 20


async def write_rows(session: AsyncSession, kind: str, writes: Mapping[str, dict[str, Any]],
                     now: datetime) -> None:
    """Give each row its values (column values, typed), set-based: one UPDATE per chunk of
    rows given the same values (a category's thousands of tasks), and one executemany for the
    rows each given their own; every row written counts as changed (version, updated_at)."""
    table = TABLES[kind]
    stamp: dict[str, Any] = {}
    if "updated_at" in table.c:
        stamp["updated_at"] = now
    if kind == "tasks":
        stamp["version"] = table.c.version + 1
    alike: dict[str, list[str]] = {}
    for row_id, values in writes.items():
        alike.setdefault(json.dumps({k: plain(v) for k, v in values.items()}, sort_keys=True),
                         []).append(row_id)
    singles: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row_ids in alike.values():
        values = writes[row_ids[0]]
        if not values and not stamp:
            continue
        if len(row_ids) < GROUP_MIN:
            for row_id in row_ids:
                singles.setdefault(tuple(sorted(values)), []).append(
                    {"b_id": row_id, **{f"b_{k}": v for k, v in writes[row_id].items()}})
            continue
        for chunk in chunks(row_ids):
            await session.execute(update(table).where(table.c.id.in_(chunk)).values(
                **values, **stamp))
    for names, params in singles.items():
        await session.execute(
            update(table).where(table.c.id == bindparam("b_id")).values(
                **{name: bindparam(f"b_{name}") for name in names}, **stamp),
            params)


async def _set_many_tags(session: AsyncSession, tags: Mapping[str, list[str]]) -> None:
    """Give each task exactly these tags (by name), for all of them at once."""
    ids = list(tags)
    for chunk in chunks(ids):
        await session.execute(delete(models.task_tags).where(
            models.task_tags.c.task_id.in_(chunk)))
    found = {tag.name_key: tag for tag in await tags_named(
        session, {name for names in tags.values() for name in names})}
    await session.flush()
    links = [{"task_id": task_id, "tag_id": found[validate.key(validate.tag(name))].id}
             for task_id, names in tags.items() for name in dict.fromkeys(names)]
    if links:
        await session.execute(insert(models.task_tags), links)


async def _insert(session: AsyncSession, kind: str, row_id: str, write: dict[str, Any],
                  now: datetime) -> None:
    table = TABLES[kind]
    values = {name: typed(table, name, value) for name, value in write.items() if name != "tags"}
    values["id"] = ids_of(kind, [row_id])[0]
    if "updated_at" in table.c:
        values["updated_at"] = now
    if kind == "tasks":
        values["version"] = 1
    await session.execute(insert(table).values(**values))
    if kind == "tasks":
        await _set_tags(session, row_id, write.get("tags") or [])


async def _delete(session: AsyncSession, kind: str, row_ids: list[str]) -> None:
    table = TABLES[kind]
    if kind == "tasks":
        await session.execute(delete(models.task_tags).where(
            models.task_tags.c.task_id.in_(row_ids)))
    await session.execute(delete(table).where(table.c.id.in_(ids_of(kind, row_ids))))


async def _set_tags(session: AsyncSession, task_id: str, names: list[str]) -> None:
    await session.execute(delete(models.task_tags).where(models.task_tags.c.task_id == task_id))
    tags = await tags_named(session, names)
    await session.flush()
    if tags:
        await session.execute(insert(models.task_tags), [
            {"task_id": task_id, "tag_id": tag.id} for tag in tags])


def trashed_status(status: str) -> str:
    """The status a task has in the trash (the status it had, marked)."""
    return status if status.startswith(TRASHED_PREFIX) else TRASHED_PREFIX + status


def untrashed_status(status: str) -> str:
    return status.removeprefix(TRASHED_PREFIX)


async def newest(session: AsyncSession, origin: str | None, *, undone: bool
                 ) -> models.Operation | None:
    """The newest operation (by `origin` when given) that is (not) undone; one passed over
    is neither (`undo` does not offer it again)."""
    op = models.Operation
    stmt = select(op).where(op.undone.is_(undone))
    if not undone:
        stmt = stmt.where(or_(op.undone_seq.is_(None), op.undone_seq != PASSED_OVER))
    if origin is not None:
        stmt = stmt.where(models.Operation.origin == origin)
    return (await session.scalars(stmt.order_by(models.Operation.id.desc()).limit(1))).first()


async def redoable(session: AsyncSession, origin: str | None) -> models.Operation | None:
    """The change a redo makes again: the last one undone, when no change was made since."""
    op = models.Operation
    mine = [op.origin == origin] if origin is not None else []
    last = (await session.scalars(select(op).where(op.undone.is_(True), *mine)
                                  .order_by(op.undone_seq.desc()).limit(1))).first()
    if last is None or last.undone_after is None:
        return None
    since = await session.scalar(select(func.count()).select_from(op).where(
        op.id > last.undone_after, *mine))
    return None if since else last


async def mark_passed_over(session: AsyncSession, row: models.Operation) -> None:
    """Mark a change that could not be undone as passed over: undo goes on before it."""
    op = models.Operation
    await session.execute(update(op).where(op.id == row.id).values(
        undone=False, undone_seq=PASSED_OVER, undone_after=None))


async def mark_undone(session: AsyncSession, row: models.Operation, undone: bool) -> None:
    """Mark a change undone (in the undos' order) or done again."""
    op = models.Operation
    values: dict[str, Any] = {"undone": undone}
    if undone:
        values["undone_seq"] = (await session.scalar(select(func.max(op.undone_seq))) or 0) + 1
        values["undone_after"] = await session.scalar(select(func.max(op.id)))
    await session.execute(update(op).where(op.id == row.id).values(**values))
