"""Subtasks from the shell (issue 16): add --parent, list indented, move, parent_id in JSON."""

from __future__ import annotations

import json
from pathlib import Path

from ..helpers import Ran, run_cli


def ok(ran: Ran) -> Ran:
    assert ran.code == 0, ran
    assert "Traceback" not in ran.out + ran.err
    return ran


def added(db: Path, env: dict[str, str], *args: str) -> dict[str, object]:
    value = json.loads(ok(run_cli(["--db", db, "add", "--json", *args], env)).out)
    assert isinstance(value, dict)
    return value


def test_a_tree_from_the_shell(db: Path, env: dict[str, str]) -> None:
    trip = added(db, env, "trip #travel")
    assert trip["parent_id"] is None
    book = added(db, env, "--parent", str(trip["id"])[:10], "book")
    assert (book["parent_id"], book["category"]) == (trip["id"], "travel")
    hotel = added(db, env, "--parent", str(book["id"]), "hotel tomorrow")
    lone = added(db, env, "call mum")

    listing = ok(run_cli(["--db", db, "list"], env)).out.splitlines()
    lines = [line for line in listing if "trip" in line or "book" in line or "hotel" in line]
    assert [line[:len(line) - len(line.lstrip())] for line in lines] == ["", "  ", "    "]
    # each line starts with its task's shortest unique id prefix
    assert str(trip["id"]).startswith(lines[0].split()[0])
    assert str(hotel["id"]).startswith(lines[2].split()[0])
    as_json = json.loads(ok(run_cli(["--db", db, "list", "--json"], env)).out)
    assert {t["title"]: t["parent_id"] for t in as_json} == {
        "trip": None, "book": trip["id"], "hotel": book["id"], "call mum": None}

    # move under another task, then back to the top
    moved = ok(run_cli(["--db", db, "move", str(lone["id"])[:8], "--parent",
                        str(hotel["id"])[:8]], env)).out
    assert moved.startswith("moved under trip > book > hotel: ")
    again = json.loads(ok(run_cli(["--db", db, "move", str(lone["id"]), "--top", "--json"],
                                  env)).out)
    assert (again["parent_id"], again["category"]) == (None, "travel")
    # never under its own subtask
    refused = run_cli(["--db", db, "move", str(trip["id"]), "--parent", str(hotel["id"])], env)
    assert refused.code != 0 and "one of its own subtasks" in refused.err
    assert "Traceback" not in refused.err
    # done on the parent completes the tree
    ok(run_cli(["--db", db, "done", str(trip["id"])], env))
    left = json.loads(ok(run_cli(["--db", db, "list", "--json"], env)).out)
    assert [t["title"] for t in left] == ["call mum"]


def test_move_needs_a_parent_or_top(db: Path, env: dict[str, str]) -> None:
    task = added(db, env, "x")
    ran = run_cli(["--db", db, "move", str(task["id"])], env)
    assert ran.code == 2 and "--parent" in ran.err


def test_add_names_the_parent_in_its_text(db: Path, env: dict[str, str]) -> None:
    trip = added(db, env, "Trip to Lisbon #travel")
    dry = ok(run_cli(["--db", db, "add", "--dry-run", "book hotel ^trip"], env)).out
    assert "Under:" in dry and "trip" in dry
    book = added(db, env, "book hotel tomorrow ^trip")
    assert (book["title"], book["parent_id"], book["category"]) == (
        "book hotel", trip["id"], "travel")
    hotel = added(db, env, f'sea view ^"book hotel" ^{str(trip["id"])[:6]}')
    assert hotel["parent_id"] == trip["id"]  # the last one counts
    # none or several: refused, with a message and no traceback, nothing saved
    added(db, env, "trip planning")
    for text, said in (("x ^nowhere", "no open task"), ("x ^tri", "could be several")):
        refused = run_cli(["--db", db, "add", text], env)
        assert refused.code != 0 and said in refused.err, refused
        assert "Traceback" not in refused.err
    # a name with escape sequences: said with them made visible, never sent to the terminal
    hostile = run_cli(["--db", db, "add", "x ^\x1b[31mred\x07[b]"], env)
    assert hostile.code != 0 and "no open task" in hostile.err
    assert "\x1b" not in hostile.err and "\x07" not in hostile.err and "␛" in hostile.err
    # --parent and ^ together: refused
    twice = run_cli(["--db", db, "add", "--parent", str(trip["id"]), "x ^trip"], env)
    assert twice.code != 0 and "given twice" in twice.err
    listed = json.loads(ok(run_cli(["--db", db, "list", "--json"], env)).out)
    assert sorted(t["title"] for t in listed) == [
        "Trip to Lisbon", "book hotel", "sea view", "trip planning"]
    # edit reads the grammar too, but moving is move's: refused, the task unchanged
    edit = run_cli(["--db", db, "edit", str(book["id"]), "^trip planning"], env)
    assert edit.code != 0 and "todo-tui move" in edit.err
    due = run_cli(["--db", db, "edit", str(book["id"]), "--due", "fri ^trip"], env)
    assert due.code != 0 and "todo-tui move" in due.err
    again = json.loads(ok(run_cli(["--db", db, "list", "--json"], env)).out)
    assert again == listed
