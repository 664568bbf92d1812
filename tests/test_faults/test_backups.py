"""Backups: a snapshot at the first start of each day and before an upgrade, the newest N
kept; `todo-tui backup [PATH]` and `todo-tui restore FILE` (confirmed, checked, atomic)."""

from __future__ import annotations

import os
import pty
import sqlite3
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from todo_tui.db.backup_files import list_backups, newest_backup
from todo_tui.db.engine import sqlite_url
from todo_tui.domain import NewTask
from todo_tui.service import open_services

from ..helpers import Ran, cli_env, run_cli
from .conftest import damage_page, listing, make_db, sidecars, task_titles


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def titles_in(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT title FROM tasks ORDER BY title")]
    finally:
        connection.close()


async def reopen(path: Path, now: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TODO_TUI_NOW", now)
    await (await open_services(sqlite_url(path))).close()


async def test_a_snapshot_is_taken_at_the_first_start_of_each_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "todo.db"
    await make_db(path, "first", reopen=False)
    assert list_backups(path) == []  # a new database has nothing to keep yet

    await reopen(path, "2026-11-27T10:00:00+00:00", monkeypatch)
    await reopen(path, "2026-11-27T18:30:00+00:00", monkeypatch)
    services = await open_services(sqlite_url(path))
    await services.tasks.add(NewTask(title="second"))
    await services.close()
    await reopen(path, "2026-11-28T08:00:00+00:00", monkeypatch)

    backups = list_backups(path)
    assert [(b.path.name, b.reason) for b in backups] == [
        ("todo-20261128-080000-daily.db", "daily"),
        ("todo-20261127-100000-daily.db", "daily"),
    ]
    assert titles_in(backups[0].path) == ["first", "second"]
    assert titles_in(backups[1].path) == ["first"]
    assert mode(tmp_path / "backups") == 0o700
    assert all(mode(b.path) == 0o600 for b in backups)
    assert not [p for p in (tmp_path / "backups").iterdir() if p.name.startswith(".")]


async def test_only_the_newest_automatic_snapshots_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "todo.db"
    monkeypatch.setenv("TODO_TUI_BACKUPS", "2")
    await make_db(path, "kept", reopen=False)
    manual = run_cli(["--db", path, "backup"], cli_env(tmp_path))
    assert manual.code == 0, manual
    for day in range(1, 6):
        await reopen(path, f"2026-12-0{day}T09:00:00+00:00", monkeypatch)

    assert [(b.taken.day, b.reason) for b in list_backups(path)] == [
        (5, "daily"), (4, "daily"), (27, "manual")]  # manual ones are never pruned


async def test_daily_snapshots_can_be_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "todo.db"
    monkeypatch.setenv("TODO_TUI_BACKUPS", "0")
    await make_db(path, "x")
    assert list_backups(path) == []


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


@pytest.fixture
def db(tmp_path: Path, env: dict[str, str]) -> Path:
    """A database with two tasks and its day's snapshot."""
    path = tmp_path / "data" / "todo.db"
    path.parent.mkdir()
    assert run_cli(["--db", path, "add", "one"], env).code == 0
    assert run_cli(["--db", path, "add", "two"], env).code == 0
    return path


def one_line_error(ran: Ran, code: int, words: str) -> None:
    assert ran.code == code, ran
    assert ran.out == "" and len(ran.err_lines) == 1 and ran.err.startswith("todo-tui: "), ran
    assert words in ran.err and "Traceback" not in ran.err, ran


def test_backup_writes_a_checked_private_snapshot(
    tmp_path: Path, env: dict[str, str], db: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    exists = tmp_path / "exists.db"
    exists.write_text("mine\n")
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(db.read_bytes())
    damage_page(damaged)
    cases = [["--db", db, "backup"], ["--db", db, "backup", elsewhere],
             ["--db", db, "backup", tmp_path / "copy.db"], ["--db", db, "backup", exists],
             ["--db", damaged, "backup"], ["--db", tmp_path / "missing.db", "backup"],
             ["--db-url", "postgresql+asyncpg://u@h/db", "backup"]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        default, into_dir, to_file, over, broken, missing, pg = pool.map(
            lambda args: run_cli(args, env, stdin=""), cases)

    made = [b for b in list_backups(db) if b.reason == "manual"]
    assert len(made) == 1
    assert default.out == f"backed up {db} to {made[0].path}\n"
    [in_dir] = list(elsewhere.iterdir())
    assert into_dir.out == f"backed up {db} to {in_dir}\n"
    for copy in (made[0].path, in_dir, tmp_path / "copy.db"):
        assert titles_in(copy) == ["one", "two"] and mode(copy) == 0o600
    assert to_file.code == 0
    one_line_error(over, 1, "already exists; refusing to overwrite it")
    assert exists.read_text() == "mine\n"
    one_line_error(broken, 1, "damaged")
    one_line_error(missing, 1, "there is no database at")
    assert not (tmp_path / "missing.db").exists()
    one_line_error(pg, 2, "SQLite")


def test_restore_asks_first_and_refuses_without_a_terminal(
    env: dict[str, str], db: Path
) -> None:
    snapshot = newest_backup(db)
    assert snapshot is not None
    before = listing(db.parent)
    ran = run_cli(["--db", db, "restore", snapshot], env, stdin="y\n")
    one_line_error(ran, 2, "confirm, or pass --yes")
    assert listing(db.parent) == before


def test_restore_replaces_the_database_and_keeps_the_previous_one(
    env: dict[str, str], db: Path
) -> None:
    snapshot = newest_backup(db)
    assert snapshot is not None and titles_in(snapshot) == ["one"]  # taken before "two"
    ran = run_cli(["--db", db, "restore", "--yes", snapshot], env, stdin="")

    assert ran.code == 0, ran
    [previous] = [b.path for b in list_backups(db) if b.reason == "before-restore"]
    assert ran.out == (f"restored {db} from {snapshot}\n"
                       f"the previous database is kept in {previous}\n")
    assert titles_in(db) == ["one"] and mode(db) == 0o600 and sidecars(db) == []
    assert titles_in(previous) == ["one", "two"]
    listed = run_cli(["--db", db, "list"], env)
    assert listed.code == 0 and "one" in listed.out and "two" not in listed.out


def test_restore_refuses_what_is_not_a_todo_tui_database(
    tmp_path: Path, env: dict[str, str], db: Path
) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    foreign = tmp_path / "foreign.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE moz_places (url TEXT)")
    connection.commit()
    connection.close()
    newer = tmp_path / "newer.db"
    newer.write_bytes(db.read_bytes())
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = listing(db.parent)
    cases = [(garbage, 1, "not a usable SQLite database"),
             (foreign, 1, "not a todo-tui database"), (newer, 1, "9999"),
             (tmp_path / "missing.db", 2, "no backup file")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(
            lambda case: run_cli(["--db", db, "restore", "--yes", case[0]], env, stdin=""),
            cases))
    for (_path, code, words), ran in zip(cases, results, strict=True):
        one_line_error(ran, code, words)
    assert listing(db.parent) == before


def test_restore_refuses_while_another_program_has_the_database_open(
    env: dict[str, str], db: Path
) -> None:
    snapshot = newest_backup(db)
    before = listing(db.parent)
    other = sqlite3.connect(db)
    try:
        other.execute("PRAGMA journal_mode = WAL")
        assert other.execute("SELECT count(*) FROM tasks").fetchone() == (2,)
        ran = run_cli(["--db", db, "restore", "--yes", snapshot], env, stdin="")
    finally:
        other.close()
    one_line_error(ran, 1, "in use by another program")
    assert {k: v for k, v in listing(db.parent).items() if not k.startswith("todo.db-")} \
        == before


def run_on_a_terminal(args: list[str | Path], env: dict[str, str], answer: bytes) -> Ran:
    """Run todo-tui with a pseudo-terminal as its stdin and type `answer`."""
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "todo_tui", *map(str, args)],
                                   stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=env, cwd=env["HOME"])
        os.write(master, answer)
        out, err = process.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    return Ran(process.returncode, out.decode(), err.decode())


def test_restore_on_a_terminal_goes_ahead_only_on_yes(env: dict[str, str], db: Path) -> None:
    snapshot = newest_backup(db)
    assert snapshot is not None
    before = listing(db.parent)

    declined = run_on_a_terminal(["--db", db, "restore", snapshot], env, b"n\n")
    assert declined.code == 1 and "[y/N]" in declined.err
    assert "restore cancelled; nothing was changed" in declined.err
    assert listing(db.parent) == before

    accepted = run_on_a_terminal(["--db", db, "restore", snapshot], env, b"y\n")
    assert accepted.code == 0, accepted
    assert f"Replace {db} with {snapshot}?" in accepted.err
    assert titles_in(db) == ["one"]


async def test_restore_over_a_damaged_database_keeps_its_bytes_aside(
    tmp_path: Path, env: dict[str, str]
) -> None:
    path = tmp_path / "todo.db"
    await make_db(path, *[f"task {i} " + "x" * 300 for i in range(30)])
    good = newest_backup(path)
    assert good is not None
    damage_page(path)
    damaged_bytes = path.read_bytes()

    ran = run_cli(["--db", path, "restore", "--yes", good], env, stdin="")

    assert ran.code == 0, ran
    [aside] = [b.path for b in list_backups(path) if b.reason == "damaged"]
    assert aside.read_bytes() == damaged_bytes
    assert newest_backup(path) == good  # a damaged copy is never offered as "the newest"
    assert len(task_titles(path)) == 30
