"""Due dates beyond the calendar words of dates.py: leads (`by friday`, `due:eow`), named dates
(taskwarrior's `eow`, `som`, `eoq`, `someday`), weekends, `the 15th`, moments from now
(`in 2 hours`, `3 days from now`) and a part of the day after a date (`tomorrow evening`)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from todo_tui.recurrence.words import MONTHS, RELATIVE_DAYS, WEEKDAYS, days_in_month

from .dates import (
    NUMBER_WORDS,
    DateKind,
    DateSpec,
    Invalid,
    Words,
    add_months,
    add_years,
    core_date,
    count,
    month_end,
    ordinal,
    word_at,
)
from .times import PARTS_OF_DAY
from .week import in_next_week

Found = tuple[int, DateSpec] | Invalid | None

_LEADS = ("on", "by", "due")
_DUE_PREFIX = "due:"
_MINUTES = {
    "minute": 1, "minutes": 1, "min": 1, "mins": 1, "m": 1,
    "hour": 60, "hours": 60, "hr": 60, "hrs": 60, "h": 60,
}  # fmt: skip
_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_MONTHS = {"month": 1, "months": 1, "year": 12, "years": 12}
_GLUED = re.compile(r"([0-9]{1,4})(m|min|mins|h|hr|hrs)")
_DECIMAL = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}")
_FROM = {"now": 0, "today": 0, "tomorrow": 1}

# the words a date may start with (besides numbers and due:x): phrases.py's fast path
FIRST_WORDS = frozenset({
    *_LEADS, *RELATIVE_DAYS, *WEEKDAYS, *MONTHS, *NUMBER_WORDS, "tonight", "this", "next", "in",
    "end", "eom", "eod", "eow", "sow", "som", "eoq", "soq", "eoy", "soy", "someday", "later",
    "the", "day", "overmorrow", "over", "at", "a", "an", "half",
})  # fmt: skip

SOMEDAY = DateSpec(DateKind.FIXED)  # no day: the task has no due date (taskwarrior, Things)


def _fixed(day: date) -> DateSpec:
    return DateSpec(DateKind.FIXED, day=day)


def _quarter_end(today: date) -> date:
    return month_end(date(today.year, (today.month - 1) // 3 * 3 + 3, 1))


def _named(word: str, today: date) -> DateSpec | None:
    """One-word named dates (taskwarrior): the end or start of the week, month, quarter, year."""
    monday = today - timedelta(days=today.weekday())
    if word == "eod":
        return _fixed(today)
    if word == "eow":
        return _fixed(monday + timedelta(days=6))
    if word == "sow":
        return _fixed(monday + timedelta(days=7))
    if word == "som":
        return _fixed(add_months(today.replace(day=1), 1))
    if word == "eoq":
        return _fixed(_quarter_end(today))
    if word == "soq":
        return _fixed(_quarter_end(today) + timedelta(days=1))
    if word == "eoy":
        return _fixed(date(today.year, 12, 31))
    if word == "soy":
        return _fixed(date(today.year + 1, 1, 1))
    if word in ("someday", "later"):
        return SOMEDAY
    return None


_END_OF = {"day": "eod", "week": "eow", "quarter": "eoq", "year": "eoy"}


def _phrases(words: Words, start: int, today: date) -> tuple[int, DateSpec] | None:
    """Several-word named dates: `end of week`, `day after tomorrow`, weekends, `tue next week`."""
    word = word_at(words, start)
    second = word_at(words, start + 1)
    if word == "end" and second == "of":
        skip = 1 if word_at(words, start + 2) == "the" else 0
        what = word_at(words, start + 2 + skip)
        if what in _END_OF:
            spec = _named(_END_OF[what], today)
            return None if spec is None else (3 + skip, spec)
        return None
    lead = 1 if word == "the" else 0
    if word_at(words, start + lead) == "day" and word_at(words, start + lead + 1) == "after":
        if word_at(words, start + lead + 2) == "tomorrow":
            return lead + 3, _fixed(today + timedelta(days=2))
        return None
    if word == "overmorrow":
        return 1, _fixed(today + timedelta(days=2))
    lead = 1 if word in ("over", "at") and second == "the" else 0
    first = word_at(words, start + lead)
    if word_at(words, start + lead + 1) == "weekend":
        if first in ("this", "the"):
            return lead + 2, DateSpec(DateKind.WEEKDAY, weekday=5)
        if first == "next" and not lead:  # the Saturday of the week after this one
            return 2, _fixed(in_next_week(today, 5))
        return None
    if word in WEEKDAYS and second == "next" and word_at(words, start + 2) == "week":
        return 3, _fixed(in_next_week(today, WEEKDAYS[word]))
    return None


def _nth_of_month(day: int, today: date) -> date:
    """The next day numbered `day` in a month that has it, today included."""
    year, month = today.year, today.month
    while True:
        if day <= days_in_month(year, month) and date(year, month, day) >= today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _amount(words: Words, start: int) -> tuple[int, float] | None:
    """`2`, `two`, `a`, `an`, `half an`, `1.5`: (words used, amount)."""
    word = word_at(words, start)
    if word in ("a", "an"):
        return 1, 1
    if word == "half" and word_at(words, start + 1) in ("a", "an"):
        return 2, 0.5
    if word is not None and _DECIMAL.fullmatch(word):
        return 1, float(word)
    value = count(word)
    return None if value is None else (1, value)


def _span(words: Words, start: int) -> tuple[int, str, float] | None:
    """An amount and a unit: (length, unit, amount); `2h`, `30m` are one word."""
    glued = _GLUED.fullmatch(word_at(words, start) or "")
    if glued is not None:
        return 1, glued.group(2), int(glued.group(1))
    amount = _amount(words, start)
    if amount is None:
        return None
    unit = word_at(words, start + amount[0])
    if unit is None or not (unit in _MINUTES or unit in _DAYS or unit in _MONTHS):
        return None
    return amount[0] + 1, unit, amount[1]


def minutes_of(words: Words, start: int) -> tuple[int, int] | None:
    """A length of time in minutes or hours (`45 minutes`, `1.5 hours`, `an hour`, `2h`)."""
    span = _span(words, start)
    if span is None or span[1] not in _MINUTES:
        return None
    minutes = round(span[2] * _MINUTES[span[1]])
    return None if minutes < 1 else (span[0], minutes)


def _later(now: datetime, minutes: float) -> DateSpec:
    """Elapsed time, not wall-clock time: `in 2 hours` across a DST change is 2 real hours."""
    later = (now.astimezone(UTC) + timedelta(minutes=round(minutes))).astimezone(now.tzinfo)
    later = later.replace(second=0, microsecond=0)
    return DateSpec(DateKind.FIXED, day=later.date(), default_time=later.time())


def _moment(words: Words, start: int, now: datetime) -> tuple[int, DateSpec] | None:
    """`in 2 hours`, `in 30 minutes`, `in half an hour`, `3 days from now`, `a week from today`."""
    lead = 1 if word_at(words, start) == "in" else 0
    span = _span(words, start + lead)
    if span is None:
        return None
    length, unit, amount = span[0] + lead, span[1], span[2]
    if lead:  # whole days and longer after `in` are dates.py's
        return (length, _later(now, amount * _MINUTES[unit])) if unit in _MINUTES else None
    base = word_at(words, start + length + 1)
    if word_at(words, start + length) != "from" or base not in _FROM:
        return None
    length += 2
    if unit in _MINUTES:
        return (length, _later(now, amount * _MINUTES[unit])) if base == "now" else None
    if amount != int(amount):
        return None
    origin = now.date() + timedelta(days=_FROM[base])
    if unit in _DAYS:
        return length, _fixed(origin + timedelta(days=int(amount) * _DAYS[unit]))
    months = int(amount) * _MONTHS[unit]
    moved = add_years(origin, months // 12) if months % 12 == 0 else add_months(origin, months)
    return length, _fixed(moved)


def _bare(words: Words, start: int, now: datetime, *, led: bool) -> Found:
    today = now.date()
    phrase = _phrases(words, start, today)  # first: `tue next week` is not `tue`
    if phrase is not None:
        return phrase
    found = core_date(words, start, today)
    if found is not None:
        return found
    word = word_at(words, start)
    if word is None:
        return None
    spec = _named(word, today)
    if spec is not None and (word != "later" or led):  # `later` alone is an ordinary word
        return 1, spec
    if led and word == "the":  # `on the 15th`, `by the 5th of june`
        day = ordinal(word_at(words, start + 1))
        if day is not None and word_at(words, start + 2) != "of":
            return 2, _fixed(_nth_of_month(day, today))
        inner = core_date(words, start + 1, today)
        return None if inner is None or isinstance(inner, Invalid) else (inner[0] + 1, inner[1])
    return _moment(words, start, now)


def match_when(words: Words, start: int, now: datetime) -> Found:
    """A due date at `start`, optionally led by `on`, `by`, `due` or `due:`: (length, spec)."""
    word = word_at(words, start)
    if word is None:
        return None
    if word.startswith(_DUE_PREFIX) and len(word) > len(_DUE_PREFIX):
        inner = _bare([word[len(_DUE_PREFIX) :]], 0, now, led=True)
        return inner if inner is None or isinstance(inner, Invalid) else (1, inner[1])
    lead = 0
    if word in _LEADS:
        lead = 2 if word == "due" and word_at(words, start + 1) in ("on", "by") else 1
    try:
        found = _bare(words, start + lead, now, led=lead > 0)
    except (OverflowError, ValueError):  # arithmetic past year 9999
        return None
    if found is None:
        return None
    if isinstance(found, Invalid):
        return Invalid(found.length + lead, found.notice)
    length, spec = found[0] + lead, found[1]
    part = word_at(words, start + length)
    if spec.default_time is None and part in PARTS_OF_DAY and part != "tonight":
        return length + 1, replace(spec, default_time=PARTS_OF_DAY[part])
    return length, spec
