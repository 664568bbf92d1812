"""The categories a user files tasks under."""

from __future__ import annotations

import builtins

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.db.rows import CATEGORY_ROW, category_of_row
from todo_tui.errors import NotFoundError, ValidationError
from todo_tui.service import queries, validate
from todo_tui.service.repository import AsyncRepository
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot


def category_of(row: models.Category, open_count: int = 0) -> domain.Category:
    """A domain Category from its ORM row."""
    return category_of_row([getattr(row, name) for name in CATEGORY_ROW], open_count)


async def categories_in(session: AsyncSession) -> list[domain.Category]:
    """Every category in the user's order, with its count of open tasks, read in `session`."""
    rows = await session.execute(queries.categories_statement())
    return [category_of_row(row[:-1], row[-1]) for row in rows]


async def find_or_create(session: AsyncSession, name: str) -> tuple[models.Category, bool]:
    """The category called `name` (any case), created at the end when new."""
    clean = validate.name(name)
    repo = AsyncRepository(models.Category, session)
    found = await repo.find_by(name_key=validate.key(clean))
    if found:
        return found[0], False
    last = await session.scalar(select(func.max(models.Category.position)))
    row = await repo.add(name=clean, name_key=validate.key(clean), position=(last or 0) + 1)
    return row, True


async def require(session: AsyncSession, category_id: str) -> models.Category:
    row = await session.get(models.Category, category_id)
    if row is None:
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
        """The category with this name, without regard to case."""
        async with snapshot(self._db) as session:
            found = await AsyncRepository(models.Category, session).find_by(
                name_key=validate.key(name.strip())
            )
        return category_of(found[0]) if found else None

    async def create(self, name: str, colour: str | None = None) -> domain.Category:
        """A new category at the end of the list; a name in use (any case) is refused."""
        async with self._db.write() as session:
            row, created = await find_or_create(session, name)
            if not created:
                raise ValidationError(f"a category called {row.name!r} exists already")
            row.colour = colour
            await session.flush()
            return category_of(row)

    async def rename(self, category_id: str, name: str) -> domain.Category:
        """Give a category a new name; one used by another category is refused."""
        clean = validate.name(name)
        async with self._db.write() as session:
            row = await require(session, category_id)
            clash = await AsyncRepository(models.Category, session).find_by(
                name_key=validate.key(clean)
            )
            if clash and clash[0].id != row.id:
                raise ValidationError(f"a category called {clash[0].name!r} exists already")
            row.name = clean
            row.name_key = validate.key(clean)
            await session.flush()
            return category_of(row)

    async def delete(self, category_id: str, *, delete_tasks: bool) -> int:
        """Delete a category; its tasks go to the Inbox, or are deleted too. Returns their count."""
        async with self._db.write() as session:
            await require(session, category_id)
            in_category = models.Task.category_id == category_id
            count = await session.scalar(select(func.count()).where(in_category)) or 0
            if delete_tasks:
                await session.execute(delete(models.Task).where(in_category))
            else:
                await session.execute(
                    update(models.Task)
                    .where(in_category)
                    .values(category_id=None, updated_at=models.utcnow(),
                            version=models.Task.version + 1)
                )
            await session.execute(delete(models.Category).where(models.Category.id == category_id))
            return int(count)

    async def move(self, category_id: str, offset: int) -> builtins.list[domain.Category]:
        """Move a category up (offset -1) or down (+1) in the user's order."""
        async with self._db.write() as session:
            rows = list(
                await session.scalars(
                    select(models.Category).order_by(
                        models.Category.position, models.Category.name_key
                    )
                )
            )
            index = next((i for i, row in enumerate(rows) if row.id == category_id), None)
            if index is None:
                raise NotFoundError(f"no category with id {category_id}")
            target = index + offset
            if 0 <= target < len(rows):
                rows[index], rows[target] = rows[target], rows[index]
            for position, row in enumerate(rows, start=1):
                row.position = position
            await session.flush()
            # the order as this transaction leaves it, not as a later read finds it
            return await categories_in(session)
