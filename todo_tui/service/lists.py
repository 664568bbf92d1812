"""What a user keeps about lists: the sort of each list, and searches saved as views."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.engine import Database
from todo_tui.domain import ListKind, ListRef, Sort
from todo_tui.errors import NotFoundError, TodoError, ValidationError
from todo_tui.search.parse import parse_query
from todo_tui.search.terms import SearchQuery
from todo_tui.service import filters, oplog, validate
from todo_tui.service.retry import retry_public_methods
from todo_tui.service.snapshot import snapshot


def view_of(row: models.SavedView, count: int = 0) -> domain.SavedView:
    try:
        scope = ListRef.from_key(row.scope)
    except ValueError:
        scope = ListRef(ListKind.ALL)
    return domain.SavedView(id=row.id, name=row.name, query=row.query, scope=scope,
                            position=row.position, count=count)


async def view_row(session: AsyncSession, view_id: str | None) -> models.SavedView:
    row = None if view_id is None else await session.get(models.SavedView, view_id)
    if row is None:
        raise NotFoundError("that saved view was deleted")
    return row


def view_filter(view: domain.SavedView) -> tuple[ListRef, SearchQuery]:
    """The list a view searches in and its search; ValidationError if it no longer parses."""
    try:
        return view.scope, parse_query(view.query)
    except ValidationError as exc:
        raise ValidationError(f"the view {view.name!r} cannot be read: {exc}") from None


async def views_in(
    session: AsyncSession, dialect: str, *, today: date, now: datetime
) -> list[domain.SavedView]:
    """Every saved view in the user's order with its count of tasks, read in `session`."""
    rows = list(await session.scalars(
        select(models.SavedView).order_by(models.SavedView.position, models.SavedView.name_key)))
    found = []
    for row in rows:
        view = view_of(row)
        try:
            scope, query = view_filter(view)
            counting = filters.list_sql(scope, query, today=today, now=now,
                                        dialect=dialect).count
        except TodoError:
            counting = select(func.count()).select_from(models.Task).where(filters.never())
        count = await session.scalar(counting)
        found.append(view_of(row, int(count or 0)))
    return found


@retry_public_methods
class ListService:
    """Per-list sorts and saved views; each call is one unit of work."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def sorts(self) -> dict[ListRef, Sort]:
        """The sort chosen for each list that has one (the others use the smart order)."""
        async with snapshot(self._db) as session:
            rows = (await session.execute(select(models.ListPref.list_key,
                                                 models.ListPref.sort))).all()
        found: dict[ListRef, Sort] = {}
        for key, sort in rows:
            try:
                found[ListRef.from_key(key)] = Sort(sort)
            except ValueError:
                continue  # written by a newer version: ignore, never fail
        return found

    async def set_sort(self, ref: ListRef, sort: Sort, *, origin: str | None = None) -> None:
        """Remember how a list is sorted (a preference: not in the log, `origin` unused)."""
        async with self._db.write() as session:
            row = await session.get(models.ListPref, ref.key)
            if row is None:
                session.add(models.ListPref(list_key=ref.key, sort=sort.value))
            else:
                row.sort = sort.value

    async def views(self, *, today: date, now: datetime) -> list[domain.SavedView]:
        """Every saved view in the user's order, with the number of tasks it shows."""
        async with snapshot(self._db) as session:
            return await views_in(session, self._db.backend, today=today, now=now)

    async def save_view(self, name: str, query: str, scope: ListRef, *,
                        origin: str | None = None) -> domain.SavedView:
        """Save a search made in `scope` under a name (a name in use, any case, is refused)."""
        clean = validate.name(name, "a view")
        parsed = parse_query(query)
        if parsed.empty:
            raise ValidationError("there is no search to save (type one after /)")
        if scope.kind is ListKind.VIEW:
            raise ValidationError("a view cannot be saved inside another view")
        async with self._db.write() as session:
            await self._refuse_clash(session, clean, None)
            last = await session.scalar(select(func.max(models.SavedView.position)))
            row = models.SavedView(name=clean, name_key=validate.key(clean),
                                   query=parsed.text, scope=scope.key,
                                   position=(last or 0) + 1)
            session.add(row)
            log = oplog.Recorder(session)
            log.created("views", row)
            await session.flush()
            await log.save("view", f"save view {clean!r}", origin)
            return view_of(row)

    async def rename_view(self, view_id: str, name: str, *,
                          origin: str | None = None) -> domain.SavedView:
        """Give a saved view a new name."""
        clean = validate.name(name, "a view")
        async with self._db.write() as session:
            row = await view_row(session, view_id)
            await self._refuse_clash(session, clean, row.id)
            log = oplog.Recorder(session)
            log.watch("views", row)
            old = row.name
            row.name, row.name_key = clean, validate.key(clean)
            await session.flush()
            await log.save("view", f"rename view {old!r} to {clean!r}", origin)
            return view_of(row)

    async def delete_view(self, view_id: str, *, origin: str | None = None) -> domain.SavedView:
        """Forget a saved view (its tasks stay as they are); returns what it was."""
        async with self._db.write() as session:
            row = await view_row(session, view_id)
            gone = view_of(row)
            log = oplog.Recorder(session)
            log.deleted("views", row)
            await session.delete(row)
            await log.save("view", f"delete view {row.name!r}", origin)
            await session.execute(delete(models.ListPref).where(
                models.ListPref.list_key == ListRef(ListKind.VIEW, view_id=view_id).key))
            return gone

    async def _refuse_clash(self, session: AsyncSession, name: str, own_id: str | None) -> None:
        clash = await session.scalar(select(models.SavedView).where(
            models.SavedView.name_key == validate.key(name)))
        if clash is not None and clash.id != own_id:
            raise ValidationError(f"a view called {clash.name!r} exists already")
