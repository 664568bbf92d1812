"""Date and time phrases of the quick-capture grammar (day and month words: recurrence.words)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from todo_tui.recurrence.words import MONTHS, RELATIVE_DAYS, WEEKDAYS, days_in_month

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

# A run of lowercased words; None marks a quoted or escaped word, which no phrase may use.
Words = Sequence[str | None]

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

TONIGHT = time(20, 0)
MAX_COUNT = 9999  # the largest N in `in N days` / `every N days`

_ORDINAL = re.compile(r"([0-9]{1,2})(st|nd|rd|th)")
_DAY = re.compile(r"([0-9]{1,2})(st|nd|rd|th)?(,?)")
_YEAR = re.compile(r"[0-9]{4}")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
COUNT = re.compile(r"[0-9]{1,4}")


def _relativedelta(**kwargs: int) -> relativedelta:
    """A dateutil relativedelta, imported on first use to keep import time small."""
    from dateutil.relativedelta import relativedelta

    return relativedelta(**kwargs)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clipped to the month end (Jan 31 + 1 month = Feb 28)."""
    moved: date = day + _relativedelta(months=months)
    return moved


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years, clipped to the month end (Feb 29 + 1 year = Feb 28)."""
    moved: date = day + _relativedelta(years=years)
    return moved


def month_end(day: date) -> date:
    """The last day of the month of `day`."""
    moved: date = day + _relativedelta(day=31)
    return moved


def count(word: str | None) -> int | None:
    """A positive count written in digits (up to 9999) or as a word (one..twelve)."""
    if word is None:
        return None
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if COUNT.fullmatch(word):
        value = int(word)
        return value if 1 <= value <= MAX_COUNT else None
    return None


def ordinal(word: str | None) -> int | None:
    """A day of the month written as an ordinal, `1st`..`31st`."""
    if word is None:
        return None
    match = _ORDINAL.fullmatch(word)
    if match is None:
        return None
    value = int(match.group(1))
    return value if 1 <= value <= 31 else None


class DateKind(Enum):
    """How a date phrase becomes a day once the time of day is known."""

    FIXED = "fixed"  # an exact day
    WEEKDAY = "weekday"  # the next such weekday, today included unless its time has passed
    MONTH_DAY = "month_day"  # the next such day of the year, today included


@dataclass(frozen=True, slots=True)
class DateSpec:
    """A recognised date phrase, not yet tied to a time of day."""

    kind: DateKind
    day: date | None = None
    weekday: int = 0
    month: int = 0
    month_day: int = 0
    default_time: time | None = None  # `tonight`


@dataclass(frozen=True, slots=True)
class Invalid:
    """A phrase shaped like a date that names no real day (`feb 30`)."""

    length: int
    notice: str


def word_at(words: Words, index: int) -> str | None:
    """The word at `index`, or None past either end or for a quoted word."""
    return words[index] if 0 <= index < len(words) else None


def _day_word(word: str | None) -> tuple[int, bool] | None:
    """A day number `5`, `5th` (optionally with a trailing comma) and whether it had one."""
    if word is None:
        return None
    match = _DAY.fullmatch(word)
    if match is None:
        return None
    value = int(match.group(1))
    return (value, bool(match.group(3))) if 1 <= value <= 31 else None


def match_month_day(words: Words, start: int) -> tuple[int, int, int, bool] | None:
    """`jan 5`, `january 5th`, `5 jan`, `5th of january`: (length, month, day, comma)."""
    first = word_at(words, start)
    if first is None:
        return None
    if first in MONTHS:
        day = _day_word(word_at(words, start + 1))
        if day is None:
            return None
        return 2, MONTHS[first], day[0], day[1]
    day = _day_word(first)
    if day is None or day[1]:
        return None
    second = word_at(words, start + 1)
    length = 2
    if second == "of" and _ORDINAL.fullmatch(first):
        second = word_at(words, start + 2)
        length = 3
    if second is None:
        return None
    comma = second.endswith(",")
    month = MONTHS.get(second.rstrip(",") if comma else second)
    if month is None:
        return None
    return length, month, day[0], comma


def _month_day_phrase(words: Words, start: int) -> tuple[int, DateSpec] | Invalid | None:
    found = match_month_day(words, start)
    if found is None:
        return None
    length, month, day, comma = found
    year_word = word_at(words, start + length)
    phrase = " ".join(w or "" for w in words[start : start + length])
    if year_word is not None and _YEAR.fullmatch(year_word) and int(year_word) >= 1:
        phrase += " " + year_word
        try:
            return length + 1, DateSpec(DateKind.FIXED, day=date(int(year_word), month, day))
        except ValueError:
            return Invalid(length + 1, f"'{phrase}' is not a date; left in the title")
    if comma:
        return None
    if day > days_in_month(2000, month):  # 2000 is a leap year: Feb 29 is allowed
        return Invalid(length, f"'{phrase}' is not a date; left in the title")
    return length, DateSpec(DateKind.MONTH_DAY, month=month, month_day=day)


def _fixed(day: date) -> DateSpec:
    return DateSpec(DateKind.FIXED, day=day)


def _in_phrase(words: Words, start: int, today: date) -> tuple[int, DateSpec] | None:
    """`in 3 days`, `in a week`, `in 2 months`, `in 1 year`."""
    amount_word = word_at(words, start + 1)
    amount = 1 if amount_word in ("a", "an") else count(amount_word)
    unit = word_at(words, start + 2)
    if amount is None or unit is None:
        return None
    unit = unit.removesuffix("s")
    if unit == "day":
        return 3, _fixed(today + timedelta(days=amount))
    if unit == "week":
        return 3, _fixed(today + timedelta(weeks=amount))
    if unit == "month":
        return 3, _fixed(add_months(today, amount))
    if unit == "year":
        return 3, _fixed(add_years(today, amount))
    return None


def _next_phrase(words: Words, start: int, today: date) -> tuple[int, DateSpec] | None:
    """`next friday` (in the following week), `next week`, `next month`, `next year`."""
    from todo_tui.capture.week import in_next_week, next_week  # the week_start setting

    what = word_at(words, start + 1)
    if what in WEEKDAYS:
        return 2, _fixed(in_next_week(today, WEEKDAYS[what]))
    if what == "week":
        return 2, _fixed(next_week(today))
    if what == "month":
        first: date = today + _relativedelta(months=1, day=1)
        return 2, _fixed(first)
    if what == "year":
        return 2, _fixed(date(today.year + 1, 1, 1))
    return None


def core_date(words: Words, start: int, today: date) -> tuple[int, DateSpec] | Invalid | None:
    word = word_at(words, start)
    if word is None:
        return None
    if word in RELATIVE_DAYS:
        return 1, _fixed(today + timedelta(days=RELATIVE_DAYS[word]))
    if word == "tonight":
        return 1, DateSpec(DateKind.FIXED, day=today, default_time=TONIGHT)
    if word in WEEKDAYS:
        return 1, DateSpec(DateKind.WEEKDAY, weekday=WEEKDAYS[word])
    if word == "this" and word_at(words, start + 1) in WEEKDAYS:
        return 2, DateSpec(DateKind.WEEKDAY, weekday=WEEKDAYS[words[start + 1] or ""])
    if word == "next":
        return _next_phrase(words, start, today)
    if word == "in":
        return _in_phrase(words, start, today)
    if word == "eom":
        return 1, _fixed(month_end(today))
    if word == "end" and word_at(words, start + 1) == "of":
        if word_at(words, start + 2) == "month":
            return 3, _fixed(month_end(today))
        if word_at(words, start + 2) == "the" and word_at(words, start + 3) == "month":
            return 4, _fixed(month_end(today))
        return None
    iso = _ISO.fullmatch(word)
    if iso is not None:
        try:
            return 1, _fixed(date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))))
        except ValueError:
            return Invalid(1, f"'{word}' is not a date; left in the title")
    return _month_day_phrase(words, start)


def match_date(words: Words, start: int, today: date) -> tuple[int, DateSpec] | Invalid | None:
    """A date phrase starting at `start`, optionally led by `on`: (length, spec)."""
    lead = 1 if word_at(words, start) == "on" else 0
    try:
        found = core_date(words, start + lead, today)
    except (OverflowError, ValueError):  # arithmetic past year 9999
        return None
    if found is None:
        return None
    if isinstance(found, Invalid):
        return Invalid(found.length + lead, found.notice)
    return found[0] + lead, found[1]


def resolve_day(spec: DateSpec, today: date) -> date:
    """The day a date phrase names, before the time of day is considered."""
    if spec.kind is DateKind.FIXED and spec.day is not None:
        return spec.day
    if spec.kind is DateKind.WEEKDAY:
        return today + timedelta(days=(spec.weekday - today.weekday()) % 7)
    for year in range(today.year, today.year + 9):  # Feb 29 comes at least every 8 years
        if spec.month_day <= days_in_month(year, spec.month):
            candidate = date(year, spec.month, spec.month_day)
            if candidate >= today:
                return candidate
    raise ValueError("no such day in the coming years")
