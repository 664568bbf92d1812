"""A small generic repository over one model, used inside a service's session."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm.interfaces import ORMOption
from sqlalchemy.sql.base import ExecutableOption

from todo_tui.errors import UsageError

ModelT = TypeVar("ModelT", bound=DeclarativeBase)


class UnknownFieldError(UsageError):
    """A filter named a field the model does not have."""


class AsyncRepository(Generic[ModelT]):
    """Create, read and filter one model's rows within the session it is given."""

    def __init__(self, model: type[ModelT], session: AsyncSession) -> None:
        self.model = model
        self.session = session

    def _column(self, name: str) -> Any:
        columns = self.model.__table__.columns
        if name not in columns:
            raise UnknownFieldError(f"{self.model.__name__} has no field {name!r}")
        return getattr(self.model, name)

    async def add(self, **values: Any) -> ModelT:
        for name in values:
            if name not in self.model.__mapper__.attrs:
                raise UnknownFieldError(f"{self.model.__name__} has no field {name!r}")
        instance = self.model(**values)
        self.session.add(instance)
        await self.session.flush()
        return instance

    async def get(self, key: Any, *options: ORMOption) -> ModelT | None:
        return await self.session.get(self.model, key, options=options)

    async def find_by(
        self, *options: ExecutableOption, order_by: Sequence[str] = (), **filters: Any
    ) -> list[ModelT]:
        """Rows whose fields equal the given values; an unknown field raises."""
        stmt = select(self.model).options(*options)
        for name, value in filters.items():
            column = self._column(name)
            stmt = stmt.where(column.is_(None) if value is None else column == value)
        stmt = stmt.order_by(*(self._column(name) for name in order_by))
        return list((await self.session.scalars(stmt)).all())
