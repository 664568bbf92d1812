"""A parsed search as SQL, for the backend at hand: which tasks match, never how they are shown.

Text on SQLite goes through the FTS5 trigram index (`db/fulltext.py`); text shorter than a
trigram, which that index cannot look up, falls back to LIKE. On PostgreSQL text is ILIKE on
the columns, served by pg_trgm GIN indexes. Every condition here is true or false, never NULL,
so negating one (`-due<fri`) keeps the tasks it does not hold for (undated ones included).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Select,
    and_,
    exists,
    false,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.elements import UnaryExpression

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.fulltext import COPIED_COLUMNS, TRIGRAM, search_fts, search_rows
from todo_tui.domain import ListKind, ListRef
from todo_tui.search.parse import resolve_day
from todo_tui.search.terms import (
    CategoryTerm,
    DueKind,
    DueTerm,
    HasTerm,
    PriorityTerm,
    SearchQuery,
    SearchTerm,
    StartTerm,
    StatusTerm,
    TagTerm,
    TextTerm,
)
from todo_tui.service import queries

T = models.Task
TAGS = models.Tag
LINKS = models.task_tags
CATEGORIES = models.Category
# lists whose only condition is a status: an explicit is:open / is:done replaces it
STATUS_ONLY = (ListKind.ALL, ListKind.DONE)
DIRECTIONS = (operators.desc_op, operators.asc_op, operators.nulls_first_op,
              operators.nulls_last_op)
# a page this many times smaller than the matches is found by walking the list (see fts_match)
DENSE = 20


def fts_phrase(text: str) -> str:
    """One FTS5 string: a substring to find, whatever characters it holds."""
    return '"' + text.replace('"', '""') + '"'


def uses_fts(term: SearchTerm, dialect: str) -> bool:
    return (isinstance(term, TextTerm) and dialect == "sqlite"
            and len(term.text.strip()) >= TRIGRAM)


def fts_match(expression: str, *, dense: bool = False) -> ColumnElement[bool]:
    """The tasks whose search row matches an FTS5 expression.

    Both forms select the same tasks. The plain one builds the set of matching task ids once
    (its cost grows with the matches); the dense one looks each task walked up by its integer
    search row (its cost grows with the tasks walked): cheaper when most tasks match and only
    a page of them is wanted.
    """
    if dense:
        rowids = select(search_fts.c.rowid).where(search_fts.c.search_fts.match(expression))
        return exists().where(search_rows.c.task_id == T.id, search_rows.c.id.in_(rowids))
    matching = (
        select(search_rows.c.task_id)
        .select_from(search_fts.join(search_rows, search_rows.c.id == search_fts.c.rowid))
        .where(search_fts.c.search_fts.match(expression))
    )
    return T.id.in_(matching)


def _like(text: str, dialect: str) -> ColumnElement[bool]:
    def contains(column: Any) -> ColumnElement[bool]:
        # SQLite's LIKE ignores ASCII case already; ILIKE is PostgreSQL's (and pg_trgm's)
        if dialect == "postgresql":
            return column.icontains(text, autoescape=True)  # type: ignore[no-any-return]
        return column.contains(text, autoescape=True)  # type: ignore[no-any-return]

    # sets built once per statement (tags and categories are few), not a lookup per task
    tagged = T.id.in_(select(LINKS.c.task_id).where(
        LINKS.c.tag_id.in_(select(TAGS.id).where(contains(TAGS.name)))))
    filed = and_(T.category_id.is_not(None), T.category_id.in_(
        select(CATEGORIES.id).where(contains(CATEGORIES.name))))
    return or_(contains(T.title), contains(T.notes), tagged, filed)


def _due(term: DueTerm, today: date, now: datetime) -> ColumnElement[bool]:
    dated = T.due_date.is_not(None)
    match term.kind:
        case DueKind.NONE:
            return T.due_date.is_(None)
        case DueKind.ANY:
            return dated
        case DueKind.OVERDUE:
            late_today = and_(T.due_at.is_not(None), T.due_at < now)
            return and_(dated, or_(T.due_date < today, late_today))
        case DueKind.WEEK:
            return and_(dated, T.due_date >= today, T.due_date <= domain.upcoming_end(today))
    day = resolve_day(term.day, today)
    compare = {
        DueKind.ON: T.due_date == day, DueKind.BEFORE: T.due_date < day,
        DueKind.BY: T.due_date <= day, DueKind.AFTER: T.due_date > day,
        DueKind.FROM: T.due_date >= day,
    }[term.kind]
    return and_(dated, compare)


def _start(term: StartTerm, today: date) -> ColumnElement[bool]:
    column = T.start_date
    if term.kind is DueKind.NONE:
        return column.is_(None)
    if term.kind is DueKind.ANY:
        return column.is_not(None)
    day = resolve_day(term.day, today)
    compare = {
        DueKind.ON: column == day, DueKind.BEFORE: column < day, DueKind.BY: column <= day,
        DueKind.AFTER: column > day, DueKind.FROM: column >= day,
    }[term.kind]
    return and_(column.is_not(None), compare)


def _priority(term: PriorityTerm) -> ColumnElement[bool]:
    value = int(term.priority)
    return {
        "=": T.priority == value, "<": T.priority < value, "<=": T.priority <= value,
        ">": T.priority > value, ">=": T.priority >= value,
    }[term.op]


def _term(term: SearchTerm, today: date, now: datetime, dialect: str) -> ColumnElement[bool]:
    condition: ColumnElement[bool]
    match term:
        case TextTerm(text=text):
            condition = (fts_match(fts_phrase(text)) if uses_fts(term, dialect)
                         else _like(text, dialect))
        case DueTerm():
            condition = _due(term, today, now)
        case StartTerm():
            condition = _start(term, today)
        case PriorityTerm():
            condition = _priority(term)
        case TagTerm(name=name):
            tagged = select(LINKS.c.task_id).where(
                LINKS.c.tag_id.in_(select(TAGS.id).where(TAGS.name_key == name)))
            condition = T.id.in_(tagged)
        case CategoryTerm(name=None):
            condition = T.category_id.is_(None)
        case CategoryTerm(name=name):
            named = select(CATEGORIES.id).where(CATEGORIES.name_key == name)
            condition = and_(T.category_id.is_not(None), T.category_id.in_(named))
        case StatusTerm(status=status):
            condition = T.status == status.value
        case HasTerm(field="notes"):
            condition = T.notes != ""
        case HasTerm(field="tags"):
            condition = exists().where(LINKS.c.task_id == T.id)
        case HasTerm(field="due"):
            condition = T.due_date.is_not(None)
        case HasTerm(field="repeat"):
            condition = T.recurrence.is_not(None)
        case _:
            raise AssertionError(term)
    return not_(condition) if term.negated else condition


@dataclass(frozen=True)
class ListSql:
    """A list's WHERE clause on tasks, and how to count it fastest."""

    where: ColumnElement[bool]
    count: Select[Any]
    # the FTS5 expression of the search's words, when it has any (SQLite), and the rest
    match: str | None = None
    rest: ColumnElement[bool] | None = None

    def page_where(self, total: int, end: int) -> ColumnElement[bool]:
        """The WHERE for a page ending at `end` of a list of `total` matches."""
        if self.match is None or self.rest is None or total < DENSE * end:
            return self.where
        return and_(fts_match(self.match, dense=True), self.rest)


def _on_search_rows(condition: ColumnElement[bool]) -> ColumnElement[bool] | None:
    """`condition` on search_rows' copies of task columns; None when it needs other columns."""
    tasks = T.__table__
    missing = False

    def swap(element: Any, **_kw: Any) -> Any:
        nonlocal missing
        if isinstance(element, Column) and element.table is tasks:
            if element.name in COPIED_COLUMNS:
                return search_rows.c[element.name]
            missing = True
        return None

    swapped = visitors.replacement_traverse(condition, {}, swap)
    return None if missing else swapped


def list_sql(
    scope: ListRef, query: SearchQuery | None, *, today: date, now: datetime, dialect: str
) -> ListSql:
    """A list's own filter and a search within it; is:open / is:done widen All and Done, and
    a term about the start day (start:, is:scheduled) finds tasks still waiting for it."""
    if scope.kind is ListKind.VIEW:
        raise AssertionError("resolve a view to its scope first")
    waiting_too = query is not None and query.asks_start
    base = queries.list_filter(scope, today, waiting_too=waiting_too)
    if query is None or query.empty:
        return ListSql(base, _count(base))
    if scope.kind in STATUS_ONLY and query.sets_status:
        base = queries.LIVE  # any status but the trash's
    conditions: list[ColumnElement[bool]] = [base]
    wanted: list[str] = []  # clauses of long words: one FTS5 lookup for all of them
    unwanted: list[str] = []  # -words: one lookup, negated
    for clause in query.clauses:
        if all(uses_fts(term, dialect) and not term.negated for term in clause):
            phrases = " OR ".join(fts_phrase(term.text) for term in clause)  # type: ignore[union-attr]
            wanted.append(f"({phrases})")
        elif len(clause) == 1 and uses_fts(clause[0], dialect) and clause[0].negated:
            unwanted.append(fts_phrase(clause[0].text))  # type: ignore[union-attr]
        else:
            conditions.append(or_(*(_term(term, today, now, dialect) for term in clause)))
    if unwanted:
        conditions.append(not_(fts_match(" OR ".join(unwanted))))
    rest = and_(*conditions)
    if not wanted:
        return ListSql(rest, _count(rest))
    match = " AND ".join(wanted)
    where = and_(fts_match(match), rest)
    on_rows = _on_search_rows(rest)
    if on_rows is None:
        return ListSql(where, _count(where), match, rest)
    # driven by the index: each match costs one lookup by integer key, no task row is read
    count = (
        select(func.count())
        .select_from(search_fts.join(search_rows, search_rows.c.id == search_fts.c.rowid))
        .where(search_fts.c.search_fts.match(match), on_rows)
    )
    return ListSql(where, count, match, rest)


def _order_key(element: Any) -> tuple[Any, bool, bool | None]:
    """An ORDER BY element as (expression, descending, NULLs first if said explicitly)."""
    descending, nulls_first = False, None
    while isinstance(element, UnaryExpression) and element.modifier in DIRECTIONS:
        if element.modifier is operators.desc_op:
            descending = True
        elif element.modifier is operators.nulls_first_op:
            nulls_first = True
        elif element.modifier is operators.nulls_last_op:
            nulls_first = False
        element = element.element
    return element, descending, nulls_first


def sorts_before(order: list[Any], values: Sequence[Any], dialect: str) -> ColumnElement[bool]:
    """The rows an ORDER BY puts before the row whose keys are `values`.

    Counting them gives a row's place without numbering the whole list. NULLs sort as the
    backend sorts them: smallest on SQLite, largest on PostgreSQL, unless the key says.
    """
    alternatives = []
    equal: list[ColumnElement[bool]] = []
    for element, value in zip(order, values, strict=True):
        expression, descending, nulls_first = _order_key(element)
        if nulls_first is None:
            nulls_first = descending if dialect == "postgresql" else not descending
        if value is None:
            earlier = false() if nulls_first else expression.is_not(None)
        elif isinstance(value, bool):  # a truth value (undated?): false sorts first
            earlier = expression.is_(not value) if value != descending else false()
        else:
            earlier = expression > value if descending else expression < value
            if nulls_first:
                earlier = or_(expression.is_(None), earlier)
        alternatives.append(and_(*equal, earlier))
        equal.append(expression.is_not_distinct_from(value))
    return or_(*alternatives)


def reversed_order(order: list[Any]) -> list[Any]:
    """The ORDER BY that lists the rows of `order` last first (NULLs too, on each backend):
    an index that serves `order` serves it, read backwards."""
    flipped = []
    for element in order:
        expression, descending, nulls_first = _order_key(element)
        key = expression.asc() if descending else expression.desc()
        if nulls_first is not None:
            key = key.nulls_last() if nulls_first else key.nulls_first()
        flipped.append(key)
    return flipped


def order_expressions(order: list[Any]) -> list[Any]:
    """The expressions an ORDER BY sorts on, without their directions."""
    return [_order_key(element)[0] for element in order]


def _count(where: ColumnElement[bool]) -> Select[Any]:
    return select(func.count()).select_from(T).where(where)


def never() -> ColumnElement[bool]:
    """A condition no task meets (a view whose search no longer parses)."""
    return false()
