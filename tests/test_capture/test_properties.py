"""Property tests: any text parses, quickly, and the results keep their promises."""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from todo_tui.capture import Capture, describe_rrule, next_occurrence, parse, parse_verbatim
from todo_tui.domain import Due

ZONES = ["Europe/Berlin", "America/New_York", "UTC", "Australia/Lord_Howe", "Asia/Kathmandu"]
VOCABULARY = [
    "today", "tod", "tomorrow", "tom", "tonight", "yesterday", "fri", "friday", "this", "next",
    "week", "month", "year", "in", "3", "a", "days", "weeks", "months", "jan", "5", "5th", "of",
    "january", "2026-12-01", "2027-02-29", "end", "eom", "on", "at", "9", "5pm", "5:30pm", "17:30",
    "pm", "noon", "midnight", "every", "every!", "other", "weekday", "mon,", "and", "wed", "15th",
    "last", "day", "daily", "#home", '#"two', 'words"', "+tag", "@tag", "@5pm", "!high", "!1",
    "p1", "p4", "//", '"', "'", "\\", "\\#x", "C#", "a@b.com", "buy", "may", "march", "second",
    ",", "2028", "feb", "29", "30", "\u201c", "\u201d", "\x00", "\u200f", "\n", "\t",
]  # fmt: skip

nows = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
zones = st.sampled_from(ZONES)
soups = st.lists(st.sampled_from(VOCABULARY), max_size=30).map(" ".join)


def check(result: Capture, text: str) -> None:
    assert result.title == " ".join(result.title.split())
    assert result.notes == result.notes.strip()
    assert result.category_is_new == (result.category is not None)  # no categories given
    assert len({t.casefold() for t in result.tags}) == len(result.tags)
    if result.recurrence is not None:
        assert result.due is not None
        assert describe_rrule(result.recurrence)
    if result.due is not None and result.due.at is not None:
        assert result.due.at.utcoffset() == timedelta(0)
    for _label, value in result.summary_lines():
        assert isinstance(value, str)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), now=nows, tz=zones)
def test_any_text_parses(text: str, now: datetime, tz: str) -> None:
    check(parse(text, now=now, tz=tz), text)


@settings(max_examples=400, deadline=None)
@given(text=soups, now=nows, tz=zones)
def test_any_mix_of_grammar_words_parses(text: str, now: datetime, tz: str) -> None:
    check(parse(text, now=now, tz=tz), text)


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_parse_verbatim_keeps_the_text(text: str) -> None:
    result = parse_verbatim(text)
    assert result == Capture(title=text.strip())


QUOTABLE = [w for w in VOCABULARY if '"' not in w and w.strip()]


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(QUOTABLE) | st.text("abc#+@!", min_size=1), min_size=1))
def test_quoting_keeps_anything_in_the_title(words: list[str]) -> None:
    text = " ".join(words)
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    result = parse(f'"{text}"', now=now, tz="UTC")
    assert result == Capture(title=" ".join(text.split()))


ADVERSARIAL = [
    "' " * 5000,
    '"a ' * 3333,
    '#"x ' * 2500,
    "every mon, " * 900,
    "every 1st 2nd " * 700,
    "\\" * 10000,
    "jan 5 2027 at 9pm " * 550,
    "a" * 10000,
    "in 9999 years " * 700,
    "9am " * 2500,
    "#a +b @c !h " * 833,
    "'" + "x " * 4999 + "'",
    "\u201c" * 10000,
    "\x00\n" * 5000,
]


def test_ten_thousand_characters_parse_in_bounded_time() -> None:
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    parse("warm up in 1 month", now=now, tz="Europe/Berlin")
    for text in ADVERSARIAL:
        text = (text * 2)[:10000]
        timings = []
        for _ in range(3):
            start = clock.perf_counter()
            parse(text, now=now, tz="Europe/Berlin")
            timings.append(clock.perf_counter() - start)
        assert min(timings) < 0.2, (text[:20], min(timings))


@settings(max_examples=30, deadline=None)
@given(words=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=50))
def test_random_ten_thousand_characters_parse_in_bounded_time(words: list[str]) -> None:
    text = (" ".join(words) + " ") * (10000 // (len(" ".join(words)) + 1) + 1)
    text = text[:10000]
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    start = clock.perf_counter()
    parse(text, now=now, tz="Europe/Berlin")
    assert clock.perf_counter() - start < 0.5


RULES = [
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,15", "FREQ=YEARLY",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYDAY=1MO",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
    "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,28,29;BYSETPOS=1,-1",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    minutes=st.none() | st.integers(0, 24 * 60 - 1),
    tz=zones,
    lag=st.integers(-400, 400),
    from_completion=st.booleans(),
)
def test_next_occurrence_is_after_the_due_and_keeps_the_clock(
    rule: str, day: date, minutes: int | None, tz: str, lag: int, from_completion: bool
) -> None:
    if minutes is None:
        due = Due.on(day)
        completed_at = datetime.combine(day + timedelta(days=lag), datetime.min.time(), UTC)
    else:
        local = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60,
                         tzinfo=ZoneInfo(tz))
        due = Due.at_local(local, tz)
        completed_at = (local + timedelta(days=lag)).astimezone(UTC)
    nxt = next_occurrence(rule, due, completed_at=completed_at, from_completion=from_completion)
    assert nxt.day > due.day
    assert nxt.has_time == due.has_time and nxt.tz == due.tz
    done_day = completed_at.astimezone(ZoneInfo(tz)).date() if due.has_time else (
        completed_at.date()
    )
    assert nxt.day > done_day
    if due.at is not None and nxt.at is not None:
        assert nxt.at > due.at
        wanted = due.local_time()
        got = nxt.local_time()
        assert wanted is not None and got is not None
        if got != wanted:  # only a time that does not exist that day may move
            naive = datetime.combine(nxt.day, wanted)
            zone = ZoneInfo(tz)
            round_trip = naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
            assert round_trip.replace(tzinfo=None) != naive
