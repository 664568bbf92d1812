"""Tasks: capture, edit, complete, order and delete; each call is one unit of work."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from todo_tui import clock, domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.db.rows import TASK_ROW, due_of, list_counts, task_of_row
from todo_tui.domain import ListKind, ListRef, Sort, TaskChanges
from todo_tui.errors import AmbiguousIdError, ConflictError, NotFoundError, ValidationError
from todo_tui.recurrence.rule import stored_rule
from todo_tui.search.terms import SearchQuery
from todo_tui.service import filters, queries, validate
from todo_tui.service.categories import categories_in, find_or_create, require
from todo_tui.service.lists import view_filter, view_of, view_row, views_in
from todo_tui.service.repository import AsyncRepository
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot

LOADED = (joinedload(models.Task.category), selectinload(models.Task.tags))
MAX_PAGE = 1000


def task_of(row: models.Task) -> domain.Task:
    """A domain Task from an ORM row whose category and tags are loaded."""
    category = row.category
    values = [(None if category is None else category.name) if name == "category_name"
              else getattr(row, name) for name in TASK_ROW]
    return task_of_row(values, (tag.name for tag in row.tags))


async def tasks_by_id(session: AsyncSession, ids: list[str]) -> dict[str, domain.Task]:
    """A page's tasks, read with two plain queries (no ORM objects: a page is read-only)."""
    if not ids:
        return {}
    tags: dict[str, list[str]] = {}
    for task_id, name in await session.execute(queries.task_tags(ids)):
        tags.setdefault(task_id, []).append(name)
    return {row[0]: task_of_row(row, tags.get(row[0], ()))
            for row in await session.execute(queries.task_rows(ids))}


async def tags_named(session: AsyncSession, names: Iterable[str]) -> list[models.Tag]:
    """The tags with these names (any case), creating the new ones; duplicates dropped."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = validate.tag(name)
        wanted.setdefault(validate.key(clean), clean)
    if not wanted:
        return []
    existing = {
        tag.name_key: tag
        for tag in await session.scalars(
            select(models.Tag).where(models.Tag.name_key.in_(list(wanted)))
        )
    }
    tags = []
    for key, name in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = models.Tag(name=name, name_key=key)
            session.add(tag)
        tags.append(tag)
    # the order the relationship loads them in, so what add/update return equals what get returns
    return sorted(tags, key=lambda tag: tag.name_key)


def set_due(row: models.Task, due: domain.Due | None) -> None:
    row.due_date = None if due is None else due.day
    row.due_at = None if due is None else due.at
    row.due_tz = None if due is None or due.at is None else due.tz


@retry_public_methods
class TaskService:
    """Everything the UI and the shell do to tasks."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def _load(self, session: AsyncSession, task_id: str) -> models.Task:
        row = await session.get(models.Task, task_id, options=LOADED)
        if row is None:
            raise NotFoundError(f"no task with id {task_id}")
        return row

    async def _next_position(self, session: AsyncSession) -> int:
        last = await session.scalar(select(func.max(models.Task.position)))
        return (last or 0) + 1

    async def add(self, new: domain.NewTask) -> domain.Task:
        """Save a new task at the end of the manual order; a new category name is created."""
        title = validate.title(new.title)
        notes = validate.notes(new.notes)
        async with self._db.write() as session:
            category: models.Category | None = None
            if new.category_id is not None:
                category = await require(session, new.category_id)
            elif new.category is not None and new.category.strip():
                category, _ = await find_or_create(session, new.category)
            row = models.Task(
                title=title,
                notes=notes,
                status=domain.Status.OPEN.value,
                priority=int(new.priority),
                recurrence=stored_rule(
                    new.recurrence, None if new.due is None else new.due.day,
                    new.recurrence_from_completion,
                ),
                recurrence_from_completion=new.recurrence_from_completion,
                category=category,
                position=await self._next_position(session),
                tags=await tags_named(session, new.tags),
            )
            set_due(row, new.due)
            session.add(row)
            await session.flush()
            return task_of(row)

    async def get(self, task_id: str) -> domain.Task:
        """One task by its full id."""
        async with snapshot(self._db) as session:
            return task_of(await self._load(session, task_id))

    async def resolve_id(self, prefix: str) -> str:
        """The full id of the one task whose id starts with `prefix`."""
        text = prefix.strip().lower()
        if not text or any(ch not in "0123456789abcdef" for ch in text):
            raise NotFoundError(f"not a task id: {prefix!r} (ids are hexadecimal)")
        stmt = (
            select(models.Task.id)
            .where(models.Task.id >= text, models.Task.id < text + "g")
            .order_by(models.Task.id)
            .limit(2)
        )
        async with snapshot(self._db) as session:
            found = list(await session.scalars(stmt))
        if not found:
            raise NotFoundError(f"no task with id {prefix!r}")
        if len(found) > 1:
            raise AmbiguousIdError(f"id {prefix!r} matches several tasks; give more of it")
        return found[0]

    async def page(
        self,
        ref: ListRef,
        *,
        today: date,
        sort: Sort = Sort.SMART,
        offset: int = 0,
        limit: int = 200,
        query: SearchQuery | None = None,
        around: str | None = None,
        now: datetime | None = None,
        centre: bool = False,
    ) -> domain.TaskPage:
        """A window of a list in its order and the list's size; `query` searches within it.

        With `around`, the window is the one that holds that task, and `focus` says where:
        one of the list's `limit`-row pages, or with `centre` the `limit` rows around it.
        """
        limit = max(1, min(limit, MAX_PAGE))
        async with snapshot(self._db) as session:
            sql, order = await self._list_sql(session, ref, today, sort, query, now)
            total = int(await session.scalar(sql.count) or 0)
            focus = None
            if around is not None and total:
                focus = await self._position(session, sql.where, order, around)
                if focus is not None:
                    offset = max(0, focus - limit // 2) if centre else focus - focus % limit
            # the window's ids first: a walk over one list index, no table rows touched
            offset = max(offset, 0)
            ids = [] if not total else list(await session.scalars(queries.page_ids(
                sql.page_where(total, offset + limit), order, offset=offset, limit=limit)))
            found = await tasks_by_id(session, ids)
            return domain.TaskPage(
                tasks=tuple(found[i] for i in ids if i in found),
                total=total, offset=offset, focus=focus,
            )

    async def _list_sql(
        self, session: AsyncSession, ref: ListRef, today: date, sort: Sort,
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
                               dialect=self._db.backend)
        return sql, queries.order_by(scope, sort)

    async def _position(
        self, session: AsyncSession, where: ColumnElement[bool], order: list[Any], task_id: str
    ) -> int | None:
        # the task's sort keys, then a count of the rows before them: one walk over the
        # list's index, no numbering of the whole list
        keys = (await session.execute(
            select(*filters.order_expressions(order)).where(models.Task.id == task_id, where)
        )).first()
        if keys is None:
            return None
        before = filters.sorts_before(order, tuple(keys), self._db.backend)
        found = await session.scalar(
            select(func.count()).select_from(models.Task).where(where, before))
        return int(found or 0)

    async def index_in_list(
        self, ref: ListRef, task_id: str, *, today: date, sort: Sort = Sort.SMART,
        query: SearchQuery | None = None,
    ) -> int | None:
        """Where a task stands in a list's order, or None when the list does not hold it."""
        async with snapshot(self._db) as session:
            sql, order = await self._list_sql(session, ref, today, sort, query, None)
            return await self._position(session, sql.where, order, task_id)

    async def all(self, *, include_done: bool = False) -> list[domain.Task]:
        """Every open task (and done ones too, if asked) in the smart order."""
        ref = ListRef(domain.ListKind.ALL)
        stmt = select(models.Task).options(*LOADED).order_by(*queries.order_by(ref, Sort.SMART))
        if not include_done:
            stmt = stmt.where(queries.OPEN)
        async with snapshot(self._db) as session:
            return [task_of(row) for row in (await session.scalars(stmt)).unique()]

    async def tag_names(self) -> list[str]:
        """Every tag in use, for completion in quick capture."""
        async with snapshot(self._db) as session:
            names = await session.scalars(select(models.Tag.name).order_by(models.Tag.name_key))
            return list(names)

    async def find_by(self, **filters: object) -> list[domain.Task]:
        """Tasks whose columns equal the given values; an unknown field raises."""
        async with snapshot(self._db) as session:
            rows = await AsyncRepository(models.Task, session).find_by(
                *LOADED, order_by=("position",), **filters
            )
            return [task_of(row) for row in rows]

    async def counts(self, today: date, now: datetime | None = None) -> domain.ListCounts:
        """Counts of the smart lists, of each category (open tasks) and of each saved view,
        all as of one moment."""
        async with snapshot(self._db) as session:
            row = (await session.execute(
                queries.counts_statement(today, domain.upcoming_end(today)))).one()
            categories = await categories_in(session)
            views = await views_in(session, self._db.backend, today=today,
                                   now=now or models.utcnow())
        return list_counts(row, categories, views)

    async def update(
        self, task_id: str, changes: TaskChanges, *, expected_version: int | None = None
    ) -> domain.Task:
        """Change some fields; refuses when the task changed since `expected_version`."""
        async with self._db.write() as session:
            row = await self._load(session, task_id)
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    f"task {row.id[:8]} was changed elsewhere (version {row.version}, "
                    f"you edited version {expected_version})"
                )
            # one flush at the end: each flush of a changed row would bump its version
            with session.no_autoflush:
                await self._apply(session, row, changes)
            rule = stored_rule(row.recurrence, row.due_date, row.recurrence_from_completion)
            if rule != row.recurrence:  # a plain monthly rule moved to the 31st stays on it
                row.recurrence = rule
            row.updated_at = models.utcnow()
            await session.flush()
            return task_of(row)

    async def _apply(self, session: AsyncSession, row: models.Task, changes: TaskChanges) -> None:
        for name, value in changes.changed().items():
            match name:
                case "title":
                    row.title = validate.title(value)
                case "notes":
                    row.notes = validate.notes(value)
                case "priority":
                    row.priority = int(value)
                case "due":
                    set_due(row, value)
                case "category_id":
                    row.category = None if value is None else await require(session, value)
                case "tags":
                    row.tags = await tags_named(session, value)
                case _:
                    setattr(row, name, value)

    async def set_done(
        self, task_id: str, done: bool | None, *, now: datetime | None = None
    ) -> tuple[domain.Task, domain.Task | None]:
        """Mark a task done, open again, or (None) the other way round.

        Completing a recurring task adds its next occurrence; returns both.
        """
        # local time: an all-day task repeating from completion counts from the local day
        moment = now or clock.now()
        async with self._db.write() as session:
            row = await self._load(session, task_id)
            if done is None:
                done = row.status != domain.Status.DONE.value
            follow_up: models.Task | None = None
            if done and row.status != domain.Status.DONE.value:
                row.status = domain.Status.DONE.value
                row.completed_at = moment
                follow_up = await self._next_occurrence(session, row, moment)
            elif not done and row.status != domain.Status.OPEN.value:
                row.status = domain.Status.OPEN.value
                row.completed_at = None
            else:
                return task_of(row), None
            row.updated_at = moment
            await session.flush()
            return task_of(row), None if follow_up is None else task_of(follow_up)

    async def _next_occurrence(
        self, session: AsyncSession, row: models.Task, moment: datetime
    ) -> models.Task | None:
        due = due_of(row.due_date, row.due_at, row.due_tz)
        if row.recurrence is None or due is None:
            return None
        from todo_tui.recurrence import next_occurrence

        try:
            next_due = next_occurrence(
                row.recurrence, due, completed_at=moment,
                from_completion=row.recurrence_from_completion,
            )
        except ValueError as exc:
            raise ValidationError(f"cannot repeat this task: {exc}") from None
        follow = models.Task(
            title=row.title,
            notes=row.notes,
            status=domain.Status.OPEN.value,
            priority=row.priority,
            recurrence=stored_rule(
                row.recurrence, next_due.day, row.recurrence_from_completion
            ),
            recurrence_from_completion=row.recurrence_from_completion,
            category=row.category,
            position=await self._next_position(session),
            tags=list(row.tags),
        )
        set_due(follow, next_due)
        session.add(follow)
        return follow

    async def toggle(self, task_id: str) -> tuple[domain.Task, domain.Task | None]:
        """Flip a task between open and done."""
        return await self.set_done(task_id, None)

    async def cycle_priority(self, task_id: str) -> domain.Task:
        """Step the priority none -> low -> medium -> high -> none."""
        async with self._db.write() as session:
            row = await self._load(session, task_id)
            row.priority = int(domain.Priority(row.priority).next())
            row.updated_at = models.utcnow()
            await session.flush()
            return task_of(row)

    async def move_to(self, task_id: str, category_id: str | None) -> domain.Task:
        """File a task under another category (None: the Inbox)."""
        return await self.update(task_id, TaskChanges(category_id=category_id))

    async def swap_order(self, task_id: str, other_id: str) -> tuple[domain.Task, domain.Task]:
        """Exchange two tasks' places in the manual order."""
        async with self._db.write() as session:
            first = await self._load(session, task_id)
            second = await self._load(session, other_id)
            first.position, second.position = second.position, first.position
            if first.position == second.position:
                second.position += 1
            first.updated_at = second.updated_at = models.utcnow()
            await session.flush()
            return task_of(first), task_of(second)

    async def adopt_order(
        self, ref: ListRef, *, today: date, sort: Sort, query: SearchQuery | None = None,
        now: datetime | None = None,
    ) -> int:
        """Make a list's manual order the order `sort` shows it in: its tasks take the places
        they hold among themselves in that order (other tasks keep theirs). Returns how many
        tasks moved."""
        async with self._db.write() as session:
            sql, order = await self._list_sql(session, ref, today, sort, query, now)
            rows = (await session.execute(
                select(models.Task.id, models.Task.position).where(sql.where).order_by(*order)
            )).all()
            places: list[int] = []
            for place in sorted(position for _, position in rows):
                # ties would leave the order to the ids: every task gets a place of its own
                places.append(place if not places or place > places[-1] else places[-1] + 1)
            moved = [{"task_id": task_id, "place": place}
                     for (task_id, position), place in zip(rows, places, strict=True)
                     if position != place]
            if moved:
                table = cast(Table, models.Task.__table__)
                await session.execute(
                    update(table).where(table.c.id == bindparam("task_id")).values(
                        position=bindparam("place"), version=table.c.version + 1,
                        updated_at=models.utcnow()),
                    moved)
            return len(moved)

    async def delete(self, task_id: str) -> domain.Task:
        """Delete a task for good; returns what it was."""
        async with self._db.write() as session:
            row = await self._load(session, task_id)
            gone = task_of(row)
            await session.delete(row)
            return gone
