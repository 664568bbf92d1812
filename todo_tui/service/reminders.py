"""Reminders: a task's reminders, when the next one comes due, and firing each one once.

A reminder fires once per channel (`tui`: whichever open app claims it first; `cli`: the runs
of `todo-tui remind`): the insert into `reminder_firings`, whose unique key is (channel, task,
occurrence, reminder), is the claim. Each channel remembers how far it looked
(`reminder_marks`): what came due before that was dealt with, or missed while nothing ran.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import clock, domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.errors import NotFoundError
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot
from todo_tui.service.task_rows import tasks_by_id

if TYPE_CHECKING:
    from todo_tui.service.oplog import Recorder

TUI = "tui"
CLI = "cli"
SNOOZE = "snooze"
# how far back a channel's very first look goes (what a start or a run missed before)
FIRST_LOOK_BACK = timedelta(days=1)
# the default reminder looks this many tasks ahead at most in one read
DEFAULT_BATCH = 500


@dataclass(frozen=True, slots=True)
class Firing:
    """One reminder that came due and was claimed: the task, and which reminder it was."""

    id: int
    task: domain.Task
    occurrence: datetime
    reminder: str
    # `10m before`, `at due`, `at 2026-12-07 14:30`, `snoozed`
    label: str

    def to_json(self) -> dict[str, object]:
        return {"task": self.task.to_json(), "due_at": self.occurrence.isoformat(),
                "reminder": self.label}


@dataclass(frozen=True, slots=True)
class _Candidate:
    task_id: str
    occurrence: datetime
    key: str
    label: str


def _reminder(row: models.Reminder) -> domain.Reminder:
    return domain.Reminder(minutes_before=row.minutes_before, at=row.at)


@retry_public_methods
class ReminderService:
    """Everything the app and the shell do with reminders."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def for_tasks(self, task_ids: list[str]) -> dict[str, tuple[domain.Reminder, ...]]:
        """Each task's reminders (tasks without any are left out)."""
        found: dict[str, list[domain.Reminder]] = {}
        if not task_ids:
            return {}
        async with self._db.read() as session:
            rows = await session.scalars(
                select(models.Reminder).where(models.Reminder.task_id.in_(task_ids))
                .order_by(models.Reminder.id))
            for row in rows:
                found.setdefault(row.task_id, []).append(_reminder(row))
        return {task_id: tuple(items) for task_id, items in found.items()}

    async def set(self, task_id: str, reminders: tuple[domain.Reminder, ...]) -> None:
        """Make `reminders` the task's reminders (those it keeps keep their history)."""
        async with self._db.write() as session:
            if await session.get(models.Task, task_id) is None:
                raise NotFoundError(f"no task with id {task_id}")
            await write_reminders(session, task_id, reminders)

    async def next_at(self, channel: str, now: datetime, default_minutes: int | None
                      ) -> datetime | None:
        """When the next reminder not yet fired on `channel` comes due (maybe already)."""
        async with snapshot(self._db) as session:
            lower = await self._mark(session, channel, now)
            candidates = await _candidates(session, channel, lower, None, default_minutes)
        return min((c.occurrence for c in candidates), default=None)

    async def fire_due(self, channel: str, now: datetime, default_minutes: int | None,
                       origin: str = "") -> list[Firing]:
        """Claim every reminder due by `now` and not fired on `channel` yet; the ones this
        call won (another instance may win some) come back, oldest first. When none is
        due nothing is written (a write would wake every open instance's change watcher)."""
        async with snapshot(self._db) as session:
            lower = await self._mark(session, channel, now)
            if not await _candidates(session, channel, lower, now, default_minutes):
                return []
        async with self._db.write() as session:
            mark = await session.get(models.ReminderMark, channel)
            if mark is None:  # a channel's first look goes back a day
                session.add(models.ReminderMark(channel=channel, checked_at=now))
                lower = now - FIRST_LOOK_BACK
            else:
                lower = mark.checked_at
                mark.checked_at = max(mark.checked_at, now)
            candidates = await _candidates(session, channel, lower, now, default_minutes)
            won: list[tuple[int, _Candidate]] = []
            for candidate in sorted(candidates, key=lambda c: c.occurrence):
                firing_id = await _claim(session, channel, candidate, now, origin)
                if firing_id is not None:
                    won.append((firing_id, candidate))
            tasks = await tasks_by_id(session, sorted({c.task_id for _, c in won}))
        won.sort(key=lambda pair: (pair[1].occurrence,  # at one moment: by title, then id
                                   tasks[pair[1].task_id].title if pair[1].task_id in tasks
                                   else "", pair[1].task_id))
        return [Firing(firing_id, tasks[c.task_id], c.occurrence, c.key, c.label)
                for firing_id, c in won if c.task_id in tasks]

    async def snooze(self, firing_id: int, until: datetime) -> None:
        """The reminder fired as `firing_id` comes back at `until` (on the same channel)."""
        async with self._db.write() as session:
            result = await session.execute(
                update(models.ReminderFiring).where(models.ReminderFiring.id == firing_id)
                .values(snoozed_until=until))
            if getattr(result, "rowcount", 1) == 0:
                raise NotFoundError("that reminder's task is gone")

    async def _mark(self, session: AsyncSession, channel: str, now: datetime) -> datetime:
        mark = await session.get(models.ReminderMark, channel)
        return now - FIRST_LOOK_BACK if mark is None else mark.checked_at


async def write_reminders(session: AsyncSession, task_id: str,
                          reminders: tuple[domain.Reminder, ...],
                          log: Recorder | None = None) -> None:
    """Make `reminders` a task's reminders, in a unit of work already open; with `log`, the
    rows it deletes and adds are part of that change in the history (one undo)."""
    rows = list(await session.scalars(
        select(models.Reminder).where(models.Reminder.task_id == task_id)))
    wanted = {r.key: r for r in reminders}
    for row in rows:
        key = _reminder(row).key
        if key in wanted:
            del wanted[key]
        else:
            if log is not None:
                log.deleted("reminders", row)
            await session.delete(row)
    for reminder in wanted.values():
        added = models.Reminder(task_id=task_id, minutes_before=reminder.minutes_before,
                                at=reminder.at, created_at=clock.now())
        session.add(added)
        if log is not None:
            log.created("reminders", added)
    await session.flush()


async def carry_reminders(session: AsyncSession, task_id: str, follow_up: models.Task) -> None:
    """A repeating task's next occurrence reminds as the one completed did (its reminders
    before the due; a fixed moment belongs to the occurrence it was set on)."""
    minutes = list(await session.scalars(
        select(models.Reminder.minutes_before).where(
            models.Reminder.task_id == task_id, models.Reminder.minutes_before.is_not(None))))
    if not minutes:
        return
    await session.flush()  # the new occurrence's id
    for value in minutes:
        session.add(models.Reminder(task_id=follow_up.id, minutes_before=value,
                                    created_at=clock.now()))


async def _claim(session: AsyncSession, channel: str, candidate: _Candidate, now: datetime,
                 origin: str) -> int | None:
    """Insert the firing unless one exists: its id when this insert won, else None."""
    values = {"channel": channel, "task_id": candidate.task_id,
              "occurrence": candidate.occurrence, "reminder": candidate.key,
              "fired_at": now, "origin": origin[:100]}
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (make(models.ReminderFiring).values(**values)
                 .on_conflict_do_nothing().returning(models.ReminderFiring.id))
    return await session.scalar(statement)


async def _candidates(session: AsyncSession, channel: str, lower: datetime,
                      upper: datetime | None, default_minutes: int | None) -> list[_Candidate]:
    """Reminders coming due after `lower` (and by `upper`), not fired on `channel` yet.

    A reminder added after `lower` counts even when its moment is earlier (by up to a day): a
    task captured at 14:55 for 15:00 with `remind 10m before` reminds at once.
    """
    task = models.Task
    rem = models.Reminder
    found: list[_Candidate] = []
    zone = clock.local_zone_name()

    def wanted(moment: datetime, since: datetime) -> bool:
        return moment > since and (upper is None or moment <= upper)

    rows = await session.execute(
        select(rem.task_id, rem.minutes_before, rem.at, rem.created_at, task.due_at)
        .join(task, task.id == rem.task_id)
        .where(task.status == domain.Status.OPEN.value))
    for task_id, minutes, at, created, due_at in rows:
        reminder = domain.Reminder(minutes_before=minutes, at=at)
        moment = reminder.fire_at(due_at)
        # one added since the last look may be late already: it fires at once (if at most a
        # day late)
        since = lower if created <= lower else min(lower, created - timedelta(days=1))
        if moment is not None and wanted(moment, since):
            found.append(_Candidate(task_id, moment, reminder.key, reminder.describe(zone)))
    if default_minutes is not None:
        offset = timedelta(minutes=default_minutes)
        has_own = select(rem.id).where(rem.task_id == task.id).exists()
        query = (select(task.id, task.due_at)
                 .where(task.status == domain.Status.OPEN.value, task.due_at > lower + offset,
                        ~has_own)
                 .order_by(task.due_at).limit(DEFAULT_BATCH))
        if upper is not None:
            query = query.where(task.due_at <= upper + offset)
        reminder = domain.Reminder(minutes_before=default_minutes)
        for task_id, due_at in await session.execute(query):
            assert due_at is not None
            found.append(_Candidate(task_id, due_at - offset, reminder.key, reminder.describe()))
    firing = models.ReminderFiring
    snoozed = await session.execute(
        select(firing.task_id, firing.snoozed_until)
        .join(task, task.id == firing.task_id)
        .where(firing.channel == channel, firing.snoozed_until > lower,
               task.status == domain.Status.OPEN.value))
    for task_id, until in snoozed:
        if until is not None and (upper is None or until <= upper):
            found.append(_Candidate(task_id, until, SNOOZE, "snoozed"))
    if not found:
        return []
    fired = set(await session.execute(
        select(firing.task_id, firing.occurrence, firing.reminder)
        .where(firing.channel == channel,
               firing.occurrence >= min(c.occurrence for c in found))))
    return [c for c in found if (c.task_id, c.occurrence, c.key) not in fired]
