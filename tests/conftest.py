"""Fixtures every layer shares: a temporary database file and the services over it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from todo_tui.db.engine import sqlite_url
from todo_tui.service import Services, open_services


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database file lives (not created yet)."""
    return tmp_path / "todo.db"


@pytest.fixture
def db_url(db_path: Path) -> str:
    """The aiosqlite URL of the test's database file."""
    return sqlite_url(db_path)


@pytest.fixture
async def services(db_url: str) -> AsyncIterator[Services]:
    """The services over a freshly migrated database file; closed after the test."""
    opened = await open_services(db_url)
    try:
        yield opened
    finally:
        await opened.close()
