"""The shell commands against every backend (`--db-url`): SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import cli_env, run_cli


def test_add_list_done_undone_rm_and_demo_through_a_database_url(
    db_url: str, tmp_path: Path
) -> None:
    env = cli_env(tmp_path)
    added = run_cli(["--db-url", db_url, "add", "--json",
                     "pay rent tomorrow 9am #home !high every month // ref 42"], env)
    assert added.code == 0, added.err
    task = json.loads(added.out)
    assert (task["title"], task["category"], task["priority"], task["notes"]) == (
        "pay rent", "home", "high", "ref 42")
    assert task["due"] == "2026-11-28T09:00:00+01:00"
    assert task["recurrence"] == "FREQ=MONTHLY"

    listed = json.loads(run_cli(["--db-url", db_url, "list", "--json"], env).out)
    assert [t["id"] for t in listed] == [task["id"]]

    done = run_cli(["--db-url", db_url, "done", task["id"][:8]], env)
    assert done.code == 0, done.err
    assert "next:" in done.out  # a monthly task comes back for next month
    after = json.loads(run_cli(["--db-url", db_url, "list", "--all", "--json"], env).out)
    assert sorted((t["status"], t["due"]) for t in after) == [
        ("done", "2026-11-28T09:00:00+01:00"), ("open", "2026-12-28T09:00:00+01:00")]

    assert run_cli(["--db-url", db_url, "undone", task["id"]], env).code == 0
    # reopened, the task is its series' one open occurrence again (issue 15, bug 1)
    reopened = json.loads(run_cli(["--db-url", db_url, "list", "--all", "--json"], env).out)
    assert [t["id"] for t in reopened] == [task["id"]]
    assert run_cli(["--db-url", db_url, "rm", task["id"]], env).code == 0
    # a missing task is a runtime error (exit 1, issue 15, bug 7)
    trashed = run_cli(["--db-url", db_url, "rm", task["id"]], env)
    assert trashed.code == 1
    assert trashed.err.startswith("todo-tui: task ") and "in the trash" in trashed.err
    missing = run_cli(["--db-url", db_url, "rm", "f" * 32], env)
    assert missing.code == 1
    assert missing.err.startswith("todo-tui: no task with id")
    assert "Traceback" not in missing.err + trashed.err
    trash = json.loads(run_cli(["--db-url", db_url, "trash", "--json"], env).out)
    assert [t["id"] for t in trash] == [task["id"]]
    assert run_cli(["--db-url", db_url, "undo", "--yes"], env).code == 0
    assert run_cli(["--db-url", db_url, "redo", "--yes"], env).code == 0

    demo = run_cli(["--db-url", db_url, "demo", "--tasks", "300"], env)
    assert demo.code == 0, demo.err
    everything = json.loads(run_cli(["--db-url", db_url, "list", "--all", "--json"], env).out)
    assert len(everything) == 300
    assert len({t["category"] for t in everything if t["category"]}) == 8
