"""Stepping a repeat rule with dateutil.rrule: the next due of a completed recurring task.

The rule is read as RFC 5545 with DTSTART at the due's local wall-clock time, so an
occurrence keeps the due's clock time (09:00 stays 09:00 across DST) and every other
calendar given the same DTSTART and RRULE finds the same days.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from todo_tui.domain import Due

from .local import resolve_local
from .rule import RecurrenceError, Rule, SeriesEnded, anchor_text, parts

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

_PERIODS = {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}
# A start further back than this many periods is moved forward by whole periods first:
# dateutil walks every period from DTSTART, and a task can be years overdue.
_FAR = 400


def _body(text: str) -> str:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body or ":" in body or "\n" in body or "\r" in body:  # one RRULE, nothing else
        raise RecurrenceError(f"cannot use the recurrence rule {text!r}")
    return body


def _recurrence(text: str, start: datetime) -> rrule | rruleset:
    """dateutil's reading of the rule from `start` (naive local wall-clock time)."""
    from dateutil.rrule import rrulestr

    try:
        return rrulestr(_body(text), dtstart=start)
    except (ValueError, TypeError, OverflowError, KeyError, AttributeError, IndexError) as error:
        raise RecurrenceError(f"cannot use the recurrence rule {text!r}: {error}") from None


def _closer_start(text: str, start: date, after: date) -> date:
    """`start` moved forward by whole periods of the rule, still on or before `after`.

    The rule's occurrences after `after` are the same: each period (day, week of the
    start's weekday, month, year) is the same distance from the new start. Not for COUNT,
    which counts from the first start.
    """
    fields = parts(text) or {}
    unit = _PERIODS.get(fields.get("FREQ", ""))
    interval = fields.get("INTERVAL", "1")
    if unit is None or "COUNT" in fields or not interval.isdigit() or int(interval) < 1:
        return start
    if unit in ("days", "weeks"):
        length = int(interval) * (7 if unit == "weeks" else 1)
        periods = (after - start).days // length
        if periods <= _FAR:
            return start
        return start + timedelta(days=(periods - 1) * length)
    length = int(interval) * (12 if unit == "years" else 1)  # in months
    periods = ((after.year - start.year) * 12 + after.month - start.month) // length
    if periods <= _FAR:
        return start
    from dateutil.relativedelta import relativedelta

    moved: date = start + relativedelta(months=(periods - 1) * length)
    return moved if moved.day == start.day else start  # a day the month lacks: not the same


def next_after(text: str, start: date, after: date, clock: time = time()) -> date:
    """The first day of the rule, read from DTSTART `start` at `clock`, strictly after `after`.

    A plain monthly rule started on the 29th-31st (yearly: on 29 Feb) is read as pinned to
    that day (see `anchor`), as quick capture saves it.
    """
    text = anchor_text(_body(text), start)
    start = _closer_start(text, start, after)
    try:
        found = _recurrence(text, datetime.combine(start, clock)).after(
            datetime.combine(after, time.max)
        )
    except (OverflowError, ValueError) as error:
        raise RecurrenceError(f"the next occurrence is out of range: {error}") from None
    if not isinstance(found, datetime):
        raise SeriesEnded(f"the recurrence rule {text!r} has no further occurrences")
    return found.date()


def first_on_or_after(rule: Rule, day: date) -> date:
    """The first day from `day` on that fits the rule: the first due of a dateless repeat
    (`every other monday` typed on a Friday is the coming Monday, not the one after)."""
    return next_after(replace(rule, interval=1).to_rrule(), day, day - timedelta(days=1))


def next_occurrence(text: str, due: Due, *, completed_at: datetime, from_completion: bool) -> Due:
    """The due after completing a recurring task, in the local clock time of `due.tz`.

    A timed due keeps its wall-clock time (09:00 stays 09:00 across DST; a time
    that does not exist moves forward by the gap); an all-day due stays all-day.
    The result is strictly after the previous due and after the completion's local
    day: an overdue task skips the occurrences it missed, keeping its cadence.
    With `from_completion` (`every!`) the rule counts from the completion day.
    An all-day due has no zone: its completion day is `completed_at`'s own date.
    """
    if completed_at.tzinfo is None:
        raise RecurrenceError("completed_at must be an aware datetime")
    zone = due.tz or ("UTC" if due.at is not None else None)
    local = due.local()
    clock = time() if local is None else local.time().replace(tzinfo=None, fold=0)
    done_day = (
        completed_at.astimezone(ZoneInfo(zone)).date() if zone is not None else completed_at.date()
    )
    if from_completion:
        day = next_after(text, done_day, done_day, clock)
        if day <= due.day:
            day = next_after(text, due.day, due.day, clock)
    else:
        day = next_after(text, due.day, max(due.day, done_day), clock)
    if local is None or zone is None:
        return Due.on(day)
    moment, _ = resolve_local(day, clock, zone)
    return Due.at_local(moment, zone)


def nth_occurrence(text: str, start: date, count: int) -> date:
    """The day of the `count`-th occurrence of the rule from DTSTART `start` (the first is
    `start` itself when it fits): where `10 times` ends, kept as an UNTIL day."""
    text = anchor_text(_body(text), start)
    try:
        days = list(_recurrence(text + f";COUNT={count}", datetime.combine(start, time())))
    except (OverflowError, ValueError) as error:
        raise RecurrenceError(f"the occurrence is out of range: {error}") from None
    if not days:
        raise SeriesEnded(f"the recurrence rule {text!r} has no occurrences")
    found: date = days[-1].date()
    return found
