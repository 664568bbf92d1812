"""Our export read back by our import changes nothing (issue 18, tryout: repeats lost)."""

from __future__ import annotations

from pathlib import Path

from .conftest import Cli, Taskwarrior, TodoTxt, exported

ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTODO\r\nUID:wr-1\r\n"
       "SUMMARY:Weekly review\r\nDTSTART:20261207T090000Z\r\nDURATION:PT30M\r\n"
       "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")


def mixed(cli: Cli, tmp_path: Path) -> None:
    """Repeating tasks with and without a due, from todo.txt, iCalendar and our own add."""
    txt = tmp_path / "todo.txt"
    txt.write_text("Read book +home rec:1w t:2026-12-10\nWater lawn due:2026-12-09 rec:+2d\n")
    cli("import", txt)
    ics = tmp_path / "cal.ics"
    ics.write_text(ICS)
    cli("import", ics)
    cli("add", "standup every weekday dec 8 9am")
    cli("add", "plain task")


def strip(tasks: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in item.items() if k != "updated_at"} for item in tasks]


def test_our_taskwarrior_export_reimported_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    mixed(cli, tmp_path)
    before = exported(cli)
    assert sum(1 for item in before if item["recurrence"]) == 4
    out = tmp_path / "out.json"
    cli("export", "--format", "taskwarrior", "--output", out)
    assert cli("import", out).out.splitlines()[0] == "added 0, updated 0, unchanged 5, skipped 0"
    assert strip(exported(cli)) == strip(before)


def test_our_taskwarrior_export_through_task_keeps_repeats(cli: Cli, task: Taskwarrior,
                                                           tmp_path: Path) -> None:
    mixed(cli, tmp_path)
    before = exported(cli)
    out = tmp_path / "out.json"
    cli("export", "--format", "taskwarrior", "--output", out)
    task("import", str(out))
    back = tmp_path / "back.json"
    back.write_text(task("export"))
    first = cli("import", back).out.splitlines()[0]
    assert first.startswith("added 0,"), first
    after = {item["id"]: item for item in exported(cli)}
    keys = ("recurrence", "recurrence_from_completion", "due")
    for item in before:
        got = after[item["id"]]
        assert [got[key] for key in keys] == [item[key] for key in keys], item["title"]


def test_our_ical_export_reimported_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    mixed(cli, tmp_path)
    cli("add", "filed task fri #work")
    before = strip(exported(cli))
    folder = tmp_path / "ic2"
    folder.mkdir()
    cli("export", "--format", "ical", "--output", folder)
    assert cli("import", folder).out.splitlines()[0] == (
        "added 0, updated 0, unchanged 6, skipped 0")
    assert strip(exported(cli)) == before  # no #ic2, no second copy of a task of ours
    single = tmp_path / "all.ics"
    cli("export", "--format", "ical", "--output", single)
    assert cli("import", single).out.splitlines()[0] == (
        "added 0, updated 0, unchanged 6, skipped 0")
    assert strip(exported(cli)) == before


def test_a_folder_names_the_category_of_tasks_without_one_of_their_own(
        cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "errands"
    folder.mkdir()
    (folder / "a.ics").write_text(ICS.replace("SUMMARY:Weekly review", "SUMMARY:theirs"))
    cli("import", folder)
    (theirs,) = exported(cli)
    assert theirs["category"] == "errands"


def test_our_todotxt_export_reimported_under_any_name_changes_nothing(
        cli: Cli, todotxt: TodoTxt, tmp_path: Path) -> None:
    mixed(cli, tmp_path)
    cli("add", "pay rent dec 10 5pm #home !high // the notes stay")
    cli("add", "edited later +phone")
    before = strip(exported(cli))
    out = tmp_path / "elsewhere" / "out.txt"
    out.parent.mkdir()
    cli("export", "--format", "todotxt", "--output", out)
    text = out.read_text()
    assert "due:2026-12-10 at:17h00" in text  # the time, beside a standard due:
    assert "rrule:FREQ=WEEKLY;BYDAY=MO" in text  # a repeat rec: cannot say
    assert cli("import", out).out.splitlines()[0] == (
        "added 0, updated 0, unchanged 7, skipped 0")
    assert strip(exported(cli)) == before
    # todo.sh reads and rewrites what we write; read back, it is still the same tasks
    todotxt.todo.write_text(text)
    todotxt("pri", "1", "B")
    assert cli("import", todotxt.todo).out.splitlines()[0] == (
        "added 0, updated 1, unchanged 6, skipped 0")
    # a line of a todo.txt is the same task in done.txt, under any file name
    source = tmp_path / "todo.txt"
    source.write_text("(A) 2026-12-01 call mom +family due:2026-12-12\n")
    cli("import", source)
    moved = tmp_path / "archive" / "done.txt"
    moved.parent.mkdir()
    moved.write_text("x 2026-12-05 2026-12-01 call mom +family due:2026-12-12 pri:A\n")
    assert cli("import", moved).out.splitlines()[0] == (
        "added 0, updated 1, unchanged 0, skipped 0")
    assert len(exported(cli)) == 8


def test_an_ics_repeat_is_due_at_dtstart_and_a_dueless_one_says_it_ends(
        cli: Cli, tmp_path: Path) -> None:
    ics = tmp_path / "cal.ics"
    ics.write_text(ICS)
    cli("import", ics)
    (review,) = exported(cli)  # DTSTART is the first occurrence of the series (RFC 5545)
    assert (review["due"], review["start"], review["recurrence"]) == (
        "2026-12-07T10:00:00+01:00", "2026-12-07", "FREQ=WEEKLY;BYDAY=MO")
    txt = tmp_path / "todo.txt"
    txt.write_text("Read book rec:1w\n")  # todo.txt: a repeat from the completion, no due
    cli("import", txt)
    book = next(item for item in exported(cli) if item["title"] == "Read book")
    assert book["due"] is None
    ran = cli("done", book["id"][:8])  # no next occurrence (a repeat counts from its due),
    assert "next:" not in ran.out  # but it is said, not silent
    assert "Read book repeats but has no due, so it has no next occurrence" in ran.err
