"""`todo-tui list QUERY` and `todo-tui edit`, on every backend (--db-url), as a user runs them.
The clock is frozen at Friday 27 Nov 2026, 10:00 in Europe/Berlin (tests/helpers.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from todo_tui.capture import parse
from todo_tui.domain import Priority
from todo_tui.shell.edit import NO_PRIORITY

from ..helpers import Ran, cli_env, run_cli


class Shell:
    def __init__(self, db_url: str, tmp_path: Path) -> None:
        self.url, self.env = db_url, cli_env(tmp_path)

    def run(self, *args: str, stdin: str | None = None) -> Ran:
        return run_cli(["--db-url", self.url, *args], self.env, stdin=stdin)

    def ok(self, *args: str, stdin: str | None = None) -> Ran:
        ran = self.run(*args, stdin=stdin)
        assert ran.code == 0, ran
        assert "Traceback" not in ran.out + ran.err
        return ran

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").out)

    def add(self, text: str) -> dict[str, Any]:
        return self.json("add", text)  # type: ignore[no-any-return]


@pytest.fixture
def sh(db_url: str, tmp_path: Path) -> Shell:
    return Shell(db_url, tmp_path)


def test_list_takes_the_search_language_a_sort_and_a_limit(sh: Shell) -> None:
    sh.add("pay rent tomorrow #home !high")
    sh.add("paint fence mon #home !high")
    sh.add("call bob #work !high")
    sh.add("buy milk #home")
    found = sh.json("list", "pri:high #home due<tue")
    assert [t["title"] for t in found] == ["pay rent", "paint fence"]
    # words may also come as separate arguments
    assert [t["title"] for t in sh.json("list", "pri:high", "#home")] == [
        "pay rent", "paint fence"]
    by_title = sh.json("list", "--sort", "title", "#home")
    assert [t["title"] for t in by_title] == ["buy milk", "paint fence", "pay rent"]
    limited = sh.ok("list", "--sort", "title", "--limit", "2")
    assert len(limited.out.splitlines()) == 2 and "2 of 4 tasks shown" in limited.err
    none = sh.ok("list", "dentist")
    assert none.out == "" and "no task matches 'dentist'" in none.err
    bad = sh.run("list", "due<someday")
    assert bad.code == 2 and "unknown day 'someday'" in bad.err


def test_list_all_with_a_query_includes_done_tasks(sh: Shell) -> None:
    done = sh.add("milk #home")
    sh.add("bread #home")
    sh.ok("done", done["id"])
    assert [t["title"] for t in sh.json("list", "#home")] == ["bread"]
    assert sorted(t["title"] for t in sh.json("list", "--all", "#home")) == ["bread", "milk"]
    assert [t["title"] for t in sh.json("list", "--all", "is:done")] == ["milk"]


def test_list_shows_unique_prefixes_and_days_for_people(sh: Shell) -> None:
    task = sh.add("dentist tomorrow 9am #health")
    far = sh.add("renew passport 2027-03-01")
    lines = sh.ok("list").out.splitlines()
    assert lines[0] == f"{task['id'][:4]} [ ] dentist  (due tomorrow 09:00, #health)"
    assert lines[1] == f"{far['id'][:4]} [ ] renew passport  (due 1 Mar 2027)"
    assert "Europe/Berlin" not in sh.ok("list").out
    # a time entered in another zone says which
    away = run_cli(["--db-url", sh.url, "edit", task["id"], "--due", "tomorrow 9am"],
                   {**sh.env, "TZ": "America/New_York"})
    assert away.code == 0, away
    assert "due tomorrow 09:00 (America/New_York)" in sh.ok("list").out
    assert sh.ok("done", task["id"][:4]).out.startswith(f"done: {task['id'][:4]} [x]")


def test_list_follows_date_format_and_clock(sh: Shell, tmp_path: Path) -> None:
    """The tryout: `todo-tui list` wrote `due Mon 15:00` whatever `clock` said."""
    soon = sh.add("call mum mon 3pm")
    later = sh.add("dentist dec 21 9am")
    far = sh.add("renew passport 2027-03-01")
    config = tmp_path / "config" / "todo-tui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('clock = "12h"\ndate_format = "mdy"\n', encoding="utf-8")
    lines = sh.ok("list", "--all").out.splitlines()
    assert f"{soon['id'][:4]} [ ] call mum  (due Mon 3:00pm)" in lines
    assert f"{later['id'][:4]} [ ] dentist  (due Mon Dec 21 9:00am)" in lines
    assert f"{far['id'][:4]} [ ] renew passport  (due Mar 1 2027)" in lines
    assert sh.json("list", "--all")[0]["due"].endswith(":00+01:00")  # JSON stays ISO
    dry = sh.ok("add", "--dry-run", "x dec 21 3pm").out
    assert "Due:       Mon Dec 21 3:00pm" in dry.splitlines()


def test_an_ambiguous_prefix_says_which_tasks_it_matches(sh: Shell) -> None:
    # 17 ids in 16 hex digits: two share their first digit
    sh.ok("add", "-", stdin="".join(f"task {number}\n" for number in range(17)))
    ids = sorted(t["id"] for t in sh.json("list"))
    first = next(a for a, b in zip(ids, ids[1:], strict=False) if a[0] == b[0])
    ran = sh.run("edit", first[0], "!high")
    assert ran.code == 2 and "matches several tasks" in ran.err and "give more of it" in ran.err
    prefixes = [line.split()[0] for line in sh.ok("list").out.splitlines()]
    assert all(len(p) >= 4 for p in prefixes) and len(set(prefixes)) == 17


def test_edit_text_sets_what_it_recognises_and_nothing_else(sh: Shell) -> None:
    task = sh.add("call bob #work +phone !low // about the lease")
    edited = sh.json("edit", task["id"][:6], "mon 9am #home +urgent !high")
    assert (edited["title"], edited["category"], edited["priority"]) == (
        "call bob", "home", "high")
    assert edited["tags"] == ["phone", "urgent"] and edited["notes"] == "about the lease"
    assert edited["due"] == "2026-11-30T09:00:00+01:00"
    # one change in the history, which one undo reverts
    assert sh.ok("history", "-n", "1").out.count("edit 'call bob'") == 1
    sh.ok("undo", "--yes")
    [back] = sh.json("list")
    assert (back["category"], back["priority"], back["tags"], back["due"]) == (
        "work", "low", ["phone"], None)


def test_edit_refuses_leftover_words_unless_a_title_is_given(sh: Shell) -> None:
    task = sh.add("call bob")
    refused = sh.run("edit", task["id"], "call alice tomorrow")
    assert refused.code == 2 and "'call alice' is not a field" in refused.err
    assert "--title" in refused.err
    assert [t["due"] for t in sh.json("list")] == [None]  # nothing changed
    renamed = sh.run("edit", task["id"], "--title", "call alice", "tomorrow", "--json")
    assert renamed.code == 0, renamed
    assert json.loads(renamed.out)["title"] == "call alice"
    assert json.loads(renamed.out)["due"] == "2026-11-28"
    both = sh.run("edit", task["id"], "call carol", "--title", "call dave")
    assert both.code == 0 and "left out" in both.err and "call carol" in both.err
    assert sh.json("list")[0]["title"] == "call dave"


def test_edit_options_may_repeat_and_are_one_change(sh: Shell) -> None:
    task = sh.add("water plants +home +garden #home every day")
    edited = sh.json(
        "edit", task["id"], "--tag", "weekly", "--tag", "+chores", "--untag", "GARDEN",
        "--priority", "medium", "--priority", "high", "--category", "Garden",
        "--repeat", "every monday", "--start", "mon", "--notes", "use the can")
    assert edited["tags"] == ["chores", "home", "weekly"]
    assert (edited["priority"], edited["category"], edited["notes"]) == (
        "high", "Garden", "use the can")
    assert edited["recurrence"] == "FREQ=WEEKLY;BYDAY=MO"
    assert edited["start"] == "2026-11-30"
    history = sh.ok("history", "-n", "2").out.splitlines()
    assert "edit 'water plants'" in history[0] and "add 'water plants'" in history[1]
    cleared = sh.json("edit", task["id"], "--repeat", "none", "--start", "none", "--due", "none",
                      "--category", "none")
    assert (cleared["recurrence"], cleared["start"], cleared["due"], cleared["category"]) == (
        None, None, None, None)


@pytest.mark.parametrize(("args", "message"), [
    (["--due", "someday"], "--due: cannot read 'someday'"),
    (["--due", "every day"], "a repeat goes in --repeat"),
    (["--repeat", "tomorrow"], "--repeat: cannot read 'tomorrow'"),
    (["--start", "whenever"], "--start: cannot read 'whenever'"),
    (["--priority", "urgent"], "unknown priority"),
    (["--tag", "+"], "--tag and --untag take a tag name"),
    ([], "nothing to change"),
])
def test_edit_says_what_it_cannot_read(sh: Shell, args: list[str], message: str) -> None:
    task = sh.add("x")
    ran = sh.run("edit", task["id"], *args)
    assert ran.code == 2 and message in ran.err, ran
    assert sh.json("list")[0]["version"] == 1


def test_start_dates_from_the_shell(sh: Shell) -> None:
    task = sh.add("report start:tue fri")
    assert task["start"] == "2026-12-01"
    assert "starts Tue" in sh.ok("list").out
    assert [t["title"] for t in sh.json("list", "is:scheduled")] == ["report"]
    assert sh.json("list", "start:none") == []
    assert sh.json("edit", task["id"], "--start", "today")["start"] == "2026-11-27"
    assert sh.json("list", "is:scheduled") == []


def test_done_on_a_repeating_task_gives_the_next_occurrence_and_its_id(sh: Shell) -> None:
    task = sh.add("stand-up tomorrow 9am every weekday start:tomorrow")
    done = sh.json("done", task["id"])
    assert done["id"] == task["id"] and done["status"] == "done"
    follow = done["next"]
    assert follow["id"] != task["id"] and follow["status"] == "open"
    assert follow["due"] == "2026-11-30T09:00:00+01:00" and follow["start"] == "2026-11-30"
    assert [t["id"] for t in sh.json("list")] == [follow["id"]]
    plain = sh.add("plain")
    assert "next" not in sh.json("done", plain["id"])


def test_the_grammar_still_reads_the_words_for_no_priority() -> None:
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    for word in NO_PRIORITY:
        found = parse(f"x !high {word}", now=now, tz="UTC")
        assert (found.title, found.priority) == ("x", Priority.NONE)


def test_a_repeating_task_keeps_a_due(sh: Shell) -> None:
    task = sh.add("standup tomorrow 9am every weekday")
    ran = sh.run("edit", task["id"], "--due", "none")
    assert ran.code == 2, ran
    assert "standup repeats" in ran.err and "--repeat none" in ran.err, ran.err
    assert sh.json("list")[0]["due"] == task["due"]
    both = sh.json("edit", task["id"], "--due", "none", "--repeat", "none")
    assert (both["due"], both["recurrence"]) == (None, None)
