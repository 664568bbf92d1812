"""Our own JSON: an array of tasks with every field (`todo-tui export --format json`).

Importing it into an empty database gives back the same tasks, field for field: the id,
title, notes, status, priority, due (and its zone), repeat, category, tags, order, the
created, updated, completed and trashed stamps, where each came from and its extras, its
parent (`parent_id`), start day, duration in minutes and reminders (`{"minutes_before": 30}`
or `{"at": "2026-12-01T09:00:00+00:00"}`). A second import puts the parent, start and
duration back as the file says; reminders are added with a new task only.
A second import of the same file finds each task again by its id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, TextIO

from todo_tui.domain import Due, Priority
from todo_tui.transfer.jsonstream import values
from todo_tui.transfer.record import Exported, FormatError, Record, Reminder

SOURCE = "json"
FORMAT = "todo-tui"
ID_DIGITS = set("0123456789abcdef")


def sniff(head: str) -> bool:
    return head.lstrip()[:1] in "[{" and f'"format": "{FORMAT}"' in head


def as_json(task: Exported) -> dict[str, Any]:
    due = task.due
    return {
        "format": FORMAT, "id": task.id, "title": task.title, "notes": task.notes,
        "status": "done" if task.done else "open", "trashed": task.trashed,
        "priority": task.priority.label,
        "due": None if due is None else due.iso(), "due_tz": None if due is None else due.tz,
        "recurrence": task.recurrence, "recurrence_from_completion": task.from_completion,
        "category": task.category, "tags": list(task.tags), "position": task.position,
        "created_at": task.created_at.isoformat(), "updated_at": task.updated_at.isoformat(),
        "completed_at": None if task.completed_at is None else task.completed_at.isoformat(),
        "trashed_at": None if task.trashed_at is None else task.trashed_at.isoformat(),
        "source": task.source, "source_id": task.source_id, "extras": task.extras,
        "parent_id": task.parent_id,
        "start": None if task.start is None else task.start.isoformat(),
        "duration_minutes": task.duration_minutes,
        "reminders": [{"minutes_before": r.minutes_before} if r.at is None
                      else {"at": r.at.isoformat()} for r in task.reminders],
    }


def _stamp(item: dict[str, Any], name: str, where: str) -> datetime | None:
    value = item.get(name)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise FormatError(f"{where}: {name}: not an ISO 8601 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise FormatError(f"{where}: {name}: {value!r} has no UTC offset")
    return moment


def _due(item: dict[str, Any], where: str) -> Due | None:
    value = item.get("due")
    if value is None:
        return None
    try:
        if isinstance(value, str) and len(value) == 10:
            return Due.on(date.fromisoformat(value))
        moment = datetime.fromisoformat(value)
        return Due.at_local(moment, item.get("due_tz") or "UTC")
    except (TypeError, ValueError) as exc:
        raise FormatError(f"{where}: due: {value!r}: {exc}") from None


def record_of(item: Any, where: str) -> Record:
    if not isinstance(item, dict) or item.get("format") != FORMAT:
        raise FormatError(f"{where}: not a todo-tui task (no \"format\": \"{FORMAT}\")")
    task_id = item.get("id")
    if not isinstance(task_id, str) or len(task_id) != 32 or set(task_id) - ID_DIGITS:
        raise FormatError(f"{where}: id: {task_id!r} is not 32 hexadecimal digits")
    if not isinstance(item.get("title"), str):
        raise FormatError(f"{where}: no title")
    try:
        priority = Priority.parse(str(item.get("priority") or "none"))
    except ValueError as exc:
        raise FormatError(f"{where}: {exc}") from None
    status = item.get("status", "open")
    if status not in ("open", "done"):
        raise FormatError(f"{where}: status {status!r} is neither open nor done")
    tags = item.get("tags") or []
    extras = item.get("extras") or {}
    if not isinstance(tags, list) or not isinstance(extras, dict):
        raise FormatError(f"{where}: tags must be a list and extras an object")
    source = item.get("source")
    return Record(
        source=source or "", source_id=item.get("source_id") or "", title=item["title"],
        where=where, notes=str(item.get("notes") or ""), done=status == "done",
        trashed=bool(item.get("trashed")), priority=priority, due=_due(item, where),
        recurrence=item.get("recurrence"),
        from_completion=bool(item.get("recurrence_from_completion")),
        category=item.get("category"), tags=tuple(str(tag) for tag in tags),
        created_at=_stamp(item, "created_at", where),
        completed_at=_stamp(item, "completed_at", where),
        trashed_at=_stamp(item, "trashed_at", where),
        updated_at=_stamp(item, "updated_at", where),
        extras=dict(extras), task_id=task_id, position=item.get("position"),
        parent_id=_parent(item, where), start=_start(item, where),
        duration_minutes=_minutes(item, where), reminders=_reminders(item, where),
        has_tree=True)


def _parent(item: dict[str, Any], where: str) -> str | None:
    value = item.get("parent_id")
    if value is not None and (not isinstance(value, str) or len(value) != 32
                              or set(value) - ID_DIGITS):
        raise FormatError(f"{where}: parent_id: {value!r} is not 32 hexadecimal digits")
    return value


def _start(item: dict[str, Any], where: str) -> date | None:
    value = item.get("start")
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise FormatError(f"{where}: start: not a day (YYYY-MM-DD): {value!r}") from None


def _minutes(item: dict[str, Any], where: str) -> int | None:
    value = item.get("duration_minutes")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                              or value <= 0):
        raise FormatError(f"{where}: duration_minutes: {value!r} is not a whole number > 0")
    return value


def _reminders(item: dict[str, Any], where: str) -> tuple[Reminder, ...]:
    found = []
    for value in item.get("reminders") or []:
        if isinstance(value, dict) and isinstance(value.get("minutes_before"), int):
            found.append(Reminder(minutes_before=value["minutes_before"]))
        elif isinstance(value, dict) and "at" in value:
            found.append(Reminder(at=_stamp(value, "at", f"{where}: reminders")))
        else:
            raise FormatError(f"{where}: reminders: {value!r} is neither "
                              '{"minutes_before": N} nor {"at": "..."}')
    return tuple(found)


def read(stream: TextIO, name: str, tz: str) -> Iterator[Record]:
    for index, line, item in values(stream, name):
        yield record_of(item, f"{name}, line {line}, record {index}")


class Writer:
    """A JSON array, one task a line."""

    def __init__(self, out: TextIO, tz: str) -> None:
        self.out, self.count = out, 0
        out.write("[\n")

    def add(self, task: Exported) -> None:
        self.out.write(("," if self.count else "")
                       + json.dumps(as_json(task), ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        self.out.write("]\n")
