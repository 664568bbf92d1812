"""Import from and export to the real taskwarrior (issue 18), field by field, both ways."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Cli, Taskwarrior, by, exported


def make_tasks(task: Taskwarrior) -> None:
    task("add", "pay rent", "project:home.bills", "+money", "priority:H", "due:2026-12-20")
    task("add", "call bob", "due:2026-12-21T14:30", "+phone", "+work", "estimate:3",
         "priority:L")
    task("add", "water plants", "recur:weekly", "due:2026-12-08", "project:home")
    task("add", "old news")
    task("add", "file taxes", "priority:M", "scheduled:2026-12-15", "wait:2026-12-10")
    task("1", "annotate", "ref 42 on the letter")
    task("4", "done")
    task("add", "gone")
    task("6", "delete")


def test_tasks_made_with_task_add_land_field_by_field(cli: Cli, task: Taskwarrior,
                                                      tmp_path: Path) -> None:
    make_tasks(task)
    source = tmp_path / "tw.json"
    source.write_text(task("export"))
    ran = cli("import", source)
    assert ran.out.splitlines()[0] == "added 6, updated 0, unchanged 0, skipped 1"
    assert "an occurrence of a repeating task" in ran.out
    theirs = by([item for item in task.export() if "parent" not in item], "description")
    ours = by(exported(cli), "title")
    assert set(ours) == {"pay rent", "call bob", "water plants", "old news", "file taxes",
                         "gone"}
    rent = ours["pay rent"]
    assert (rent["category"], rent["tags"], rent["priority"], rent["due"], rent["notes"]) == (
        "home.bills", ["money"], "high", "2026-12-20", "ref 42 on the letter")
    assert rent["source"] == "taskwarrior" and rent["source_id"] == theirs["pay rent"]["uuid"]
    assert rent["status"] == "open" and not rent["trashed"]
    bob = ours["call bob"]
    assert (bob["due"], bob["due_tz"], bob["tags"], bob["priority"]) == (
        "2026-12-21T14:30:00+01:00", "Europe/Berlin", ["phone", "work"], "low")
    assert bob["extras"] == {"estimate": 3}  # a user-defined attribute is kept
    water = ours["water plants"]
    assert (water["recurrence"], water["due"], water["category"]) == (
        "FREQ=WEEKLY", "2026-12-08", "home")
    news = ours["old news"]
    assert news["status"] == "done" and news["completed_at"] is not None
    taxes = ours["file taxes"]
    assert taxes["priority"] == "medium"
    # scheduled (local midnight) is the start; wait is not ours: kept for taskwarrior
    assert taxes["start"] == "2026-12-15" and "scheduled" not in taxes["extras"]
    assert taxes["extras"]["wait"] == theirs["file taxes"]["wait"]
    gone = ours["gone"]
    assert gone["trashed"] and gone["trashed_at"] is not None
    for mine in ours.values():
        entry = theirs[mine["title"]]["entry"]
        assert mine["created_at"].replace("-", "").replace(":", "")[:15] == entry[:15]


def test_a_second_import_updates_what_changed_and_adds_nothing(
        cli: Cli, task: Taskwarrior, tmp_path: Path) -> None:
    make_tasks(task)
    source = tmp_path / "tw.json"
    source.write_text(task("export"))
    cli("import", source)
    before = exported(cli)
    assert cli("import", source).out.splitlines()[0] == (
        "added 0, updated 0, unchanged 6, skipped 1")
    assert exported(cli) == before
    task("1", "modify", "priority:L", "+extra")
    source.write_text(task("export"))
    assert cli("import", "--dry-run", source).out.splitlines()[0] == (
        "would add 0, update 1, leave 5 unchanged, skip 1")
    assert exported(cli) == before
    assert cli("import", source).out.splitlines()[0] == (
        "added 0, updated 1, unchanged 5, skipped 1")
    rent = by(exported(cli), "title")["pay rent"]
    assert (rent["priority"], rent["tags"]) == ("low", ["extra", "money"])
    assert len(exported(cli)) == 6


def test_our_export_is_read_back_by_task_import(cli: Cli, task: Taskwarrior,
                                                tmp_path: Path) -> None:
    cli("add", "pay rent dec 20 #home +money !high // ref 42")
    cli("add", "call bob dec 21 2:30pm +phone !low")
    cli("add", "water plants every week dec 8 #garden")
    cli("add", "file taxes start:2027-01-10")
    done = json.loads(cli("add", "--json", "old news").out)["id"]
    cli("done", done[:8])
    ours = by(exported(cli), "title")
    out = tmp_path / "ours.json"
    cli("export", "--format", "taskwarrior", "--output", out)
    task("import", str(out))
    theirs = [item for item in task.export() if "parent" not in item]
    back = by(theirs, "description")
    assert set(back) == set(ours)
    rent = back["pay rent"]
    assert (rent["project"], rent["tags"], rent["priority"], rent["status"]) == (
        "home", ["money"], "H", "pending")
    assert rent["due"] == "20261219T230000Z"  # local midnight, Europe/Berlin
    assert [note["description"] for note in rent["annotations"]] == ["ref 42"]
    assert back["call bob"]["due"] == "20261221T133000Z" and back["call bob"]["priority"] == "L"
    water = back["water plants"]
    assert (water["status"], water["recur"], water["project"]) == ("recurring", "weekly",
                                                                    "garden")
    assert back["old news"]["status"] == "completed" and "end" in back["old news"]
    assert back["file taxes"]["scheduled"] == "20270109T230000Z"  # our start, local midnight
    assert "scheduled" not in back["pay rent"]
    for title, mine in ours.items():
        assert back[title]["uuid"].replace("-", "") == mine["id"]
    # and what taskwarrior gives back imports onto the same tasks, changing nothing
    again = tmp_path / "back.json"
    again.write_text(task("export"))
    first = cli("import", again).out.splitlines()[0]
    assert first.startswith("added 0,"), first


def test_one_import_is_one_undo(cli: Cli, task: Taskwarrior, tmp_path: Path) -> None:
    cli("add", "my own task")
    make_tasks(task)
    source = tmp_path / "tw.json"
    source.write_text(task("export"))
    cli("import", source)
    history = json.loads(cli("history", "--json").out)
    assert history[0]["kind"] == "import" and len(history) == 2
    assert "undid: import taskwarrior" in cli("undo", "--yes").out
    assert [item["title"] for item in exported(cli)] == ["my own task"]
    cli("import", source)
    cli("done", by(exported(cli), "title")["pay rent"]["id"][:8])
    refused = cli("undo", "--yes")  # the newest change is the done: undone first
    assert "undid: " in refused.out
    cli("rm", by(exported(cli), "title")["pay rent"]["id"][:8])
    cli("undo", "--yes")
    ran = cli("undo", "--yes")
    assert "undid: import" in ran.out and len(exported(cli)) == 1
