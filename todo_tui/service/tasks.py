"""Tasks: capture, edit, complete, order and delete; each call is one unit of work."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import clock, domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.db.rows import list_counts
from todo_tui.domain import UNSET, ListRef, Sort, TaskChanges, Unset, unique_prefix
from todo_tui.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
)
from todo_tui.recurrence.rule import stored_rule
from todo_tui.search.terms import SearchQuery
from todo_tui.service import oplog, queries, subtasks, validate
from todo_tui.service.categories import categories_in, find_or_create, require
from todo_tui.service.listing import list_sql, position_in, tree_for
from todo_tui.service.lists import views_in
from todo_tui.service.ordering import Shown, swap_places
from todo_tui.service.reminders import carry_reminders, write_reminders
from todo_tui.service.repeats import drop_next_occurrence, next_occurrence_of
from todo_tui.service.repository import AsyncRepository
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot
from todo_tui.service.subtree import ancestors, subtree
from todo_tui.service.tags import tags_named
from todo_tui.service.task_refs import named_parent, task_with_prefix
from todo_tui.service.task_rows import (
    LOADED,
    load_task,
    next_position,
    set_due,
    task_of,
    tasks_by_id,
)
from todo_tui.service.trash import purge_trash
from todo_tui.service.tree import Tree
from todo_tui.words import count_of

MAX_PAGE = 1000
# the ids whose shortest unique prefixes one statement finds
PREFIX_CHUNK = 500


@retry_public_methods
class TaskService:
    """Everything the UI and the shell do to tasks."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, new: domain.NewTask, *, origin: str | None = None) -> domain.Task:
        """Save a new task at the end of the manual order; a new category name is created."""
        title = validate.title(new.title)
        notes = validate.notes(new.notes)
        async with self._db.write() as session:
            log = oplog.Recorder(session)
            category: models.Category | None = None
            parent: models.Task | None = None
            if new.parent_id is not None and new.parent_name is not None:
                raise ValidationError(f"the parent is given twice (an id and ^{new.parent_name}); "
                                      "give one")
            if new.parent_id is not None:  # a subtask goes in its parent's category
                parent = await load_task(session, new.parent_id)
                category = parent.category
            elif new.parent_name is not None:
                parent = await load_task(session, await named_parent(session, new.parent_name))
                category = parent.category
            elif new.category_id is not None:
                category = await require(session, new.category_id)
            elif new.category is not None and new.category.strip():
                category = await find_or_create(session, new.category, log)
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
                position=await next_position(session),
                tags=await tags_named(session, new.tags),
                duration_minutes=validate.duration(new.duration_minutes),
                parent_id=None if parent is None else parent.id,
            )
            set_due(row, new.due)
            row.start_date = new.start
            session.add(row)
            log.created("tasks", row)
            if parent is not None and parent.status == domain.Status.DONE.value:
                await subtasks.reopen_ancestors(session, row, log, models.utcnow())
            await session.flush()
            log.focus_task = row.id
            if new.reminders:
                await write_reminders(session, row.id, new.reminders)
            await log.save("add", f"add {row.title!r}", origin)
            return task_of(row)

    async def get(self, task_id: str) -> domain.Task:
        """One task by its full id."""
        async with snapshot(self._db) as session:
            return task_of(await load_task(session, task_id))

    async def resolve_id(self, prefix: str) -> str:
        """The full id of the one task whose id starts with `prefix`."""
        async with snapshot(self._db) as session:
            return await task_with_prefix(session, prefix)

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
            tree = await tree_for(session, self._db.backend, ref, query, today, sort)
            if tree is not None:
                return await self._tree_page(session, tree, offset, limit, around, centre)
            sql, order = await list_sql(session, self._db.backend, ref, today, sort, query, now)
            total = int(await session.scalar(sql.count) or 0)
            focus = None
            if around is not None and total:
                focus = await position_in(session, self._db.backend, sql.where, order, around)
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

    @staticmethod
    async def _tree_page(session: AsyncSession, tree: Tree, offset: int, limit: int,
                         around: str | None, centre: bool) -> domain.TaskPage:
        """page() for a list shown as a tree (service/tree.py): the window, with `around`
        its place too, in one statement that reads the list up to the window only."""
        ids, total, offset, focus = await tree.page(
            session, offset=max(offset, 0), limit=limit, around=around, centre=centre)
        found = await tasks_by_id(session, ids)
        return domain.TaskPage(tasks=tuple(found[i] for i in ids if i in found),
                               total=total, offset=offset, focus=focus)

    async def index_in_list(
        self, ref: ListRef, task_id: str, *, today: date, sort: Sort = Sort.SMART,
        query: SearchQuery | None = None,
    ) -> int | None:
        """Where a task stands in a list's order, or None when the list does not hold it."""
        async with snapshot(self._db) as session:
            tree = await tree_for(session, self._db.backend, ref, query, today, sort)
            if tree is not None:
                return await tree.place(session, task_id)
            sql, order = await list_sql(session, self._db.backend, ref, today, sort, query, None)
            return await position_in(session, self._db.backend, sql.where, order, task_id)

    async def all(self, *, include_done: bool = False) -> list[domain.Task]:
        """Every open task (and done ones too, if asked) in the smart order."""
        ref = ListRef(domain.ListKind.ALL)
        stmt = select(models.Task).options(*LOADED).order_by(*queries.order_by(ref, Sort.SMART))
        stmt = stmt.where(queries.OPEN if not include_done else queries.LIVE)
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
            return [task_of(row) for row in rows if row.trashed_at is None]

    async def counts(self, today: date, now: datetime | None = None) -> domain.ListCounts:
        """Counts of the smart lists, of each category (open tasks) and of each saved view,
        all as of one moment."""
        async with snapshot(self._db) as session:
            row = (await session.execute(
                queries.counts_statement(today, domain.upcoming_end(today)))).one()
            categories = await categories_in(session, today)
            views = await views_in(session, self._db.backend, today=today,
                                   now=now or models.utcnow())
        return list_counts(row, categories, views)

    async def update(
        self, task_id: str, changes: TaskChanges, *, expected_version: int | None = None,
        reminders: tuple[domain.Reminder, ...] | None = None, origin: str | None = None,
    ) -> domain.Task:
        """Change some fields (and, unless None, make `reminders` the task's reminders), as
        one change in the history; refuses when the task changed since `expected_version`."""
        return await self._edit(task_id, changes, expected_version=expected_version,
                                reminders=reminders, origin=origin)

    async def edit(
        self, task_id: str, changes: TaskChanges, *, category: str | None | Unset = UNSET,
        add_tags: Sequence[str] = (), remove_tags: Sequence[str] = (),
        origin: str | None = None,
    ) -> domain.Task:
        """Change some fields, file the task under a category by name (made when new; None:
        the Inbox) and add or remove tags, all as one change (the shell's `edit`)."""
        return await self._edit(task_id, changes, category=category, add_tags=add_tags,
                                remove_tags=remove_tags, origin=origin)

    async def _edit(
        self, task_id: str, changes: TaskChanges, *, expected_version: int | None = None,
        category: str | None | Unset = UNSET, add_tags: Sequence[str] = (),
        remove_tags: Sequence[str] = (), reminders: tuple[domain.Reminder, ...] | None = None,
        origin: str | None = None,
    ) -> domain.Task:
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            log = oplog.Recorder(session)
            log.watch("tasks", row)
            log.focus_task = row.id
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    f"task {row.id[:8]} was changed elsewhere (version {row.version}, "
                    f"you edited version {expected_version})"
                )
            changes = await self._by_name(session, row, changes, category, add_tags,
                                          remove_tags, log)
            # one flush at the end: each flush of a changed row would bump its version
            had_due = row.due_date is not None
            with session.no_autoflush:
                await self._apply(session, row, changes, log)
                _keeps_a_due(row, had_due)
                if "category_id" in changes.changed() and row.parent_id is not None:
                    # a subtask filed elsewhere leaves its parent, for the top of that list
                    parent = await session.get(models.Task, row.parent_id)
                    category_id = None if row.category is None else row.category.id
                    if parent is None or parent.category_id != category_id:
                        row.parent_id = None
            rule = stored_rule(row.recurrence, row.due_date, row.recurrence_from_completion)
            if rule != row.recurrence:  # a plain monthly rule moved to the 31st stays on it
                row.recurrence = rule
            row.updated_at = models.utcnow()
            await session.flush()
            if "category_id" in changes.changed():
                await subtasks.file_subtree(session, row, log)
            if reminders is not None:
                await write_reminders(session, row.id, reminders, log)
            if set(changes.changed()) == {"category_id"} and reminders is None:
                where = row.category.name if row.category is not None else "the Inbox"
                kind, summary = "move", f"move {row.title!r} to {where}"
            else:
                names = ", ".join([*(name.replace("_id", "").replace("_", " ")
                                     for name in changes.changed()),
                                   *(["reminders"] if reminders is not None else [])])
                kind, summary = "edit", f"edit {row.title!r}: {names}"
            await log.save(kind, summary, origin)
            return task_of(row)

    @staticmethod
    async def _by_name(
        session: AsyncSession, row: models.Task, changes: TaskChanges,
        category: str | None | Unset, add_tags: Sequence[str], remove_tags: Sequence[str],
        log: oplog.Recorder,
    ) -> TaskChanges:
        """`changes` with a category given by name and tags added or removed, as of `row`."""
        if category is not UNSET:
            filed = None if category is None else await find_or_create(session, category, log)
            changes = dataclasses.replace(
                changes, category_id=None if filed is None else filed.id)
        if add_tags or remove_tags:
            current = list(changes.tags) if not isinstance(changes.tags, Unset) \
                else [tag.name for tag in row.tags]
            keys = {name.casefold() for name in current}
            for name in add_tags:
                if name.casefold() not in keys:
                    current.append(name)
                    keys.add(name.casefold())
            gone = {name.casefold() for name in remove_tags}
            changes = dataclasses.replace(
                changes, tags=tuple(name for name in current if name.casefold() not in gone))
        return changes

    async def id_prefixes(self, ids: Sequence[str], minimum: int = 4) -> dict[str, str]:
        """The shortest prefix of each id that no other task's id (trashed ones included)
        starts with, at least `minimum` characters."""
        found: dict[str, str] = {}
        async with snapshot(self._db) as session:
            for start in range(0, len(ids), PREFIX_CHUNK):
                chunk = list(ids[start:start + PREFIX_CHUNK])
                for task_id, before, after in await session.execute(
                        queries.id_neighbours(chunk)):
                    found[task_id] = unique_prefix(task_id, (before, after), minimum)
        return found

    async def _apply(self, session: AsyncSession, row: models.Task, changes: TaskChanges,
                     log: oplog.Recorder) -> None:
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
                case "start":
                    row.start_date = value
                case "category_id":
                    row.category = None if value is None else await require(session, value)
                    if row.category is not None and row.category.trashed_at is not None:
                        raise NotFoundError(f"the category {row.category.name!r} is in the trash")
                case "tags":
                    row.tags = await tags_named(session, value)
                case _:
                    setattr(row, name, value)

    async def set_done(
        self, task_id: str, done: bool | None, *, now: datetime | None = None,
        origin: str | None = None,
    ) -> tuple[domain.Task, domain.Task | None]:
        """Mark a task done, open again, or (None) the other way round.

        Completing a task completes its open subtasks with it; completing a recurring task
        adds its next occurrence, with its subtasks open again; returns both (one change in
        the log). Reopening a task reopens its completed ancestors; reopening a completed
        occurrence whose next one was added by its completion takes that next one away
        again, when it is still untouched: one series stays one.
        """
        toggled = await self._set_done(task_id, done, now, origin)
        return toggled.task, toggled.follow_up

    async def toggle_tree(self, task_id: str, *, origin: str | None = None) -> domain.Toggled:
        """Flip a task between open and done, saying how many subtasks were completed too."""
        return await self._set_done(task_id, None, None, origin)

    async def _set_done(self, task_id: str, done: bool | None, now: datetime | None,
                        origin: str | None) -> domain.Toggled:
        # local time: an all-day task repeating from completion counts from the local day
        moment = now or clock.now()
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            log = oplog.Recorder(session)
            log.watch("tasks", row)
            log.focus_task = row.id
            if done is None:
                done = row.status != domain.Status.DONE.value
            follow_up: models.Task | None = None
            count = 0
            if done and row.status != domain.Status.DONE.value:
                row.status = domain.Status.DONE.value
                row.completed_at = moment
                below = await subtree(session, row)
                for sub in below:
                    if sub.status == domain.Status.OPEN.value:
                        log.watch("tasks", sub)
                        sub.status = domain.Status.DONE.value
                        sub.completed_at = moment
                        sub.updated_at = moment
                        count += 1
                follow_up = await next_occurrence_of(session, row, moment)
                if follow_up is not None:
                    follow_up.id = models.new_id()
                    log.created("tasks", follow_up)
                    await carry_reminders(session, row.id, follow_up)
                    await subtasks.copy_subtree(session, row, follow_up, log)
                kind, summary = "complete", subtasks.with_subtasks("complete", row.title, count)
            elif not done and row.status != domain.Status.OPEN.value:
                await drop_next_occurrence(session, row, log)
                row.status = domain.Status.OPEN.value
                row.completed_at = None
                await subtasks.reopen_ancestors(session, row, log, moment)
                kind, summary = "reopen", f"reopen {row.title!r}"
            else:
                return domain.Toggled(task_of(row), None)
            row.updated_at = moment
            await session.flush()
            await log.save(kind, summary, origin)
            return domain.Toggled(task_of(row), None if follow_up is None else task_of(follow_up),
                                  count)

    async def toggle(self, task_id: str, *, origin: str | None = None
                     ) -> tuple[domain.Task, domain.Task | None]:
        """Flip a task between open and done."""
        return await self.set_done(task_id, None, origin=origin)

    async def cycle_priority(self, task_id: str, *, origin: str | None = None) -> domain.Task:
        """Step the priority none -> low -> medium -> high -> none."""
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            log = oplog.Recorder(session)
            log.watch("tasks", row)
            log.focus_task = row.id
            row.priority = int(domain.Priority(row.priority).next())
            row.updated_at = models.utcnow()
            await session.flush()
            label = domain.Priority(row.priority).label
            await log.save("priority", f"priority {label} for {row.title!r}", origin)
            return task_of(row)

    async def move_to(self, task_id: str, category_id: str | None, *,
                      origin: str | None = None) -> domain.Task:
        """File a task under another category (None: the Inbox)."""
        return await self.update(task_id, TaskChanges(category_id=category_id), origin=origin)

    async def swap_order(self, task_id: str, other_id: str, *, shown: Shown | None = None,
                         origin: str | None = None) -> tuple[domain.Task, domain.Task]:
        """Exchange two tasks' places in the manual order. With `shown` (a list as it is on
        screen in another sort: ref, sort, search, today, now), that order first becomes the
        manual one, so the task moves where the user sees it; one change either way."""
        async with self._db.write() as session:
            return await swap_places(session, self._db.backend, task_id, other_id, shown,
                                     origin)

    async def delete(self, task_id: str, *, origin: str | None = None) -> domain.Task:
        """Move a task and its subtasks to the trash; returns what it was."""
        async with self._db.write() as session:
            row = await load_task(session, task_id)
            gone = task_of(row)
            log = oplog.Recorder(session)
            log.focus_task = row.id
            now = models.utcnow()
            below = [sub for sub in await subtree(session, row)
                     if sub.trashed_at is None]
            for each in (row, *below):
                log.watch("tasks", each)
                each.status = oplog.trashed_status(each.status)
                each.trashed_at = now
            await session.flush()
            await log.save("delete", subtasks.with_subtasks("delete", row.title, len(below)),
                           origin)
            return gone

    async def restore(self, task_id: str, *, origin: str | None = None) -> domain.Task:
        """Take a task out of the trash with its subtasks there, into its category (brought
        back if it is gone); a subtask's parents in the trash come back with it."""
        async with self._db.write() as session:
            row = await load_task(session, task_id, trashed=True)
            log = oplog.Recorder(session)
            log.focus_task = row.id
            if row.category is not None and row.category.trashed_at is not None:
                log.watch("categories", row.category)
                row.category.trashed_at = None
            now = models.utcnow()
            below = [sub for sub in await subtree(session, row)
                     if sub.trashed_at is not None]
            above = [up for up in await ancestors(session, row)
                     if up.trashed_at is not None]
            for each in (row, *below, *above):
                log.watch("tasks", each)
                each.status = oplog.untrashed_status(each.status)
                each.trashed_at = None
                each.updated_at = now
            await session.flush()
            await log.save("restore", subtasks.restored(
                row.title, [up.title for up in above], len(below)), origin)
            return task_of(row)

    async def purge(self, task_id: str, *, origin: str | None = None) -> domain.Task:
        """Delete a task in the trash for good, its subtasks with it; returns what it was."""
        async with self._db.write() as session:
            row = await load_task(session, task_id, trashed=True)
            gone = task_of(row)
            log = oplog.Recorder(session)
            below = await subtree(session, row)
            for each in (row, *below):
                log.deleted("tasks", each)
                await session.delete(each)
            await log.save("purge", f"delete {row.title!r} for good", origin)
            return gone

    async def empty_trash(self, *, origin: str | None = None) -> int:
        """Delete every task and category in the trash for good; returns the tasks' count."""
        async with self._db.write() as session:
            log = oplog.Recorder(session)
            count = await purge_trash(session, None, log)
            await log.save("purge", f"empty the trash ({count_of(count, 'task')})", origin)
            return count


def _keeps_a_due(row: models.Task, had_due: bool) -> None:
    """A repeating task keeps a due: its next occurrence counts from it, and without one
    completing it would end the series without a word. Taking the due away is refused
    unless the repeat goes too."""
    if had_due and row.due_date is None and row.recurrence is not None:
        from todo_tui.recurrence.describe import describe_rrule

        words = describe_rrule(row.recurrence, row.recurrence_from_completion)
        raise ValidationError(
            f"{row.title} repeats ({words}): a repeating task needs a due, the day its next "
            "occurrence counts from; give it another due, or end the repeat too "
            "(--repeat none)")
