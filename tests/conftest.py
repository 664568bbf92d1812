"""Fixtures every layer shares: a temporary database and the services over it.

Storage, service, CLI and concurrency tests run on every backend available: SQLite always,
PostgreSQL when TODO_TUI_TEST_PG_URL names a server (`.ci/run` starts a throwaway one).
Each test gets a database of its own: a new file, or a new PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from todo_tui.db.engine import sqlite_url
from todo_tui.service import Services, open_services

PG_URL = os.environ.get("TODO_TUI_TEST_PG_URL", "").strip()
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test of SQLite itself (pragmas, files)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """SQLite-only tests (marked, or using the file itself) do not run on PostgreSQL."""
    for item in list(items):
        callspec = getattr(item, "callspec", None)
        on_pg = callspec is not None and callspec.params.get("backend") == "postgresql"
        sqlite_file = "db_path" in getattr(item, "fixturenames", ())
        if on_pg and (sqlite_file or item.get_closest_marker("sqlite_only")):
            items.remove(item)


@pytest.fixture(autouse=True)
def no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts with the default settings, never the user's config.toml: the
    settings file is the test's own (not there unless the test writes it)."""
    from todo_tui import settings

    monkeypatch.setenv(settings.ENV_CONFIG, str(tmp_path / "config.toml"))
    settings.use(settings.defaults(tmp_path / "config.toml"))
    yield
    settings.use(settings.defaults(tmp_path / "config.toml"))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which database backend the test runs on."""
    return str(request.param)


@pytest.fixture
def db_path(tmp_path: Path, backend: str) -> Path:
    """Where the test's SQLite file lives (not created yet); SQLite-only tests use it."""
    if backend != "sqlite":
        pytest.skip("a test of the SQLite file itself")
    return tmp_path / "todo.db"


async def _admin(sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def pg_database_url(name: str) -> str:
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def empty_database(tmp_path: Path, backend: str, file_name: str = "todo.db") -> Iterator[str]:
    """The URL of a new, empty database on `backend` (a file in `tmp_path`, or a PostgreSQL
    database of its own, dropped afterwards): a fixture's body, `yield from` it."""
    if backend == "sqlite":
        yield sqlite_url(tmp_path / file_name)
        return
    name = f"todo_test_{uuid.uuid4().hex[:16]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield pg_database_url(name)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def db_url(tmp_path: Path, backend: str) -> Iterator[str]:
    """The URL of the test's own, empty database."""
    yield from empty_database(tmp_path, backend)


@pytest.fixture
async def services(db_url: str) -> AsyncIterator[Services]:
    """The services over a freshly migrated database; closed after the test."""
    opened = await open_services(db_url)
    try:
        yield opened
    finally:
        await opened.close()
