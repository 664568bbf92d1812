"""Lists shown as trees (the Inbox and each category, without a search): subtasks under
their parent, each level in the list's sort, a collapsed task's subtasks hidden.

A page is read in tree order without loading any tree into Python: a recursive CTE numbers
each task among its siblings (ROW_NUMBER over the list's ORDER BY, per parent) and builds
its path of those numbers, zero-padded, from the top; the page is a range of that order. Both
backends run the same statement but for the padding. An open task's ancestors are open and
in its category (the service keeps it so), so the list's own filter holds whole trees.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, not_, select
from sqlalchemy.sql.selectable import CTE

from todo_tui.db import models
from todo_tui.domain import ListRef
from todo_tui.search.terms import SearchQuery

T = models.Task
# digits of one level's number in a path: a level of up to 10**8 - 1 siblings
DIGITS = 8


def shows_tree(ref: ListRef, query: SearchQuery | None) -> bool:
    """Whether a list is shown as a tree (the others show each subtask with its path)."""
    return ref.holds_trees and (query is None or query.empty)


def has_subtasks(where: ColumnElement[bool]) -> Select[Any]:
    """Whether a list holds any subtask: a list without one is read as a plain list, a walk
    over its list index (one seek in ix_tasks_tree for the Inbox and a category)."""
    return select(select(T.parent_id).where(where, T.parent_id.is_not(None)).exists())


def _padded(number: Any, backend: str) -> Any:
    if backend == "postgresql":
        return func.lpad(cast(number, String), DIGITS, "0", type_=String)
    return func.printf(f"%0{DIGITS}d", number, type_=String)


def tree_of(where: ColumnElement[bool], order: list[Any], backend: str) -> CTE:
    """The tasks `where` selects that are shown: (id, parent_id, path), path sorting them."""
    ranked = (select(T.id, T.parent_id, T.collapsed,
                     func.row_number().over(partition_by=T.parent_id, order_by=order)
                     .label("place"))
              .where(where).cte("ranked"))
    tree = (select(ranked.c.id, ranked.c.parent_id, ranked.c.collapsed,
                   _padded(ranked.c.place, backend).label("path"))
            .where(ranked.c.parent_id.is_(None))
            .cte("tree", recursive=True))
    return tree.union_all(
        select(ranked.c.id, ranked.c.parent_id, ranked.c.collapsed,
               tree.c.path.concat(_padded(ranked.c.place, backend)))
        .join(tree, ranked.c.parent_id == tree.c.id)
        .where(not_(tree.c.collapsed)))


def tree_count(tree: CTE) -> Select[Any]:
    return select(func.count()).select_from(tree)


def tree_page(tree: CTE, *, offset: int, limit: int) -> Select[Any]:
    """A window of the shown tasks' ids, each with how many are shown: the tree is walked
    once for both (an empty window says nothing of the count: ask tree_count)."""
    return (select(tree.c.id, func.count().over())
            .order_by(tree.c.path).offset(offset).limit(limit))


def tree_place(tree: CTE, task_id: str) -> Select[Any]:
    """(how many shown tasks come before it, how many are shown) for a shown task; no row
    when it is not shown."""
    numbered = select(tree.c.id, (func.row_number().over(order_by=tree.c.path) - 1)
                      .label("place"), func.count().over().label("total")).subquery()
    return select(numbered.c.place, numbered.c.total).where(numbered.c.id == task_id)


def sibling_next_to(tree: CTE, task_id: str, parent_id: str | None, step: int
                    ) -> Select[Any]:
    """The id of the task shown just before (step -1) or after (+1) this one among its
    siblings."""
    mine = select(tree.c.path).where(tree.c.id == task_id).scalar_subquery()
    same_parent = (tree.c.parent_id.is_(None) if parent_id is None
                   else tree.c.parent_id == parent_id)
    side = tree.c.path < mine if step < 0 else tree.c.path > mine
    order = tree.c.path.desc() if step < 0 else tree.c.path
    return select(tree.c.id).where(same_parent, side).order_by(order).limit(1)
