"""Our next occurrences are dateutil.rrule.rrulestr's, read with the due as DTSTART (local
wall-clock time), for every rule form quick capture writes, across DST changes and month ends."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from todo_tui.capture import next_occurrence, parse
from todo_tui.domain import Due
from todo_tui.recurrence import Rule, parse_rule
from todo_tui.recurrence.local import resolve_local
from todo_tui.recurrence.words import days_in_month

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
COUNT = 14


def completed(day: date, due: Due) -> datetime:
    """Late on `day`, in the due's own zone (UTC for an all-day due)."""
    zone = ZoneInfo(due.tz) if due.tz else UTC
    return datetime.combine(day, time(23, 0), zone)


def ours(rule: str, due: Due, count: int = COUNT) -> list[Due]:
    """Our next occurrences after the due, each found by completing the task on the day of
    the one before (the overdue path: the due, the DTSTART, stays the same)."""
    found: list[Due] = []
    day = due.day
    for _ in range(count):
        nxt = next_occurrence(rule, due, completed_at=completed(day, due), from_completion=False)
        found.append(nxt)
        day = nxt.day
    return found


def theirs(rule: str, due: Due, count: int = COUNT) -> list[Due]:
    """rrulestr's occurrences after the due's day, at the due's wall-clock time."""
    local = due.local()
    start = datetime.combine(due.day, time()) if local is None else local.replace(tzinfo=None)
    found: list[Due] = []
    for moment in rrulestr(rule, dtstart=start):
        if moment.date() <= due.day:
            continue
        if local is None or due.tz is None:
            found.append(Due.on(moment.date()))
        else:
            found.append(Due.at_local(resolve_local(moment.date(), moment.time(), due.tz)[0],
                                      due.tz))
        if len(found) == count:
            return found
    return found


CAPTURES = [
    # (text, now, zone)
    ("x every day 9am", datetime(2027, 3, 25, 12, 0), BERLIN),  # spring forward 28 Mar
    ("x every day 9am", datetime(2026, 10, 22, 12, 0), BERLIN),  # fall back 25 Oct
    ("x every day 2:30am", datetime(2027, 3, 26, 12, 0), BERLIN),  # 02:30 does not exist
    ("x every day 2:30am", datetime(2026, 10, 23, 12, 0), BERLIN),  # 02:30 happens twice
    ("x every day 1:30am", datetime(2026, 10, 29, 12, 0), NEW_YORK),  # fall back 1 Nov
    ("x every weekday 8:30am", datetime(2027, 3, 10, 12, 0), NEW_YORK),  # forward 14 Mar
    ("x every week 18:00", datetime(2026, 10, 28, 12, 0), NEW_YORK),
    ("x every 2 weeks 2:30am", datetime(2027, 3, 1, 12, 0), NEW_YORK),
    ("x every other monday 9am", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every mon, wed and fri 7am", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every weekend", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every 3 days", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every month", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every month 9am", datetime(2027, 1, 31, 8, 0), BERLIN),
    ("x every month", datetime(2027, 1, 30, 8, 0), BERLIN),
    ("x every month", datetime(2028, 1, 29, 8, 0), BERLIN),
    ("x nov 30 every 3 months", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x jan 31 every 2 months 2:30am", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every 15th", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every 1st and 15th", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every last day", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every eom 5pm", datetime(2027, 1, 27, 12, 0), NEW_YORK),
    ("x every 29th", datetime(2027, 1, 27, 12, 0), BERLIN),
    ("x every 30th", datetime(2027, 1, 27, 12, 0), BERLIN),
    ("x every 31st", datetime(2027, 1, 27, 12, 0), BERLIN),
    ("x every 1st and 30th", datetime(2027, 1, 27, 12, 0), BERLIN),
    ("x every 29th and 30th", datetime(2027, 1, 27, 12, 0), BERLIN),
    ("x every 29th, 30th and 31st", datetime(2027, 1, 27, 12, 0), BERLIN),
    ("x every year", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every year", datetime(2028, 2, 29, 8, 0), BERLIN),
    ("x feb 29 every year 9am", datetime(2026, 11, 27, 12, 0), NEW_YORK),
    ("x every feb 29", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every jan 5", datetime(2026, 11, 27, 12, 0), BERLIN),
    ("x every mar 28 2:30am", datetime(2026, 11, 27, 12, 0), BERLIN),
]


@pytest.mark.parametrize(("text", "now", "tz"), CAPTURES, ids=[f"{c[0]} {c[1]:%Y-%m-%d}"
                                                               for c in CAPTURES])
def test_captured_rules_step_as_rrulestr_reads_them(text: str, now: datetime, tz: str) -> None:
    got = parse(text, now=now.replace(tzinfo=ZoneInfo(tz)), tz=tz)
    assert got.recurrence is not None and got.due is not None, got
    rule = parse_rule(got.recurrence)
    assert rule is not None and rule.to_rrule() == got.recurrence  # spelled canonically
    assert ours(got.recurrence, got.due) == theirs(got.recurrence, got.due)


@pytest.mark.parametrize(
    ("rule", "due"),
    [
        ("FREQ=MONTHLY;BYDAY=1MO", Due.on(date(2026, 12, 7))),  # the first Monday
        ("FREQ=MONTHLY;BYDAY=-1FR", Due.on(date(2026, 11, 27))),  # the last Friday
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", Due.on(date(2026, 11, 30))),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", Due.at_local(
            datetime(2027, 3, 28, 3, 30, tzinfo=ZoneInfo(BERLIN)), BERLIN)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", Due.on(date(2027, 1, 31))),  # RFC: skips short months
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", Due.on(date(2026, 11, 27))),
    ],
)
def test_other_programs_rules_step_as_rrulestr_reads_them(rule: str, due: Due) -> None:
    assert ours(rule, due) == theirs(rule, due)


def test_a_task_years_overdue_keeps_its_cadence_quickly() -> None:
    due = Due.on(date(1, 1, 3))
    done = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    for rule in ("FREQ=DAILY;INTERVAL=7", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH",
                 "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=28,29,30;BYSETPOS=-1", "FREQ=YEARLY"):
        nxt = next_occurrence(rule, due, completed_at=done, from_completion=False)
        start = datetime.combine(due.day, time())
        expected = rrulestr(rule, dtstart=start).after(datetime(2026, 11, 27, 23, 59))
        assert nxt.day == expected.date()


POOL = (1, 15, 27, 28, 29, 30, 31, -1)


def clamped(days: tuple[int, ...], year: int, month: int) -> list[date]:
    last = days_in_month(year, month)
    return [date(year, month, d) for d in sorted({last if d == -1 else min(d, last)
                                                  for d in days})]


@pytest.mark.parametrize("interval", [1, 5])
def test_every_set_of_month_days_is_spelled_so_rrulestr_clamps_it(interval: int) -> None:
    for size in range(1, len(POOL) + 1):
        for days in itertools.combinations(POOL, size):
            rule = Rule("MONTHLY", interval, monthdays=tuple(sorted(days)))
            text = rule.to_rrule()
            back = parse_rule(text)
            assert back is not None and back.to_rrule() == text
            got = [d.date() for d in rrulestr(text, dtstart=datetime(2027, 1, 1)).between(
                datetime(2027, 1, 1), datetime(2032, 12, 31, 23), inc=True)]
            months = [(2027 + m // 12, m % 12 + 1) for m in range(0, 72, interval)]
            assert got == [d for y, m in months for d in clamped(days, y, m)], text


VOCABULARY = [
    "every", "every!", "other", "2", "3", "day", "days", "week", "weeks", "month", "months",
    "year", "daily", "weekly", "monthly", "yearly", "weekday", "weekend", "mon", "wed,", "fri",
    "and", "1st", "15th", "28th", "29th", "30th", "31st", "last", "eom", "jan", "feb", "29",
    "31", "5", "nov", "30", "9am", "2:30am", "tomorrow", "x",
]  # fmt: skip
ZONES = [BERLIN, NEW_YORK, "UTC", "Australia/Lord_Howe"]


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8),
    now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                     timezones=st.just(UTC)),
    tz=st.sampled_from(ZONES),
)
def test_every_rule_the_grammar_writes_is_rfc_5545_that_rrulestr_steps_as_we_do(
    words: list[str], now: datetime, tz: str
) -> None:
    got = parse(" ".join(words), now=now, tz=tz)
    if got.recurrence is None or got.due is None:
        return
    rrulestr(got.recurrence, dtstart=datetime(2000, 1, 1))  # raises when not valid
    assert parse_rule(got.recurrence) is not None
    if not got.recurrence_from_completion:
        assert ours(got.recurrence, got.due, 4) == theirs(got.recurrence, got.due, 4)
