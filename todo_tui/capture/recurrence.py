"""Recurrence phrases, RRULE text, and the next due date of a completed recurring task."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from todo_tui.domain import Due

from .dates import (
    DAY_NAMES,
    MONTH_NAMES,
    WEEKDAYS,
    Words,
    add_months,
    add_years,
    count,
    days_in_month,
    match_month_day,
    ordinal,
    resolve_local,
    word_at,
)


class CaptureError(ValueError):
    """A recurrence rule or an argument that cannot be used."""


FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WORKDAYS = (0, 1, 2, 3, 4)
_WEEKEND = (5, 6)
_UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_SIMPLE = {
    "daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY",
    "yearly": "YEARLY", "annually": "YEARLY",
}  # fmt: skip
_PLURAL_DAYS = {name + "s": number for name, number in WEEKDAYS.items() if name.endswith("day")}
_MAX_STEPS = 1000


@dataclass(frozen=True, slots=True)
class Pattern:
    """The subset of RRULE that quick capture writes and reads without dateutil.

    BYMONTHDAY deviates from RFC 5545 on purpose: a day the month lacks means the
    month's last day (31 -> 30 Apr, 28/29 Feb) instead of skipping the month.
    """

    freq: str
    interval: int = 1
    byday: tuple[int, ...] = ()  # 0 = Monday
    bymonthday: tuple[int, ...] = ()  # 1..31, or -1 for the last day
    bymonth: tuple[int, ...] = ()

    def to_rule(self) -> str:
        """The RRULE body, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO`."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.bymonth:
            parts.append("BYMONTH=" + ",".join(str(m) for m in self.bymonth))
        if self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(str(d) for d in self.bymonthday))
        if self.byday:
            parts.append("BYDAY=" + ",".join(_CODES[d] for d in self.byday))
        return ";".join(parts)


def _ints(text: str, low: int, high: int) -> tuple[int, ...] | None:
    values: list[int] = []
    for item in text.split(","):
        item = item.strip()
        if not item.lstrip("+-").isdigit() or len(item) > 4:
            return None
        value = int(item)
        if not low <= value <= high or value == 0:
            return None
        values.append(value)
    return tuple(sorted(set(values)))


def parse_rule(rule: str) -> Pattern | None:
    """The Pattern of an RRULE body, or None when it uses parts outside that subset."""
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    fields: dict[str, str] = {}
    for part in body.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().upper()
        if not sep or key in fields:
            return None
        fields[key] = value.strip().upper()
    freq = fields.pop("FREQ", "")
    if freq not in FREQUENCIES or fields.pop("WKST", "MO") != "MO":
        return None
    pattern = Pattern(freq)
    interval = fields.pop("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= 9999:
        return None
    pattern = replace(pattern, interval=int(interval))
    if "BYDAY" in fields:
        codes = fields.pop("BYDAY").split(",")
        if any(code.strip() not in _CODES for code in codes):
            return None
        pattern = replace(pattern, byday=tuple(sorted({_CODES.index(c.strip()) for c in codes})))
    if "BYMONTHDAY" in fields:
        monthdays = _ints(fields.pop("BYMONTHDAY"), -1, 31)
        if monthdays is None:
            return None
        pattern = replace(pattern, bymonthday=monthdays)
    if "BYMONTH" in fields:
        months = _ints(fields.pop("BYMONTH"), 1, 12)
        if months is None:
            return None
        pattern = replace(pattern, bymonth=months)
    if fields or not _supported(pattern):
        return None
    return pattern


def _supported(p: Pattern) -> bool:
    if p.freq == "DAILY":
        return not p.bymonthday and not p.bymonth and (not p.byday or p.interval == 1)
    if p.freq == "WEEKLY":
        return not p.bymonthday and not p.bymonth
    if p.freq == "MONTHLY":
        return not p.byday and not p.bymonth
    return not p.byday and bool(p.bymonth) == bool(p.bymonthday)


def _clamp(day: int, year: int, month: int) -> int:
    last = days_in_month(year, month)
    return min(day, last) if day > 0 else last


def _month_days(p: Pattern, year: int, month: int) -> list[date]:
    return sorted({date(year, month, _clamp(d, year, month)) for d in p.bymonthday})


def step(p: Pattern, after: date, interval: int | None = None) -> date:
    """The first day of the pattern strictly after `after` (anchored on `after`)."""
    n = p.interval if interval is None else interval
    if p.freq == "DAILY":
        if not p.byday:
            return after + timedelta(days=n)
        day = after + timedelta(days=1)
        while day.weekday() not in p.byday:
            day += timedelta(days=1)
        return day
    if p.freq == "WEEKLY":
        if not p.byday:
            return after + timedelta(weeks=n)
        monday = after - timedelta(days=after.weekday())
        later = [d for d in p.byday if d > after.weekday()]
        if later:
            return monday + timedelta(days=later[0])
        return monday + timedelta(weeks=n, days=p.byday[0])
    if p.freq == "MONTHLY":
        if not p.bymonthday:
            return add_months(after, n)
        for day in _month_days(p, after.year, after.month):
            if day > after:
                return day
        first = add_months(date(after.year, after.month, 1), n)
        return _month_days(p, first.year, first.month)[0]
    if not p.bymonth:
        return add_years(after, n)
    for year in (after.year, after.year + n):
        for month in p.bymonth:
            for day in _month_days(p, year, month):
                if day > after:
                    return day
    raise CaptureError("no next occurrence")  # unreachable: the later year always has one


def occurs_on(p: Pattern, day: date) -> bool:
    """Whether `day` fits the pattern's weekday / month-day / month filters."""
    if p.byday and day.weekday() not in p.byday:
        return False
    if p.bymonth and day.month not in p.bymonth:
        return False
    return not p.bymonthday or day in _month_days(p, day.year, day.month)


def first_on_or_after(p: Pattern, day: date) -> date:
    """The first day from `day` on that fits the pattern."""
    return day if occurs_on(p, day) else step(p, day, interval=1)


def match_recurrence(words: Words, start: int) -> tuple[int, Pattern, bool] | None:
    """A recurrence phrase: (length, pattern, from_completion)."""
    word = words[start]
    if word in _SIMPLE:
        return 1, Pattern(_SIMPLE[word]), False
    if word not in ("every", "every!"):
        return None
    found = _every_body(words, start + 1)
    if found is None:
        return None
    return found[0] + 1, found[1], word == "every!"


def _every_body(words: Words, start: int) -> tuple[int, Pattern] | None:
    word = word_at(words, start)
    if word is None:
        return None
    interval, skip = 1, 0
    if word == "other":
        interval, skip = 2, 1
    elif (amount := count(word)) is not None:
        unit = word_at(words, start + 1)
        if unit is None or unit.removesuffix("s") not in _UNITS:
            return None
        interval, skip = amount, 1
    unit = word_at(words, start + skip)
    if unit is not None and unit.removesuffix("s") in _UNITS:
        return skip + 1, Pattern(_UNITS[unit.removesuffix("s")], interval)
    days = _weekday_list(words, start + skip)
    if days is not None:
        return skip + days[0], Pattern("WEEKLY", interval, byday=days[1])
    if skip:
        return None
    if word in ("weekday", "weekdays", "workday", "workdays"):
        return 1, Pattern("WEEKLY", byday=_WORKDAYS)
    if word in ("weekend", "weekends"):
        return 1, Pattern("WEEKLY", byday=_WEEKEND)
    if word == "eom":
        return 1, Pattern("MONTHLY", bymonthday=(-1,))
    if word == "last" and word_at(words, start + 1) == "day":
        return 2, Pattern("MONTHLY", bymonthday=(-1,))
    if word == "end" and word_at(words, start + 1) == "of" and word_at(words, start + 2) == "month":
        return 3, Pattern("MONTHLY", bymonthday=(-1,))
    month_day = match_month_day(words, start)
    if month_day is not None and not month_day[3]:
        length, month, day, _ = month_day
        if day <= days_in_month(2000, month):
            return length, Pattern("YEARLY", bymonth=(month,), bymonthday=(day,))
        return None
    ordinals = _list(words, start, ordinal)
    if ordinals is not None:
        return ordinals[0], Pattern("MONTHLY", bymonthday=ordinals[1])
    return None


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


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _nth(day: int) -> str:
    if day == -1:
        return "last day"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def describe_pattern(p: Pattern) -> str:
    """Words for a pattern: `every 2 weeks on Monday`, `every 15th`, `every weekday`."""
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[p.freq]
    base = f"every {unit}" if p.interval == 1 else f"every {p.interval} {unit}s"
    if p.byday:
        if p.byday == _WORKDAYS:
            days = "weekday"
        elif p.byday == _WEEKEND:
            days = "weekend"
        else:
            days = _join([DAY_NAMES[d] for d in p.byday])
        return f"every {days}" if p.interval == 1 else f"{base} on {days}"
    if p.bymonth:
        dates = [f"{_nth(d)} of {MONTH_NAMES[m]}" for m in p.bymonth for d in p.bymonthday]
        one = len(dates) == 1 and p.bymonthday[0] > 0
        text = f"{p.bymonthday[0]} {MONTH_NAMES[p.bymonth[0]]}" if one else _join(dates)
        return f"every {text}" if p.interval == 1 else f"{base} on {text}"
    if p.bymonthday:
        days = _join([_nth(d) for d in p.bymonthday])
        if p.bymonthday == (-1,):
            days = "last day of the month" if p.interval == 1 else "the last day"
        return f"every {days}" if p.interval == 1 else f"{base} on the {days}"
    return base


def describe_rrule(rule: str, from_completion: bool = False) -> str:
    """Human words for an RRULE body, e.g. `every 2 weeks` or `every day (from completion)`."""
    pattern = parse_rule(rule)
    text = f"repeats ({rule.strip()})" if pattern is None else describe_pattern(pattern)
    return text + " (from completion)" if from_completion else text


def _fallback_step(rule: str, anchor: date, after: date) -> date:
    """The first day strictly after `after` of a rule outside the subset, via dateutil."""
    from dateutil.rrule import rrulestr

    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    try:
        recurrence = rrulestr(body, dtstart=datetime.combine(anchor, time()))
        found = recurrence.after(datetime.combine(after, time.max))
    except (ValueError, TypeError, OverflowError, KeyError, AttributeError) as error:
        raise CaptureError(f"cannot use the recurrence rule {rule!r}: {error}") from None
    if not isinstance(found, datetime):
        raise CaptureError(f"the recurrence rule {rule!r} has no further occurrences")
    return found.date()


def _next_day(p: Pattern, due_day: date, done_day: date, from_completion: bool) -> date:
    if from_completion:
        day = step(p, done_day)
        return day if day > due_day else step(p, due_day)
    day = step(p, due_day)
    for _ in range(_MAX_STEPS):
        if day > done_day:
            return day
        day = step(p, day)
    # Far overdue: the first occurrence after the completion day, without the cadence.
    return first_on_or_after(p, done_day + timedelta(days=1))


def _next_day_fallback(rule: str, due_day: date, done_day: date, from_completion: bool) -> date:
    if from_completion:
        day = _fallback_step(rule, done_day, done_day)
        return day if day > due_day else _fallback_step(rule, due_day, due_day)
    return _fallback_step(rule, due_day, max(due_day, done_day))


def next_occurrence(rule: str, due: Due, *, completed_at: datetime, from_completion: bool) -> Due:
    """The due after completing a recurring task, in the local clock time of `due.tz`.

    A timed due keeps its wall-clock time (09:00 stays 09:00 across DST; a time
    that does not exist moves forward by the gap); an all-day due stays all-day.
    The result is strictly after the previous due and after the completion's local
    day: an overdue task skips the occurrences it missed, keeping its cadence.
    With `from_completion` (`every!`) the rule counts from the completion day.
    An all-day due has no zone: its completion day is `completed_at`'s own date.
    """
    if completed_at.tzinfo is None:
        raise CaptureError("completed_at must be an aware datetime")
    zone = due.tz or ("UTC" if due.at is not None else None)
    local = due.local()
    done_day = (
        completed_at.astimezone(ZoneInfo(zone)).date() if zone is not None else completed_at.date()
    )
    pattern = parse_rule(rule)
    try:
        if pattern is None:
            day = _next_day_fallback(rule, due.day, done_day, from_completion)
        else:
            day = _next_day(pattern, due.day, done_day, from_completion)
    except (OverflowError, ValueError) as error:
        if isinstance(error, CaptureError):
            raise
        raise CaptureError(f"the next occurrence is out of range: {error}") from None
    if local is None or zone is None:
        return Due.on(day)
    moment, _ = resolve_local(day, local.time().replace(tzinfo=None), zone)
    return Due.at_local(moment, zone)
