"""The categories a user files tasks under."""

from __future__ import annotations

import builtins
from datetime import date

from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import clock, domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.db.rows import CATEGORY_ROW, category_of_row
from todo_tui.errors import NotFoundError, ValidationError
from todo_tui.service import oplog, queries, validate
from todo_tui.service.repository import AsyncRepository
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot
from todo_tui.words import count_of


def category_of(row: models.Category, open_count: int = 0) -> domain.Category:
    """A domain Category from its ORM row."""
    return category_of_row([getattr(row, name) for name in CATEGORY_ROW], open_count)


async def categories_in(session: AsyncSession, today: date | None = None
                        ) -> list[domain.Category]:
    """Every category in the user's order, with its count of open tasks (those that have
    started by `today`, by default the local today), read in `session`."""
    day = clock.now().date() if today is None else today
    rows = await session.execute(queries.categories_statement(day))
    return [category_of_row(row[:-1], row[-1]) for row in rows]


async def find_or_create(
    session: AsyncSession, name: str, log: oplog.Recorder
) -> models.Category:
    """The category called `name` (any case), created at the end when new, or brought back
    from the trash (its name is still taken there); `log` records either."""
    clean = validate.name(name)
    repo = AsyncRepository(models.Category, session)
    found = await repo.find_by(name_key=validate.key(clean))
    if found:
        if found[0].trashed_at is not None:
            log.watch("categories", found[0])
            found[0].trashed_at = None
        return found[0]
    last = await session.scalar(select(func.max(models.Category.position)))
    row = await repo.add(name=clean, name_key=validate.key(clean), position=(last or 0) + 1)
    log.created("categories", row)
    return row


async def require(session: AsyncSession, category_id: str) -> models.Category:
    """A category not in the trash."""
    row = await session.get(models.Category, category_id)
    if row is None or row.trashed_at is not None:
        raise NotFoundError(f"no category with id {category_id}")
    return row


@retry_public_methods
class CategoryService:
    """Create, rename, reorder and delete categories; each call is one unit of work."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def list(self) -> list[domain.Category]:
        """Every category in the user's order, with its count of open tasks."""
        async with snapshot(self._db) as session:
            return await categories_in(session)

    async def get(self, category_id: str) -> domain.Category:
        """One category by its id (its open_count is not read: 0)."""
        async with snapshot(self._db) as session:
            return category_of(await require(session, category_id))

    async def find(self, name: str) -> domain.Category | None:
        """The category with this name, without regard to case (not one in the trash)."""
        async with snapshot(self._db) as session:
            found = await AsyncRepository(models.Category, session).find_by(
                name_key=validate.key(name.strip())
            )
        return category_of(found[0]) if found and found[0].trashed_at is None else None

    async def create(self, name: str, colour: str | None = None, *,
                     origin: str | None = None) -> domain.Category:
        """A new category at the end of the list; a name in use (any case) is refused."""
        async with self._db.write() as session:
            clean = validate.name(name)
            clash = await AsyncRepository(models.Category, session).find_by(
                name_key=validate.key(clean))
            if clash and clash[0].trashed_at is None:
                raise ValidationError(f"a category called {clash[0].name!r} exists already")
            log = oplog.Recorder(session)
            row = await find_or_create(session, clean, log)
            row.colour = colour
            await session.flush()
            log.focus_category = row.id
            await log.save("category", f"create category {row.name!r}", origin)
            return category_of(row)

    async def rename(self, category_id: str, name: str, *,
                     origin: str | None = None) -> domain.Category:
        """Give a category a new name; one used by another category is refused."""
        clean = validate.name(name)
        async with self._db.write() as session:
            row = await require(session, category_id)
            clash = await AsyncRepository(models.Category, session).find_by(
                name_key=validate.key(clean)
            )
            if clash and clash[0].id != row.id:
                where = " (in the trash)" if clash[0].trashed_at is not None else ""
                raise ValidationError(
                    f"a category called {clash[0].name!r} exists already{where}")
            log = oplog.Recorder(session)
            log.watch("categories", row)
            log.focus_category = row.id
            old = row.name
            row.name = clean
            row.name_key = validate.key(clean)
            await session.flush()
            await log.save("category", f"rename category {old!r} to {clean!r}", origin)
            return category_of(row)

    async def delete(self, category_id: str, *, delete_tasks: bool,
                     origin: str | None = None) -> int:
        """Move a category to the trash; its tasks go to the Inbox, or to the trash too.
        Returns their count."""
        async with self._db.write() as session:
            row = await require(session, category_id)
            log = oplog.Recorder(session)
            log.watch("categories", row)
            log.focus_category = row.id
            in_category = and_(models.Task.category_id == category_id, queries.LIVE)
            tasks = (await session.execute(
                select(models.Task.id, models.Task.status).where(in_category))).all()
            now = models.utcnow()
            stamp = oplog.plain(now)
            if delete_tasks:
                # one UPDATE per status: a category may hold 100 000 tasks
                for status in {status for _id, status in tasks}:
                    await session.execute(
                        update(models.Task)
                        .where(in_category, models.Task.status == status)
                        .values(status=oplog.trashed_status(status), trashed_at=now,
                                updated_at=now, version=models.Task.version + 1)
                        .execution_options(synchronize_session=False))
                for task_id, status in tasks:
                    log.raw("tasks", task_id, {"status": status, "trashed_at": None},
                            {"status": oplog.trashed_status(status), "trashed_at": stamp})
            else:
                await session.execute(
                    update(models.Task)
                    .where(in_category)
                    .values(category_id=None, updated_at=now,
                            version=models.Task.version + 1)
                    .execution_options(synchronize_session=False)
                )
                for task_id, _status in tasks:
                    log.raw("tasks", task_id, {"category_id": category_id},
                            {"category_id": None})
            row.trashed_at = now
            await session.flush()
            what = " and its" if delete_tasks else ", moving its"
            tail = f"{what} {count_of(len(tasks), 'task')}" + (
                "" if delete_tasks else " to the Inbox")
            await log.save("category", f"delete category {row.name!r}{tail}", origin)
            return len(tasks)

    async def move(self, category_id: str, offset: int, *,
                   origin: str | None = None) -> builtins.list[domain.Category]:
        """Move a category up (offset -1) or down (+1) in the user's order."""
        async with self._db.write() as session:
            rows = list(
                await session.scalars(
                    select(models.Category).where(models.Category.trashed_at.is_(None))
                    .order_by(models.Category.position, models.Category.name_key)
                )
            )
            index = next((i for i, row in enumerate(rows) if row.id == category_id), None)
            if index is None:
                raise NotFoundError(f"no category with id {category_id}")
            log = oplog.Recorder(session)
            for row in rows:
                log.watch("categories", row)
            log.focus_category = category_id
            target = index + offset
            if 0 <= target < len(rows):
                rows[index], rows[target] = rows[target], rows[index]
            for position, row in enumerate(rows, start=1):
                row.position = position
            await session.flush()
            await log.save("category", f"reorder category {_name(rows, category_id)!r}",
                           origin)
            # the order as this transaction leaves it, not as a later read finds it
            return await categories_in(session)


def _name(rows: builtins.list[models.Category], category_id: str) -> str:
    return next(row.name for row in rows if row.id == category_id)
