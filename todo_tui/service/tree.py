"""Lists shown as trees (the Inbox and each category, without a search): subtasks under
their parent, each level in the list's sort, a collapsed task's subtasks hidden, and a task
the list leaves out (one waiting for its start day) hidden with all its subtasks.

A window is read in tree order without loading a tree into Python, without numbering the
whole list and without walking its subtasks (issue 16, "Speed"):
- every task stores how many rows its open subtasks show under it expanded (`open_below`,
  kept by the database's triggers: migrations 0012 and 0013), so a top-level task's tree takes
  1 row, or 1 + open_below when it is expanded, less what waits for its start day (a walk up
  from each waiting subtask: few);
- a running sum of those sizes over the top-level tasks, in the list's own index order, finds
  the trees that reach into the window: it stops at the window, and runs from the end for a
  window in the second half; the list's length is a count of its index and a sum over
  ix_tasks_parents;
- only those trees are walked down, and only into the subtasks that reach into the window:
  each subtask is placed by a running sum of its earlier siblings' sizes (no path strings,
  no sort of a whole tree).
A task's place is a walk up its parents to its top-level task, a count of the list up to that
one (or from the end), and its place in that one tree. Both backends run the same
statements. The statements are built once per list shape, with the category, the day and
the window as parameters (list_tree); no data is cached between reads, so another
instance's writes show at once.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    false,
    func,
    literal,
    literal_column,
    not_,
    null,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import CTE
from sqlalchemy.sql.util import ClauseAdapter

from todo_tui.db import models
from todo_tui.domain import ListKind, ListRef, Sort
from todo_tui.search.terms import SearchQuery
from todo_tui.service import filters, queries
from todo_tui.service.filters import never
from todo_tui.service.queries import MAX_DEPTH

T = models.Task
TASKS = models.Task.__table__
# the parameters of the reads' statements, with the values they have when one does not use them
UNSET: dict[str, Any] = {"bound": 0, "start": 0, "limit": 1, "half": 0, "root": "", "task": ""}
# the size of a tree that is walked whole (larger than any list)
WHOLE = 1 << 40


def shows_tree(ref: ListRef, query: SearchQuery | None) -> bool:
    """Whether a list is shown as a tree (the others show each subtask with its path)."""
    return ref.holds_trees and (query is None or query.empty)


def has_subtasks(where: ColumnElement[bool]) -> Select[Any]:
    """Whether a list holds any subtask: a list without one is read as a plain list, a walk
    over its list index (one seek in ix_tasks_tree for the Inbox and a category)."""
    return select(select(T.parent_id).where(where, T.parent_id.is_not(None)).exists())


def _wide(number: Any) -> Any:
    """A place or size as one type in both terms of a recursive statement (PostgreSQL's sums
    are bigint)."""
    return cast(number, BigInteger)


def _number(name: str) -> Any:
    """A statement's integer parameter `name` (typed: PostgreSQL must know it)."""
    return bindparam(name, type_=Integer)


def _text(name: str) -> Any:
    """A statement's text parameter `name`."""
    return bindparam(name, type_=String)


def _shows(table: Any) -> Any:
    """How many rows a shown task of `table` (an alias of tasks) takes with what is under it,
    by its stored count (migration 0012)."""
    return 1 + case((table.c.collapsed, 0), else_=table.c.open_below)


def _on(table: Any, where: ColumnElement[bool]) -> ColumnElement[bool]:
    """The list's filter on another alias of the tasks table."""
    adapted: ColumnElement[bool] = ClauseAdapter(table).traverse(where)
    return adapted


class Tree:
    """A list shown as a tree: its filter and order, and the reads of it in tree order."""

    def __init__(self, where: ColumnElement[bool], order: list[Any], backend: str,
                 waiting: ColumnElement[bool] | None = None,
                 values: dict[str, Any] | None = None,
                 built: dict[tuple[Any, ...], Any] | None = None) -> None:
        self.where = where
        self.order = order
        self.backend = backend
        # the values of the parameters `where` has (a list shared by every category)
        self.values = values or {}
        # the list's subtasks that wait for their start day (hidden with theirs, but counted
        # in their parents' open_below): None when the list has no start day to wait for
        self.waiting = waiting
        # built once (the statements share it): building is the Python cost
        self._late: CTE | None = None
        self._rows_cte: CTE | None = None
        # its statements, built once: shared by the trees of one shape (see tree_of)
        self._built: dict[tuple[Any, ...], Any] = {} if built is None else built

    def _fixes(self) -> CTE:
        """(root, n): how many rows the stored counts of a top-level task's tree take in that
        the list hides, for subtasks waiting for their start day. A walk up from each such
        subtask (few, read from ix_tasks_tree) through shown, expanded parents; one whose
        parent is hidden or collapsed, or waits itself, is in no stored count it reaches."""
        if self._late is not None:
            return self._late
        late_sub, up = TASKS.alias("late_sub"), TASKS.alias("late_up")
        waiting = self.waiting if self.waiting is not None else never()
        late = (select(late_sub.c.id.label("at"), late_sub.c.parent_id.label("up"),
                       _shows(late_sub).label("n"))
                .where(_on(late_sub, waiting), late_sub.c.parent_id.is_not(None))
                .cte("late", recursive=True))
        late = late.union_all(
            select(up.c.id, up.c.parent_id, late.c.n)
            .join(up, up.c.id == late.c.up)
            .where(_on(up, self.where), not_(up.c.collapsed)))
        self._late = (select(late.c.at.label("root"), late.c.up, func.sum(late.c.n).label("n"))
                      .group_by(late.c.at, late.c.up).cte("fixes"))
        return self._late

    def _total(self) -> Any:
        """How many rows the list shows: its top-level tasks, the stored counts of the
        expanded ones (ix_tasks_parents), less what waits for its start day."""
        listed = select(func.count()).select_from(T).where(self.where).scalar_subquery()
        subtasks = (select(func.count()).select_from(T)
                    .where(self.where, T.parent_id.is_not(None)).scalar_subquery())
        below = (select(func.coalesce(func.sum(T.open_below), 0))
                 .where(self.where, T.parent_id.is_(None), not_(T.collapsed),
                        T.open_below > literal_column("0"))
                 .scalar_subquery())
        fixes = self._fixes()
        hidden = (select(func.coalesce(func.sum(fixes.c.n), 0)).where(fixes.c.up.is_(None))
                  .scalar_subquery())
        return listed - subtasks + below - hidden

    def _shown(self) -> Any:
        """_total as a scalar read from a CTE: a statement that needs it in several places
        works it out once (PostgreSQL runs each copy of a subquery on its own)."""
        if self._rows_cte is None:
            self._rows_cte = select(self._total().label("n")).cte("shown_rows")
        return select(self._rows_cte.c.n).scalar_subquery()

    def _tops(self, limit: Any, *, backwards: bool = False) -> CTE:
        """(id, collapsed, size, upto) of the first `limit` top-level tasks in the list's
        order (from the last, `backwards`): how many rows its tree shows, and the trees up to
        its own. A walk over the list's index that stops there, a running sum."""
        order = filters.reversed_order(self.order) if backwards else self.order
        fixes = self._fixes()
        size = _shows(TASKS) - func.coalesce(fixes.c.n, 0)
        tops = (select(T.id, T.collapsed, size.label("size"),
                       func.sum(size).over(order_by=order, rows=(None, 0)).label("upto"))
                .outerjoin(fixes, fixes.c.root == T.id)
                .where(self.where, T.parent_id.is_(None))
                .order_by(*order).limit(limit))
        return tops.cte("tops")

    def _below(self, roots: CTE, name: str) -> CTE:
        """(root, id, collapsed) of every subtask the trees of `roots` (id, collapsed) show:
        a walk down ix_tasks_tree from each expanded root, not into a collapsed task."""
        sub, child = TASKS.alias(f"sub{name}"), TASKS.alias(f"child{name}")
        walk = (select(roots.c.id.label("root"), sub.c.id, sub.c.collapsed)
                .join(sub, sub.c.parent_id == roots.c.id)
                .where(not_(roots.c.collapsed), _on(sub, self.where))
                .cte(f"below{name}", recursive=True))
        return walk.union_all(
            select(walk.c.root, child.c.id, child.c.collapsed)
            .join(child, child.c.parent_id == walk.c.id)
            .where(not_(walk.c.collapsed), _on(child, self.where)))

    def _ordered(self, roots: CTE, name: str = "", window: tuple[Any, Any] | None = None
                 ) -> Any:
        """(id, place) of the rows the trees of `roots` (id, collapsed, start: its place,
        size: its rows) show, place where each stands in the list, or of those in `window`
        (start, limit) and maybe a few more.

        Each subtask's size is its stored count (less what waits for its start day); a
        running sum of its earlier siblings' sizes says how far under its parent it stands;
        its place is its parent's, one, and that. The places are worked out from the roots
        down, only into the tasks whose rows reach into the window: no path, no sort of a
        whole tree."""
        below = self._below(roots, name)
        fixes = self._fixes()
        size = _shows(TASKS) - func.coalesce(fixes.c.n, 0)
        sized = (select(below.c.id, T.parent_id, size.label("size"),
                        (func.sum(size).over(partition_by=T.parent_id, order_by=self.order,
                                             rows=(None, 0)) - size).label("before"))
                 .join(T, T.id == below.c.id)
                 .outerjoin(fixes, fixes.c.root == T.id)
                 .cte(f"sized{name}"))
        placed = (select(roots.c.id, _wide(roots.c.start).label("place"),
                         _wide(roots.c.size).label("size"))
                  .cte(f"placed{name}", recursive=True))
        step = (select(sized.c.id, _wide(placed.c.place + 1 + sized.c.before),
                       _wide(sized.c.size))
                .join(placed, sized.c.parent_id == placed.c.id))
        if window is not None:
            start, limit = window
            step = step.where(placed.c.place + placed.c.size > start,
                              placed.c.place < start + limit)
        placed = placed.union_all(step)
        return select(placed.c.id, placed.c.place).subquery(f"ordered{name}")

    def _window(self, bound: Any, backwards: bool) -> tuple[CTE, Any]:
        """The first `bound` top-level tasks (from the end, `backwards`) with their sizes,
        and where each one's tree starts (an expression on them)."""
        tops = self._tops(bound, backwards=backwards)
        first = self._shown() - tops.c.upto if backwards else tops.c.upto - tops.c.size
        return tops, first

    async def _rows(self, session: AsyncSession, statement: Any,
                    given: dict[str, Any] | None = None) -> Any:
        """A statement's result, with the tree's parameters and `given`: every statement
        gets every parameter, since the names given are part of the key of a compiled
        statement in SQLAlchemy's cache."""
        return await session.execute(statement, {**UNSET, **self.values, **(given or {})})

    async def _scalar(self, session: AsyncSession, statement: Any,
                      given: dict[str, Any] | None = None) -> Any:
        return (await self._rows(session, statement, given)).scalar()

    def _statement(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """A read's statement, built once per variant with its values as parameters (a
        statement took longer to build than to run)."""
        statement = self._built.get(key)
        if statement is None:
            statement = self._built[key] = build()
        return statement

    def _focused(self, backwards: bool, is_root: bool) -> tuple[CTE, Any, Any]:
        """For the task :task under the top-level task :root: the first :bound top-level
        tasks (from the end, `backwards`) and where each tree starts (as _window), and the
        task's place (a scalar)."""
        tops, first = self._window(_number("bound"), backwards)
        root = _text("root")
        start = select(first).where(tops.c.id == root).scalar_subquery()
        if is_root:  # a top-level task: where its tree starts
            return tops, first, start
        # the task is shown: its top-level task is expanded
        mine = select(root.label("id"), false().label("collapsed"), start.label("start"),
                      literal(WHOLE).label("size")).cte("mine")
        ordered = self._ordered(mine, "_mine")
        return tops, first, select(ordered.c.place).where(
            ordered.c.id == _text("task")).scalar_subquery()

    async def _focus(self, session: AsyncSession, task_id: str
                     ) -> tuple[dict[str, Any], bool, bool] | None:
        """For a shown task, what _focused needs: its parameters (root, task, bound: the
        top-level tasks up to its own), whether to sum from the end, whether it is a
        top-level task; None when the list does not show it.

        Its parents say under which top-level task it is; that task's place in the list's
        plain order says from which end to sum up (an index-only count); the task's place in
        its tree is that tree alone put in order."""
        root = await self._root_of(session, task_id)
        if root is None:
            return None
        keys = tuple((await self._rows(session, self._statement(("keys",), self._keys),
                                       {"root": root})).one())
        listed, ahead = (int(n) for n in (await self._rows(session, select(
            select(func.count()).select_from(T).where(self.where).scalar_subquery(),
            select(func.count()).select_from(T).where(
                self.where, filters.sorts_before(self.order, keys, self.backend))
            .scalar_subquery()))).one())
        # at most `ahead` top-level tasks come before root's, `listed - ahead` from it on
        backwards = 2 * ahead > listed
        given = {"root": root, "task": task_id,
                 "bound": listed - ahead if backwards else ahead + 1}
        return given, backwards, root == task_id

    async def warm(self, session: AsyncSession) -> None:
        """Build, compile and run once the statements that opening a list and expanding a
        task run, on the values the tree has (a category that holds nothing costs no SQL
        time): the first such read then only runs them. The others are built when first run
        (each built statement is kept: about 0.5 MB)."""
        given = {"limit": 1}
        await self.any_subtasks(session)
        for key, build in [
            (("listed",), self._listed),
            (("up",), self._up),
            (("keys",), self._keys),
            (("page", False), lambda: self._page(False)),
            (("around", False, True, False), lambda: self._page(False, True, False)),
        ]:
            await self._rows(session, self._statement(key, build), given)

    async def any_subtasks(self, session: AsyncSession) -> bool:
        """Whether the list holds any subtask (without one, its plain order is its tree's)."""
        return bool(await self._scalar(
            session, self._statement(("any",), lambda: has_subtasks(self.where))))

    async def count(self, session: AsyncSession) -> int:
        """How many rows the list shows."""
        return int(await self._scalar(
            session, self._statement(("count",), lambda: select(self._total()))) or 0)

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
        found = None if around is None else await self._focus(session, around)
        if found is None:
            listed = int(await self._scalar(
                session, self._statement(("listed",), self._listed)) or 0)
            backwards = 2 * offset > listed  # at most one tree a row from the window on
            statement = self._statement(("page", backwards), lambda: self._page(backwards))
            given = {"bound": max(listed - offset if backwards else offset + limit, 0),
                     "start": offset}
        else:
            given, backwards, is_root = found
            given["bound"] += limit
            given["half"] = limit // 2
            statement = self._statement(("around", backwards, is_root, centre),
                                        lambda: self._page(backwards, is_root, centre))
        given["limit"] = limit
        rows = (await self._rows(session, statement, given)).all()
        if not rows:  # past the end: the window says nothing of the count
            return [], await self.count(session), offset, None
        head = rows[0]
        return ([str(row[0]) for row in rows], int(head[1]), int(head[2]),
                None if head[3] is None else int(head[3]))

    def _page(self, backwards: bool, is_root: bool | None = None, centre: bool = False
              ) -> Any:
        """page()'s statement: the window at :start (`is_root` None), or the one that holds
        :task (is_root: whether it is a top-level task), :limit rows."""
        limit = _number("limit")
        focus: Any
        start: Any
        if is_root is None:
            tops, first = self._window(_number("bound"), backwards)
            focus, start = null(), _number("start")
        else:
            tops, first, focus = self._focused(backwards, is_root)
            start = (case((focus < _number("half"), 0), else_=focus - _number("half")) if centre
                     else focus - focus % limit)
            # worked out once, then read where needed
            spot = select(focus.label("focus"), start.label("start")).cte("spot")
            focus = select(spot.c.focus).scalar_subquery()
            start = select(spot.c.start).scalar_subquery()
        roots = (select(tops.c.id, tops.c.collapsed, first.label("start"), tops.c.size)
                 .where(first + tops.c.size > start, first < start + limit).cte("roots"))
        ordered = self._ordered(roots, window=(start, limit))
        return (select(ordered.c.id, self._shown(), start, focus)
                .where(ordered.c.place >= start, ordered.c.place < start + limit)
                .order_by(ordered.c.place))

    async def place(self, session: AsyncSession, task_id: str) -> int | None:
        """How many shown rows come before a task; None when it is not shown."""
        found = await self._focus(session, task_id)
        if found is None:
            return None
        given, backwards, is_root = found
        place = await self._scalar(session, self._statement(
            ("place", backwards, is_root),
            lambda: select(self._focused(backwards, is_root)[2])), given)
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
        same_parent = T.parent_id.is_(None) if parent_id is None else T.parent_id == parent_id
        found = await self._scalar(
            session, select(T.id).where(self.where, same_parent, side)
            .order_by(*(self.order if step > 0 else backwards)).limit(1))
        return None if found is None else str(found)

    def _listed(self) -> Any:
        """How many tasks the list has, subtasks included (an index count)."""
        return select(func.count()).select_from(T).where(self.where)

    def _keys(self) -> Any:
        """The sort keys of the task :root."""
        return select(*filters.order_expressions(self.order)).where(T.id == _text("root"))

    def _up(self) -> Any:
        """_root_of's statement: :task and its parents, each with whether the list has it."""
        step = TASKS.alias("step")
        up = (select(T.id, T.parent_id, T.collapsed, literal(0).label("levels"))
              .where(T.id == _text("task")).cte("up", recursive=True))
        up = up.union_all(
            select(step.c.id, step.c.parent_id, step.c.collapsed, up.c.levels + 1)
            .join(step, step.c.id == up.c.parent_id).where(up.c.levels < MAX_DEPTH))
        listed = TASKS.alias("listed")
        in_list = select(listed.c.id).where(listed.c.id == up.c.id,
                                            _on(listed, self.where)).exists()
        return select(up.c.id, up.c.parent_id, up.c.collapsed, in_list).order_by(up.c.levels)

    async def _root_of(self, session: AsyncSession, task_id: str) -> str | None:
        """The top-level task above a task the list shows (the task itself at the top);
        None when the list does not show it (it or a parent not in the list, or under a
        collapsed task). A walk up its parents, a seek each."""
        rows = (await self._rows(session, self._statement(("up",), self._up),
                                 {"task": task_id})).all()
        if not rows or rows[-1][1] is not None:
            return None
        if not all(row[3] for row in rows) or any(row[2] for row in rows[1:]):
            return None
        return str(rows[-1][0])


def tree_of(where: ColumnElement[bool], order: list[Any], backend: str) -> Tree:
    """The list `where` selects, in `order`, shown as a tree (its waiting subtasks not
    counted apart: for a walk among siblings)."""
    return Tree(where, order, backend)


def list_tree(ref: ListRef, today: date, sort: Sort, backend: str) -> Tree:
    """The Inbox or a category shown as a tree. Its statements have the category and the day
    as parameters, so every category on every day shares them: they are built once a shape
    (a list read, with its compiled statements cached by SQLAlchemy, costs no Python to build
    them again)."""
    values: dict[str, Any] = {"today": today}
    if ref.category_id is not None:
        values["category"] = ref.category_id
    key = (ref.kind, sort, backend)
    shape = _SHAPES.get(key)
    if shape is None:
        day, category = bindparam("today", type_=Date), _text("category")
        where = queries.list_where(ref, day, day, category=category)
        everything = queries.list_where(ref, day, day, waiting_too=True, category=category)
        # the list's subtasks that wait, read from ix_tasks_tree: an expression on
        # start_date keeps SQLite (no statistics) from reading every waiting task through
        # ix_tasks_start
        start = T.start_date
        waiting = and_(everything, func.coalesce(start, start) > day)
        shape = _SHAPES[key] = (where, queries.order_by(ref, sort), waiting, {})
    where, order, waiting, built = shape
    return Tree(where, order, backend, waiting, values, built)


# the lists' shapes: (where, order, waiting, built statements) of each kind and sort
_SHAPES: dict[tuple[ListKind, Sort, str], tuple[Any, list[Any], Any, dict[Any, Any]]] = {}
