"""Phrases people type, each with the clock, the zone and the fields it must give (issue 19).

Read by three tests: the parser itself (test_phrasebook.py), `todo-tui add --dry-run --json`
(tests/test_cli/test_phrasebook_cli.py) and the quick-capture popup's preview
(tests/test_ui/test_capture_phrasebook.py). `due` is `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (local);
`notice` is a part of one of the notices; fields not given are checked as empty.
"""

from __future__ import annotations

from dataclasses import dataclass

SUN_EVENING = "2026-12-06T20:00:00+01:00"  # the issue's clock: Sunday 6 December 2026, 20:00
SUN_AFTERNOON = "2026-12-06T14:00:00+01:00"
FRI_MORNING = "2026-11-27T10:00:00+01:00"  # Friday 27 November 2026, 10:00
MON_NEW_YORK = "2027-03-15T08:30:00-04:00"  # Monday 15 March 2027, 08:30 EDT
NEW_YEARS_EVE = "2026-12-31T23:30:00+00:00"  # Thursday 31 December 2026, 23:30 UTC
BERLIN, NEW_YORK, UTC, TOKYO = "Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo"
WORKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


@dataclass(frozen=True)
class Phrase:
    """One line typed at `now` in `zone`, and what it must be read as."""

    text: str
    now: str
    zone: str
    title: str
    due: str | None = None
    recurrence: str | None = None
    duration: int | None = None
    notice: str | None = None
    unread: tuple[str, ...] = ()
    from_completion: bool = False


def _at(now: str, zone: str, rows: list[tuple[object, ...]]) -> list[Phrase]:
    return [Phrase(str(r[0]), now, zone, str(r[1]), *r[2:]) for r in rows]  # type: ignore[arg-type]


def kw(**fields: object) -> dict[str, object]:
    return fields


# (text, title, due, recurrence, duration) -- or Phrase(...) for notices and words not read
ISSUE = _at(SUN_EVENING, BERLIN, [
    ("dentist next tue at 3", "dentist", "2026-12-08 15:00"),
    ("submit report by friday", "submit report", "2026-12-11"),
    ("review PR in 2 hours", "review PR", "2026-12-06 22:00"),
    ("meeting 3pm-4pm", "meeting", "2026-12-07 15:00", None, 60),
    ("dinner 7.30pm", "dinner", "2026-12-07 19:30"),
    ("call mom this weekend", "call mom", "2026-12-12"),
    ("shave every 2nd day", "shave", "2026-12-06", "FREQ=DAILY;INTERVAL=2"),
    ("standup weekdays at 9", "standup", "2026-12-07 09:00", WORKDAYS),
    ("review every 2 weeks starting jan 5", "review", "2027-01-05", "FREQ=WEEKLY;INTERVAL=2"),
]) + [
    Phrase("meet at 5", SUN_AFTERNOON, BERLIN, "meet", "2026-12-06 17:00"),
    Phrase("meet at 5", SUN_EVENING, BERLIN, "meet", "2026-12-07 17:00"),  # 17:00 has passed
    Phrase("thing at 13pm", SUN_EVENING, BERLIN, "thing at 13pm",
           notice="'13pm' is not a valid time"),
    Phrase("alarm 25:00", SUN_EVENING, BERLIN, "alarm 25:00", notice="'25:00' is not a valid time"),
]

SUNDAY = _at(SUN_EVENING, BERLIN, [
    # bare hours after `at`: 1-6 afternoon, 7-11 morning (the next one), 0 and 12-23 as said
    ("pay rent at 7", "pay rent", "2026-12-07 07:00"),
    ("call at 11", "call", "2026-12-06 23:00"),  # 7 to 11: 23:00 comes before 11:00
    ("lunch at 12", "lunch", "2026-12-07 12:00"),
    ("gym at 6", "gym", "2026-12-07 18:00"),
    ("bed at 23", "bed", "2026-12-06 23:00"),
    ("call at 3:30", "call", "2026-12-07 15:30"),
    ("call at 9:45", "call", "2026-12-07 09:45"),
    ("talk at 8pm", "talk", "2026-12-06 20:00"),
    ("snack at 9pm", "snack", "2026-12-06 21:00"),
    ("dentist friday at 2", "dentist", "2026-12-11 14:00"),
    ("coffee @4", "coffee", "2026-12-07 16:00"),
    # a zero-padded hour is the 24-hour clock, as written (the tryout's 04:09 read as 16:09)
    ("x at 04:09", "x", "2026-12-07 04:09"),
    ("x @04:09", "x", "2026-12-07 04:09"),
    ("x tomorrow at 05:00", "x", "2026-12-07 05:00"),
    ("x at 05:00 tomorrow", "x", "2026-12-07 05:00"),
    ("x at 06:59", "x", "2026-12-07 06:59"),
    ("x at 09", "x", "2026-12-07 09:00"),  # not `either`: 21:00 would come sooner
    ("x at 00:30", "x", "2026-12-07 00:30"),
    ("x friday at 01:15", "x", "2026-12-11 01:15"),
    # leads
    ("x by 10pm", "x", "2026-12-06 22:00"),
    ("x by tomorrow", "x", "2026-12-07"),
    ("x due friday", "x", "2026-12-11"),
    ("x due by monday", "x", "2026-12-07"),
    ("x due on dec 24", "x", "2026-12-24"),
    ("x due:eow", "x", "2026-12-06"),
    ("x due:tomorrow", "x", "2026-12-07"),
    ("x due:2027-01-15", "x", "2027-01-15"),
    ("file taxes by the 15th", "file taxes", "2026-12-15"),
    ("x on the 31st", "x", "2026-12-31"),
    ("x by the 5th", "x", "2027-01-05"),
    ("x on the 5th of january", "x", "2027-01-05"),
    # named dates (taskwarrior)
    ("x eow", "x", "2026-12-06"),
    ("x sow", "x", "2026-12-07"),
    ("x som", "x", "2027-01-01"),
    ("x eom", "x", "2026-12-31"),
    ("x eoq", "x", "2026-12-31"),
    ("x soq", "x", "2027-01-01"),
    ("x eoy", "x", "2026-12-31"),
    ("x soy", "x", "2027-01-01"),
    ("x eod", "x", "2026-12-06"),
    ("x end of week", "x", "2026-12-06"),
    ("x end of the year", "x", "2026-12-31"),
    ("x end of quarter", "x", "2026-12-31"),
    ("x end of day", "x", "2026-12-06"),
    ("x day after tomorrow", "x", "2026-12-08"),
    ("x the day after tomorrow", "x", "2026-12-08"),
    ("x overmorrow", "x", "2026-12-08"),
    # weekends
    ("x next weekend", "x", "2026-12-12"),
    ("x over the weekend", "x", "2026-12-12"),
    ("x on the weekend", "x", "2026-12-12"),
    ("x tue next week", "x", "2026-12-08"),
    # from now
    ("x in 30 minutes", "x", "2026-12-06 20:30"),
    ("x in an hour", "x", "2026-12-06 21:00"),
    ("x in half an hour", "x", "2026-12-06 20:30"),
    ("x in 90 mins", "x", "2026-12-06 21:30"),
    ("x in 2h", "x", "2026-12-06 22:00"),
    ("x in 1.5 hours", "x", "2026-12-06 21:30"),
    ("x in 5 hours", "x", "2026-12-07 01:00"),
    ("x 2 hours from now", "x", "2026-12-06 22:00"),
    ("x 3 days from now", "x", "2026-12-09"),
    ("x a week from today", "x", "2026-12-13"),
    ("x 2 weeks from tomorrow", "x", "2026-12-21"),
    # parts of the day after a date
    ("x tomorrow morning", "x", "2026-12-07 09:00"),
    ("x tomorrow afternoon", "x", "2026-12-07 15:00"),
    ("x friday evening", "x", "2026-12-11 19:00"),
    ("x tomorrow night", "x", "2026-12-07 20:00"),
    # durations
    ("x tomorrow 10am for 1 hour", "x", "2026-12-07 10:00", None, 60),
    ("x for 45 minutes", "x", None, None, 45),
    ("x for 1.5 hours", "x", None, None, 90),
    ("x for an hour", "x", None, None, 60),
    ("x for half an hour", "x", None, None, 30),
    ("x for 2h", "x", None, None, 120),
    ("x for 90 min", "x", None, None, 90),
    ("x 10am-11:30am", "x", "2026-12-07 10:00", None, 90),
    ("x 15:00-16:30", "x", "2026-12-07 15:00", None, 90),
    ("x 9-10am", "x", "2026-12-07 09:00", None, 60),
    ("x 10pm-1am", "x", "2026-12-06 22:00", None, 180),
    ("x 3pm - 4pm", "x", "2026-12-07 15:00", None, 60),
    ("x 3pm to 5pm", "x", "2026-12-07 15:00", None, 120),
    ("x from 2 to 4pm", "x", "2026-12-07 14:00", None, 120),
    ("x at 3-4pm", "x", "2026-12-07 15:00", None, 60),
    ("x 3pm\u20134pm", "x", "2026-12-07 15:00", None, 60),
    ("x 9-5", "x 9-5"),
    # repeats: Todoist's table and natural-language libraries' test phrases
    ("x every third friday", "x", "2026-12-18", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=3"),
    ("x every 3rd tuesday", "x", "2026-12-15", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3"),
    ("x every last friday of the month", "x", "2026-12-25",
     "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1"),
    ("x every first monday", "x", "2026-12-07", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1"),
    ("x every 2nd tuesday of the month", "x", "2026-12-08", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2"),
    ("x every last day of the month", "x", "2026-12-31", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("x every 14 days 7am starting 1 nov", "x", "2027-11-01 07:00", "FREQ=DAILY;INTERVAL=14"),
    ("x every day for 6 weeks", "x", "2026-12-06", "FREQ=DAILY;UNTIL=20270116T235959"),
    ("x every monday until jan 31", "x", "2026-12-07",
     "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T235959"),
    ("x every day 10 times", "x", "2026-12-06", "FREQ=DAILY;UNTIL=20261215T235959"),
    ("x every week for 3 months", "x", "2026-12-06", "FREQ=WEEKLY;UNTIL=20270305T235959"),
    ("x every day until friday", "x", "2026-12-06", "FREQ=DAILY;UNTIL=20261211T235959"),
    ("x every day starting tomorrow", "x", "2026-12-07", "FREQ=DAILY"),
    ("x every monday starting jan 5", "x", "2027-01-11", "FREQ=WEEKLY;BYDAY=MO"),
    ("x every other week", "x", "2026-12-06", "FREQ=WEEKLY;INTERVAL=2"),
    ("x every second week", "x", "2026-12-06", "FREQ=WEEKLY;INTERVAL=2"),
    ("x every third day", "x", "2026-12-06", "FREQ=DAILY;INTERVAL=3"),
    ("x every 2nd month", "x", "2026-12-06", "FREQ=MONTHLY;INTERVAL=2"),
    ("x fortnightly", "x", "2026-12-06", "FREQ=WEEKLY;INTERVAL=2"),
    ("x every fortnight", "x", "2026-12-06", "FREQ=WEEKLY;INTERVAL=2"),
    ("x quarterly", "x", "2026-12-06", "FREQ=MONTHLY;INTERVAL=3"),
    ("x every quarter", "x", "2026-12-06", "FREQ=MONTHLY;INTERVAL=3"),
    ("x each monday", "x", "2026-12-07", "FREQ=WEEKLY;BYDAY=MO"),
    ("gym mondays", "gym", "2026-12-07", "FREQ=WEEKLY;BYDAY=MO"),
    ("x weekends", "x", "2026-12-06", "FREQ=WEEKLY;BYDAY=SA,SU"),
    ("x every morning", "x", "2026-12-07 09:00", "FREQ=DAILY"),
    ("x every evening", "x", "2026-12-07 19:00", "FREQ=DAILY"),
    ("x every night", "x", "2026-12-06 20:00", "FREQ=DAILY"),
    ("x every weekday at 8", "x", "2026-12-07 08:00", WORKDAYS),
    ("x every mon and thu at 6pm", "x", "2026-12-07 18:00", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("x every 2nd", "x", "2027-01-02", "FREQ=MONTHLY;BYMONTHDAY=2"),
    ("x until friday", "x", "2026-12-11"),
    ("x every 15th of the month", "x", "2026-12-15", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("x every 1st and 15th of every month", "x", "2026-12-15", "FREQ=MONTHLY;BYMONTHDAY=1,15"),
    ("x every last friday of each month", "x", "2026-12-25", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1"),
]) + [
    Phrase("x every! 2 weeks", SUN_EVENING, BERLIN, "x", "2026-12-06", "FREQ=WEEKLY;INTERVAL=2",
           from_completion=True),
    Phrase("x someday", SUN_EVENING, BERLIN, "x", notice="no due date"),
    Phrase("x due:later", SUN_EVENING, BERLIN, "x", notice="no due date"),
    Phrase("call back later", SUN_EVENING, BERLIN, "call back later"),
    Phrase("x twice a week", SUN_EVENING, BERLIN, "x twice a week",
           notice="'twice a week' is not a repeat"),
    Phrase("x 3 times a week", SUN_EVENING, BERLIN, "x 3 times a week",
           notice="'3 times a week' is not a repeat"),
    Phrase("x every few days", SUN_EVENING, BERLIN, "x every few days",
           notice="'every few days' is not a repeat"),
    Phrase("x biweekly", SUN_EVENING, BERLIN, "x biweekly", notice="'biweekly' is not a repeat"),
    Phrase("x every 2 hours", SUN_EVENING, BERLIN, "x every 2 hours",
           notice="'every 2 hours' is not a repeat"),
    Phrase("x hourly", SUN_EVENING, BERLIN, "x hourly", notice="'hourly' is not a repeat"),
    Phrase("pills twice daily", SUN_EVENING, BERLIN, "pills twice daily",
           notice="'twice daily' is not a repeat"),
    Phrase("x every day until yesterday", SUN_EVENING, BERLIN, "x", "2026-12-06",
           notice="the repeat ends before it starts"),
    Phrase("x @13pm", SUN_EVENING, BERLIN, "x @13pm", notice="'@13pm' is not a valid time"),
    Phrase("x at 24:00", SUN_EVENING, BERLIN, "x at 24:00", notice="'24:00' is not a valid time"),
    Phrase("x at 13 pm", SUN_EVENING, BERLIN, "x at 13 pm", notice="'13 pm' is not a valid time"),
    # words that look like a date or time but are not read: named, left in the title
    Phrase("new job starting monday", SUN_EVENING, BERLIN, "new job starting", "2026-12-07"),
    Phrase("notes from tomorrow", SUN_EVENING, BERLIN, "notes from", "2026-12-07"),
    Phrase("x for 6 weeks", SUN_EVENING, BERLIN, "x for 6 weeks", unread=("for 6 weeks",)),
    Phrase("x 10:75", SUN_EVENING, BERLIN, "x 10:75", unread=("10:75",)),
    Phrase("x 23:60", SUN_EVENING, BERLIN, "x 23:60", unread=("23:60",)),
    Phrase("pay 5/6", SUN_EVENING, BERLIN, "pay 5/6", unread=("5/6",)),
    Phrase("x 12/25/2026", SUN_EVENING, BERLIN, "x 12/25/2026", unread=("12/25/2026",)),
    Phrase("x friday.", SUN_EVENING, BERLIN, "x friday.", unread=("friday.",)),
    Phrase("x 0am", SUN_EVENING, BERLIN, "x 0am", unread=("0am",)),
    Phrase("x every 3", SUN_EVENING, BERLIN, "x every 3", unread=("every",)),
    Phrase("the 15th anniversary", SUN_EVENING, BERLIN, "the 15th anniversary"),
]

FRIDAY = _at(FRI_MORNING, BERLIN, [
    ("x this evening", "x", "2026-11-27 19:00"),
    ("x this morning", "x", "2026-11-28 09:00"),
    ("x this afternoon", "x", "2026-11-27 15:00"),
    ("x in the morning", "x", "2026-11-28 09:00"),
    ("x at 9", "x", "2026-11-27 21:00"),  # at 10:00: 21:00 comes before 09:00
    ("x at 10", "x", "2026-11-27 10:00"),
    ("x at 4", "x", "2026-11-27 16:00"),
    ("x at 1:15", "x", "2026-11-27 13:15"),
    ("x by 5pm", "x", "2026-11-27 17:00"),
    ("x this weekend", "x", "2026-11-28"),
    ("x next weekend", "x", "2026-12-05"),
    ("x eow", "x", "2026-11-29"),
    ("x sow", "x", "2026-11-30"),
    ("x eoq", "x", "2026-12-31"),
    ("x som", "x", "2026-12-01"),
    ("x on the 1st", "x", "2026-12-01"),
    ("x on the 27th", "x", "2026-11-27"),
    ("x every third friday", "x", "2026-12-18", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=3"),
    ("x every last friday", "x", "2026-11-27", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1"),
    ("x every 2nd wednesday", "x", "2026-12-09", "FREQ=MONTHLY;BYDAY=WE;BYSETPOS=2"),
    ("meeting 2-3pm friday", "meeting", "2026-11-27 14:00", None, 60),
    ("x fri 3pm for 30 minutes", "x", "2026-11-27 15:00", None, 30),
    ("x in 45 minutes", "x", "2026-11-27 10:45"),
    ("x in 3 hours", "x", "2026-11-27 13:00"),
    ("x daily at 7", "x", "2026-11-28 07:00", "FREQ=DAILY"),
    ("x every weekday 9am until dec 24", "x", "2026-11-30 09:00",
     WORKDAYS + ";UNTIL=20261224T235959"),
    ("x every year starting mar 1", "x", "2027-03-01", "FREQ=YEARLY"),
    ("x every month on the 15th", "x", "2026-12-15", "FREQ=MONTHLY"),
    ("x every 6 months", "x", "2026-11-27", "FREQ=MONTHLY;INTERVAL=6"),
    ("x semiannually", "x", "2026-11-27", "FREQ=MONTHLY;INTERVAL=6"),
    ("x annually on jan 5", "x", "2027-01-05", "FREQ=YEARLY"),
    ("x every two weeks", "x", "2026-11-27", "FREQ=WEEKLY;INTERVAL=2"),
    ("x every 10 days", "x", "2026-11-27", "FREQ=DAILY;INTERVAL=10"),
    # the grammar as it was: still read the same way
    ("pay rent tomorrow 9am #home !high", "pay rent", "2026-11-28 09:00"),
    ("x next fri", "x", "2026-12-04"),
    ("x in 3 days", "x", "2026-11-30"),
    ("x jan 5", "x", "2027-01-05"),
    ("x 5pm", "x", "2026-11-27 17:00"),
    ("x every weekday", "x", "2026-11-27", WORKDAYS),
    ("x every 15th", "x", "2026-12-15", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("x tonight", "x", "2026-11-27 20:00"),
    ("buy 3 apples", "buy 3 apples"),
    ("buy may tickets", "buy may tickets"),
])

NEW_YORK_MONDAY = _at(MON_NEW_YORK, NEW_YORK, [
    ("x at 9", "x", "2027-03-15 09:00"),
    ("x at 8", "x", "2027-03-15 20:00"),  # at 08:30: 20:00 comes before 08:00
    ("x at 5", "x", "2027-03-15 17:00"),
    ("x eoq", "x", "2027-03-31"),
    ("x soq", "x", "2027-04-01"),
    ("x eow", "x", "2027-03-21"),
    ("x this weekend", "x", "2027-03-20"),
    ("x next weekend", "x", "2027-03-27"),
    ("x in 2 hours", "x", "2027-03-15 10:30"),
    ("x 7.30pm", "x", "2027-03-15 19:30"),
    ("x 7:30 p.m.", "x", "2027-03-15 19:30"),
    ("x every first monday of the month", "x", "2027-04-05",
     "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1"),
    ("x every last day", "x", "2027-03-31", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("x weekdays at 9", "x", "2027-03-15 09:00", WORKDAYS),
    ("x every 2nd day starting tomorrow", "x", "2027-03-16", "FREQ=DAILY;INTERVAL=2"),
    ("x every week until may 1", "x", "2027-03-15", "FREQ=WEEKLY;UNTIL=20270501T235959"),
    ("x 3pm-4pm tomorrow", "x", "2027-03-16 15:00", None, 60),
    ("x 11am-1pm", "x", "2027-03-15 11:00", None, 120),
    ("x by the weekend", "x", "2027-03-20"),
    ("x 2 days from now", "x", "2027-03-17"),
    ("x a month from now", "x", "2027-04-15"),
    ("x overmorrow", "x", "2027-03-17"),
])

YEAR_END = _at(NEW_YEARS_EVE, UTC, [
    ("x tomorrow", "x", "2027-01-01"),
    ("x in 1 hour", "x", "2027-01-01 00:30"),
    ("x eoy", "x", "2026-12-31"),
    ("x soy", "x", "2027-01-01"),
    ("x som", "x", "2027-01-01"),
    ("x eom", "x", "2026-12-31"),
    ("x eoq", "x", "2026-12-31"),
    ("x next weekend", "x", "2027-01-09"),
    ("x this weekend", "x", "2027-01-02"),
    ("x at 11", "x", "2027-01-01 11:00"),
    ("x at 2", "x", "2027-01-01 14:00"),
    ("x every third friday", "x", "2027-01-15", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=3"),
    ("x midnight", "x", "2027-01-01 00:00"),
    ("x 11:45pm", "x", "2026-12-31 23:45"),
    ("x 10pm-2am", "x", "2027-01-01 22:00", None, 240),
    ("x every day for 2 weeks", "x", "2026-12-31", "FREQ=DAILY;UNTIL=20270113T235959"),
    ("x every month 3 times", "x", "2026-12-31",
     "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270228T235959"),
])

TOKYO_EVENING = _at(SUN_EVENING, TOKYO, [  # 04:00 on Monday 7 December in Tokyo
    ("x at 5", "x", "2026-12-07 17:00"),
    ("x in 2 hours", "x", "2026-12-07 06:00"),
    ("x today", "x", "2026-12-07"),
    ("x this weekend", "x", "2026-12-12"),
    ("x at 9", "x", "2026-12-07 09:00"),
])

PHRASES: list[Phrase] = ISSUE + SUNDAY + FRIDAY + NEW_YORK_MONDAY + YEAR_END + TOKYO_EVENING


def check_json(phrase: Phrase, got: dict[str, object]) -> list[str]:
    """What differs between `todo-tui add --dry-run --json`'s object and the phrase's fields."""
    due = got["due"]
    if isinstance(due, str) and "T" in due:
        due = due[:10] + " " + due[11:16]
    notices = [str(n) for n in got["notices"]]  # type: ignore[attr-defined]
    wanted = {
        "title": phrase.title, "due": phrase.due, "recurrence": phrase.recurrence,
        "duration_minutes": phrase.duration, "unread": list(phrase.unread),
        "recurrence_from_completion": phrase.from_completion,
    }  # fmt: skip
    found = {**{k: got[k] for k in wanted}, "due": due}
    problems = [f"{k}: {found[k]!r}, wanted {v!r}" for k, v in wanted.items() if found[k] != v]
    if phrase.notice is None and notices:
        problems.append(f"notices {notices!r}, wanted none")
    if phrase.notice is not None and not any(phrase.notice in n for n in notices):
        problems.append(f"notices {notices!r}, wanted one with {phrase.notice!r}")
    return problems
