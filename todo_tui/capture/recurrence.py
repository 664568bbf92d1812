"""Recurrence phrases of the quick-capture grammar: words in, a recurrence Rule out.

The rule model, its RFC 5545 spelling, stepping and descriptions live in todo_tui.recurrence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from todo_tui.recurrence import RecurrenceError, Rule, describe_rrule, next_occurrence
from todo_tui.recurrence.rule import WEEKEND, WORKDAYS
from todo_tui.recurrence.words import WEEKDAYS, days_in_month

from .dates import Words, count, match_month_day, ordinal, word_at
from .times import PARTS_OF_DAY

# One error for a bad capture argument and an unusable rule: callers catch either the same way.
CaptureError = RecurrenceError

__all__ = ["CaptureError", "describe_rrule", "match_recurrence", "next_occurrence"]

_UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_SIMPLE = {
    "daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY",
    "yearly": "YEARLY", "annually": "YEARLY",
}  # fmt: skip
_PLURAL_DAYS = {name + "s": number for name, number in WEEKDAYS.items() if name.endswith("day")}
# Said alone, these repeat too: `standup weekdays at 9`, `gym mondays`.
_ALONE = {
    "weekdays": Rule("WEEKLY", byday=WORKDAYS), "workdays": Rule("WEEKLY", byday=WORKDAYS),
    "weekends": Rule("WEEKLY", byday=WEEKEND),
    "fortnightly": Rule("WEEKLY", 2), "quarterly": Rule("MONTHLY", 3),
    "semiannually": Rule("MONTHLY", 6),
    **{name: Rule("WEEKLY", byday=(day,)) for name, day in _PLURAL_DAYS.items() if len(name) > 5},
}  # fmt: skip
_NAMED_UNITS = {
    "fortnight": Rule("WEEKLY", 2), "quarter": Rule("MONTHLY", 3),
    "morning": Rule("DAILY"), "afternoon": Rule("DAILY"), "evening": Rule("DAILY"),
    "night": Rule("DAILY"),
}  # fmt: skip
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_EVERY = ("every", "every!", "each")
# the words a phrase here may start with: phrases.py's fast path
FIRST_WORDS = frozenset({*_SIMPLE, *_ALONE, *_EVERY})


def match_recurrence(words: Words, start: int) -> tuple[int, Rule, bool, time | None] | None:
    """A recurrence phrase: (length, rule, from_completion, time of day it names)."""
    word = words[start]
    if word in _SIMPLE:
        return 1, Rule(_SIMPLE[word]), False, None
    if word in _ALONE:
        return 1, _ALONE[word], False, None
    if word not in _EVERY:
        return None
    found = _every_body(words, start + 1)
    if found is None:
        return None
    part = PARTS_OF_DAY.get(words[start + 1] or "") if found[0] == 1 else None
    return found[0] + 1, found[1], word == "every!", part


def _nth(word: str | None) -> int | None:
    """`third`, `3rd`, `last`: the position of a weekday in its month (1..5, -1)."""
    if word in _NTH:
        return _NTH[word]
    day = ordinal(word)
    return day if day is not None and day <= 5 else None


def _interval(word: str | None) -> int | None:
    """The N of `every N days`, `every Nth day`, `every second week`."""
    if word in _NTH and _NTH[word] > 1:
        return _NTH[word]
    amount = count(word)
    return amount if amount is not None else ordinal(word)


def _nth_weekday(words: Words, start: int) -> tuple[int, Rule] | None:
    """`third friday`, `last friday of the month`, `2nd tuesday of every month`."""
    nth = _nth(word_at(words, start))
    day = _weekday(word_at(words, start + 1) or "")
    if nth is None or day is None:
        return None
    return 2 + _of_the_month(words, start + 2), Rule("MONTHLY", byday=(day,), nth=nth)


def _every_body(words: Words, start: int) -> tuple[int, Rule] | None:
    word = word_at(words, start)
    if word is None:
        return None
    if word in _NAMED_UNITS:
        return 1, _NAMED_UNITS[word]
    nth_weekday = _nth_weekday(words, start)
    if nth_weekday is not None:
        return nth_weekday
    interval, skip = 1, 0
    if word == "other":
        interval, skip = 2, 1
    elif (amount := _interval(word)) is not None:
        unit = word_at(words, start + 1)
        if unit is not None and unit.removesuffix("s") in _UNITS:
            interval, skip = amount, 1
        elif count(word) is not None:
            return None
    unit = word_at(words, start + skip)
    if unit is not None and unit.removesuffix("s") in _UNITS:
        return skip + 1, Rule(_UNITS[unit.removesuffix("s")], interval)
    days = _weekday_list(words, start + skip)
    if days is not None:
        return skip + days[0], Rule("WEEKLY", interval, byday=days[1])
    if skip:
        return None
    if word in ("weekday", "weekdays", "workday", "workdays"):
        return 1, Rule("WEEKLY", byday=WORKDAYS)
    if word in ("weekend", "weekends"):
        return 1, Rule("WEEKLY", byday=WEEKEND)
    if word == "eom":
        return 1, Rule("MONTHLY", monthdays=(-1,))
    if word == "last" and word_at(words, start + 1) == "day":
        if word_at(words, start + 2) == "of" and word_at(words, start + 3) == "the":
            if word_at(words, start + 4) == "month":
                return 5, Rule("MONTHLY", monthdays=(-1,))
        return 2, Rule("MONTHLY", monthdays=(-1,))
    if word == "end" and word_at(words, start + 1) == "of" and word_at(words, start + 2) == "month":
        return 3, Rule("MONTHLY", monthdays=(-1,))
    month_day = match_month_day(words, start)
    if month_day is not None and not month_day[3]:
        length, month, day, _ = month_day
        if day <= days_in_month(2000, month):
            return length, Rule("YEARLY", bymonth=(month,), monthdays=(day,))
        return None
    ordinals = _list(words, start, ordinal)
    if ordinals is not None:
        return ordinals[0] + _of_the_month(words, start + ordinals[0]), Rule(
            "MONTHLY", monthdays=ordinals[1])
    return None


def _of_the_month(words: Words, start: int) -> int:
    """How many words `of the month`, `of every month`, `of each month` take here (or 0)."""
    if word_at(words, start) == "of" and word_at(words, start + 2) == "month":
        return 3 if word_at(words, start + 1) in ("the", "every", "each") else 0
    return 0


def _weekday(word: str) -> int | None:
    return WEEKDAYS.get(word, _PLURAL_DAYS.get(word))


def _weekday_list(words: Words, start: int) -> tuple[int, tuple[int, ...]] | None:
    return _list(words, start, _weekday)


def _list(
    words: Words, start: int, item: Callable[[str], int | None]
) -> tuple[int, tuple[int, ...]] | None:
    """Items like `mon, wed and fri` or `1st,15th`: (length, sorted unique values)."""
    values: list[int] = []
    index = start
    while index < len(words):
        word = words[index]
        if word is None:
            break
        parts = [p for p in word.split(",") if p]
        parsed = [item(p) for p in parts]
        found = [v for v in parsed if v is not None]
        if parts and len(found) == len(parts):
            values.extend(found)
            index += 1
            continue
        follower = word_at(words, index + 1)
        if values and word in ("and", "&", ",") and follower is not None:
            first = follower.split(",")[0]
            if first and item(first) is not None:
                index += 1
                continue
        break
    if not values:
        return None
    return index - start, tuple(sorted(set(values)))
