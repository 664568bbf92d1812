"""`todo-tui remind`: each reminder that came due since the last run, exactly once, printed,
as JSON, or given to a command in its environment; and `reminders` in the JSON of add and list."""

from __future__ import annotations

import json
from pathlib import Path

from ..helpers import Ran, run_cli


def ok(ran: Ran) -> Ran:
    assert ran.code == 0, ran
    assert "Traceback" not in ran.out + ran.err
    return ran


def at(env: dict[str, str], moment: str) -> dict[str, str]:
    return {**env, "TODO_TUI_NOW": f"2026-12-07T{moment}+01:00"}


def test_each_reminder_is_reported_exactly_once_across_runs(db: Path, env: dict[str, str]
                                                            ) -> None:
    assert ok(run_cli(["--db", db, "remind"], at(env, "14:00:00"))).out == ""
    ok(run_cli(["--db", db, "add", "call bank at 15:00 remind 10m before"], at(env, "14:00:00")))
    ok(run_cli(["--db", db, "add", "pay rent remind at 14:55"], at(env, "14:00:00")))
    assert ok(run_cli(["--db", db, "remind"], at(env, "14:49:59"))).out == ""
    first = ok(run_cli(["--db", db, "remind"], at(env, "14:50:00"))).out.splitlines()
    assert len(first) == 1 and first[0].startswith("2026-12-07 14:50 10m before: ")
    assert "call bank" in first[0]
    assert ok(run_cli(["--db", db, "remind"], at(env, "14:52:00"))).out == ""
    later = json.loads(ok(run_cli(["--db", db, "remind", "--json"], at(env, "16:00:00"))).out)
    assert [(r["task"]["title"], r["reminder"]) for r in later] == [
        ("pay rent", "at 2026-12-07 14:55")]
    assert json.loads(ok(run_cli(["--db", db, "remind", "--json"], at(env, "17:00:00"))).out) \
        == []


def test_exec_runs_the_command_with_the_task_in_its_environment(
        db: Path, env: dict[str, str], tmp_path: Path) -> None:
    ok(run_cli(["--db", db, "remind"], at(env, "14:00:00")))
    ok(run_cli(["--db", db, "add", "call bank at 15:00 remind 10m before // ref 42"],
               at(env, "14:00:00")))
    out = tmp_path / "called.txt"
    command = (f'printf "%s|%s|%s|%s\\n" "$TODO_TUI_TASK_TITLE" "$TODO_TUI_TASK_DUE" '
               f'"$TODO_TUI_REMINDER" "$TODO_TUI_TASK_NOTES" >> {out}')
    for moment in ("14:51:00", "14:52:00"):
        ran = ok(run_cli(["--db", db, "remind", "--exec", command], at(env, moment)))
        assert ran.out == ""
    assert out.read_text().splitlines() == [
        "call bank|2026-12-07T15:00:00+01:00|10m before|ref 42"]


def test_a_failing_command_is_told_and_not_run_again(db: Path, env: dict[str, str]) -> None:
    ok(run_cli(["--db", db, "remind"], at(env, "14:00:00")))
    ok(run_cli(["--db", db, "add", "call bank at 15:00 remind at due"], at(env, "14:00:00")))
    ran = run_cli(["--db", db, "remind", "--exec", "exit 3"], at(env, "15:00:00"))
    assert ran.code == 1 and "failed" in ran.err and "exit 3" in ran.err
    assert ok(run_cli(["--db", db, "remind", "--exec", "exit 3"], at(env, "15:01:00"))).out == ""


def test_reminders_in_the_json_of_add_and_list(db: Path, env: dict[str, str]) -> None:
    added = json.loads(ok(run_cli(
        ["--db", db, "add", "--json", "call bank at 15:00 remind 10m before remind at 14:30"],
        at(env, "14:00:00"))).out)
    assert added["reminders"] == [{"minutes_before": 10}, {"at": "2026-12-07T13:30:00+00:00"}]
    listed = json.loads(ok(run_cli(["--db", db, "list", "--json"], at(env, "14:00:00"))).out)
    assert listed[0]["reminders"] == [
        {"minutes_before": 10}, {"at": "2026-12-07T13:30:00+00:00"}]
    dry = json.loads(ok(run_cli(["--db", db, "add", "--dry-run", "--json",
                                 "x tomorrow 9am remind 1h before"], at(env, "14:00:00"))).out)
    assert dry["reminders"] == [{"minutes_before": 60}]


def test_a_reminder_without_a_due_time_is_saved_and_told(db: Path, env: dict[str, str]) -> None:
    """The tryout: `remind 10m before` on a task with no due time was accepted silently."""
    note = "remind 10m before: the task has no due time, so it cannot go off"
    dry = ok(run_cli(["--db", db, "add", "--dry-run", "--json", "x remind 10m before"], env))
    assert json.loads(dry.out)["notices"] == [note]
    shown = ok(run_cli(["--db", db, "add", "--dry-run", "x tomorrow remind 10m before"], env))
    assert f"note:      {note}" in shown.out.splitlines()
    added = ok(run_cli(["--db", db, "add", "--json", "pay rent remind 10m before"], env))
    assert added.err_lines == [f"todo-tui: note: {note}"]
    listed = json.loads(ok(run_cli(["--db", db, "list", "--json", "--all"], env)).out)
    [task] = [t for t in listed if t["title"] == "pay rent"]
    assert task["reminders"] == [{"minutes_before": 10}]
