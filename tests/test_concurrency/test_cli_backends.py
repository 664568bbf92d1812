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
    assert run_cli(["--db-url", db_url, "rm", task["id"]], env).code == 0
    missing = run_cli(["--db-url", db_url, "rm", task["id"]], env)
    assert missing.code == 2
    assert missing.err.startswith("todo-tui: no task with id")
    assert "Traceback" not in missing.err

    demo = run_cli(["--db-url", db_url, "demo", "--tasks", "300"], env)
    assert demo.code == 0, demo.err
    everything = json.loads(run_cli(["--db-url", db_url, "list", "--all", "--json"], env).out)
    assert len(everything) == 301
    assert len({t["category"] for t in everything if t["category"]}) == 8
