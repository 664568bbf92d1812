"""next_occurrence and describe_rrule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from todo_tui.capture import CaptureError, describe_rrule, next_occurrence
from todo_tui.domain import Due

BERLIN = "Europe/Berlin"


def at(year: int, month: int, day: int, hour: int, minute: int = 0, tz: str = BERLIN) -> Due:
    return Due.at_local(datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)), tz)


def on(year: int, month: int, day: int) -> Due:
    return Due.on(date(year, month, day))


def done(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=ZoneInfo(BERLIN))


def test_daily_nine_stays_nine_across_spring_forward() -> None:
    due = at(2027, 3, 27, 9)
    nxt = next_occurrence("FREQ=DAILY", due, completed_at=done(2027, 3, 27, 9),
                          from_completion=False)
    assert nxt == Due.at_local(datetime(2027, 3, 28, 7, 0, tzinfo=UTC), BERLIN)
    assert nxt.local_time() == time(9, 0)
    after = next_occurrence("FREQ=DAILY", nxt, completed_at=done(2027, 3, 28, 9),
                            from_completion=False)
    assert after == Due.at_local(datetime(2027, 3, 29, 7, 0, tzinfo=UTC), BERLIN)


def test_daily_nine_stays_nine_across_fall_back() -> None:
    due = at(2026, 10, 24, 9)
    nxt = next_occurrence("FREQ=DAILY", due, completed_at=done(2026, 10, 24),
                          from_completion=False)
    assert nxt == Due.at_local(datetime(2026, 10, 25, 8, 0, tzinfo=UTC), BERLIN)
    assert nxt.local_time() == time(9, 0)


def test_a_daily_time_in_the_gap_moves_forward_that_day_only() -> None:
    due = at(2027, 3, 27, 2, 30)
    nxt = next_occurrence("FREQ=DAILY", due, completed_at=done(2027, 3, 27),
                          from_completion=False)
    assert nxt == Due.at_local(datetime(2027, 3, 28, 1, 30, tzinfo=UTC), BERLIN)  # 03:30 CEST
    assert nxt.local_time() == time(3, 30)


@pytest.mark.parametrize(
    ("rule", "due", "completed", "expected"),
    [
        # plain monthly keeps the day, clipped to the month end (relativedelta)
        ("FREQ=MONTHLY", on(2027, 1, 31), done(2027, 1, 31), on(2027, 2, 28)),
        ("FREQ=MONTHLY", on(2028, 1, 31), done(2028, 1, 31), on(2028, 2, 29)),
        ("FREQ=MONTHLY", on(2027, 2, 28), done(2027, 2, 28), on(2027, 3, 28)),
        ("FREQ=MONTHLY", on(2026, 12, 15), done(2026, 12, 15), on(2027, 1, 15)),
        ("FREQ=MONTHLY;INTERVAL=3", on(2026, 11, 30), done(2026, 11, 30), on(2027, 2, 28)),
        # every 31st / 30th: that day, or the month's last day when it is shorter, spelled
        # in RFC 5545 as the last day, or the last of the 28th..30th the month has
        ("FREQ=MONTHLY;BYMONTHDAY=-1", on(2027, 1, 31), done(2027, 1, 31), on(2027, 2, 28)),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", on(2027, 2, 28), done(2027, 2, 28), on(2027, 3, 31)),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", on(2027, 3, 31), done(2027, 3, 31), on(2027, 4, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", on(2028, 1, 30), done(2028, 1, 30),
         on(2028, 2, 29)),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", on(2027, 2, 28), done(2027, 2, 28),
         on(2027, 3, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=1,28,29;BYSETPOS=1,-1", on(2027, 2, 1), done(2027, 2, 1),
         on(2027, 2, 28)),
        # another program's BYMONTHDAY=31 is read as RFC 5545 reads it: months without one skip
        ("FREQ=MONTHLY;BYMONTHDAY=31", on(2027, 1, 31), done(2027, 1, 31), on(2027, 3, 31)),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", on(2026, 12, 1), done(2026, 12, 1), on(2026, 12, 15)),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", on(2026, 12, 15), done(2026, 12, 15), on(2027, 1, 1)),
        # yearly
        ("FREQ=YEARLY", on(2026, 11, 27), done(2026, 11, 27), on(2027, 11, 27)),
        ("FREQ=YEARLY", on(2028, 2, 29), done(2028, 2, 29), on(2029, 2, 28)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", on(2028, 2, 29), done(2028, 2, 29),
         on(2029, 2, 28)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", on(2031, 2, 28), done(2031, 2, 28),
         on(2032, 2, 29)),
        ("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", on(2027, 1, 5), done(2027, 1, 5), on(2028, 1, 5)),
        # weekly and weekdays
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", on(2026, 11, 27), done(2026, 11, 27),
         on(2026, 11, 30)),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", on(2026, 11, 28), done(2026, 11, 27),
         on(2026, 11, 30)),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", on(2026, 11, 24), done(2026, 11, 24),
         on(2026, 11, 25)),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", on(2026, 11, 27), done(2026, 11, 27),
         on(2026, 11, 30)),
        ("FREQ=WEEKLY", on(2026, 11, 27), done(2026, 11, 27), on(2026, 12, 4)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", on(2026, 11, 23), done(2026, 11, 23),
         on(2026, 11, 26)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", on(2026, 11, 26), done(2026, 11, 26),
         on(2026, 12, 7)),
        ("FREQ=DAILY;INTERVAL=3", on(2026, 11, 27), done(2026, 11, 27), on(2026, 11, 30)),
        # completed early: the next one still comes after the due
        ("FREQ=DAILY", on(2026, 12, 10), done(2026, 12, 1), on(2026, 12, 11)),
        # overdue: missed occurrences are skipped, the cadence kept
        ("FREQ=DAILY", on(2026, 11, 1), done(2026, 11, 27), on(2026, 11, 28)),
        ("FREQ=WEEKLY;INTERVAL=2", on(2026, 11, 2), done(2026, 11, 27), on(2026, 11, 30)),
        ("FREQ=MONTHLY", on(2026, 9, 15), done(2026, 11, 27), on(2026, 12, 15)),
        ("FREQ=DAILY", on(1900, 1, 1), done(2026, 11, 27), on(2026, 11, 28)),
        # rules outside the subset go through dateutil
        ("FREQ=MONTHLY;BYDAY=1MO", on(2026, 12, 7), done(2026, 12, 7), on(2027, 1, 4)),
        ("RRULE:FREQ=MONTHLY;BYDAY=-1FR", on(2026, 11, 27), done(2026, 11, 27),
         on(2026, 12, 25)),
    ],
)
def test_next_occurrence_from_the_due(
    rule: str, due: Due, completed: datetime, expected: Due
) -> None:
    assert next_occurrence(rule, due, completed_at=completed, from_completion=False) == expected


@pytest.mark.parametrize(
    ("rule", "due", "completed", "expected"),
    [
        ("FREQ=DAILY;INTERVAL=3", on(2026, 11, 20), done(2026, 11, 27), on(2026, 11, 30)),
        ("FREQ=WEEKLY", on(2026, 11, 20), done(2026, 11, 27), on(2026, 12, 4)),
        ("FREQ=MONTHLY", on(2026, 10, 1), done(2026, 11, 27), on(2026, 12, 27)),
        # completed early: never before or on the old due
        ("FREQ=DAILY;INTERVAL=3", on(2026, 12, 10), done(2026, 12, 1), on(2026, 12, 13)),
        # the completion day is read in the due's zone: 23:30 UTC is already Saturday in Berlin
        ("FREQ=DAILY", at(2026, 11, 27, 9),
         datetime(2026, 11, 27, 23, 30, tzinfo=UTC), at(2026, 11, 29, 9)),
        ("FREQ=WEEKLY;BYDAY=MO", at(2026, 11, 23, 8), done(2026, 11, 30, 7),
         at(2026, 12, 7, 8)),
    ],
)
def test_next_occurrence_from_completion(
    rule: str, due: Due, completed: datetime, expected: Due
) -> None:
    assert next_occurrence(rule, due, completed_at=completed, from_completion=True) == expected


def test_all_day_stays_all_day_and_timed_keeps_its_zone() -> None:
    all_day = next_occurrence("FREQ=DAILY", on(2026, 11, 27), completed_at=done(2026, 11, 27),
                              from_completion=False)
    assert all_day == on(2026, 11, 28) and not all_day.has_time
    new_york = "America/New_York"
    timed = next_occurrence("FREQ=WEEKLY", at(2026, 10, 30, 18, tz=new_york),
                            completed_at=done(2026, 10, 30, 23), from_completion=False)
    assert timed == at(2026, 11, 6, 18, tz=new_york)
    assert timed.tz == new_york and timed.local_time() == time(18, 0)


@pytest.mark.parametrize(
    "rule", ["", "nonsense", "FREQ=MONTHLY;UNTIL=20200101", "FREQ=DAILY;COUNT=1"]
)
def test_unusable_rules_raise(rule: str) -> None:
    with pytest.raises(CaptureError):
        next_occurrence(rule, on(2026, 11, 27), completed_at=done(2026, 11, 27),
                        from_completion=False)


def test_naive_completion_and_overflow_raise() -> None:
    with pytest.raises(CaptureError):
        next_occurrence("FREQ=DAILY", on(2026, 11, 27), completed_at=datetime(2026, 11, 27),
                        from_completion=False)
    with pytest.raises(CaptureError):
        next_occurrence("FREQ=YEARLY", on(9999, 6, 1), completed_at=done(2026, 11, 27),
                        from_completion=False)


@pytest.mark.parametrize(
    ("rule", "from_completion", "words"),
    [
        ("FREQ=DAILY", False, "every day"),
        ("FREQ=DAILY", True, "every day (from completion)"),
        ("FREQ=DAILY;INTERVAL=3", False, "every 3 days"),
        ("FREQ=WEEKLY", False, "every week"),
        ("FREQ=WEEKLY;INTERVAL=2", False, "every 2 weeks"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", False, "every weekday"),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", False, "every weekday"),
        ("FREQ=WEEKLY;BYDAY=SA,SU", False, "every weekend"),
        ("FREQ=WEEKLY;BYDAY=MO", False, "every Monday"),
        ("FREQ=WEEKLY;BYDAY=MO,WE", False, "every Monday and Wednesday"),
        ("FREQ=WEEKLY;BYDAY=FR,MO,WE", False, "every Monday, Wednesday and Friday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", False, "every 2 weeks on Monday"),
        ("FREQ=MONTHLY", False, "every month"),
        ("FREQ=MONTHLY;INTERVAL=6", False, "every 6 months"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", False, "every 15th"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,2,3,11,22", False, "every 1st, 2nd, 3rd, 11th and 22nd"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", False, "every last day of the month"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15", False, "every 2 months on the 15th"),
        ("FREQ=YEARLY", False, "every year"),
        ("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", False, "every 5 January"),
        ("freq=monthly", True, "every month (from completion)"),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", False, "every 30th"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,28,29;BYSETPOS=1,-1", False, "every 1st and 29th"),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=2,-1", False, "every 29th and 30th"),
        ("FREQ=MONTHLY;BYMONTHDAY=15,-1", False, "every 15th and last day"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", False, "every last day of February"),
        ("FREQ=MONTHLY;BYMONTHDAY=31", False, "repeats (FREQ=MONTHLY;BYMONTHDAY=31)"),
        ("FREQ=MONTHLY;BYDAY=1MO", False, "repeats (FREQ=MONTHLY;BYDAY=1MO)"),
        ("garbage", False, "repeats (garbage)"),
    ],
)
def test_describe_rrule(rule: str, from_completion: bool, words: str) -> None:
    assert describe_rrule(rule, from_completion) == words
