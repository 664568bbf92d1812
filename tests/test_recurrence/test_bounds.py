"""Repeats with an end (UNTIL) and the nth weekday of the month (BYDAY + BYSETPOS): spelled as
RFC 5545, read back, described, and stepped as dateutil.rrule steps them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from dateutil.rrule import rrulestr

from todo_tui.domain import Due
from todo_tui.recurrence import (
    Rule,
    SeriesEnded,
    describe_rrule,
    next_occurrence,
    parse_rule,
)
from todo_tui.recurrence.engine import nth_occurrence

RULES = [
    (Rule("MONTHLY", byday=(4,), nth=3), "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=3",
     "every third Friday of the month"),
    (Rule("MONTHLY", byday=(4,), nth=-1), "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1",
     "every last Friday of the month"),
    (Rule("MONTHLY", 2, byday=(0,), nth=1), "FREQ=MONTHLY;INTERVAL=2;BYDAY=MO;BYSETPOS=1",
     "every 2 months on the first Monday"),
    (Rule("DAILY", until=date(2027, 1, 16)), "FREQ=DAILY;UNTIL=20270116T235959",
     "every day until 16 Jan 2027"),
    (Rule("WEEKLY", byday=(0,), until=date(2027, 1, 31)),
     "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T235959", "every Monday until 31 Jan 2027"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "text", "words"), RULES)
def test_spelled_read_back_and_described(rule: Rule, text: str, words: str) -> None:
    assert rule.to_rrule() == text
    assert parse_rule(text) == rule
    assert describe_rrule(text) == words


def test_other_programs_spellings_are_still_shown_as_they_are() -> None:
    assert parse_rule("FREQ=MONTHLY;BYDAY=1MO") is None
    assert parse_rule("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1") is None
    assert parse_rule("FREQ=DAILY;UNTIL=20270116") is None  # not how we spell it


def test_the_nth_weekday_steps_as_rrulestr_does() -> None:
    text = "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=3"
    due = Due.on(date(2026, 12, 18))
    ours = [due.day]
    for _ in range(12):
        due = next_occurrence(text, due, completed_at=datetime(2020, 1, 1, tzinfo=UTC),
                              from_completion=False)
        ours.append(due.day)
    theirs = [d.date() for d in rrulestr(text, dtstart=datetime(2026, 12, 18))[:13]]
    assert ours == theirs
    assert ours[1] == date(2027, 1, 15)


def test_a_series_ends_on_its_until_day() -> None:
    text = "FREQ=DAILY;UNTIL=20261208T235959"
    at = datetime.combine(date(2026, 12, 6), time(9), UTC)
    second = next_occurrence(text, Due.on(date(2026, 12, 7)), completed_at=at,
                             from_completion=False)
    assert second.day == date(2026, 12, 8)
    with pytest.raises(SeriesEnded):
        next_occurrence(text, second, completed_at=at, from_completion=False)


def test_nth_occurrence() -> None:
    assert nth_occurrence("FREQ=DAILY", date(2026, 12, 6), 10) == date(2026, 12, 15)
    assert nth_occurrence("FREQ=MONTHLY", date(2026, 12, 31), 3) == date(2027, 2, 28)
