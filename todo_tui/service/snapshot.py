"""A read that sees the database as of one moment, on every backend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db.engine import Database

# PostgreSQL's READ COMMITTED (its default) gives each statement its own snapshot: a read of
# several statements (a count, then a page; the smart lists, then the categories) could mix
# two states. REPEATABLE READ gives the transaction one; it takes no locks and a read-only
# transaction never fails for it. An SQLite transaction reads one snapshot already.
POSTGRESQL_SNAPSHOT = {"isolation_level": "REPEATABLE READ"}


@asynccontextmanager
async def snapshot(db: Database) -> AsyncIterator[AsyncSession]:
    """A session whose reads, however many statements, all see one committed state."""
    async with db.read() as session:
        if db.backend == "postgresql":
            await session.connection(execution_options=POSTGRESQL_SNAPSHOT)
        yield session
