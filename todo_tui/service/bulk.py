"""Acting on many tasks at once: the marked tasks (todo_tui/marks.py) counted, narrowed to the
list shown, and changed in one unit of work and one change in the history (one undo).

The marked tasks are a WHERE clause, never a list loaded row by row: marking a whole list of
80 000 is one count. A change reads the marked rows' ids and the fields it writes (the
history needs what they held), works out each one's new values, and writes them with one
UPDATE per group of tasks given the same values (a chunk of ids at a time), or one
executemany where every task gets its own (a shift of each due): never an ORM round trip a
task, but for completing a repeating task, which adds its next occurrence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import clock, domain
from todo_tui.capture.reschedule import DueChange, RepeatChange
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.db.rows import due_of
from todo_tui.domain import Sort
from todo_tui.errors import NotFoundError, ValidationError
from todo_tui.marks import Marked, Scope
from todo_tui.recurrence.rule import stored_rule
from todo_tui.service import oplog, queries, subtasks
from todo_tui.service.categories import require
from todo_tui.service.listing import list_sql
from todo_tui.service.reminders import carry_reminders
from todo_tui.service.repeats import drop_next_occurrence, next_occurrence_of
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot
from todo_tui.service.subtree import with_subtrees
from todo_tui.service.tags import tags_named
from todo_tui.service.task_rows import LOADED, next_position
from todo_tui.words import count_of

T = models.Task
TASKS = cast(Table, models.Task.__table__)
CHUNK = 500

Values = dict[str, Any]
# a task's new values from its current ones (only the fields that change; None: unchanged)
Rewrite = Callable[[Values], Values | None]


@dataclass(frozen=True, slots=True)
class Settled:
    """The marks once the list shown is known: what stays marked, how many tasks that is,
    and which of the rows on screen are marked."""

    marked: Marked
    count: int
    shown: frozenset[str]


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


async def marked_where(session: AsyncSession, backend: str, marked: Marked
                       ) -> ColumnElement[bool]:
    """The WHERE clause of the marked tasks (never one in the trash)."""
    parts: list[ColumnElement[bool]] = []
    if marked.ids:
        parts.append(T.id.in_(sorted(marked.ids)))
    if marked.lists:
        whole: list[ColumnElement[bool]] = []
        for scope in marked.lists:
            sql, _order = await list_sql(session, backend, scope.ref, scope.today, Sort.SMART,
                                         scope.query, scope.now)
            whole.append(sql.where)
        if marked.before is not None:
            whole.append(T.created_at <= marked.before)
        if marked.unmarked:
            whole.append(T.id.not_in(sorted(marked.unmarked)))
        parts.append(and_(*whole))
    if not parts:
        return false()
    return and_(queries.LIVE, or_(*parts))


def _plain(values: Values) -> Values:
    return {name: oplog.plain(value) for name, value in values.items()}


def _summary(verb: str, count: int, title: str | None) -> str:
    if count == 1 and title is not None:
        return f"{verb} {title!r}"
    return f"{verb} {count_of(count, 'task')}"


@retry_public_methods
class BulkService:
    """Counting the marked tasks, and every task action applied to all of them at once."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reads ------------------------------------------------------------------------------

    async def count(self, marked: Marked) -> int:
        """How many tasks are marked."""
        async with snapshot(self._db) as session:
            where = await marked_where(session, self._db.backend, marked)
            return int(await session.scalar(select(func.count()).select_from(T).where(where))
                       or 0)

    async def reach(self, marked: Marked, action: str) -> int:
        """How many tasks `action` ("delete", "done" or "move") changes: the marked ones and
        every subtask under them (deleting, completing or moving a task does the same to its
        subtree, shown or hidden under a collapsed parent; completing leaves tasks already
        done as they are)."""
        async with snapshot(self._db) as session:
            where = with_subtrees(await marked_where(session, self._db.backend, marked))
            if action == "done":
                where = and_(where, T.status == domain.Status.OPEN.value)
            return int(await session.scalar(select(func.count()).select_from(T).where(where))
                       or 0)

    async def settle(self, marked: Marked, scope: Scope, shown: Sequence[str]) -> Settled:
        """The marks narrowed to the list `scope` (a task that left it is no longer marked),
        their count, and which of the `shown` task ids are marked."""
        async with snapshot(self._db) as session:
            sql, _order = await list_sql(session, self._db.backend, scope.ref, scope.today,
                                         Sort.SMART, scope.query, scope.now)
            kept: set[str] = set()
            ids = sorted(marked.ids)
            for chunk in _chunks(ids):
                kept.update(await session.scalars(
                    select(T.id).where(T.id.in_(chunk), sql.where)))
            narrowed = marked.narrowed(scope, frozenset(kept))
            if not narrowed.whole:  # marked one by one: the ids are the answer
                return Settled(narrowed, len(narrowed.ids), narrowed.ids & frozenset(shown))
            where = await marked_where(session, self._db.backend, narrowed)
            count = int(await session.scalar(select(func.count()).select_from(T).where(where))
                        or 0)
            on_screen = await self._among(session, where, shown)
            return Settled(narrowed, count, on_screen)

    async def marked_among(self, marked: Marked, ids: Sequence[str]) -> frozenset[str]:
        """Which of these tasks are marked (the rows of a page just read)."""
        async with snapshot(self._db) as session:
            where = await marked_where(session, self._db.backend, marked)
            return await self._among(session, where, ids)

    @staticmethod
    async def _among(session: AsyncSession, where: ColumnElement[bool], ids: Sequence[str]
                     ) -> frozenset[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(ids))):
            found.update(await session.scalars(select(T.id).where(T.id.in_(chunk), where)))
        return frozenset(found)

    # -- writes: each one change in the history ---------------------------------------------

    async def set_done(self, marked: Marked, done: bool, *, now: datetime | None = None,
                       origin: str | None = None) -> int:
        """Complete (or reopen) every marked task; a repeating one adds (or takes back) its
        next occurrence, as one task's completion does. Returns how many changed."""
        moment = now or clock.now()
        want, was = ((domain.Status.DONE.value, domain.Status.OPEN.value) if done
                     else (domain.Status.OPEN.value, domain.Status.DONE.value))
        async with self._db.write() as session:
            log = oplog.Recorder(session)
            marked_sql = await marked_where(session, self._db.backend, marked)
            # completing a task completes its subtasks too; reopening one reopens its parents
            where = and_(with_subtrees(marked_sql) if done else marked_sql, T.status == was)
            parents = [] if done else list(await session.scalars(
                select(T.id).where(where, T.parent_id.is_not(None))))
            # a repeating task's series moves on (or back) as one task's completion moves it:
            # its ORM row is read, not written (its own status is written with the others')
            repeating = list((await session.scalars(
                select(T).options(*LOADED).where(where, T.recurrence.is_not(None),
                                                 T.due_date.is_not(None)))).unique())
            if not done:
                for row in repeating:
                    await drop_next_occurrence(session, row, log)
            count, title = await self._rewrite(
                session, log, where, ("status", "completed_at", "title"),
                lambda row: {"status": want, "completed_at": moment if done else None})
            if done and repeating:
                position = await next_position(session)
                follow_ups: list[tuple[models.Task, models.Task]] = []
                with session.no_autoflush:  # one flush: the new tasks go in together
                    for row in repeating:
                        follow_up = await next_occurrence_of(session, row, moment, position)
                        if follow_up is not None:
                            log.created("tasks", follow_up)
                            follow_ups.append((row, follow_up))
                            position += 1
                await session.flush()
                # as one task's completion: its reminders and its subtasks (open again) go on
                for row, follow_up in follow_ups:
                    await carry_reminders(session, row.id, follow_up)
                    await subtasks.copy_subtree(session, row, follow_up, log)
                await session.flush()
            for task_id in parents:
                await subtasks.reopen_ancestors(session, await session.get_one(T, task_id),
                                                log, moment)
            verb = "complete" if done else "reopen"
            await log.save(verb, _summary(verb, count, title), origin)
            return count

    async def delete(self, marked: Marked, *, origin: str | None = None) -> int:
        """Move every marked task to the trash; returns how many."""
        now = models.utcnow()
        async with self._db.write() as session:
            log = oplog.Recorder(session)
            where = with_subtrees(await marked_where(session, self._db.backend, marked))
            count, title = await self._rewrite(
                session, log, where, ("status", "trashed_at", "title"),
                lambda row: {"status": oplog.trashed_status(row["status"]), "trashed_at": now})
            await log.save("delete", _summary("delete", count, title), origin)
            return count

    async def set_priority(self, marked: Marked, priority: domain.Priority, *,
                           origin: str | None = None) -> int:
        """Give every marked task one priority; returns how many changed."""
        value = int(priority)
        async with self._db.write() as session:
            log = oplog.Recorder(session)
            where = await marked_where(session, self._db.backend, marked)
            count, title = await self._rewrite(
                session, log, where, ("priority", "title"),
                lambda row: None if row["priority"] == value else {"priority": value})
            summary = _summary(f"priority {priority.label} for", count, title)
            await log.save("priority", summary, origin)
            return count

    async def move(self, marked: Marked, category_id: str | None, *,
                   origin: str | None = None) -> int:
        """File every marked task under a category (None: the Inbox); returns how many moved."""
        async with self._db.write() as session:
            name = "the Inbox"
            if category_id is not None:
                category = await require(session, category_id)
                if category.trashed_at is not None:
                    raise NotFoundError(f"the category {category.name!r} is in the trash")
                name = category.name
            log = oplog.Recorder(session)
            marked_sql = await marked_where(session, self._db.backend, marked)
            where = with_subtrees(marked_sql)  # a subtree moves with its top
            moving = set(await session.scalars(select(T.id).where(where)))

            def rewrite(row: Values) -> Values | None:
                if row["category_id"] == category_id:
                    return None
                new: Values = {"category_id": category_id}
                if row["parent_id"] is not None and row["parent_id"] not in moving:
                    new["parent_id"] = None  # out from under a parent that stays
                return new

            count, title = await self._rewrite(
                session, log, where, ("category_id", "parent_id", "title"), rewrite)
            await log.save("move", _summary("move", count, title) + f" to {name}", origin)
            return count

    async def reschedule(self, marked: Marked, change: DueChange, *, today: date | None = None,
                         origin: str | None = None) -> int:
        """Set (or shift, or clear) every marked task's due; returns how many changed."""
        day = today or clock.now().date()

        def rewrite(row: Values) -> Values | None:
            due = change.apply(due_of(row["due_date"], row["due_at"], row["due_tz"]), day)
            new: Values = {"due_date": None if due is None else due.day,
                           "due_at": None if due is None else due.at,
                           "due_tz": None if due is None or due.at is None else due.tz}
            rule = stored_rule(row["recurrence"], new["due_date"],
                               bool(row["recurrence_from_completion"]))
            if rule != row["recurrence"]:
                new["recurrence"] = rule
            return {name: value for name, value in new.items() if row[name] != value} or None

        async with self._db.write() as session:
            log = oplog.Recorder(session)
            where = await marked_where(session, self._db.backend, marked)
            count, title = await self._rewrite(
                session, log, where, ("due_date", "due_at", "due_tz", "recurrence",
                                      "recurrence_from_completion", "title"), rewrite)
            await log.save("edit", _summary(change.words(day) + " for", count, title), origin)
            return count

    async def set_repeat(self, marked: Marked, change: RepeatChange, *,
                         origin: str | None = None) -> int:
        """Set (or clear) every marked task's repeat; a task without a due (every task, when
        the repeat names a time) gets the first occurrence as its due. Returns how many."""

        def rewrite(row: Values) -> Values | None:
            due = due_of(row["due_date"], row["due_at"], row["due_tz"])
            if change.rule is not None and (due is None or change.timed):
                due = change.due
            new: Values = {
                "due_date": None if due is None else due.day,
                "due_at": None if due is None else due.at,
                "due_tz": None if due is None or due.at is None else due.tz,
                "recurrence": stored_rule(change.rule, None if due is None else due.day,
                                          change.from_completion),
                "recurrence_from_completion": change.from_completion,
            }
            return {name: value for name, value in new.items() if row[name] != value} or None

        async with self._db.write() as session:
            log = oplog.Recorder(session)
            where = await marked_where(session, self._db.backend, marked)
            count, title = await self._rewrite(
                session, log, where, ("due_date", "due_at", "due_tz", "recurrence",
                                      "recurrence_from_completion", "title"), rewrite)
            words = "no repeat" if change.rule is None else "repeat"
            await log.save("edit", _summary(words + " for", count, title), origin)
            return count

    async def tag(self, marked: Marked, add: Sequence[str] = (), remove: Sequence[str] = (), *,
                  origin: str | None = None) -> int:
        """Add tags to and take tags off every marked task; returns how many changed."""
        if not add and not remove:
            raise ValidationError("no tag to add or remove (+tag adds, -tag removes)")
        async with self._db.write() as session:
            log = oplog.Recorder(session)
            where = await marked_where(session, self._db.backend, marked)
            adding = await tags_named(session, add)
            await session.flush()
            removing = await tags_named(session, remove)
            await session.flush()
            drop = {tag.name_key for tag in removing} - {tag.name_key for tag in adding}
            rows = (await session.execute(select(T.id, T.title).where(where))).all()
            have: dict[str, list[models.Tag]] = {row.id: [] for row in rows}
            by_id = {tag.id: tag for tag in (*adding, *removing)}
            for chunk in _chunks(list(have)):
                found = await session.execute(
                    select(models.task_tags.c.task_id, models.Tag)
                    .join(models.Tag, models.Tag.id == models.task_tags.c.tag_id)
                    .where(models.task_tags.c.task_id.in_(chunk)))
                for task_id, tag in found:
                    have[task_id].append(by_id.get(tag.id, tag))
            links_in: list[Values] = []
            links_out: list[Values] = []
            changed: list[str] = []
            for task_id, tags in have.items():
                keys = {tag.name_key for tag in tags}
                new = [tag for tag in adding if tag.name_key not in keys]
                gone = [tag for tag in tags if tag.name_key in drop]
                if not new and not gone:
                    continue
                changed.append(task_id)
                links_in += [{"task_id": task_id, "tag_id": tag.id} for tag in new]
                links_out += [{"task_id": task_id, "tag_id": tag.id} for tag in gone]
                after = sorted([*(t for t in tags if t.name_key not in drop), *new],
                               key=lambda tag: tag.name_key)
                log.raw("tasks", task_id,
                        {"tags": [t.name for t in sorted(tags, key=lambda t: t.name_key)]},
                        {"tags": [t.name for t in after]})
            links = models.task_tags
            if links_out:
                await session.execute(delete(links).where(
                    links.c.task_id == bindparam("b_task"), links.c.tag_id == bindparam("b_tag")),
                    [{"b_task": row["task_id"], "b_tag": row["tag_id"]} for row in links_out])
            if links_in:
                await session.execute(insert(links), links_in)
            await self._touch(session, changed)
            words = " ".join([*(f"+{name}" for name in add), *(f"-{name}" for name in remove)])
            title = next((row.title for row in rows if row.id in changed), None) \
                if len(changed) == 1 else None
            await log.save("edit", _summary(f"tags {words} for", len(changed), title), origin)
            return len(changed)

    # -- the one way they write -------------------------------------------------------------

    async def _rewrite(self, session: AsyncSession, log: oplog.Recorder,
                       where: ColumnElement[bool], fields: Sequence[str], rewrite: Rewrite
                       ) -> tuple[int, str | None]:
        """Give each task `where` selects the values `rewrite` works out from its `fields`,
        and log them; returns how many changed, and the title when it is one task."""
        columns = [TASKS.c.id, *(TASKS.c[name] for name in fields if name != "id")]
        rows = (await session.execute(select(*columns).where(where))).all()
        writes: dict[str, Values] = {}
        titles: list[str] = []
        for row in rows:
            values = dict(row._mapping)
            new = rewrite(values)
            if not new:
                continue
            writes[values["id"]] = new
            if len(titles) < 2 and "title" in values:
                titles.append(values["title"])
            log.raw("tasks", values["id"], _plain({name: values[name] for name in new}),
                    _plain(new))
        await self._write(session, writes)
        return len(writes), titles[0] if len(titles) == 1 else None

    @staticmethod
    async def _write(session: AsyncSession, writes: dict[str, Values]) -> None:
        await oplog.write_rows(session, "tasks", writes, models.utcnow())

    @staticmethod
    async def _touch(session: AsyncSession, ids: Sequence[str]) -> None:
        now = models.utcnow()
        for chunk in _chunks(list(ids)):
            await session.execute(update(TASKS).where(TASKS.c.id.in_(chunk)).values(
                version=TASKS.c.version + 1, updated_at=now))
