"""Start days and durations through the real todo.sh and todoman, both ways (issue 18 after
issue 17 and 19): todo.txt's t: and iCal's DTSTART are our start, iCal's DURATION our
duration."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .conftest import Cli, Todoman, TodoTxt, by, exported

EVENING = "2026-12-10"


def test_todo_txt_threshold_is_the_start_both_ways(cli: Cli, todotxt: TodoTxt,
                                                   tmp_path: Path) -> None:
    todotxt("add", "file taxes +home t:2026-12-15 due:2026-12-31")
    todotxt("add", "read t:soon")  # not a day: kept as it was
    assert cli("import", todotxt.todo).out.startswith("added 2,")
    ours = by(exported(cli), "title")
    taxes = ours["file taxes"]
    assert (taxes["start"], taxes["due"], taxes["category"]) == (
        "2026-12-15", "2026-12-31", "home")
    assert "keys" not in taxes["extras"]
    assert ours["read"]["start"] is None and ours["read"]["extras"]["keys"] == {"t": "soon"}
    cli("add", "renew passport start:2027-01-10")
    out = tmp_path / "todo.txt"
    cli("export", "--format", "todotxt", "--output", out)
    todotxt.todo.write_text(out.read_text())
    listed = todotxt("ls")
    assert "renew passport t:2027-01-10" in listed and "t:2026-12-15" in listed
    # the lines that came from todo.txt are the same tasks, unchanged; ours too (its line
    # carries our id, todotui:), with its start
    assert cli("import", todotxt.todo).out.startswith("added 0, updated 0, unchanged 3")
    again = [task for task in exported(cli) if task["title"] == "renew passport"]
    assert [task["start"] for task in again] == ["2027-01-10"]


def test_todoman_start_is_the_start_both_ways(cli: Cli, todoman: Todoman,
                                              tmp_path: Path) -> None:
    todoman("new", "-l", "personal", "--start", EVENING, "--due", "2026-12-20", "plan")
    assert cli("import", todoman.lists / "personal").out.startswith("added 1,")
    plan = by(exported(cli), "title")["plan"]
    assert (plan["start"], plan["due"]) == (EVENING, "2026-12-20")
    cli("add", "book the train dec 22 start:2026-12-12")
    cli("add", "pack 2026-12-23 3pm start:2026-12-21 for 45 minutes")
    out = tmp_path / "out" / "exported"
    cli("export", "--format", "ical", "--output", str(out) + "/")
    todoman.point_at(tmp_path / "out")
    back = by(todoman.todos(), "summary")
    for title, day in (("plan", EVENING), ("book the train", "2026-12-12"),
                       ("pack", "2026-12-21")):
        assert back[title]["start"] is not None, title
        start = datetime.fromtimestamp(back[title]["start"], ZoneInfo("Europe/Berlin"))
        assert start.date() == date.fromisoformat(day), (title, start)
    text = "".join(file.read_text() for file in out.glob("*.ics"))
    assert "X-TODO-TUI-DURATION:PT45M" in text  # DURATION may not stand beside a DUE
    # plan came from todoman: the same task, unchanged; ours too (UID <id>@todo-tui), whole
    ran = cli("import", out)
    assert ran.out.startswith("added 0, updated 0, unchanged 3"), ran.out
    packs = [task for task in exported(cli) if task["title"] == "pack"]
    assert [(task["start"], task["duration_minutes"]) for task in packs] == [
        ("2026-12-21", 45)]


def test_an_ics_duration_is_the_duration(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "d.ics"
    source.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VTODO\nUID:a\n"
                      "SUMMARY:write\nDTSTART;VALUE=DATE:20261203\nDURATION:PT1H30M\n"
                      "END:VTODO\nEND:VCALENDAR\n")
    cli("import", source)
    mine = by(exported(cli), "title")["write"]
    assert (mine["start"], mine["duration_minutes"], mine["extras"]) == ("2026-12-03", 90, {})
    text = cli("export", "--format", "ical").out.replace("\r\n", "\n")
    assert "DTSTART;VALUE=DATE:20261203\n" in text and "DURATION:PT1H30M\n" in text
