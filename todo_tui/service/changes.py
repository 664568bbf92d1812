"""Notice changes committed by other connections: other instances, or `todo-tui add`."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncConnection

from todo_tui.db.engine import CHANGES_CHANNEL, Database
from todo_tui.db.files import reader_uri


class ChangeWatcher:
    """Answers cheaply, and without writing anything, whether the data changed since the
    last look. SQLite: `PRAGMA data_version` on a connection of its own; PostgreSQL:
    LISTEN on the channel every write transaction notifies."""

    def __init__(self) -> None:
        self._sqlite: sqlite3.Connection | None = None
        self._pg: AsyncConnection | None = None
        self._last: int | None = None
        self._notified = asyncio.Event()
        self._lock = threading.Lock()

    @classmethod
    async def open(cls, db: Database) -> ChangeWatcher:
        watcher = cls()
        if db.backend == "sqlite":
            path = db.engine.url.database
            assert path is not None
            # read-only: nothing is ever created next to a database we may not write
            if db.read_only_reason:
                uri = reader_uri(Path(path))
            else:  # quoted: a `#`, `?` or `%` in the path would otherwise end or change it
                uri = f"file:{quote(str(Path(path).absolute()))}?mode=ro"
            watcher._sqlite = await asyncio.to_thread(
                sqlite3.connect, uri, uri=True, check_same_thread=False
            )
            watcher._last = await watcher._data_version()
        elif db.backend == "postgresql":
            watcher._pg = await db.engine.connect()
            raw = await watcher._pg.get_raw_connection()
            driver: Any = raw.driver_connection
            await driver.add_listener(CHANGES_CHANNEL, watcher._on_notify)
        return watcher

    def _on_notify(self, *_args: Any) -> None:
        self._notified.set()

    async def _data_version(self) -> int:
        assert self._sqlite is not None
        connection = self._sqlite

        def read() -> int:
            # the lock keeps close() from closing the connection under a running read
            with self._lock:
                return int(connection.execute("PRAGMA data_version").fetchone()[0])

        return await asyncio.to_thread(read)

    async def mark_seen(self) -> None:
        """Everything committed so far is about to be read: report only later changes.

        Called as a full reload starts, so the app's own writes (always followed by a
        reload) do not come back as a second, redundant reload.
        """
        if self._sqlite is not None:
            try:
                self._last = await self._data_version()
            except sqlite3.Error:
                pass
        else:
            self._notified.clear()

    async def changed(self) -> bool:
        """True once after each change made by another connection."""
        if self._sqlite is not None:
            try:
                version = await self._data_version()
            except sqlite3.Error:
                return False
            if version != self._last:
                self._last = version
                return True
            return False
        if self._notified.is_set():
            self._notified.clear()
            return True
        return False

    async def close(self) -> None:
        if self._sqlite is not None:
            connection, self._sqlite = self._sqlite, None

            def close() -> None:
                with self._lock:
                    connection.close()

            await asyncio.to_thread(close)
        if self._pg is not None:
            await self._pg.close()
            self._pg = None
