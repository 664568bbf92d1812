"""Import from and export to the real todoman (iCalendar vdirs), field by field, both ways."""

from __future__ import annotations

from pathlib import Path

from .conftest import Cli, Todoman, by, exported

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTODO
UID:parent-1@example.org
SUMMARY:plan the trip
PRIORITY:5
RRULE:FREQ=MONTHLY;BYMONTHDAY=15
DUE;VALUE=DATE:20261215
END:VTODO
BEGIN:VTODO
UID:child-1@example.org
SUMMARY:book the hotel
RELATED-TO;RELTYPE=PARENT:parent-1@example.org
PERCENT-COMPLETE:40
X-CUSTOM;X-P=1:kept as it was
DESCRIPTION:two nights\\, near the station
CATEGORIES:travel,phone
END:VTODO
BEGIN:VEVENT
UID:event-1@example.org
SUMMARY:a meeting, not a task
DTSTART:20261210T090000Z
END:VEVENT
END:VCALENDAR
"""


def test_todoman_tasks_land_field_by_field_and_go_back(
        cli: Cli, todoman: Todoman, tmp_path: Path) -> None:
    todoman("new", "-l", "personal", "--due", "2026-12-20", "--priority", "high", "pay rent")
    todoman("new", "-l", "personal", "--due", "2026-12-21 14:30", "--priority", "low",
            "-c", "phone", "-c", "work", "call bob")
    todoman("new", "-l", "personal", "--priority", "medium", "old news")
    todoman("done", "3")
    folder = todoman.lists / "personal"
    ran = cli("import", folder)
    assert ran.out.splitlines()[0] == "added 3, updated 0, unchanged 0, skipped 0"
    ours = by(exported(cli), "title")
    rent, bob, news = ours["pay rent"], ours["call bob"], ours["old news"]
    assert (rent["due"], rent["priority"], rent["category"], rent["status"]) == (
        "2026-12-20", "high", "personal", "open")
    assert (bob["due"], bob["due_tz"], bob["priority"], bob["tags"]) == (
        "2026-12-21T14:30:00+01:00", "Europe/Berlin", "low", ["phone", "work"])
    assert (news["status"], news["priority"]) == ("done", "medium")
    assert news["completed_at"] is not None
    theirs = by(todoman.todos(), "summary")
    assert {task["source_id"] for task in ours.values()} == {
        file.stem for file in folder.glob("*.ics")}  # todoman names each file after its UID
    assert cli("import", folder).out.startswith("added 0, updated 0, unchanged 3")
    # back out, to a folder todoman reads as a list of its own
    out = tmp_path / "out" / "exported"
    cli("export", "--format", "ical", "--output", str(out) + "/")
    assert len(list(out.glob("*.ics"))) == 3
    todoman.point_at(tmp_path / "out")
    back = by(todoman.todos(), "summary")
    for name in ("pay rent", "call bob", "old news"):
        for field in ("due", "priority", "categories", "completed", "description"):
            assert back[name][field] == theirs[name][field], (name, field)
    # todoman's own edit of our export comes back as an update
    todoman("edit", str(back["call bob"]["id"]), "--priority", "high")
    ran = cli("import", out)
    assert ran.out.startswith("added 0, updated 1, unchanged 2"), ran.out
    assert by(exported(cli), "title")["call bob"]["priority"] == "high"


def test_an_ics_file_keeps_what_has_no_column_and_skips_events(
        cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "trip.ics"
    source.write_text(CALENDAR)
    ran = cli("import", source)
    assert ran.out.splitlines() == ["added 2, updated 0, unchanged 0, skipped 1",
                                    "  skipped 1: a VEVENT, not a task"]
    ours = by(exported(cli), "title")
    trip, hotel = ours["plan the trip"], ours["book the hotel"]
    assert (trip["priority"], trip["recurrence"], trip["due"]) == (
        "medium", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-12-15")
    assert hotel["notes"] == "two nights, near the station"
    assert hotel["tags"] == ["phone", "travel"]
    # RELATED-TO;RELTYPE=PARENT: a subtask of the VTODO with that UID
    assert hotel["parent_id"] == trip["id"] and trip["source_id"] == "parent-1@example.org"
    assert "_parent" not in hotel["extras"]
    assert hotel["extras"]["props"] == ["PERCENT-COMPLETE:40", "X-CUSTOM;X-P=1:kept as it was"]
    text = cli("export", "--format", "ical").out
    for line in [*hotel["extras"]["props"], "RELATED-TO;RELTYPE=PARENT:parent-1@example.org"]:
        assert line in text.replace("\r\n", "\n")
    assert text.count("RELATED-TO") == 1
    assert "UID:child-1@example.org" in text and "RRULE:FREQ=MONTHLY;BYMONTHDAY=15" in text


def test_a_cut_calendar_is_named_and_nothing_is_imported(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "cut.ics"
    source.write_text(CALENDAR.replace("SUMMARY:book the hotel\n", ""))
    ran = cli("import", source, code=1)
    assert str(source) in ran.err and "UID child-1@example.org" in ran.err
    assert "no SUMMARY" in ran.err and "nothing was imported" in ran.err
    assert exported(cli) == []


def test_a_truncated_calendar_is_refused(cli: Cli, tmp_path: Path) -> None:
    cli("add", "mine")
    source = tmp_path / "bad.ics"
    source.write_text("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY:no end\r\n")
    ran = cli("import", source, code=1)
    assert f"{source}, line 2: BEGIN:VTODO has no END:VTODO" in ran.err, ran.err
    assert "nothing was imported" in ran.err
    stray = tmp_path / "stray.ics"
    stray.write_text("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:a\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n")
    ran = cli("import", "--format", "ical", stray, code=1)
    assert f"{stray}, line 5: END:VCALENDAR where END:VTODO was due" in ran.err, ran.err
    folder = tmp_path / "list"
    folder.mkdir()
    (folder / "cut.ics").write_text("BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:b\nSUMMARY:y\nEND:VTODO\n")
    ran = cli("import", folder, code=1)
    assert f"{folder / 'cut.ics'}, line 1: BEGIN:VCALENDAR has no END:VCALENDAR" in ran.err
    assert [task["title"] for task in exported(cli)] == ["mine"]
    assert "import" not in cli("history").out
