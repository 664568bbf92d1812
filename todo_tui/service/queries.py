"""The SQL behind the lists: which tasks a list holds, and in what order."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.sql import Select

from todo_tui import domain
from todo_tui.db import models
from todo_tui.domain import ListKind, ListRef, Sort

T = models.Task
OPEN = T.status == domain.Status.OPEN.value
DONE = T.status == domain.Status.DONE.value


def list_filter(ref: ListRef, today: date) -> ColumnElement[bool]:
    """The WHERE clause of a list."""
    match ref.kind:
        case ListKind.INBOX:
            return and_(OPEN, T.category_id.is_(None))
        case ListKind.TODAY:
            return and_(OPEN, T.due_date <= today)
        case ListKind.UPCOMING:
            return and_(OPEN, T.due_date >= today, T.due_date <= domain.upcoming_end(today))
        case ListKind.ALL:
            return OPEN
        case ListKind.DONE:
            return DONE
        case ListKind.CATEGORY:
            return and_(OPEN, T.category_id == ref.category_id)
    raise AssertionError(ref)


def order_by(ref: ListRef, sort: Sort) -> list[Any]:
    """The ORDER BY of a list; always ends in the id so pages are stable."""
    if ref.kind is ListKind.DONE and sort is Sort.SMART:
        return [T.completed_at.desc(), T.id]
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


def counts_statement(today: date) -> Select[Any]:
    """One row: the counts of the smart lists, each a count over a range of a list index."""

    def count_where(condition: ColumnElement[bool]) -> Any:
        return select(func.count()).select_from(T).where(condition).scalar_subquery()

    return select(*(count_where(list_filter(ListRef(kind), today)) for kind in (
        ListKind.INBOX, ListKind.TODAY, ListKind.UPCOMING, ListKind.ALL, ListKind.DONE)))
