"""Subtasks, start days, durations and reminders through import and export (issue 18 after
issues 16, 17, 19, 21): parent links become subtasks in one undoable import, and our JSON
gives every field back in an empty database, on both backends."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import empty_database
from ..helpers import cli_env, run_cli
from .conftest import Cli, by, exported

TODOIST = ("TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT\n"
           "task,trip,,4,1\n"
           "task,book,,4,2\n"
           "task,train,,4,3\n"
           "task,hotel,,4,2\n"
           "task,taxes,,4,1\n")


@pytest.fixture
def fresh_url(tmp_path: Path, backend: str) -> Iterator[str]:
    """A second empty database on the test's backend."""
    yield from empty_database(tmp_path, backend, "fresh.db")


def test_todoist_indents_become_subtasks_one_undo_and_come_back(
        cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "Holiday.csv"
    source.write_text(TODOIST)
    assert cli("import", source).out == "added 5, updated 0, unchanged 0, skipped 0\n"
    ours = by(exported(cli), "title")
    assert ours["book"]["parent_id"] == ours["hotel"]["parent_id"] == ours["trip"]["id"]
    assert ours["train"]["parent_id"] == ours["book"]["id"]
    assert ours["trip"]["parent_id"] is None and ours["taxes"]["parent_id"] is None
    listed = cli("list", "#Holiday").out
    assert "book" in listed and "train" in listed
    rows = [line.split(",") for line in cli("export", "--format", "todoist").out.splitlines()]
    assert [(row[1], row[4]) for row in rows[1:]] == [
        ("trip", "1"), ("book", "2"), ("train", "3"), ("hotel", "2"), ("taxes", "1")]
    assert cli("import", source).out.startswith("added 0, updated 0, unchanged 5")
    assert len(json.loads(cli("history", "--json").out)) == 1
    assert "undid: import todoist" in cli("undo", "--yes").out and exported(cli) == []


def test_a_parent_missing_from_the_file_leaves_the_task_at_the_top(
        cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "cut.ics"
    source.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
        "BEGIN:VTODO\nUID:a\nSUMMARY:orphan\nRELATED-TO:gone@example.org\nEND:VTODO\n"
        "BEGIN:VTODO\nUID:b\nSUMMARY:parent\nEND:VTODO\n"
        "BEGIN:VTODO\nUID:c\nSUMMARY:child\nRELATED-TO;RELTYPE=PARENT:b\nEND:VTODO\n"
        "BEGIN:VTODO\nUID:d\nSUMMARY:sibling\nRELATED-TO;RELTYPE=SIBLING:b\nEND:VTODO\n"
        "END:VCALENDAR\n")
    ran = cli("import", source)
    assert ran.out.splitlines() == [
        "added 4, updated 0, unchanged 0, skipped 0",
        "  left at the top 1: its parent is in neither the file nor the database"]
    ours = by(exported(cli), "title")
    assert ours["orphan"]["parent_id"] is None
    assert ours["child"]["parent_id"] == ours["parent"]["id"]
    assert ours["sibling"]["parent_id"] is None  # not a parent link: kept as it was
    assert ours["sibling"]["extras"]["props"] == ["RELATED-TO;RELTYPE=SIBLING:b"]


def test_a_cycle_in_the_file_is_left_at_the_top(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "loop.ics"
    source.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
        "BEGIN:VTODO\nUID:a\nSUMMARY:one\nRELATED-TO:b\nEND:VTODO\n"
        "BEGIN:VTODO\nUID:b\nSUMMARY:two\nRELATED-TO:a\nEND:VTODO\n"
        "END:VCALENDAR\n")
    ran = cli("import", source)
    assert "  left at the top 1: its parent is its own subtask" in ran.out.splitlines(), ran.out
    ours = by(exported(cli), "title")
    assert [ours["one"]["parent_id"], ours["two"]["parent_id"]].count(None) == 1


def test_our_json_carries_parent_start_duration_and_reminders(
        cli: Cli, tmp_path: Path, fresh_url: str) -> None:
    trip = json.loads(cli("add", "--json", "trip #travel dec 20 3pm-5pm start:dec 1 "
                                         "remind 1h before remind dec 19 9am").out)["id"]
    cli("add", "--parent", trip[:8], "book the train for 45 minutes start:dec 2")
    cli("add", "taxes")
    ours = exported(cli)
    child = by(ours, "title")["book the train"]
    assert child["parent_id"] == trip and child["start"] == "2026-12-02" \
        and child["duration_minutes"] == 45
    top = by(ours, "title")["trip"]
    assert (top["start"], top["duration_minutes"]) == ("2026-12-01", 120)
    assert [set(reminder) for reminder in top["reminders"]] == [{"minutes_before"}, {"at"}]
    assert top["reminders"][0] == {"minutes_before": 60}
    out = tmp_path / "all.json"
    cli("export", "--format", "json", "--output", out)
    (tmp_path / "other").mkdir()
    env = cli_env(tmp_path / "other")
    fresh = ["--db-url", fresh_url]
    ran = run_cli([*fresh, "import", out], env)
    assert ran.code == 0 and ran.out.startswith("added 3, updated 0"), ran
    back = json.loads(run_cli([*fresh, "export", "--format", "json"], env).out)
    assert back == ours  # every field: the parent, start, duration and reminders too
    again = run_cli([*fresh, "import", out], env)
    assert again.out.startswith("added 0, updated 0, unchanged 3"), again


def test_a_second_import_that_moves_a_task_under_another_is_an_update_and_undone(
        cli: Cli, tmp_path: Path) -> None:
    trip = json.loads(cli("add", "--json", "trip #travel").out)["id"]
    cli("add", "taxes")
    out = tmp_path / "all.json"
    cli("export", "--format", "json", "--output", out)
    items = json.loads(out.read_text())
    for item in items:
        if item["title"] == "taxes":
            item["parent_id"] = trip
    out.write_text(json.dumps(items))
    assert cli("import", out).out.startswith("added 0, updated 1, unchanged 1")
    taxes = by(exported(cli), "title")["taxes"]
    assert (taxes["parent_id"], taxes["category"]) == (trip, "travel")
    assert "undid: import json" in cli("undo", "--yes").out
    taxes = by(exported(cli), "title")["taxes"]
    assert (taxes["parent_id"], taxes["category"]) == (None, None)
