"""Issue 19: each new rule is written in the grammar help, and its examples read as written."""

from __future__ import annotations

from datetime import datetime

import pytest

from todo_tui.capture import GRAMMAR_HELP, parse

BERLIN = "Europe/Berlin"
AT_20 = datetime.fromisoformat("2026-12-06T20:00:00+01:00")  # Sunday
AT_14 = datetime.fromisoformat("2026-12-06T14:00:00+01:00")

DOCUMENTED = [
    "at 3 is 15:00", "typed at 10:00 it is 21:00", "at 3:30 is 15:30", "7.30pm", "7:30 p.m.",
    "by 5pm",
    "by fri", "due fri", "due:fri", "on the 15th", "this weekend", "next weekend",
    "tue next week", "day after tomorrow", "overmorrow", "3 days from now", "eod", "eow", "sow",
    "som", "eoq", "soq", "eoy", "soy", "someday", "due:later", "call back later",
    "tomorrow morning", "this evening", "in 2 hours", "in 30 minutes", "in half an hour",
    "2 hours from now", "at 13pm", "25:00", "3pm-4pm", "3-4pm", "15:00-16:30", "3pm to",
    "for 45 minutes", "for an hour", "Duration", "every 2nd day", "every third week",
    "fortnightly", "quarterly", "each monday", "every third friday",
    "every last friday of the month", "every morning", "weekdays", "mondays", "starting jan 5",
    "every 14 days 7am starting 1 nov", "until jan 31", "for 6 weeks", "10 times",
    "twice a week", "biweekly", "every 2 hours", "Not read", "12/01", "10:75", "every 3",
]  # fmt: skip


@pytest.mark.parametrize("example", DOCUMENTED)
def test_help_documents_the_rule(example: str) -> None:
    assert example in GRAMMAR_HELP


@pytest.mark.parametrize(
    ("text", "now", "due"),
    [
        ("x at 3", AT_20, "2026-12-07T15:00:00+01:00"),
        ("x at 9", AT_20, "2026-12-06T21:00:00+01:00"),  # 7 to 11: whichever comes next
        ("x at 7", AT_20, "2026-12-07T07:00:00+01:00"),
        ("x at 3:30", AT_20, "2026-12-07T15:30:00+01:00"),
        ("x at 5", AT_14, "2026-12-06T17:00:00+01:00"),
        ("x at 5", AT_20, "2026-12-07T17:00:00+01:00"),
        ("review PR in 2 hours", AT_20, "2026-12-06T22:00:00+01:00"),
        ("x every 14 days 7am starting 1 nov", AT_20, "2027-11-01T07:00:00+01:00"),
        ("x tomorrow morning", AT_20, "2026-12-07T09:00:00+01:00"),
        ("x this weekend", AT_20, "2026-12-12"),
    ],
)
def test_the_help_examples_read_as_written(text: str, now: datetime, due: str) -> None:
    got = parse(text, now=now, tz=BERLIN)
    assert got.due is not None and got.due.iso() == due


def test_later_alone_is_a_word_and_gate_at_25_stays() -> None:
    assert parse("call back later", now=AT_20, tz=BERLIN).title == "call back later"
    got = parse("gate at 25", now=AT_20, tz=BERLIN)
    assert (got.title, got.notices, got.due) == ("gate at 25", (), None)


def test_from_now_counts_real_time_across_a_dst_change() -> None:
    before = datetime.fromisoformat("2027-03-28T01:30:00+01:00")  # clocks go forward at 02:00
    got = parse("x in 2 hours", now=before, tz=BERLIN)
    assert got.due is not None and got.due.iso() == "2027-03-28T04:30:00+02:00"
