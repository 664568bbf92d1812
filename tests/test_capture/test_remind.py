"""The reminder phrases of quick capture and of the edit form's Reminders field."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from todo_tui.capture import CaptureError, parse
from todo_tui.capture.remind import describe_reminders, parse_reminders, snooze_until
from todo_tui.domain import Reminder

TZ = "Europe/Berlin"
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo(TZ))


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZoneInfo(TZ))


@pytest.mark.parametrize("text, title, reminders", [
    ("call bank at 15:00 remind 10m before", "call bank", (Reminder(minutes_before=10),)),
    ("call bank remind 90 min before at 15:00", "call bank", (Reminder(minutes_before=90),)),
    ("x 5pm remind 1h30m before", "x", (Reminder(minutes_before=90),)),
    ("x 5pm remind 2 hours before", "x", (Reminder(minutes_before=120),)),
    ("x fri remind 1d before", "x", (Reminder(minutes_before=1440),)),
    ("x 5pm remind at due", "x", (Reminder(minutes_before=0),)),
    ("x 5pm Remind when due", "x", (Reminder(minutes_before=0),)),
    ("x remind at 14:30", "x", (Reminder(at=local(7, 14, 30)),)),
    ("x remind at 9:00", "x", (Reminder(at=local(8, 9)),)),  # passed today: tomorrow
    ("x remind at 04:08", "x", (Reminder(at=local(8, 4, 8)),)),  # 24-hour, not 16:08
    ("x remind at 16:08", "x", (Reminder(at=local(7, 16, 8)),)),
    ("x remind tomorrow 9am", "x", (Reminder(at=local(8, 9)),)),
    ("x remind fri", "x", (Reminder(at=local(11, 9)),)),  # a date alone: at 09:00
    ("x remind 2026-12-24 18:00", "x", (Reminder(at=local(24, 18)),)),
    ("x 5pm remind 10m before remind at due", "x",
     (Reminder(minutes_before=10), Reminder(minutes_before=0))),
])
def test_remind_phrases(text: str, title: str, reminders: tuple[Reminder, ...]) -> None:
    capture = parse(text, now=NOW, tz=TZ)
    assert (capture.title, capture.reminders) == (title, reminders)


@pytest.mark.parametrize("text, title", [
    ("remind me to call", "remind me to call"),  # no reminder phrase after it
    ('"remind 10m before" the team', "remind 10m before the team"),
    ("\\remind 10m before", "remind 10m before"),
])
def test_remind_without_a_phrase_stays_in_the_title(text: str, title: str) -> None:
    capture = parse(text, now=NOW, tz=TZ)
    assert (capture.title, capture.reminders) == (title, ())


def test_notes_are_not_read_for_reminders() -> None:
    capture = parse("x 5pm // remind 10m before", now=NOW, tz=TZ)
    assert (capture.title, capture.notes, capture.reminders) == ("x", "remind 10m before", ())


def test_the_preview_and_json_show_reminders() -> None:
    capture = parse("call bank at 15:00 remind 10m before", now=NOW, tz=TZ)
    assert ("Remind", "10m before") in capture.summary_lines()
    assert capture.to_json()["reminders"] == [{"minutes_before": 10}]
    assert capture.to_new_task().reminders == (Reminder(minutes_before=10),)


def test_the_edit_field_reads_what_it_shows() -> None:
    reminders = (Reminder(minutes_before=10), Reminder(minutes_before=0),
                 Reminder(at=local(8, 9)))
    text = describe_reminders(reminders, TZ)
    assert text == "10m before, at due, at 2026-12-08 09:00"
    assert parse_reminders(text, NOW, TZ) == reminders
    assert parse_reminders("remind 1h before; tomorrow 9am", NOW, TZ) == (
        Reminder(minutes_before=60), Reminder(at=local(8, 9)))
    assert parse_reminders("  ", NOW, TZ) == ()
    with pytest.raises(CaptureError, match="not a reminder: 'soonish'"):
        parse_reminders("10m before, soonish", NOW, TZ)


def test_snooze_until() -> None:
    assert snooze_until("30m", NOW, TZ) == NOW + timedelta(minutes=30)
    assert snooze_until("in 2 hours", NOW, TZ) == NOW + timedelta(hours=2)
    assert snooze_until("14:30", NOW, TZ) == local(7, 14, 30)
    assert snooze_until("tomorrow 9am", NOW, TZ) == local(8, 9)
    with pytest.raises(CaptureError):
        snooze_until("later", NOW, TZ)


@pytest.mark.parametrize("text, notices", [
    ("x remind 10m before", ["remind 10m before: the task has no due time, so it cannot go off"]),
    ("x remind at due", ["remind at due: the task has no due time, so it cannot go off"]),
    ("x tomorrow remind 10m before",  # a due date without a time
     ["remind 10m before: the task has no due time, so it cannot go off"]),
    ("x every day remind 1h before",
     ["remind 1h before: the task has no due time, so it cannot go off"]),
    ("x tomorrow 9am remind 10m before", []),
    ("x remind at 14:30", []),  # a moment of its own needs no due
])
def test_a_reminder_that_cannot_go_off_is_kept_with_a_notice(text: str,
                                                             notices: list[str]) -> None:
    capture = parse(text, now=NOW, tz=TZ)
    assert list(capture.notices) == notices
    assert capture.to_json()["notices"] == notices
    assert capture.reminders and capture.to_new_task().reminders == capture.reminders
