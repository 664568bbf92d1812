"""`todo-tui history`, `undo`, `redo`, `rm` and `trash` as a user runs them (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

from ..helpers import run_cli
from .test_commands import ok


def add(db: Path, env: dict[str, str], text: str) -> str:
    task = json.loads(ok(run_cli(["--db", db, "add", "--json", text], env)).out)
    return str(task["id"])


def titles(db: Path, env: dict[str, str], *extra: str) -> list[str]:
    return [task["title"] for task in json.loads(
        ok(run_cli(["--db", db, "list", "--json", *extra], env)).out)]


def test_rm_moves_to_the_trash_and_restore_brings_it_back(db: Path, env: dict[str, str]) -> None:
    rent = add(db, env, "pay rent tomorrow #home +bills !high")
    add(db, env, "call mum")
    before = json.loads(ok(run_cli(["--db", db, "list", "--json", "--all"], env)).out)
    assert ok(run_cli(["--db", db, "rm", rent[:8]], env)).out.startswith("deleted: ")
    assert titles(db, env, "--all") == ["call mum"]
    trash = json.loads(ok(run_cli(["--db", db, "trash", "--json"], env)).out)
    assert [task["id"] for task in trash] == [rent] and trash[0]["trashed_at"]
    assert "pay rent" in ok(run_cli(["--db", db, "trash"], env)).out
    restored = ok(run_cli(["--db", db, "trash", "restore", rent[:6]], env))
    assert restored.out.startswith("restored: ")
    after = json.loads(ok(run_cli(["--db", db, "list", "--json", "--all"], env)).out)
    for old, new in zip(before, after, strict=True):
        assert {**old, "updated_at": None, "version": None} == {
            **new, "updated_at": None, "version": None}
    empty = ok(run_cli(["--db", db, "trash"], env))
    assert empty.out == "" and "empty" in empty.err


def test_history_undo_and_redo(db: Path, env: dict[str, str]) -> None:
    rent = add(db, env, "pay rent")
    ok(run_cli(["--db", db, "done", rent], env))
    history = json.loads(ok(run_cli(["--db", db, "history", "--json"], env)).out)
    assert [(op["origin"], op["summary"], op["undone"]) for op in history] == [
        ("cli", "complete 'pay rent'", False), ("cli", "add 'pay rent'", False)]
    assert "complete 'pay rent'" in ok(run_cli(["--db", db, "history", "-n", "1"], env)).out

    undone = ok(run_cli(["--db", db, "undo", "--yes"], env))
    assert undone.out == "undid: complete 'pay rent'\n"
    assert titles(db, env) == ["pay rent"]
    redone = ok(run_cli(["--db", db, "redo", "--yes"], env))
    assert redone.out == "redid: complete 'pay rent'\n"
    assert titles(db, env) == []
    ok(run_cli(["--db", db, "undo", "--yes"], env))
    ok(run_cli(["--db", db, "undo", "--yes"], env))
    assert titles(db, env, "--all") == []
    nothing = run_cli(["--db", db, "undo", "--yes"], env)
    assert nothing.code == 1 and "nothing to undo" in nothing.err


def test_undo_without_a_terminal_or_yes_is_refused(db: Path, env: dict[str, str]) -> None:
    add(db, env, "pay rent")
    refused = run_cli(["--db", db, "undo"], env)
    assert refused.code == 2 and "--yes" in refused.err and refused.out == ""
    assert titles(db, env) == ["pay rent"]
    ok(run_cli(["--db", db, "undo", "--yes"], env))
    refused = run_cli(["--db", db, "redo"], env)
    assert refused.code == 2 and "--yes" in refused.err
    assert titles(db, env) == []


def test_trash_empty(db: Path, env: dict[str, str]) -> None:
    for text in ("one", "two"):
        ok(run_cli(["--db", db, "rm", add(db, env, text)], env))
    refused = run_cli(["--db", db, "trash", "empty"], env)
    assert refused.code == 2 and "--yes" in refused.err
    assert ok(run_cli(["--db", db, "trash", "empty", "--yes"], env)).out == (
        "deleted 2 tasks for good\n")
    assert json.loads(ok(run_cli(["--db", db, "trash", "--json"], env)).out) == []


def test_undo_says_why_it_cannot_and_pass_over_goes_on_before_it(
        db: Path, env: dict[str, str]) -> None:
    task = add(db, env, "pay rent")
    add(db, env, "call mum")
    ok(run_cli(["--db", db, "edit", task, "--title", "pay rent twice"], env))
    with_sql = run_cli(["--db", db, "history", "--json"], env)
    newest = json.loads(ok(with_sql).out)[0]["id"]
    # the newest change's title is changed again behind the log's back: not undoable
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE tasks SET title = 'pay rent thrice' WHERE id = ?", (task,))
    refused = run_cli(["--db", db, "undo", "--yes"], env)
    assert refused.code == 1 and refused.out == ""
    assert f"cannot undo change {newest} (edit" in refused.err, refused.err
    assert "title changed since" in refused.err
    assert f"todo-tui undo --pass-over {newest}" in refused.err
    assert sorted(titles(db, env)) == ["call mum", "pay rent thrice"]
    done = ok(run_cli(["--db", db, "undo", "--yes", "--pass-over", str(newest)], env))
    assert done.out.startswith("undid: add 'call mum'"), done.out
    assert titles(db, env) == ["pay rent thrice"]
    listed = ok(run_cli(["--db", db, "history"], env)).out
    assert "(passed over)" in listed
