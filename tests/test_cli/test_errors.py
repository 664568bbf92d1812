"""Refused commands: one line on stderr, exit 2 (usage) or 1 (runtime), no traceback, no change."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from todo_tui.db.schema import HEAD_REVISION

from ..helpers import Ran, cli_env, raw, run_cli

AMBIGUOUS = ("abc1" + "0" * 28, "abc2" + "0" * 28)

# (arguments after --db PATH, stdin, exit code, words the message must contain)
USAGE_ERRORS: list[tuple[list[str], str | None, int, str]] = [
    (["rm", "abc"], None, 2, "several"),
    (["undo"], None, 2, "--yes"),
    (["trash", "empty"], None, 2, "--yes"),
    (["history", "-n", "0"], None, 2, "-n"),
    (["done", "abc"], None, 2, "several"),
    (["rm", "xyz!"], None, 2, "hexadecimal"),
    (["done", ""], None, 2, "hexadecimal"),
    (["add", ""], None, 2, "title"),
    (["add", "   "], None, 2, "title"),
    (["add", "#home"], None, 2, "title"),
    (["add", "-"], "\n  \n", 2, "no tasks"),
    (["list", "--bogus"], None, 2, "--bogus"),
    (["--bogus", "list"], None, 2, "--bogus"),
    (["frobnicate"], None, 2, "frobnicate"),
    (["done"], None, 2, "id"),
    (["demo", "--tasks", "0"], None, 2, "--tasks"),
    (["demo", "--tasks", "many"], None, 2, "many"),
    (["--db-url", "mysql://u@h/db", "list"], None, 2, "mysql"),
    (["--db-url", "sqlite+aiosqlite:///:memory:", "list"], None, 2, "memory"),
]


def assert_refused(args: object, ran: Ran, code: int, words: str) -> None:
    assert ran.code == code, (args, ran)
    assert ran.out == "", (args, ran)
    assert len(ran.err_lines) == 1 and ran.err.endswith("\n"), (args, ran)
    assert ran.err.startswith("todo-tui: "), (args, ran)
    assert words in ran.err, (args, ran)
    assert "unexpected error" not in ran.err, (args, ran)
    assert "Traceback" not in ran.err + ran.out, (args, ran)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


def run_all(cases: list[tuple[list[str], str | None]], env: dict[str, str]) -> list[Ran]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda case: run_cli(case[0], env, stdin=case[1]), cases))


def test_usage_errors_are_refused_and_change_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    db = tmp_path / "todo.db"
    assert run_cli(["--db", db, "add", "existing #home +tag"], env).code == 0
    with raw(db) as connection:
        for task_id in AMBIGUOUS:
            connection.execute(
                "INSERT INTO tasks (id, title, notes, status, priority, "
                "recurrence_from_completion, position, created_at, updated_at, version) "
                "VALUES (?, 'twin', '', 'open', 0, 0, 9, '2026-11-27 09:00:00.000000', "
                "'2026-11-27 09:00:00.000000', 1)", (task_id,))
    before = db.read_bytes()

    results = run_all([(["--db", str(db), *args], stdin)
                       for args, stdin, _code, _words in USAGE_ERRORS], env)

    for (args, _stdin, code, words), ran in zip(USAGE_ERRORS, results, strict=True):
        assert_refused(args, ran, code, words)
    assert db.read_bytes() == before
    with raw(db) as connection:
        assert connection.execute("SELECT count(*) FROM tasks").fetchone() == (3,)


def test_a_missing_task_is_a_runtime_error_and_an_ambiguous_prefix_names_the_candidates(
    tmp_path: Path, env: dict[str, str]
) -> None:
    # issue 15, bug 7: `done ffff` exited 2 (usage) though nothing was wrong with the command
    db = tmp_path / "todo.db"
    assert run_cli(["--db", db, "add", "existing"], env).code == 0
    with raw(db) as connection:
        for task_id, title in zip(AMBIGUOUS, ("pay rent", "call mum"), strict=True):
            connection.execute(
                "INSERT INTO tasks (id, title, notes, status, priority, "
                "recurrence_from_completion, position, created_at, updated_at, version) "
                "VALUES (?, ?, '', 'open', 0, 0, 9, '2026-11-27 09:00:00.000000', "
                "'2026-11-27 09:00:00.000000', 1)", (task_id, title))
    before = db.read_bytes()
    cases: list[tuple[list[str], str | None]] = [
        (["--db", str(db), "done", "ffffffff"], None),
        (["--db", str(db), "undone", "abc3"], None),
        (["--db", str(db), "trash", "restore", "ffff"], None),
        (["--db", str(db), "done", "abc"], None),
    ]
    missing, reopen, restore, ambiguous = run_all(cases, env)
    for args, ran in (("done", missing), ("undone", reopen), ("restore", restore)):
        assert_refused(args, ran, 1, "no task")
    assert_refused("ambiguous", ambiguous, 2, "several")
    assert "abc10000 'pay rent'" in ambiguous.err and "abc20000 'call mum'" in ambiguous.err
    assert db.read_bytes() == before


def test_a_database_that_cannot_be_used_is_a_runtime_error(
    tmp_path: Path, env: dict[str, str]
) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "todo.db"
    directory = tmp_path / "a-directory"
    directory.mkdir()
    foreign = tmp_path / "places.sqlite"
    with raw(foreign) as connection:
        connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    newer = tmp_path / "newer.db"
    assert run_cli(["--db", newer, "add", "from the future"], env).code == 0
    with raw(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    # each process gets its own file: two processes closing one WAL database at once can both
    # leave its -wal file behind (SQLite deletes it only when a closer finds itself the last)
    newer_too = tmp_path / "newer-too.db"
    newer_too.write_bytes(newer.read_bytes())
    garbage = tmp_path / "notes.txt"
    garbage.write_text("not a database\n" * 200)
    files = {path: path.read_bytes() for path in (foreign, newer, newer_too, garbage)}

    cases = [
        ([missing, "list"], "does not exist"),
        ([missing, "add", "x"], "does not exist"),
        ([directory, "list"], "directory"),
        ([foreign, "list"], "not made by todo-tui"),
        ([foreign, "add", "x"], "not made by todo-tui"),
        ([newer, "list"], "9999"),
        ([newer_too, "done", "ab"], HEAD_REVISION),
        ([garbage, "list"], "not"),
    ]
    results = run_all([(["--db", str(path), *map(str, rest)], None)
                       for (path, *rest), _words in cases], env)

    for (args, words), ran in zip(cases, results, strict=True):
        assert_refused(args, ran, 1, words)
    newer_message = results[5].err
    assert "9999" in newer_message and HEAD_REVISION in newer_message
    assert not (tmp_path / "no").exists()
    assert list(directory.iterdir()) == []
    for path, before in files.items():
        assert path.read_bytes() == before, path
        assert not Path(f"{path}-wal").exists()


def test_unusable_user_directories_still_give_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way\n")
    # the data directory (default database) and the state directory (log file) cannot be made
    env = cli_env(tmp_path, XDG_DATA_HOME=str(blocker), XDG_STATE_HOME=str(blocker))
    cases: list[tuple[list[str], str | None]] = [
        (["list"], None),
        (["--db", str(tmp_path / "missing" / "todo.db"), "list"], None),
        (["--db", str(tmp_path / "todo.db"), "done", "ffff"], None),
    ]
    default, missing, unknown = run_all(cases, env)
    assert_refused("default path", default, 1, "cannot create the data directory")
    assert_refused("missing dir", missing, 1, "does not exist")
    assert_refused("unknown id", unknown, 1, "no task")
    assert blocker.read_text() == "in the way\n"
