"""The shell subcommands, run in a subprocess as a user runs them: output, JSON, exit codes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ..helpers import Ran, raw, run_cli

TASK_KEYS = {"id", "title", "notes", "status", "priority", "due", "category", "tags",
             "created_at", "updated_at", "completed_at"}


def ok(ran: Ran) -> Ran:
    assert ran.code == 0, ran
    assert "Traceback" not in ran.out + ran.err
    return ran


def listed(db: Path, env: dict[str, str], *extra: str) -> list[dict[str, object]]:
    ran = ok(run_cli(["--db", db, "list", "--json", *extra], env))
    value = json.loads(ran.out)
    assert isinstance(value, list)
    return value


def has_offset(stamp: object) -> bool:
    assert isinstance(stamp, str)
    return datetime.fromisoformat(stamp).utcoffset() is not None


def test_add_saves_what_list_json_gives_back(db: Path, env: dict[str, str]) -> None:
    plain = ok(run_cli(["--db", db, "add", "buy milk #home"], env))
    assert plain.out.count("\n") == 1
    assert "buy milk" in plain.out and "#home" in plain.out
    assert plain.err == ""

    as_json = ok(run_cli(["--db", db, "add", "--json", "pay", "rent", "tomorrow", "!high",
                          "+bills", "#Home"], env))
    saved = json.loads(as_json.out)
    assert isinstance(saved, dict)
    assert as_json.out.count("\n") == 1
    assert TASK_KEYS <= set(saved)
    assert (saved["title"], saved["priority"], saved["due"], saved["tags"], saved["category"]) == (
        "pay rent", "high", "2026-11-28", ["bills"], "home")

    timed = json.loads(ok(run_cli(["--db", db, "add", "--json", "call bob tomorrow 9am"],
                                  env)).out)
    assert timed["due"] == "2026-11-28T09:00:00+01:00"
    assert timed["category"] is None

    tasks = listed(db, env)
    assert [t["title"] for t in tasks] == ["pay rent", "call bob", "buy milk"]
    by_id = {t["id"]: t for t in tasks}
    assert by_id[saved["id"]] == saved
    assert by_id[timed["id"]] == timed
    milk = next(t for t in tasks if t["title"] == "buy milk")
    assert plain.out.startswith(str(milk["id"])[:8] + " ")
    assert (milk["category"], milk["status"], milk["priority"], milk["due"], milk["notes"],
            milk["tags"], milk["completed_at"]) == ("home", "open", "none", None, "", [], None)
    for task in tasks:
        assert TASK_KEYS <= set(task)
        assert has_offset(task["created_at"]) and has_offset(task["updated_at"])
    # the category was created once and reused in another case
    with raw(db) as connection:
        assert connection.execute("SELECT name FROM categories").fetchall() == [("home",)]


def test_add_reads_one_task_per_line_from_stdin(db: Path, env: dict[str, str]) -> None:
    ran = ok(run_cli(["--db", db, "add", "-"], env, stdin="first #a\n\n  second  \nthird +x\n"))
    assert len(ran.out.splitlines()) == 3
    assert [(t["title"], t["category"], t["tags"]) for t in listed(db, env)] == [
        ("first", "a", []), ("second", None, []), ("third", None, ["x"])]


def test_add_dry_run_saves_nothing(db: Path, env: dict[str, str]) -> None:
    ok(run_cli(["--db", db, "add", "keep"], env))
    before = db.read_bytes()
    ran = ok(run_cli(["--db", db, "add", "--dry-run", "--json", "not saved #new !high"], env))
    assert json.loads(ran.out)["title"] == "not saved"
    assert db.read_bytes() == before
    assert [t["title"] for t in listed(db, env)] == ["keep"]


def test_add_verbatim_keeps_the_text_as_the_title(db: Path, env: dict[str, str]) -> None:
    saved = json.loads(ok(run_cli(["--db", db, "add", "--json", "--verbatim",
                                   "read #hashtags tomorrow !high"], env)).out)
    assert (saved["title"], saved["category"], saved["due"], saved["priority"]) == (
        "read #hashtags tomorrow !high", None, None, "none")


def test_control_characters_never_reach_the_terminal(db: Path, env: dict[str, str]) -> None:
    title = "evil \x1b[31mred\x1b[0m \u202eoops"
    ran = ok(run_cli(["--db", db, "add", "--verbatim", title], env))
    listing = ok(run_cli(["--db", db, "list"], env))
    for text in (ran.out, listing.out):
        assert "\x1b" not in text and "\u202e" not in text
        assert "red" in text
    # but the title is stored, and exported, exactly
    assert listed(db, env)[0]["title"] == title


def test_list_shows_open_tasks_and_all_with_done_ones(db: Path, env: dict[str, str]) -> None:
    empty = ok(run_cli(["--db", db, "list"], env))
    assert empty.out == ""
    assert empty.err.startswith("todo-tui: no tasks")
    ok(run_cli(["--db", db, "add", "-"], env, stdin="one\ntwo\nthree\n"))
    two = next(t for t in listed(db, env) if t["title"] == "two")
    ok(run_cli(["--db", db, "done", str(two["id"])], env))

    open_lines = ok(run_cli(["--db", db, "list"], env)).out.splitlines()
    assert len(open_lines) == 2
    assert all("[ ]" in line for line in open_lines)
    assert not any(" two" in line for line in open_lines)
    all_lines = ok(run_cli(["--db", db, "list", "--all"], env)).out.splitlines()
    assert len(all_lines) == 3
    assert [line for line in all_lines if "[x]" in line] == [
        line for line in all_lines if " two" in line]
    assert {t["title"] for t in listed(db, env, "--all")} == {"one", "two", "three"}
    assert {t["title"] for t in listed(db, env)} == {"one", "three"}


def test_done_undone_and_rm_by_full_id_and_prefix(db: Path, env: dict[str, str]) -> None:
    ok(run_cli(["--db", db, "add", "-"], env, stdin="first\nsecond\n"))
    first, second = sorted(listed(db, env), key=lambda t: str(t["title"]))
    first_id, second_id = str(first["id"]), str(second["id"])
    # a prefix long enough to be unique among two random ids
    prefix = next(first_id[:n] for n in range(1, 33) if not second_id.startswith(first_id[:n]))

    done = ok(run_cli(["--db", db, "done", prefix], env))
    assert done.out.startswith("done: ") and "first" in done.out
    [state] = [t for t in listed(db, env, "--all") if t["id"] == first_id]
    assert state["status"] == "done" and has_offset(state["completed_at"])

    undone = json.loads(ok(run_cli(["--db", db, "undone", "--json", first_id], env)).out)
    assert (undone["id"], undone["status"], undone["completed_at"]) == (first_id, "open", None)

    done_json = json.loads(ok(run_cli(["--db", db, "done", "--json", second_id.upper()],
                                      env)).out)
    assert done_json["status"] == "done"

    removed = ok(run_cli(["--db", db, "rm", second_id[:12]], env))
    assert removed.out.startswith("deleted: ") and "second" in removed.out
    gone = json.loads(ok(run_cli(["--db", db, "rm", "--json", first_id], env)).out)
    assert gone["title"] == "first"
    assert listed(db, env, "--all") == []


def test_demo_fills_about_eight_categories(db: Path, env: dict[str, str]) -> None:
    ran = ok(run_cli(["--db", db, "demo", "--tasks", "1000"], env))
    assert ran.out == "added 1000 demo tasks\n"
    tasks = listed(db, env, "--all")
    assert len(tasks) == 1000
    categories = {t["category"] for t in tasks} - {None}
    assert 7 <= len(categories) <= 9
    assert any(t["category"] is None for t in tasks)
    assert 50 < sum(t["status"] == "done" for t in tasks) < 500
    assert {t["priority"] for t in tasks} == {"none", "low", "medium", "high"}
    assert any(t["tags"] for t in tasks) and any(t["notes"] for t in tasks)
    dues = [str(t["due"]) for t in tasks if t["due"] is not None]
    assert any(d < "2026-11-27" for d in dues) and any(d > "2026-11-27" for d in dues)
    assert any("T" in d for d in dues) and any("T" not in d for d in dues)
    assert len({t["title"] for t in tasks}) > 100
    assert len({t["id"] for t in tasks}) == 1000
    for task in tasks:
        assert has_offset(task["created_at"])
    # a second run adds more tasks over the same categories
    ok(run_cli(["--db", db, "demo", "--tasks", "10", "--seed", "2"], env))
    with raw(db) as connection:
        assert connection.execute("SELECT count(*) FROM tasks").fetchone() == (1010,)
        assert connection.execute("SELECT count(*) FROM categories").fetchone() == (
            len(categories),)


def test_version(env: dict[str, str]) -> None:
    ran = ok(run_cli(["--version"], env))
    assert ran.out.startswith("todo-tui ")
