"""The TUI's first look at an SQLite database: what the opening list shows, read with the
standard library's sqlite3 before SQLAlchemy is imported.

Importing SQLAlchemy's async ORM and the service layer costs a few hundred milliseconds; the
rows of the list the app opens on (Today) need one indexed range read. So the app draws them
from this look first, then opens the database properly and reloads. Everything here mirrors
the service layer (service/queries.py for the filter and orders, CategoryService.list for
the categories; rows become Tasks in db/task_row.py, as the service's do), and
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
from urllib.parse import unquote

from todo_tui import clock, domain
from todo_tui.db.files import reader_uri
from todo_tui.db.revision import HEAD_REVISION
from todo_tui.db.task_row import TASK_ROW, task_of_row
from todo_tui.domain import ListCounts, ListKind, ListRef, Sort, TaskPage

log = logging.getLogger(__name__)
SQLITE_PREFIX = "sqlite+aiosqlite:///"
OPENING_LIST = ListRef(ListKind.TODAY)

# Today's ORDER BY for each sort: service/queries.py order_by() for a dated-only list, so
# each is a walk of a list index (ix_tasks_status_due for the smart order).
TODAY_ORDER = {
    Sort.SMART: "due_date, priority DESC, due_at ASC NULLS FIRST, position, id",
    Sort.DUE: "due_date, due_at ASC NULLS FIRST, position, id",
    Sort.PRIORITY: "priority DESC, due_date, position, id",
    Sort.CREATED: "created_at DESC, id",
    Sort.TITLE: "lower(title), position, id",
    Sort.MANUAL: "position, id",
}
TODAY_WHERE = "status = 'open' AND due_date <= :today"
COUNTS = """SELECT
  (SELECT count(*) FROM tasks WHERE status = 'open' AND category_id IS NULL),
  (SELECT count(*) FROM tasks WHERE status = 'open' AND due_date <= :today),
  (SELECT count(*) FROM tasks WHERE status = 'open' AND due_date >= :today
     AND due_date <= :week_end),
  (SELECT count(*) FROM tasks WHERE status = 'done')"""
CATEGORIES = """SELECT c.id, c.name, c.colour, c.position, c.created_at, c.updated_at,
  (SELECT count(*) FROM tasks AS t WHERE t.category_id = c.id AND t.status = 'open')
FROM categories AS c ORDER BY c.position, c.name_key"""
TASK_COLUMNS = ", ".join("c.name" if name == "category_name" else f"t.{name}"
                         for name in TASK_ROW)
# the TASK_ROW positions SQLite returns as text: days, and UTC instants
DAY, INSTANTS = TASK_ROW.index("due_date"), tuple(
    TASK_ROW.index(name) for name in ("due_at", "created_at", "updated_at", "completed_at"))


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
    inbox, due_today, upcoming, done = db.execute(
        COUNTS, {"today": day, "week_end": domain.upcoming_end(today).isoformat()}).fetchone()
    categories = tuple(
        domain.Category(id=row[0], name=row[1], colour=row[2], position=row[3],
                        created_at=_instant(row[4]), updated_at=_instant(row[5]),
                        open_count=int(row[6]))
        for row in db.execute(CATEGORIES))
    # every open task is in the Inbox or in one category: All is their sum (counting it
    # again would read every open task's index entry a second time)
    open_all = inbox + sum(category.open_count for category in categories)
    if not (open_all or done or categories):
        return None  # the first run: the app opens on the Inbox, with its hint
    counts = ListCounts(inbox=inbox, today=due_today, upcoming=upcoming, all=open_all,
                        done=done, categories=categories)
    sort = _sort(db)
    ids = [row[0] for row in db.execute(
        f"SELECT id FROM tasks WHERE {TODAY_WHERE} ORDER BY {TODAY_ORDER[sort]} LIMIT :limit",
        {"today": day, "limit": max(1, limit)})]
    found = _tasks(db, ids)
    page = TaskPage(tasks=tuple(found[i] for i in ids if i in found), total=due_today,
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
    """Tasks by id, with their category's name and their tags (as service/rows.py)."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    tags: dict[str, list[str]] = {}
    for task_id, name in db.execute(
        "SELECT l.task_id, g.name FROM task_tags AS l JOIN tags AS g ON g.id = l.tag_id "
        f"WHERE l.task_id IN ({marks}) ORDER BY g.name_key", ids):
        tags.setdefault(task_id, []).append(name)
    found = {}
    for values in db.execute(
            f"SELECT {TASK_COLUMNS} FROM tasks AS t "
            f"LEFT OUTER JOIN categories AS c ON c.id = t.category_id WHERE t.id IN ({marks})",
            ids):
        row = list(values)
        if row[DAY] is not None:
            row[DAY] = date.fromisoformat(row[DAY])
        for index in INSTANTS:
            if row[index] is not None:
                row[index] = _instant(row[index])
        found[row[0]] = task_of_row(row, tags.get(row[0], ()))
    return found


def _instant(text: str) -> datetime:
    """A stored UTC timestamp (SQLAlchemy writes `YYYY-MM-DD HH:MM:SS.ffffff`), aware."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
