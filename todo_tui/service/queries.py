"""The SQL behind the lists: which tasks a list holds, in what order, their rows and counts.

These statements are also the TUI's first look (db/peek.py): service/first_look.py compiles
them for SQLite into db/first_look_sql.py, and a test fails when the two drift apart. So the
days may be bound parameters (`bindparam("today")`) as well as dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, and_, func, literal, or_, select, true
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.rows import CATEGORY_ROW, COUNTS_ROW, TASK_ROW
from todo_tui.domain import ListKind, ListRef, Sort

T = models.Task
OPEN = T.status == domain.Status.OPEN.value
DONE = T.status == domain.Status.DONE.value
# every task not in the trash (a trashed task's status is marked: db/rows.py, TRASHED_PREFIX)
LIVE = T.status.in_([status.value for status in domain.Status])
TRASHED = T.trashed_at.is_not(None)
# a day: a date, or a parameter bound when the statement runs (the first look's)
Day = date | BindParameter[Any]
# a page's task ids: a list of them, or an expanding parameter bound when it runs
Ids = Sequence[str] | BindParameter[Any]
# db/rows.py's TASK_ROW, as columns of tasks joined to their category
TASK_COLUMNS = tuple(models.Category.name if name == "category_name" else getattr(T, name)
                     for name in TASK_ROW)


def has_started(today: Day) -> ColumnElement[bool]:
    """Tasks whose start day has come, or that have none (the others wait: Scheduled)."""
    return or_(T.start_date.is_(None), T.start_date <= today)


def waiting(today: Day) -> ColumnElement[bool]:
    """Open tasks whose start day is still to come: the Scheduled list."""
    return and_(OPEN, T.start_date > today)


def list_filter(ref: ListRef, today: date, *, waiting_too: bool = False) -> ColumnElement[bool]:
    """The WHERE clause of a list (with `waiting_too`, tasks waiting to start are in it too)."""
    return list_where(ref, today, domain.upcoming_end(today), waiting_too=waiting_too)


def list_where(ref: ListRef, today: Day, week_end: Day, *, waiting_too: bool = False,
               category: BindParameter[Any] | None = None) -> ColumnElement[bool]:
    """The WHERE clause of a list, the Upcoming week ending on `week_end` (a category's: its
    id, or the parameter `category`, which every category's statement can share).

    A task waiting for its start day is in All and Scheduled only (and, `waiting_too`, in
    a search that asks about start days)."""
    started = true() if waiting_too else has_started(today)
    match ref.kind:
        case ListKind.INBOX:
            return and_(OPEN, T.category_id.is_(None), started)
        case ListKind.TODAY:
            return and_(OPEN, T.due_date <= today, started)
        case ListKind.UPCOMING:
            return and_(OPEN, T.due_date >= today, T.due_date <= week_end, started)
        case ListKind.ALL:
            return OPEN
        case ListKind.DONE:
            return DONE
        case ListKind.TRASH:
            return TRASHED
        case ListKind.CATEGORY:
            return and_(OPEN, T.category_id == (ref.category_id if category is None
                                                else category), started)
        case ListKind.SCHEDULED:
            return waiting(today)
    raise AssertionError(ref)


def order_by(ref: ListRef, sort: Sort) -> list[Any]:
    """The ORDER BY of a list; always ends in the id so pages are stable."""
    if ref.kind is ListKind.DONE and sort is Sort.SMART:
        return [T.completed_at.desc(), T.id]
    if ref.kind is ListKind.TRASH:  # newest trashed first, whatever the sort: one index walk
        return [T.trashed_at.desc(), T.id.desc()]
    if ref.kind is ListKind.SCHEDULED and sort is Sort.SMART:  # the soonest to start first
        return [T.start_date, T.id]
    # undated last; a plain IS NULL (no bound values) so the list indexes can match it, and
    # left out where every task has a due, so the range index on (status, due_date...) serves
    dated_only = ref.kind in (ListKind.TODAY, ListKind.UPCOMING)
    no_due: list[Any] = [] if dated_only else [T.due_date.is_(None)]
    keys: list[Any]
    match sort:
        case Sort.SMART:
            # the day, then priority (a high task at 17:00 above a plain one at 09:00)
            keys = [*no_due, T.due_date, T.priority.desc(), T.due_at.asc().nulls_first(),
                    T.position]
        case Sort.DUE:
            keys = [*no_due, T.due_date, T.due_at.asc().nulls_first(), T.position]
        case Sort.PRIORITY:
            keys = [T.priority.desc(), *no_due, T.due_date, T.position]
        case Sort.CREATED:
            keys = [T.created_at.desc()]
        case Sort.TITLE:
            keys = [func.lower(T.title), T.position]
        case Sort.MANUAL:
            keys = [T.position]
    return [*keys, T.id]


def page_ids(
    where: ColumnElement[bool], order: list[Any], *, offset: int, limit: int | BindParameter[Any]
) -> Select[Any]:
    """The ids of a window of a list: a walk over one list index, no table rows touched."""
    return select(T.id).where(where).order_by(*order).offset(offset).limit(limit)


def task_rows(ids: Ids) -> Select[Any]:
    """The TASK_ROW rows of these tasks (in no order)."""
    return (select(*TASK_COLUMNS)
            .outerjoin(models.Category, models.Category.id == T.category_id)
            .where(T.id.in_(ids)))


def task_tags(ids: Ids) -> Select[Any]:
    """(task id, tag name) of these tasks' tags, in the order a task shows its tags."""
    links = models.task_tags
    return (select(links.c.task_id, models.Tag.name)
            .join(models.Tag, models.Tag.id == links.c.tag_id)
            .where(links.c.task_id.in_(ids)).order_by(models.Tag.name_key))


# deeper than this, a chain of parents is taken for a cycle (the service refuses making one)
MAX_DEPTH = 100


def task_ancestors(ids: Ids) -> Select[Any]:
    """(task id, how many levels up, title) of each ancestor of these tasks."""
    step = aliased(T, name="step")
    up = (select(T.id.label("task_id"), T.parent_id.label("ancestor_id"),
                 literal(1).label("levels"))
          .where(T.id.in_(ids), T.parent_id.is_not(None))
          .cte("up", recursive=True))
    up = up.union_all(
        select(up.c.task_id, step.parent_id, up.c.levels + 1)
        .join(step, step.id == up.c.ancestor_id)
        .where(step.parent_id.is_not(None), up.c.levels < MAX_DEPTH))
    ancestor = aliased(T, name="ancestor")
    return (select(up.c.task_id, up.c.levels, ancestor.title)
            .join(ancestor, ancestor.id == up.c.ancestor_id))


def task_progress(ids: Ids) -> Select[Any]:
    """(task id, subtasks done, subtasks) of these tasks that have subtasks (not in the
    trash): a range of ix_tasks_parent_id each."""
    statement: Any = (select(T.parent_id, func.count(T.id).filter(DONE), func.count(T.id))
                      .where(T.parent_id.in_(ids), or_(OPEN, DONE)).group_by(T.parent_id))
    return statement  # type: ignore[no-any-return]


def counts_statement(today: Day, week_end: Day) -> Select[Any]:
    """One COUNTS_ROW row: each smart list's count, a count over a range of a list index."""

    def count_where(condition: ColumnElement[bool]) -> Any:
        return select(func.count()).select_from(T).where(condition).scalar_subquery()

    return select(*(count_where(list_where(ListRef(ListKind(name)), today, week_end))
                    for name in COUNTS_ROW))


def categories_statement(today: Day) -> Select[Any]:
    """Every category's CATEGORY_ROW and count of open tasks that have started, in the
    user's order."""
    # one count per category, each a range of ix_tasks_category_manual read from the
    # index alone (a GROUP BY over every open task visited each row: 30 ms at 100 000)
    open_count = (
        select(func.count())
        .where(T.category_id == models.Category.id, OPEN, has_started(today))
        .correlate(models.Category)
        .scalar_subquery()
    )
    columns = (getattr(models.Category, name) for name in CATEGORY_ROW)
    return (select(*columns, open_count).where(models.Category.trashed_at.is_(None))
            .order_by(models.Category.position, models.Category.name_key))


def id_neighbours(ids: Ids) -> Select[Any]:
    """(id, the id just before it, the id just after it) of these tasks, among every task's
    ids (the trash's too): two seeks of the primary key each."""
    other = models.Task.__table__.alias("other")
    before = select(func.max(other.c.id)).where(other.c.id < T.id).scalar_subquery()
    after = select(func.min(other.c.id)).where(other.c.id > T.id).scalar_subquery()
    return select(T.id, before, after).where(T.id.in_(ids))
