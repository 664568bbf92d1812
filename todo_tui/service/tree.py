"""Lists shown as trees (the Inbox and each category, without a search): subtasks under
their parent, each level in the list's sort, a collapsed task's subtasks hidden, and a task
the list leaves out (one waiting for its start day) hidden with all its subtasks.

A window is read in tree order without loading a tree into Python and without numbering the
whole list (issue 16, "Speed"):
- the shown subtasks, each with the top-level task it is under, are a walk down
  ix_tasks_tree (subtasks only; 0011 made it carry id and collapsed) from the subtasks of
  the list's top-level tasks: the subtasks alone, read from the index;
- a running sum of the trees' sizes over the top-level tasks, in the list's own index order
  (its subtasks left out by id), finds the trees that reach into the window: it stops at the
  window, and runs from the end for a window in the second half;
- only those trees are put in order: each level numbered among its siblings, a path of those
  numbers (zero-padded, the tree's start first) sorted.
A task's place is a walk up its parents to its top-level task, a count of the list up to that
one (or from the end), and its place in that one tree. Both backends run the same statements
but for the padding; nothing is cached between reads, so another instance's writes show at
once.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    case,
    cast,
    func,
    literal,
    not_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import CTE
from sqlalchemy.sql.util import ClauseAdapter

from todo_tui.db import models
from todo_tui.domain import ListRef
from todo_tui.search.terms import SearchQuery
from todo_tui.service import filters
from todo_tui.service.queries import MAX_DEPTH

T = models.Task
TASKS = models.Task.__table__
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


def _on(table: Any, where: ColumnElement[bool]) -> ColumnElement[bool]:
    """The list's filter on another alias of the tasks table."""
    adapted: ColumnElement[bool] = ClauseAdapter(table).traverse(where)
    return adapted


class Tree:
    """A list shown as a tree: its filter and order, and the reads of it in tree order."""

    def __init__(self, where: ColumnElement[bool], order: list[Any], backend: str) -> None:
        self.where = where
        self.order = order
        self.backend = backend
        # built once a read (a page's statements share them): building is the Python cost
        self._shown_below: CTE | None = None
        self._subtasks: Select[Any] | None = None

    def _below(self) -> CTE:
        """(root, id, collapsed) of every shown subtask, root the top-level task it is
        under: a walk down ix_tasks_tree from the subtasks of the list's top-level tasks
        (a seek of each one's parent), not into a collapsed task's."""
        if self._shown_below is not None:
            return self._shown_below
        sub, top, child = TASKS.alias("sub"), TASKS.alias("top"), TASKS.alias("child")
        walk = (select(top.c.id.label("root"), sub.c.id, sub.c.collapsed)
                .join(top, top.c.id == sub.c.parent_id)
                .where(_on(sub, self.where), sub.c.parent_id.is_not(None),
                       _on(top, self.where), top.c.parent_id.is_(None), not_(top.c.collapsed))
                .cte("below", recursive=True))
        self._shown_below = walk.union_all(
            select(walk.c.root, child.c.id, child.c.collapsed)
            .join(child, child.c.parent_id == walk.c.id)
            .where(not_(walk.c.collapsed), _on(child, self.where)))
        return self._shown_below

    def _subtask_ids(self) -> Select[Any]:
        """The ids of the list's subtasks, read from ix_tasks_tree alone: leaving them out
        of a walk over the list's index leaves its top-level tasks, and no task row read."""
        if self._subtasks is None:
            sub = TASKS.alias("listed_sub")
            self._subtasks = select(sub.c.id).where(_on(sub, self.where),
                                                    sub.c.parent_id.is_not(None))
        return self._subtasks

    def _total(self, below: CTE) -> Any:
        """How many rows the list shows: its top-level tasks and their shown subtasks."""
        listed = select(func.count()).select_from(T).where(self.where).scalar_subquery()
        subtasks = (select(func.count()).select_from(T)
                    .where(self.where, T.parent_id.is_not(None)).scalar_subquery())
        shown = select(func.count()).select_from(below).scalar_subquery()
        return listed - subtasks + shown

    def _tops(self, below: CTE, limit: int, *, backwards: bool = False) -> CTE:
        """(id, size, upto) of the first `limit` top-level tasks in the list's order (from
        the last, `backwards`): how many rows its tree shows, and the trees up to its own. A
        walk over the list's index that stops there, a running sum: no task row read."""
        order = filters.reversed_order(self.order) if backwards else self.order
        sizes = (select(below.c.root, func.count().label("n")).group_by(below.c.root)
                 .cte("sizes"))
        size = 1 + func.coalesce(sizes.c.n, 0)
        tops = (select(T.id, size.label("size"),
                       func.sum(size).over(order_by=order, rows=(None, 0)).label("upto"))
                .outerjoin(sizes, sizes.c.root == T.id)
                .where(self.where, T.id.not_in(self._subtask_ids()))
                .order_by(*order).limit(limit))
        return tops.cte("tops")

    def _ordered(self, below: CTE, roots: CTE, name: str = "") -> Any:
        """(id, place) of the rows the trees of `roots` (id, start: its place) show, place
        where each stands in the list: each level numbered among its siblings, a path of
        those numbers sorted."""
        ranked = (select(below.c.id, T.parent_id, func.row_number().over(
                      partition_by=T.parent_id, order_by=self.order).label("place"))
                  .join(T, T.id == below.c.id)
                  .where(below.c.root.in_(select(roots.c.id)))
                  .cte(f"ranked{name}"))
        tree = (select(roots.c.id, _padded(roots.c.start, self.backend).label("path"))
                .cte(f"tree{name}", recursive=True))
        tree = tree.union_all(
            select(ranked.c.id, tree.c.path.concat(_padded(ranked.c.place, self.backend)))
            .join(tree, ranked.c.parent_id == tree.c.id))
        first = select(func.min(roots.c.start)).scalar_subquery()
        return select(tree.c.id, (func.row_number().over(order_by=tree.c.path) - 1 + first)
                      .label("place")).subquery(f"ordered{name}")

    def _window(self, below: CTE, bound: int, backwards: bool) -> tuple[CTE, Any]:
        """The first `bound` top-level tasks (from the end, `backwards`) with their sizes,
        and where each one's tree starts (an expression on them)."""
        tops = self._tops(below, max(bound, 0), backwards=backwards)
        first = self._total(below) - tops.c.upto if backwards else tops.c.upto - tops.c.size
        return tops, first

    async def _focus(self, session: AsyncSession, task_id: str, extra: int
                     ) -> tuple[CTE, Any, Any] | None:
        """For a shown task: the top-level tasks up to its own and `extra` more either side
        (tops, where each tree starts: as _window), and its place (a scalar); None when the
        list does not show it.

        Its parents say under which top-level task it is; that task's place in the list's
        plain order says from which end to sum up (an index-only count); the task's place in
        its tree is that tree alone put in order."""
        root = await self._root_of(session, task_id)
        if root is None:
            return None
        keys = tuple((await session.execute(
            select(*filters.order_expressions(self.order)).where(T.id == root))).one())
        listed, ahead = (int(n) for n in (await session.execute(select(
            select(func.count()).select_from(T).where(self.where).scalar_subquery(),
            select(func.count()).select_from(T).where(
                self.where, filters.sorts_before(self.order, keys, self.backend))
            .scalar_subquery()))).one())
        # at most `ahead` top-level tasks come before root's, `listed - ahead` from it on
        backwards = 2 * ahead > listed
        below = self._below()
        tops, first = self._window(
            below, (listed - ahead if backwards else ahead + 1) + extra, backwards)
        start = select(first).where(tops.c.id == root).scalar_subquery()
        if root == task_id:  # a top-level task: where its tree starts
            return tops, first, start
        mine = select(literal(root).label("id"), start.label("start")).cte("mine")
        ordered = self._ordered(below, mine, "_mine")
        return tops, first, select(ordered.c.place).where(
            ordered.c.id == task_id).scalar_subquery()

    async def count(self, session: AsyncSession) -> int:
        """How many rows the list shows."""
        return int(await session.scalar(select(self._total(self._below()))) or 0)

    async def page(self, session: AsyncSession, *, offset: int, limit: int,
                   around: str | None = None, centre: bool = False
                   ) -> tuple[list[str], int, int, int | None]:
        """(the ids of a window's rows in order, how many rows the list shows, the window's
        offset, where `around` stands, None when it is not shown).

        With `around` shown, the window is the one that holds it (as TaskService.page says),
        found in the same statement. A running sum of the sizes of the trees of the
        top-level tasks up to the window (a walk over the list's index that stops there;
        from the end, for a window in the second half) finds the trees that reach into it;
        those alone are put in order."""
        below = self._below()
        found = None if around is None else await self._focus(session, around, limit)
        focus: Any
        start: Any
        if found is None:
            listed = int(await session.scalar(
                select(func.count()).select_from(T).where(self.where)) or 0)
            backwards = 2 * offset > listed  # at most one tree a row from the window on
            tops, first = self._window(
                below, listed - offset if backwards else offset + limit, backwards)
            focus, start = literal(None), literal(offset)
        else:
            tops, first, focus = found
            start = (case((focus < limit // 2, 0), else_=focus - limit // 2) if centre
                     else focus - focus % limit)
        roots = (select(tops.c.id, first.label("start"))
                 .where(first + tops.c.size > start, first < start + limit).cte("roots"))
        ordered = self._ordered(below, roots)
        rows = (await session.execute(
            select(ordered.c.id, self._total(below), start, focus)
            .where(ordered.c.place >= start, ordered.c.place < start + limit)
            .order_by(ordered.c.place))).all()
        if not rows:  # past the end: the window says nothing of the count
            return [], await self.count(session), offset, None
        head = rows[0]
        return ([str(row[0]) for row in rows], int(head[1]), int(head[2]),
                None if head[3] is None else int(head[3]))

    async def place(self, session: AsyncSession, task_id: str) -> int | None:
        """How many shown rows come before a task; None when it is not shown."""
        found = await self._focus(session, task_id, 0)
        if found is None:
            return None
        place = await session.scalar(select(found[2]))
        return None if place is None else int(place)

    async def sibling(self, session: AsyncSession, task_id: str, parent_id: str | None,
                      step: int) -> str | None:
        """The id of the task shown just before (step -1) or after (1) a shown one among its
        siblings (the list's order among the tasks of one parent), or None: a walk from it
        over the list's index, or over its parent's subtasks."""
        if await self._root_of(session, task_id) is None:
            return None
        keys = tuple((await session.execute(
            select(*filters.order_expressions(self.order)).where(T.id == task_id))).one())
        backwards = filters.reversed_order(self.order)
        side = filters.sorts_before(backwards if step > 0 else self.order, keys, self.backend)
        same_parent = (T.id.not_in(self._subtask_ids()) if parent_id is None
                       else T.parent_id == parent_id)
        found = await session.scalar(
            select(T.id).where(self.where, same_parent, side)
            .order_by(*(self.order if step > 0 else backwards)).limit(1))
        return None if found is None else str(found)

    async def _root_of(self, session: AsyncSession, task_id: str) -> str | None:
        """The top-level task above a task the list shows (the task itself at the top);
        None when the list does not show it (it or a parent not in the list, or under a
        collapsed task). A walk up its parents, a seek each."""
        step = TASKS.alias("step")
        up = (select(T.id, T.parent_id, T.collapsed, literal(0).label("levels"))
              .where(T.id == task_id).cte("up", recursive=True))
        up = up.union_all(
            select(step.c.id, step.c.parent_id, step.c.collapsed, up.c.levels + 1)
            .join(step, step.c.id == up.c.parent_id).where(up.c.levels < MAX_DEPTH))
        listed = TASKS.alias("listed")
        in_list = select(listed.c.id).where(listed.c.id == up.c.id,
                                            _on(listed, self.where)).exists()
        rows = (await session.execute(
            select(up.c.id, up.c.parent_id, up.c.collapsed, in_list)
            .order_by(up.c.levels))).all()
        if not rows or rows[-1][1] is not None:
            return None
        if not all(row[3] for row in rows) or any(row[2] for row in rows[1:]):
            return None
        return str(rows[-1][0])


def tree_of(where: ColumnElement[bool], order: list[Any], backend: str) -> Tree:
    """The list `where` selects, in `order`, shown as a tree."""
    return Tree(where, order, backend)
