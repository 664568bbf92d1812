"""The rules every import keeps (issue 18): our JSON round trip, recognising the format,
all or nothing, dry runs, standard input, Todoist's CSV and dooit's database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .conftest import Cli, by, exported

TASKWARRIOR = (
    '[{"uuid":"11111111-2222-3333-4444-555555555555","description":"one","status":"pending",'
    '"entry":"20261201T100000Z"},\n'
    '{"uuid":"11111111-2222-3333-4444-666666666666","description":"two","status":"pending",'
    '"entry":"20261201T100000Z","due":"not a date"}]\n')


def make_tasks(cli: Cli) -> None:
    cli("add", "pay rent dec 20 9am #home +money !high every month // ref 42\nline two")
    cli("add", "call bob tomorrow +phone")
    cli("add", "water plants every! 3 days #garden !low")
    done = json.loads(cli("add", "--json", "old news #work !medium").out)["id"]
    cli("done", done[:8])
    gone = json.loads(cli("add", "--json", "gone for good").out)["id"]
    cli("rm", gone[:8])


def test_our_json_into_an_empty_database_gives_the_same_tasks(
        cli: Cli, tmp_path: Path, db_url: str) -> None:
    make_tasks(cli)
    source = tmp_path / "tw.json"
    source.write_text(TASKWARRIOR.replace('"due":"not a date"', '"estimate":3'))
    cli("import", source)
    ours = exported(cli)
    assert len(ours) == 7 and any(task["trashed"] for task in ours)
    out = tmp_path / "all.json"
    cli("export", "--format", "json", "--output", out)
    from ..helpers import cli_env, run_cli

    (tmp_path / "other").mkdir()
    env = cli_env(tmp_path / "other")
    fresh = ["--db", tmp_path / "fresh.db"]
    ran = run_cli([*fresh, "import", out], env)
    assert ran.code == 0 and ran.out.startswith("added 7, updated 0"), ran
    back = json.loads(run_cli([*fresh, "export", "--format", "json"], env).out)
    assert back == ours  # every field, the ids, the order and the stamps too
    again = run_cli([*fresh, "import", out], env)
    assert again.out.startswith("added 0, updated 0, unchanged 7"), again


def test_the_format_is_recognised_from_the_content(cli: Cli, tmp_path: Path) -> None:
    names = {"a.json": TASKWARRIOR.replace(',"due":"not a date"', ""),
             "b.txt": "(A) 2026-12-01 a todo.txt line +home\n",
             "c.ics": "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VTODO\nUID:u1\n"
                      "SUMMARY:an ical todo\nEND:VTODO\nEND:VCALENDAR\n",
             "d.csv": "TYPE,CONTENT,PRIORITY,INDENT\ntask,a todoist task @label,1,1\n"}
    for name, text in names.items():
        (tmp_path / name).write_text(text)
    ran = cli("import", *(tmp_path / name for name in names))
    assert ran.out.startswith("added 5,"), ran.out
    ours = by(exported(cli), "title")
    assert {task["source"] for task in ours.values()} == {"taskwarrior", "todotxt", "ical",
                                                          "todoist"}
    assert ours["a todoist task"]["tags"] == ["label"]
    history = json.loads(cli("history", "--json").out)
    assert len(history) == 1  # several files, one import, one undo
    assert history[0]["summary"] == (
        "import ical, taskwarrior, todoist, todotxt from a.json and 3 more: 5 added, 0 updated")


def test_a_bad_record_names_file_line_and_record_and_nothing_lands(
        cli: Cli, tmp_path: Path) -> None:
    cli("add", "mine")
    source = tmp_path / "tw.json"
    source.write_text(TASKWARRIOR)
    ran = cli("import", source, code=1)
    assert ran.err.strip() == (
        f"todo-tui: {source}, line 2, record 2: due: not a taskwarrior date: 'not a date'; "
        "nothing was imported")
    assert [task["title"] for task in exported(cli)] == ["mine"]
    cut = tmp_path / "cut.json"
    cut.write_text(TASKWARRIOR[:150])
    ran = cli("import", "--format", "taskwarrior", cut, code=1)
    assert f"{cut}, line 2, record 2: not valid JSON" in ran.err
    unknown = tmp_path / "what.json"
    unknown.write_text('[{"hello": 1}]')
    assert "cannot tell" in cli("import", unknown, code=1).err or \
        "neither taskwarrior" in cli("import", unknown, code=1).err
    assert "no such file" in cli("import", tmp_path / "missing.txt", code=1).err
    assert len(json.loads(cli("history", "--json").out)) == 1


def test_a_dry_run_counts_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "tw.json"
    source.write_text(TASKWARRIOR.replace(',"due":"not a date"', ""))
    assert cli("import", "--dry-run", source).out.splitlines() == [
        "would add 2, update 0, leave 0 unchanged, skip 0"]
    assert exported(cli) == [] and json.loads(cli("history", "--json").out) == []
    assert cli("import", source).out.startswith("added 2,")


def test_standard_input(cli: Cli) -> None:
    ran = cli("import", "-", stdin="x 2026-12-01 2026-11-30 paid +home\nbuy milk @shop\n")
    assert ran.out.startswith("added 2,")
    ours = by(exported(cli), "title")
    assert ours["paid"]["status"] == "done" and ours["buy milk"]["tags"] == ["shop"]


def test_todoist_csv(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "Groceries.csv"
    source.write_text(
        "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n"
        "section,Weekly,,,,,,,,\n"
        "task,buy milk @shop @dairy,whole milk,1,1,Ann (1),,every monday,en,Europe/Berlin\n"
        "note,the blue bottle,,,,,,,,\n"
        "task,check the date,,4,2,,,,,\n"
        "task,pay the bill,,3,1,,,2026-12-20,en,\n")
    ran = cli("import", source)
    assert ran.out.startswith("added 3, updated 0, unchanged 0, skipped 0"), ran.out
    ours = by(exported(cli), "title")
    milk = ours["buy milk"]
    assert (milk["priority"], milk["tags"], milk["category"], milk["recurrence"]) == (
        "high", ["dairy", "shop"], "Groceries", "FREQ=WEEKLY;BYDAY=MO")
    assert milk["notes"] == "whole milk\n\nthe blue bottle"
    assert (milk["extras"]["AUTHOR"], milk["extras"]["section"]) == ("Ann (1)", "Weekly")
    check = ours["check the date"]
    # INDENT 2 under "buy milk": a subtask of it, in its category
    assert (check["priority"], check["parent_id"], check["category"]) == (
        "none", milk["id"], "Groceries")
    assert "_parent" not in check["extras"] and milk["parent_id"] is None
    assert (ours["pay the bill"]["due"], ours["pay the bill"]["priority"]) == (
        "2026-12-20", "low")
    assert cli("import", source).out.startswith("added 0, updated 0, unchanged 3")
    out = cli("export", "--format", "todoist").out.splitlines()
    assert out[0].startswith("TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT")
    assert "task,buy milk @dairy @shop,whole milk,1,1,Ann (1),,every monday,en,Europe/Berlin,,,," \
        in out
    assert "note,the blue bottle,,,,,,,,,,,," in out
    bad = tmp_path / "bad.csv"
    bad.write_text("TYPE,CONTENT,PRIORITY\ntask,x,7\n")
    assert f"{bad}:2: PRIORITY '7' is not 1, 2, 3 or 4" in cli("import", bad, code=1).err


def dooit_database(path: Path) -> None:
    """A dooit database as dooit 2 writes it (dooit/api/workspace.py, todo.py)."""
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE workspace (id INTEGER PRIMARY KEY, order_index INTEGER, description
            VARCHAR, is_root BOOLEAN, parent_workspace_id INTEGER);
        CREATE TABLE todo (id INTEGER PRIMARY KEY, order_index INTEGER, description VARCHAR,
            due DATETIME, effort INTEGER, recurrence DATETIME, urgency INTEGER,
            pending BOOLEAN, parent_workspace_id INTEGER, parent_todo_id INTEGER);
        INSERT INTO workspace VALUES (1, 0, '', 1, NULL), (2, 0, 'Work', 0, 1),
            (3, 0, 'Project X', 0, 2);
        INSERT INTO todo VALUES
            (1, 0, 'ship it @release', '2026-12-20 00:00:00.000000', 2,
             '1970-01-08 00:00:00.000000', 4, 1, 3, NULL),
            (2, 0, 'write notes', '2026-12-18 15:30:00.000000', 0, NULL, 2, 0, NULL, 1),
            (3, 1, '', NULL, 0, NULL, 1, 1, 2, NULL);
    """)
    db.commit()
    db.close()


def test_dooit_database(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "dooit.db"
    dooit_database(source)
    ran = cli("import", source)
    assert ran.out.splitlines() == ["added 2, updated 0, unchanged 0, skipped 1",
                                    "  skipped 1: an empty todo (no description)"]
    ours = by(exported(cli), "title")
    ship, notes = ours["ship it"], ours["write notes"]
    assert (ship["category"], ship["tags"], ship["priority"], ship["due"], ship["recurrence"],
            ship["extras"]) == ("Work / Project X", ["release"], "high", "2026-12-20",
                                "FREQ=WEEKLY", {"effort": 2})
    assert (notes["status"], notes["priority"], notes["due"], notes["extras"]) == (
        "done", "low", "2026-12-18T15:30:00+01:00", {})
    # nested under todo 1: a subtask, in its parent's category (a tree is in one category)
    assert (notes["parent_id"], notes["category"]) == (ship["id"], "Work / Project X")
    assert cli("import", source).out.startswith("added 0, updated 0, unchanged 2")
    assert "undid: import dooit" in cli("undo", "--yes").out and exported(cli) == []
    refused = cli("redo", "--yes", code=1)  # the history does not keep the tasks themselves
    assert "an import cannot be redone" in refused.err and exported(cli) == []


def test_a_file_that_looks_like_no_format_is_not_guessed(cli: Cli, tmp_path: Path) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/bin/sh\n")
    toml = tmp_path / "pyproject.toml"
    toml.write_text('[project]\nname = "x"\nversion = "1"\n\n[tool.ruff]\nline-length = 100\n')
    prose = tmp_path / "notes.md"
    prose.write_text("# Notes\n\nSome text about things.\nMore text.\n")
    for path in (passwd, toml, prose):
        ran = cli("import", "--dry-run", path, code=1)
        assert f"cannot tell the format of {path}; use --format" in ran.err, ran.err
        assert "JSON" not in ran.err
    assert exported(cli) == []
    # what really looks like todo.txt still is, and --format reads plain lines as todo.txt
    todo = tmp_path / "list"
    todo.write_text("(A) call mom +family\nx 2026-12-01 pay rent\nbuy milk @shop\n")
    assert cli("import", "--dry-run", todo).out.startswith("would add 3,")
    assert cli("import", "--dry-run", "--format", "todotxt", prose).out.startswith(
        "would add 3,")
    plain = tmp_path / "todo.txt"  # plain lines in a file named *.txt are todo.txt
    plain.write_text("buy milk\ncall mom\n")
    assert cli("import", "--dry-run", plain).out.startswith("would add 2,")
