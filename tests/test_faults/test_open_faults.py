"""A database file that cannot be trusted is refused before anything writes to it: a clear
message naming the file, what is wrong and where the newest backup is; its bytes unchanged."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from todo_tui.db import models
from todo_tui.db.backup_files import list_backups, newest_backup
from todo_tui.db.engine import create_engine, sqlite_url
from todo_tui.db.schema import HEAD_REVISION, ensure_schema
from todo_tui.errors import SchemaTooNewError, StorageError
from todo_tui.service import open_services

from ..helpers import cli_env, run_cli
from .conftest import damage_page, listing, make_db, sidecars, task_titles

TITLES = [f"task number {i} " + "x" * 200 for i in range(40)]  # a few pages of rows


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The directory the database and its backups live in."""
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


async def refused(path: Path) -> str:
    """Open `path`; it must be refused with a StorageError whose message is returned."""
    with pytest.raises(StorageError) as caught:
        await open_services(sqlite_url(path))
    message = str(caught.value)
    assert str(path) in message
    assert "Nothing was changed" in message
    assert "Traceback" not in message
    return message


def hint_names_newest_backup(message: str, path: Path) -> None:
    newest = newest_backup(path)
    assert newest is not None and newest.is_file()
    assert f"The newest backup is {newest}" in message
    assert f"todo-tui --db {path} restore {newest}" in message


async def test_random_bytes_are_refused_untouched(data: Path) -> None:
    path = data / "todo.db"
    path.write_bytes(random.Random(7).randbytes(3 * 4096))
    before = listing(data)

    message = await refused(path)

    assert "not an SQLite database" in message
    assert f"There is no backup of it in {data / 'backups'}" in message
    assert listing(data) == before and sidecars(path) == []


async def test_a_file_cut_in_the_middle_of_a_page_is_refused_untouched(data: Path) -> None:
    path = data / "todo.db"
    await make_db(path, *TITLES)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 1000])
    before = listing(data)

    message = await refused(path)

    assert "truncated" in message and "not a whole number of 4096-byte pages" in message
    hint_names_newest_backup(message, path)
    assert listing(data) == before and sidecars(path) == []


async def test_a_file_missing_its_last_pages_is_refused_untouched(data: Path) -> None:
    path = data / "todo.db"
    await make_db(path, *TITLES)
    whole = path.read_bytes()
    assert len(whole) >= 4 * 4096
    path.write_bytes(whole[: 2 * 4096])  # whole pages, fewer than the header says
    before = listing(data)

    message = await refused(path)

    assert "truncated" in message and "header says" in message
    hint_names_newest_backup(message, path)
    assert listing(data) == before and sidecars(path) == []


async def test_a_malformed_database_is_refused_untouched(data: Path) -> None:
    path = data / "todo.db"
    await make_db(path, *TITLES)
    damage_page(path)
    before = listing(data)

    message = await refused(path)

    assert "damaged" in message and "malformed" in message
    hint_names_newest_backup(message, path)
    assert listing(data) == before and sidecars(path) == []


async def test_a_file_sqlite_says_is_not_a_database_is_refused_untouched(data: Path) -> None:
    path = data / "todo.db"
    await make_db(path, *TITLES)
    raw = bytearray(path.read_bytes())
    raw[100:4096] = random.Random(3).randbytes(4096 - 100)  # the schema page, not the header
    path.write_bytes(bytes(raw))
    before = listing(data)

    message = await refused(path)

    assert "damaged" in message and "SQLite says" in message
    hint_names_newest_backup(message, path)
    assert listing(data) == before and sidecars(path) == []


async def test_an_empty_file_where_backups_exist_is_refused_and_stays_empty(data: Path) -> None:
    path = data / "todo.db"
    await make_db(path, "something that was there")
    assert newest_backup(path) is not None
    path.write_bytes(b"")  # what a full disk can leave behind
    before = listing(data)

    message = await refused(path)

    assert "empty (0 bytes)" in message and "refusing to create a new database" in message
    hint_names_newest_backup(message, path)
    assert listing(data) == before and path.stat().st_size == 0 and sidecars(path) == []


async def test_an_empty_file_without_backups_and_a_missing_file_become_new_databases(
    data: Path,
) -> None:
    empty, missing = data / "empty.db", data / "missing.db"
    empty.write_bytes(b"")
    for path in (empty, missing):
        services = await open_services(sqlite_url(path))
        await services.close()
        assert task_titles(path) == []
        assert list_backups(path) == []  # nothing to back up in a new database


async def test_a_newer_schema_is_refused_naming_both_versions_untouched(data: Path) -> None:
    path = data / "todo.db"
    await make_db(path, "from the future")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = listing(data)

    with pytest.raises(SchemaTooNewError) as caught:
        await open_services(sqlite_url(path))

    assert "9999" in str(caught.value) and HEAD_REVISION in str(caught.value)
    assert listing(data) == before and sidecars(path) == []


async def test_an_older_schema_is_backed_up_then_upgraded(data: Path) -> None:
    path = data / "todo.db"
    engine = create_engine(sqlite_url(path))
    stamp = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    try:
        await ensure_schema(engine, target="0001")
        async with engine.begin() as connection:
            await connection.execute(insert(models.Task.__table__), [{
                "id": "a" * 32, "title": "made by an older version", "notes": "", "status":
                "open", "priority": 0, "recurrence_from_completion": False, "position": 1,
                "created_at": stamp, "updated_at": stamp, "version": 1}])
    finally:
        await engine.dispose()

    await (await open_services(sqlite_url(path))).close()

    backups = list_backups(path)
    assert [b.reason for b in backups] == ["before-upgrade"]
    snapshot = backups[0].path
    check = sqlite3.connect(snapshot)
    try:
        assert check.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert check.execute("SELECT title FROM tasks").fetchall() == [
            ("made by an older version",)]
    finally:
        check.close()
    assert task_titles(path) == ["made by an older version"]
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
        HEAD_REVISION,)
    connection.close()


def test_the_shell_refuses_each_damaged_file_with_one_line_and_exit_1(tmp_path: Path) -> None:
    """The same faults through `todo-tui`: exit 1, one line naming the log, no traceback."""
    from concurrent.futures import ThreadPoolExecutor

    env = cli_env(tmp_path)
    good = tmp_path / "good.db"
    assert run_cli(["--db", good, "add", "keep me"], env).code == 0
    assert run_cli(["--db", good, "list"], env).code == 0  # takes the day's backup
    files = {
        "random.db": random.Random(1).randbytes(8192),
        "cut.db": good.read_bytes()[:5000],
        "short.db": good.read_bytes()[:60],
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    emptied = tmp_path / "good.db"
    emptied.write_bytes(b"")
    before = {name: (tmp_path / name).read_bytes() for name in [*files, "good.db"]}
    cases = [("random.db", "not an SQLite database"), ("cut.db", "truncated"),
             ("short.db", "truncated"), ("good.db", "empty (0 bytes)")]
    for command in (["list"], ["add", "x"]):
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(
                lambda case, c=command: run_cli(["--db", tmp_path / case[0], *c], env), cases))
        for (name, words), ran in zip(cases, results, strict=True):
            assert ran.code == 1, (name, ran)
            assert ran.out == "" and len(ran.err_lines) == 1, (name, ran)
            assert words in ran.err and str(tmp_path / name) in ran.err, (name, ran)
            assert "details in " in ran.err and "Traceback" not in ran.err, (name, ran)
    log = (tmp_path / "state" / "todo-tui" / "todo-tui.log").read_text()
    assert "empty (0 bytes)" in log
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert "restore" in results[3].err and "backups" in results[3].err
