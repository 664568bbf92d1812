"""Import from and export to the real todo.sh (todo.txt-cli), field by field, both ways."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..helpers import run_cli
from .conftest import Cli, TodoTxt, by, exported


def make_lines(todotxt: TodoTxt) -> None:
    todotxt("-t", "add", "pay rent +home @phone due:2026-12-20 ref:42")
    todotxt("-t", "add", "call bob rec:+1w due:2026-12-08")
    todotxt("pri", "1", "A")
    todotxt("-t", "add", "water plants +garden +home rec:3d")
    todotxt("pri", "3", "D")
    todotxt("-t", "add", "old news +work")
    todotxt("do", "4")  # archived to done.txt


def test_todo_and_done_lines_land_field_by_field(cli: Cli, todotxt: TodoTxt) -> None:
    make_lines(todotxt)
    ran = cli("import", todotxt.todo, todotxt.done)
    assert ran.out.splitlines()[0] == "added 4, updated 0, unchanged 0, skipped 0"
    ours = by(exported(cli), "title")
    rent = ours["pay rent"]
    assert (rent["category"], rent["tags"], rent["due"], rent["priority"]) == (
        "home", ["phone"], "2026-12-20", "high")
    assert rent["extras"]["keys"] == {"ref": "42"} and rent["source"] == "todotxt"
    bob = ours["call bob"]
    assert (bob["recurrence"], bob["recurrence_from_completion"], bob["due"]) == (
        "FREQ=WEEKLY", False, "2026-12-08")
    water = ours["water plants"]
    assert (water["category"], water["extras"]["_projects"], water["priority"],
            water["recurrence"], water["recurrence_from_completion"]) == (
        "garden", ["home"], "low", "FREQ=DAILY;INTERVAL=3", True)
    assert water["extras"]["_pri"] == "D"
    news = ours["old news"]
    assert news["status"] == "done" and news["completed_at"] is not None
    assert news["category"] == "work"
    # the same files again: nothing new; a line whose priority changed is the same task
    assert cli("import", todotxt.todo, todotxt.done).out.startswith(
        "added 0, updated 0, unchanged 4, skipped 0")
    todotxt("pri", "2", "B")
    assert cli("import", todotxt.todo, todotxt.done).out.startswith(
        "added 0, updated 1, unchanged 3, skipped 0")
    assert by(exported(cli), "title")["call bob"]["priority"] == "medium"


def test_our_export_is_read_by_todo_sh(cli: Cli, todotxt: TodoTxt, tmp_path: Path,
                                       env: dict[str, str]) -> None:
    cli("add", "pay rent dec 20 #home +phone !high")
    cli("add", "call bob every 2 weeks dec 8 !medium")
    cli("add", "water plants every! 3 days dec 9 #garden !low")
    done = json.loads(cli("add", "--json", "old news #work").out)["id"]
    cli("done", done[:8])
    cli("export", "--format", "todotxt", "--output", todotxt.todo)
    listed = todotxt("ls").splitlines()
    # a task that did not come from todo.txt carries our id (todotui:), which todo.sh keeps
    assert any(line.startswith("1 (A) 20") and re.search(
        r" pay rent \+home @phone due:2026-12-20 todotui:[0-9a-f]{32}$", line)
        for line in listed), listed
    assert todotxt("listpri", "A").count("pay rent") == 1
    assert "call bob" in todotxt("listpri", "B")
    assert "water plants" in todotxt("listpri", "C")
    assert set(todotxt("listproj").split()) == {"+home", "+garden", "+work"}
    assert todotxt("listcon").split() == ["@phone"]
    text = todotxt.todo.read_text()
    assert "call bob due:2026-12-08 rec:+2w" in text and "rec:3d" in text
    assert re.search(r"^x \d{4}-\d\d-\d\d \d{4}-\d\d-\d\d old news \+work "
                     r"todotui:[0-9a-f]{32}$", text, re.M)
    # todo.sh archives the done line; both files, imported into an empty database, give
    # the same tasks back (our ids name no task there: they are added)
    todotxt("archive")
    ours = by(exported(cli), "title")
    fresh = run_cli(["--db", tmp_path / "fresh.db", "import", todotxt.todo, todotxt.done],
                    env)
    assert fresh.out.startswith("added 4, updated 0"), fresh
    back = by(json.loads(run_cli(["--db", tmp_path / "fresh.db", "export", "--format",
                                  "json"], env).out), "title")
    fields = ("status", "priority", "due", "recurrence", "recurrence_from_completion",
              "category", "tags")
    for title, mine in ours.items():
        assert {name: back[title][name] for name in fields} == {
            name: mine[name] for name in fields}, title
    again = run_cli(["--db", tmp_path / "fresh.db", "import", todotxt.todo, todotxt.done], env)
    assert again.out.startswith("added 0, updated 0, unchanged 4"), again


def test_a_line_with_a_bad_date_is_named_and_nothing_is_imported(
        cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "todo.txt"
    source.write_text("first task\nsecond due:2026-13-45\n")
    ran = cli("import", "--format", "todotxt", source, code=1)
    assert f"{source}:2: due: not a date: '2026-13-45'" in ran.err
    assert "nothing was imported" in ran.err
    assert exported(cli) == []
