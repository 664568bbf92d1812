"""Table-driven tests of the quick-capture grammar, with `now` frozen on Fri 27 Nov 2026 10:00."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from todo_tui.capture import Capture, CaptureError, parse, parse_verbatim
from todo_tui.domain import Due, Priority

BERLIN = "Europe/Berlin"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo(BERLIN))  # a Friday


def on(year: int, month: int, day: int) -> Due:
    return Due.on(date(year, month, day))


def at(year: int, month: int, day: int, hour: int, minute: int = 0, tz: str = BERLIN) -> Due:
    return Due.at_local(datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)), tz)


def cap(text: str, now: datetime = NOW, tz: str = BERLIN, categories: Iterable[str] = ()
        ) -> Capture:
    return parse(text, now=now, tz=tz, categories=categories)


def test_headline() -> None:
    got = cap("pay rent tomorrow 9am #home !high every month // ref 42")
    assert got == Capture(
        title="pay rent",
        notes="ref 42",
        category="home",
        category_is_new=True,
        priority=Priority.HIGH,
        due=at(2026, 11, 28, 9),
        recurrence="FREQ=MONTHLY",
    )
    assert got.due is not None and got.due.at == datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    assert got.due.tz == BERLIN
    assert got.summary_lines() == [
        ("Title", "pay rent"),
        ("Due", "Sat 28 Nov 09:00"),
        ("Category", "home (new)"),
        ("Priority", "high"),
        ("Repeats", "every month"),
        ("Notes", "ref 42"),
    ]


# (text, expected Capture). `now` is Fri 27 Nov 2026 10:00 in Europe/Berlin.
CASES: list[tuple[str, Capture]] = [
    # categories, tags
    ("call mum #home", Capture("call mum", category="home", category_is_new=True)),
    ('ask #"two words" x', Capture("ask x", category="two words", category_is_new=True)),
    ("x #a #b", Capture("x", category="b", category_is_new=True,
                        notices=("several categories given; using the last one, b",))),
    ("#work-stuff/q4 plan", Capture("plan", category="work-stuff/q4", category_is_new=True)),
    ("buy milk +errand @Shop +ERRAND", Capture("buy milk", tags=("errand", "Shop"))),
    ("+1 agreed @ + #", Capture("+1 agreed @ + #")),
    ("fix #42 now", Capture("fix #42 now")),
    # priorities
    ("a !high", Capture("a", priority=Priority.HIGH)),
    ("a !h", Capture("a", priority=Priority.HIGH)),
    ("a !1", Capture("a", priority=Priority.HIGH)),
    ("a p1", Capture("a", priority=Priority.HIGH)),
    ("a P1", Capture("a", priority=Priority.HIGH)),
    ("a !medium", Capture("a", priority=Priority.MEDIUM)),
    ("a !m", Capture("a", priority=Priority.MEDIUM)),
    ("a !2", Capture("a", priority=Priority.MEDIUM)),
    ("a p2", Capture("a", priority=Priority.MEDIUM)),
    ("a !low", Capture("a", priority=Priority.LOW)),
    ("a !l", Capture("a", priority=Priority.LOW)),
    ("a !3", Capture("a", priority=Priority.LOW)),
    ("a p3", Capture("a", priority=Priority.LOW)),
    ("a p1 p4", Capture("a", priority=Priority.NONE)),
    ("a !low !high", Capture("a", priority=Priority.HIGH)),
    ("a !important p5", Capture("a !important p5")),
    # relative days
    ("x today", Capture("x", due=on(2026, 11, 27))),
    ("x tod", Capture("x", due=on(2026, 11, 27))),
    ("x tomorrow", Capture("x", due=on(2026, 11, 28))),
    ("x tom", Capture("x", due=on(2026, 11, 28))),
    ("x yesterday", Capture("x", due=on(2026, 11, 26))),
    ("x tonight", Capture("x", due=at(2026, 11, 27, 20))),
    ("x tonight 11pm", Capture("x", due=at(2026, 11, 27, 23))),
    ("x TOMORROW", Capture("x", due=on(2026, 11, 28))),
    # weekdays
    ("x fri", Capture("x", due=on(2026, 11, 27))),
    ("x friday", Capture("x", due=on(2026, 11, 27))),
    ("x this fri", Capture("x", due=on(2026, 11, 27))),
    ("x on fri", Capture("x", due=on(2026, 11, 27))),
    ("x sat", Capture("x", due=on(2026, 11, 28))),
    ("x mon", Capture("x", due=on(2026, 11, 30))),
    ("x thursday", Capture("x", due=on(2026, 12, 3))),
    ("x next friday", Capture("x", due=on(2026, 12, 4))),
    ("x next sat", Capture("x", due=on(2026, 12, 5))),
    ("x next mon", Capture("x", due=on(2026, 11, 30))),
    ("x fri 9am", Capture("x", due=at(2026, 12, 4, 9))),  # 09:00 today has passed
    ("x fri 11am", Capture("x", due=at(2026, 11, 27, 11))),
    # relative periods
    ("x next week", Capture("x", due=on(2026, 11, 30))),
    ("x next month", Capture("x", due=on(2026, 12, 1))),
    ("x next year", Capture("x", due=on(2027, 1, 1))),
    ("x in 3 days", Capture("x", due=on(2026, 11, 30))),
    ("x in 1 day", Capture("x", due=on(2026, 11, 28))),
    ("x in 2 weeks", Capture("x", due=on(2026, 12, 11))),
    ("x in a week", Capture("x", due=on(2026, 12, 4))),
    ("x in 1 month", Capture("x", due=on(2026, 12, 27))),
    ("x in two years", Capture("x", due=on(2028, 11, 27))),
    ("x end of month", Capture("x", due=on(2026, 11, 30))),
    ("x end of the month", Capture("x", due=on(2026, 11, 30))),
    ("x eom", Capture("x", due=on(2026, 11, 30))),
    # calendar dates
    ("x jan 5", Capture("x", due=on(2027, 1, 5))),
    ("x 5 jan", Capture("x", due=on(2027, 1, 5))),
    ("x january 5th", Capture("x", due=on(2027, 1, 5))),
    ("x 5th of january", Capture("x", due=on(2027, 1, 5))),
    ("x on 5th jan", Capture("x", due=on(2027, 1, 5))),
    ("x dec 25", Capture("x", due=on(2026, 12, 25))),
    ("x nov 27", Capture("x", due=on(2026, 11, 27))),  # today's date is today
    ("x nov 26", Capture("x", due=on(2027, 11, 26))),
    ("x nov 27 9am", Capture("x", due=at(2026, 11, 27, 9))),  # an explicit date never rolls
    ("x jan 5 2028", Capture("x", due=on(2028, 1, 5))),
    ("x jan 5, 2028", Capture("x", due=on(2028, 1, 5))),
    ("x 5 jan 2025", Capture("x", due=on(2025, 1, 5))),
    ("x 2026-12-01", Capture("x", due=on(2026, 12, 1))),
    ("x may 5", Capture("x", due=on(2027, 5, 5))),
    ("x feb 29", Capture("x", due=on(2028, 2, 29))),
    # times
    ("x 9am", Capture("x", due=at(2026, 11, 28, 9))),  # passed: tomorrow
    ("x 11am", Capture("x", due=at(2026, 11, 27, 11))),
    ("x 10am", Capture("x", due=at(2026, 11, 27, 10))),  # exactly now: not passed
    ("x 5pm", Capture("x", due=at(2026, 11, 27, 17))),
    ("x 5PM", Capture("x", due=at(2026, 11, 27, 17))),
    ("x 5:30pm", Capture("x", due=at(2026, 11, 27, 17, 30))),
    ("x 5 pm", Capture("x", due=at(2026, 11, 27, 17))),
    ("x 5 p.m.", Capture("x", due=at(2026, 11, 27, 17))),
    ("x 17:30", Capture("x", due=at(2026, 11, 27, 17, 30))),
    ("x 9:05", Capture("x", due=at(2026, 11, 28, 9, 5))),
    ("x at 9", Capture("x", due=at(2026, 11, 27, 21))),  # 7 to 11: whichever comes next
    ("x at 11", Capture("x", due=at(2026, 11, 27, 11))),
    ("x at 5pm", Capture("x", due=at(2026, 11, 27, 17))),
    ("x @5pm", Capture("x", due=at(2026, 11, 27, 17))),
    ("x noon", Capture("x", due=at(2026, 11, 27, 12))),
    ("x at noon", Capture("x", due=at(2026, 11, 27, 12))),
    ("x midnight", Capture("x", due=at(2026, 11, 28, 0))),
    ("x 12am", Capture("x", due=at(2026, 11, 28, 0))),
    ("x 12pm", Capture("x", due=at(2026, 11, 27, 12))),
    ("x tomorrow at noon", Capture("x", due=at(2026, 11, 28, 12))),
    ("x at 9 on jan 5", Capture("x", due=at(2027, 1, 5, 9))),
    ("x 9am tomorrow", Capture("x", due=at(2026, 11, 28, 9))),
    ("x tomorrow buy 17:30", Capture("x buy", due=at(2026, 11, 28, 17, 30))),
    # words that must not parse
    ("buy may tickets", Capture("buy may tickets")),
    ("march on", Capture("march on")),
    ("second place", Capture("second place")),
    ("learn C# basics", Capture("learn C# basics")),
    ("mail a@b.com", Capture("mail a@b.com")),
    ("read https://x/#frag", Capture("read https://x/#frag")),
    ("buy 3 apples", Capture("buy 3 apples")),
    ("meet at the station", Capture("meet at the station")),
    ("at", Capture("at")),
    ("on", Capture("on")),
    ("next", Capture("next")),
    ("every", Capture("every")),
    ("every 3", Capture("every 3")),
    ("in 3 apples", Capture("in 3 apples")),
    ("gate at 25", Capture("gate at 25")),
    ("10:75 13pm 0am", Capture("10:75 13pm 0am")),
    ("pay 12/01", Capture("pay 12/01")),
    ("end of story", Capture("end of story")),
    ("tomorrow.", Capture("tomorrow.")),
    ("jan 5, then", Capture("jan 5, then")),
    ("party feb 30", Capture("party feb 30",
                           notices=("'feb 30' is not a date; left in the title",))),
    ("x 2026-02-30", Capture("x 2026-02-30",
                             notices=("'2026-02-30' is not a date; left in the title",))),
    ("x on feb 30 5pm", Capture("x on feb 30", due=at(2026, 11, 27, 17),
                                notices=("'feb 30' is not a date; left in the title",))),
    ("x feb 29 2027", Capture("x feb 29 2027",
                              notices=("'feb 29 2027' is not a date; left in the title",))),
    # recurrence
    ("x every day", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=DAILY")),
    ("x daily", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=DAILY")),
    ("x every 3 days", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=DAILY;INTERVAL=3")),
    ("x every other day",
     Capture("x", due=on(2026, 11, 27), recurrence="FREQ=DAILY;INTERVAL=2")),
    ("x every weekday",
     Capture("x", due=on(2026, 11, 27), recurrence="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")),
    ("x every weekend", Capture("x", due=on(2026, 11, 28), recurrence="FREQ=WEEKLY;BYDAY=SA,SU")),
    ("x every monday", Capture("x", due=on(2026, 11, 30), recurrence="FREQ=WEEKLY;BYDAY=MO")),
    ("x every mondays", Capture("x", due=on(2026, 11, 30), recurrence="FREQ=WEEKLY;BYDAY=MO")),
    ("x every fri", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=WEEKLY;BYDAY=FR")),
    ("x every fri 9am", Capture("x", due=at(2026, 12, 4, 9), recurrence="FREQ=WEEKLY;BYDAY=FR")),
    ("x every fri 11am",
     Capture("x", due=at(2026, 11, 27, 11), recurrence="FREQ=WEEKLY;BYDAY=FR")),
    ("x every mon, wed",
     Capture("x", due=on(2026, 11, 30), recurrence="FREQ=WEEKLY;BYDAY=MO,WE")),
    ("x every wed,mon and sat",
     Capture("x", due=on(2026, 11, 28), recurrence="FREQ=WEEKLY;BYDAY=MO,WE,SA")),
    ("x every other monday",
     Capture("x", due=on(2026, 11, 30), recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")),
    ("x every week", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=WEEKLY")),
    ("x weekly", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=WEEKLY")),
    ("x every 2 weeks",
     Capture("x", due=on(2026, 11, 27), recurrence="FREQ=WEEKLY;INTERVAL=2")),
    ("x every month", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=MONTHLY")),
    ("x monthly", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=MONTHLY")),
    ("x every year", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=YEARLY")),
    ("x yearly", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=YEARLY")),
    ("x annually", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=YEARLY")),
    ("x every 15th",
     Capture("x", due=on(2026, 12, 15), recurrence="FREQ=MONTHLY;BYMONTHDAY=15")),
    ("x every 27th",
     Capture("x", due=on(2026, 11, 27), recurrence="FREQ=MONTHLY;BYMONTHDAY=27")),
    ("x every 1st and 15th",
     Capture("x", due=on(2026, 12, 1), recurrence="FREQ=MONTHLY;BYMONTHDAY=1,15")),
    # RFC 5545 skips a month without the day; ours falls on its last day, spelled so
    ("x every 31st",
     Capture("x", due=on(2026, 11, 30), recurrence="FREQ=MONTHLY;BYMONTHDAY=-1")),
    ("x every 30th",
     Capture("x", due=on(2026, 11, 30),
             recurrence="FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1")),
    ("x every 1st and 29th",
     Capture("x", due=on(2026, 11, 29),
             recurrence="FREQ=MONTHLY;BYMONTHDAY=1,28,29;BYSETPOS=1,-1")),
    ("x every last day",
     Capture("x", due=on(2026, 11, 30), recurrence="FREQ=MONTHLY;BYMONTHDAY=-1")),
    ("x every jan 5",
     Capture("x", due=on(2027, 1, 5), recurrence="FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5")),
    ("x every day 9am", Capture("x", due=at(2026, 11, 28, 9), recurrence="FREQ=DAILY")),
    ("x every day at 11", Capture("x", due=at(2026, 11, 27, 11), recurrence="FREQ=DAILY")),
    ("x every month 9am", Capture("x", due=at(2026, 12, 27, 9), recurrence="FREQ=MONTHLY")),
    ("x every! 3 days", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=DAILY;INTERVAL=3",
                                recurrence_from_completion=True)),
    ("x every! week", Capture("x", due=on(2026, 11, 27), recurrence="FREQ=WEEKLY",
                              recurrence_from_completion=True)),
    ("x jan 31 every month",
     Capture("x", due=on(2027, 1, 31), recurrence="FREQ=MONTHLY;BYMONTHDAY=-1")),
    ("x jan 30 every month", Capture("x", due=on(2027, 1, 30),
                                     recurrence="FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1")),
    ("x feb 29 every year",
     Capture("x", due=on(2028, 2, 29), recurrence="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1")),
    ("x tomorrow every week", Capture("x", due=on(2026, 11, 28), recurrence="FREQ=WEEKLY")),
    # notes
    ("call bank // ref 42 #not parsed tomorrow",
     Capture("call bank", notes="ref 42 #not parsed tomorrow")),
    ("a//b and a // ", Capture("a//b and a")),
    ("// only  notes ", Capture("", notes="only  notes")),
    ('"a // b" c // d', Capture("a // b c", notes="d")),
    # escapes and quotes
    ('fix "#42" soon', Capture("fix #42 soon")),
    ("plan 'next friday' party", Capture("plan next friday party")),
    ("\\#hashtag idea", Capture("#hashtag idea")),
    ("\\tomorrow never dies", Capture("tomorrow never dies")),
    ("\\sat down", Capture("sat down")),
    ('say "hi  there", ok', Capture("say hi there, ok")),
    ("'twas night", Capture("'twas night")),
    ("don't stop", Capture("don't stop")),
    ('"unclosed tomorrow', Capture('"unclosed', due=on(2026, 11, 28))),
    ('""', Capture('""')),
    ("\\", Capture("\\")),
    ("\u201cnext week\u201d smart quotes", Capture("next week smart quotes")),
    # whitespace and empty titles
    ("", Capture("")),
    ("   \t\n ", Capture("")),
    ("  a \t  b\n c ", Capture("a b c")),
    ("tomorrow", Capture("", due=on(2026, 11, 28))),
    ("#home !high", Capture("", category="home", category_is_new=True, priority=Priority.HIGH)),
    # several of a kind: the last counts, the earlier stays in the title
    ("move mon to fri", Capture("move mon to", due=on(2026, 11, 27),
                                notices=("several dates given; using the last one",))),
    ("x 5pm or 6pm", Capture("x 5pm or", due=at(2026, 11, 27, 18),
                             notices=("several times given; using the last one",))),
    ("x daily every week", Capture("x daily", due=on(2026, 11, 27), recurrence="FREQ=WEEKLY",
                                   notices=("several repeat rules given; using the last one",))),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_grammar(text: str, expected: Capture) -> None:
    assert cap(text) == expected


@pytest.mark.parametrize(
    ("text", "categories", "category", "is_new"),
    [
        ("x #HOME", ("Home", "Work"), "Home", False),
        ("x #home", ("Home",), "Home", False),
        ("x #Hom", ("Home",), "Hom", True),
        ('x #"two WORDS"', ("Two Words",), "Two Words", False),
        ('x #"  two   words "', ("Two Words",), "Two Words", False),
        ("x #café", ("CAFÉ",), "CAFÉ", False),
    ],
)
def test_existing_categories(
    text: str, categories: tuple[str, ...], category: str, is_new: bool
) -> None:
    got = cap(text, categories=categories)
    assert (got.title, got.category, got.category_is_new) == ("x", category, is_new)


def test_year_wrap() -> None:
    now = datetime(2026, 12, 27, 15, 0, tzinfo=ZoneInfo(BERLIN))
    assert cap("x jan 5", now=now).due == on(2027, 1, 5)
    assert cap("x dec 27", now=now).due == on(2026, 12, 27)
    assert cap("x dec 26", now=now).due == on(2027, 12, 26)
    assert cap("x next month", now=now).due == on(2027, 1, 1)
    assert cap("x next week", now=now).due == on(2026, 12, 28)
    assert cap("x in 1 week", now=now).due == on(2027, 1, 3)


def test_just_before_midnight() -> None:
    now = datetime(2026, 11, 27, 23, 59, tzinfo=ZoneInfo(BERLIN))
    assert cap("x 9am", now=now).due == at(2026, 11, 28, 9)
    assert cap("x 23:58", now=now).due == at(2026, 11, 28, 23, 58)
    assert cap("x 11:59pm", now=now).due == at(2026, 11, 27, 23, 59)
    assert cap("x midnight", now=now).due == at(2026, 11, 28, 0)
    assert cap("x today", now=now).due == on(2026, 11, 27)


def test_now_in_another_zone_is_read_in_the_local_zone() -> None:
    now = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # 00:30 on Sat 28 Nov in Berlin
    assert cap("x today", now=now).due == on(2026, 11, 28)
    assert cap("x 9am", now=now).due == at(2026, 11, 28, 9)
    new_york = cap("x today", now=now, tz="America/New_York")
    assert new_york.due == on(2026, 11, 27)
    assert cap("x 9pm", now=now, tz="America/New_York").due == at(
        2026, 11, 27, 21, tz="America/New_York"
    )


def test_month_ends_and_leap_years() -> None:
    jan31 = datetime(2027, 1, 31, 8, 0, tzinfo=ZoneInfo(BERLIN))
    assert cap("x in 1 month", now=jan31).due == on(2027, 2, 28)
    assert cap("x end of month", now=jan31).due == on(2027, 1, 31)
    leap = datetime(2028, 1, 31, 8, 0, tzinfo=ZoneInfo(BERLIN))
    assert cap("x in 1 month", now=leap).due == on(2028, 2, 29)
    assert cap("x next month", now=leap).due == on(2028, 2, 1)
    assert cap("x every month", now=jan31).recurrence == "FREQ=MONTHLY;BYMONTHDAY=-1"
    feb29 = datetime(2028, 2, 29, 8, 0, tzinfo=ZoneInfo(BERLIN))
    assert cap("x eom", now=feb29).due == on(2028, 2, 29)
    assert cap("x in 1 year", now=feb29).due == on(2029, 2, 28)
    assert cap("x feb 29", now=feb29).due == on(2028, 2, 29)
    assert cap("x every year", now=feb29).recurrence == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    assert cap("x 2028-02-29").due == on(2028, 2, 29)


def test_summary_lines_show_the_year_only_when_it_differs() -> None:
    got = cap("x jan 5 17:30 +a @b p3 every! jan 5")
    assert got.summary_lines() == [
        ("Title", "x"),
        ("Due", "Tue 5 Jan 2027 17:30"),
        ("Priority", "low"),
        ("Tags", "a, b"),
        ("Repeats", "every 5 January (from completion)"),
    ]
    assert cap("x #Home", categories=["home"]).summary_lines() == [
        ("Title", "x"),
        ("Category", "home"),
    ]


def test_parse_verbatim() -> None:
    text = "  pay rent tomorrow #home !high // x  "
    assert parse_verbatim(text) == Capture("pay rent tomorrow #home !high // x")
    assert parse_verbatim(text).summary_lines() == [
        ("Title", "pay rent tomorrow #home !high // x")
    ]


def test_bad_arguments() -> None:
    with pytest.raises(CaptureError):
        parse("x", now=NOW, tz="Not/AZone")
    with pytest.raises(CaptureError):
        parse("x", now=datetime(2026, 11, 27, 10, 0), tz=BERLIN)
    assert issubclass(CaptureError, ValueError)


def test_dates_near_the_end_of_time_do_not_raise() -> None:
    end = datetime(9999, 12, 31, 12, 0, tzinfo=UTC)
    got = cap("x next week in 3 days tomorrow every day 9999-12-31", now=end, tz="UTC")
    assert got.due == on(9999, 12, 31)
    overflow = cap("x tomorrow", now=end, tz="UTC")
    assert overflow.title == "x tomorrow" and overflow.due is None
