"""dooit's SQLite database (`user_data_dir("dooit")/dooit.db`), read with sqlite3, read-only.

Import only. Tables `workspace` (nested: a todo's category is its workspace's path, `Work /
Project X`) and `todo` (nested todos: a subtask's parent is kept in extras until subtasks
exist). description -> title, its `@words` -> tags; note (newer dooit) -> notes; due -> due
(local midnight is a whole day); pending -> open or done; completed_at -> completed; binned_at
(newer dooit) -> the trash; urgency 1-4 (older dooit) or priority 1 (most urgent) - 3 ->
priority (priorities.py); recurrence (an interval of whole days or weeks) -> a repeat; the
todo's id -> source id; effort, scheduled and anything else -> extras. Columns a version
lacks are simply not read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from todo_tui.domain import Priority
from todo_tui.transfer import priorities
from todo_tui.transfer.record import PARENT, FormatError, Record, due_from_instant

SOURCE = "dooit"
MAPPED = {"id", "order_index", "description", "due", "recurrence", "urgency", "priority",
          "pending", "parent_workspace_id", "parent_todo_id", "parent_project_id", "note",
          "completed_at", "binned_at"}
EPOCH = datetime(1970, 1, 1)
# newer dooit: 1 is the most urgent, 3 the least, 0 none
PRIORITY = {1: Priority.HIGH, 2: Priority.MEDIUM, 3: Priority.LOW}


def _moment(value: Any, where: str, name: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise FormatError(f"{where}: {name}: not a date: {value!r}") from None


def _rule(value: Any, where: str) -> str | None:
    """SQLAlchemy keeps an Interval in SQLite as the epoch plus the interval."""
    moment = _moment(value, where, "recurrence")
    if moment is None:
        return None
    delta: timedelta = moment - EPOCH
    if delta.seconds or delta.microseconds or delta.days < 1:
        return None
    if delta.days % 7 == 0:
        weeks = delta.days // 7
        return "FREQ=WEEKLY" + (f";INTERVAL={weeks}" if weeks > 1 else "")
    return "FREQ=DAILY" + (f";INTERVAL={delta.days}" if delta.days > 1 else "")


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def read(path: Path, tz: str) -> Iterator[Record]:
    name = str(path)
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise FormatError(f"{name}: cannot open: {exc}") from None
    try:
        todo_columns = _columns(db, "todo")
        if not todo_columns or "description" not in todo_columns:
            raise FormatError(f"{name}: an SQLite file, but not dooit's (no todo table)")
        containers = _containers(db)
        order = "order_index, id" if "order_index" in todo_columns else "id"
        rows = db.execute(f"SELECT * FROM todo ORDER BY {order}")
        names = [column[0] for column in rows.description]
        for values in rows:
            row = dict(zip(names, values, strict=True))
            yield _record(row, f"{name}, todo {row['id']}", tz, containers)
    except sqlite3.Error as exc:
        raise FormatError(f"{name}: {exc}") from None
    finally:
        db.close()


def _containers(db: sqlite3.Connection) -> dict[tuple[str, int], str]:
    """The path of each workspace (or project, in newer dooit) by (kind, id)."""
    found: dict[tuple[str, int], str] = {}
    for table, parent in (("workspace", "parent_workspace_id"), ("project", "parent_project_id")):
        columns = _columns(db, table)
        if "description" not in columns:
            continue
        root = "is_root" if "is_root" in columns else "0"
        rows = {row[0]: (row[1], row[2], bool(row[3])) for row in db.execute(
            f"SELECT id, description, {parent if parent in columns else 'NULL'}, {root} "
            f"FROM {table}")}
        for ident in rows:
            parts: list[str] = []
            current: int | None = ident
            seen: set[int] = set()
            while current is not None and current in rows and current not in seen:
                seen.add(current)
                description, up, is_root = rows[current]
                if not is_root and description:
                    parts.append(str(description).strip())
                current = up
            found[(table, ident)] = " / ".join(reversed(parts))
    return found


def _record(row: dict[str, Any], where: str, tz: str,
            containers: dict[tuple[str, int], str]) -> Record:
    description = str(row.get("description") or "")
    words = description.split()
    tags = tuple(word[1:] for word in words if len(word) > 1 and word[0] == "@")
    title = " ".join(word for word in words if not (len(word) > 1 and word[0] == "@"))
    extras = {key: value for key, value in row.items() if key not in MAPPED
              and value not in (None, "", 0)}
    record = Record(source=SOURCE, source_id=str(row["id"]), title=title or description,
                    where=where, notes=str(row.get("note") or ""), tags=tags, extras=extras)
    if not description.strip():
        record.skip = "an empty todo (no description)"
    zone = ZoneInfo(tz)
    due = _moment(row.get("due"), where, "due")
    if due is not None:
        record.due = due_from_instant(due.replace(tzinfo=zone).astimezone(UTC), tz)
    record.done = not bool(row.get("pending", 1))
    completed = _moment(row.get("completed_at"), where, "completed_at")
    if completed is not None:
        record.completed_at = completed.replace(tzinfo=zone).astimezone(UTC)
    binned = _moment(row.get("binned_at"), where, "binned_at")
    if binned is not None:  # into the trash from the import on; when it was binned is kept
        record.trashed = True
        extras["binned_at"] = str(row["binned_at"])
    if row.get("urgency"):
        record.priority = priorities.DOOIT.get(int(row["urgency"]), Priority.NONE)
    elif row.get("priority"):
        record.priority = PRIORITY.get(int(row["priority"]), Priority.NONE)
    if row.get("recurrence"):
        rule = _rule(row["recurrence"], where)
        if rule is None:
            extras["recurrence"] = row["recurrence"]
        else:
            record.recurrence = rule
            record.from_completion = True  # dooit steps from when it is ticked off
    for kind, column in (("workspace", "parent_workspace_id"),
                         ("project", "parent_project_id")):
        if row.get(column) is not None:
            record.category = containers.get((kind, row[column])) or None
    if row.get("parent_todo_id") is not None:
        extras[PARENT] = str(row["parent_todo_id"])
    return record
