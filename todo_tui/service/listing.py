"""Reading a list: its WHERE and ORDER BY (a saved view's included), and where a task stands
in it. Shared by the task service's reads and writes that work on a list as it is shown."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db import models
from todo_tui.domain import ListKind, ListRef, Sort
from todo_tui.search.terms import SearchQuery
from todo_tui.service import filters, queries
from todo_tui.service.lists import view_filter, view_of, view_row
from todo_tui.service.tree import Tree, list_tree, shows_tree


async def list_sql(
    session: AsyncSession, backend: str, ref: ListRef, today: date, sort: Sort,
    query: SearchQuery | None, now: datetime | None,
) -> tuple[filters.ListSql, list[Any]]:
    """The WHERE and ORDER BY of a list (a view: its scope and saved search)."""
    scope, search = ref, query
    if ref.kind is ListKind.VIEW:
        scope, saved = view_filter(view_of(await view_row(session, ref.view_id)))
        if search is None or search.empty:
            search = saved
        else:
            search = SearchQuery(f"{saved.text} {search.text}", saved.clauses + search.clauses)
    sql = filters.list_sql(scope, search, today=today, now=now or models.utcnow(),
                           dialect=backend)
    return sql, queries.order_by(scope, sort)


async def position_in(
    session: AsyncSession, backend: str, where: ColumnElement[bool], order: list[Any], task_id: str
) -> int | None:
    # the task's sort keys, then a count of the rows before them: one walk over the
    # list's index, no numbering of the whole list
    keys = (await session.execute(
        select(*filters.order_expressions(order)).where(models.Task.id == task_id, where)
    )).first()
    if keys is None:
        return None
    before = filters.sorts_before(order, tuple(keys), backend)
    found = await session.scalar(
        select(func.count()).select_from(models.Task).where(where, before))
    return int(found or 0)


async def tree_for(session: AsyncSession, backend: str, ref: ListRef, query: SearchQuery | None,
                   today: date, sort: Sort) -> Tree | None:
    """The tree order of a list shown as a tree that holds subtasks, else None (its plain
    order is the same)."""
    if not shows_tree(ref, query):
        return None
    tree = list_tree(ref, today, sort, backend)
    return tree if await tree.any_subtasks(session) else None
