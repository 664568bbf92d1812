"""The TUI's first look at an SQLite database: what the opening list shows, read with the
standard library's sqlite3 before SQLAlchemy is imported.

Importing SQLAlchemy's async ORM and the service layer costs a few hundred milliseconds; the
rows of the list the app opens on (Today) need one indexed range read. So the app draws them
from this look first, then opens the database properly and reloads. The SQL is the service's
own (service/queries.py, compiled for SQLite into db/first_look_sql.py), its rows become
Tasks, Categories and counts in db/rows.py as the service's do, and
tests/test_service/test_peek.py checks that both give the same tasks, counts and order for
every sort. Anything unexpected (no file, a newer or older schema, a locked or damaged file)
gives None: the service then opens the database and reports what is wrong, as it always did.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from todo_tui import clock, domain
from todo_tui.db import first_look_sql as sql
from todo_tui.db.files import reader_uri
from todo_tui.db.revision import HEAD_REVISION
from todo_tui.db.rows import (
    CATEGORY_ROW,
    TASK_ROW,
    category_of_row,
    list_counts,
    task_of_row,
    tree_paths,
)
from todo_tui.domain import ListCounts, ListRef, Sort, TaskPage

log = logging.getLogger(__name__)
SQLITE_PREFIX = "sqlite+aiosqlite:///"
OPENING_LIST = ListRef.from_key(sql.OPENING_LIST)

# the TASK_ROW and CATEGORY_ROW positions SQLite returns as text: days, and UTC instants
DAYS, INSTANTS = tuple(TASK_ROW.index(name) for name in ("due_date", "start_date")), tuple(
    TASK_ROW.index(name) for name in ("due_at", "created_at", "updated_at", "completed_at",
                                         "trashed_at"))
CATEGORY_INSTANTS = tuple(CATEGORY_ROW.index(name) for name in ("created_at", "updated_at"))


@dataclass(frozen=True, slots=True)
class FirstLook:
    """The opening list's sort and first rows, and the counts (saved views come later)."""

    ref: ListRef
    sort: Sort
    page: TaskPage
    counts: ListCounts


def look_soon(url: str, height: int) -> Future[FirstLook | None]:
    """The first look for a terminal `height` lines tall, taken in a thread started now.

    The TUI starts it before importing Textual, so the rows are read while that import runs
    and are there to draw in the first frame. It reads a screenful (the list's own first load
    reads more): what it builds in Python holds up that import. The Future never fails: a
    fault gives None.
    """
    look: Future[FirstLook | None] = Future()

    def take() -> None:
        try:
            look.set_result(first_look(url, clock.now().date(), max(1, height)))
        except Exception as exc:  # a preview is a comfort; the real open reports faults
            log.info("no first look: %r", exc)
            look.set_result(None)

    threading.Thread(target=take, name="first-look", daemon=True).start()
    return look


def sqlite_path(url: str) -> Path | None:
    """The file of a plain `sqlite+aiosqlite:///PATH` URL (config.sqlite_url's form)."""
    if not url.startswith(SQLITE_PREFIX) or "?" in url:
        return None
    path = unquote(url[len(SQLITE_PREFIX):])
    return Path(path) if path and path != ":memory:" else None


def first_look(url: str, today: date, limit: int) -> FirstLook | None:
    """The Today list's first `limit` rows and the counts, or None if this cannot tell."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        # read-only, and immutable when no one has it open: nothing is created next to it
        connection = sqlite3.connect(reader_uri(path), uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        return _read(connection, today, limit)
    except (sqlite3.Error, ValueError, TypeError) as exc:
        # the service opens it next and says what is wrong, if anything is
        log.info("no first look at %s: %s", path, exc)
        return None
    finally:
        connection.close()


def _read(db: sqlite3.Connection, today: date, limit: int) -> FirstLook | None:
    if db.execute("SELECT version_num FROM alembic_version").fetchall() != [(HEAD_REVISION,)]:
        return None  # a migration is due: the service does it (and backs up first)
    db.execute("BEGIN")  # one snapshot for everything below
    day = today.isoformat()
    smart_counts = db.execute(sql.COUNTS, {
        **sql.COUNTS_FIXED, "today": day, "week_end": domain.upcoming_end(today).isoformat(),
    }).fetchone()
    categories = []
    for values in db.execute(sql.CATEGORIES, {**sql.CATEGORIES_FIXED, "today": day}):
        row = _instants(list(values[:-1]), CATEGORY_INSTANTS)
        categories.append(category_of_row(row, values[-1]))
    counts = list_counts(smart_counts, categories)
    if not (counts.all or counts.done or counts.categories):
        return None  # the first run: the app opens on the Inbox, with its hint
    sort = _sort(db)
    ids = [row[0] for row in db.execute(sql.TODAY_IDS[sort.value], {
        **sql.TODAY_IDS_FIXED, "today": day, "limit": max(1, limit)})]
    found = _tasks(db, ids)
    page = TaskPage(tasks=tuple(found[i] for i in ids if i in found), total=counts.today,
                    offset=0)
    return FirstLook(ref=OPENING_LIST, sort=sort, page=page, counts=counts)


def _sort(db: sqlite3.Connection) -> Sort:
    row = db.execute("SELECT sort FROM list_prefs WHERE list_key = ?",
                     (OPENING_LIST.key,)).fetchone()
    try:
        return Sort(row[0]) if row else Sort.SMART
    except ValueError:
        return Sort.SMART  # written by a newer version, as ListService.sorts() reads it


def _tasks(db: sqlite3.Connection, ids: list[str]) -> dict[str, domain.Task]:
    """Tasks by id, with their category's name and their tags (as the service reads them)."""
    if not ids:
        return {}
    # the ids bound as SQLAlchemy binds an expanding parameter: :ids_1, :ids_2...
    names = [f"ids_{number}" for number in range(1, len(ids) + 1)]
    marks = ", ".join(f":{name}" for name in names)
    bound = dict(zip(names, ids, strict=True))
    tags: dict[str, list[str]] = {}
    for task_id, name in db.execute(sql.TASK_TAGS.replace(sql.IDS_MARK, marks),
                                    {**sql.TASK_TAGS_FIXED, **bound}):
        tags.setdefault(task_id, []).append(name)
    paths = tree_paths(db.execute(sql.TASK_ANCESTORS.replace(sql.IDS_MARK, marks),
                                  {**sql.TASK_ANCESTORS_FIXED, **bound}))
    progress = {task_id: (int(done or 0), int(count)) for task_id, done, count in db.execute(
        sql.TASK_PROGRESS.replace(sql.IDS_MARK, marks), {**sql.TASK_PROGRESS_FIXED, **bound})}
    found = {}
    for values in db.execute(sql.TASK_ROWS.replace(sql.IDS_MARK, marks),
                             {**sql.TASK_ROWS_FIXED, **bound}):
        row = _instants(list(values), INSTANTS)
        for day in DAYS:
            if row[day] is not None:
                row[day] = date.fromisoformat(row[day])
        found[row[0]] = task_of_row(row, tags.get(row[0], ()), paths.get(row[0], ()),
                                    progress.get(row[0], (0, 0)))
    return found


def _instants(row: list[Any], positions: tuple[int, ...]) -> list[Any]:
    """`row` with the stored UTC timestamps at these positions made aware datetimes."""
    for index in positions:
        if row[index] is not None:
            row[index] = _instant(row[index])
    return row


def _instant(text: str) -> datetime:
    """A stored UTC timestamp (SQLAlchemy writes `YYYY-MM-DD HH:MM:SS.ffffff`), aware."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
