"""The reminder phrases of quick capture: `remind 10m before`, `remind at 14:30`, ...

A small matcher of its own: `parse` (parser.py) takes the phrases out of the text before it
reads the rest, and the edit form's Reminders field reads the same phrases (comma separated).

    remind 10m before     some time before the due: 10m, 90 min, 1h, 1h30m, 2 hours, 1d
    remind at due         at the due time itself (also: remind when due)
    remind at 14:30       a fixed moment: a time (today, or tomorrow once it has passed),
    remind tomorrow 9am     a date and a time, or a date alone (at 09:00)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from todo_tui.domain import Due, Reminder
from todo_tui.recurrence.local import resolve_local

from .dates import match_date, resolve_day
from .recurrence import CaptureError
from .times import match_time

WORD = "remind"
DATE_ONLY_TIME = time(9, 0)
MAX_MINUTES = 366 * 1440
_UNITS = {
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
    "d": 1440, "day": 1440, "days": 1440, "w": 10080, "week": 10080, "weeks": 10080,
}  # fmt: skip
_SPAN = re.compile(r"(?:(\d{1,4})d)?(?:(\d{1,4})h)?(?:(\d{1,5})m(?:in)?)?")
_WORD_AT = re.compile(r"\S+")


def _span(word: str) -> int | None:
    """`10m`, `1h30m`, `2d`: minutes, or None."""
    match = _SPAN.fullmatch(word)
    if match is None or not any(match.groups()):
        return None
    days, hours, minutes = (int(g or 0) for g in match.groups())
    return days * 1440 + hours * 60 + minutes


def _before(words: Sequence[str], start: int) -> tuple[int, int] | None:
    """`10m before`, `10 min before`, `1h30m before`: (length, minutes)."""
    if start >= len(words):
        return None
    minutes = _span(words[start])
    length = 1
    if minutes is None and words[start].isdigit() and start + 1 < len(words):
        unit = _UNITS.get(words[start + 1])
        if unit is not None:
            minutes, length = int(words[start]) * unit, 2
    if minutes is None or start + length >= len(words) or words[start + length] != "before":
        return None
    return length + 1, min(minutes, MAX_MINUTES)


def match_reminder(words: Sequence[str], start: int, now: datetime, tz: str
                   ) -> tuple[int, Reminder] | None:
    """The reminder phrase after `remind` (at `start`): (length, reminder), or None."""
    before = _before(words, start)
    if before is not None:
        return before[0], Reminder(minutes_before=before[1])
    pair = words[start : start + 2]
    if pair in (["at", "due"], ["when", "due"], ["on", "due"]):
        return 2, Reminder(minutes_before=0)
    now = now.astimezone(ZoneInfo(tz))
    today = now.date()
    length, day, clock = 0, None, None
    lead = 1 if words[start : start + 1] == ["at"] else 0
    found = match_date(words, start + lead, today)
    if isinstance(found, tuple):
        length, spec = found[0] + lead, found[1]
        day = resolve_day(spec, today)
        clock = spec.default_time
    at_time = match_time(words, start + length)
    if isinstance(at_time, tuple):
        length += at_time[0]
        clock = at_time[1].time
    if length == 0:
        return None
    if day is None:
        assert clock is not None
        day = today if resolve_local(today, clock, tz)[0] > now else today + timedelta(days=1)
    moment, _notice = resolve_local(day, clock or DATE_ONLY_TIME, tz)
    return length, Reminder(at=moment)


def _outside_quotes(text: str, position: int) -> bool:
    return text.count('"', 0, position) % 2 == 0 and text.count("\u201c", 0, position) == \
        text.count("\u201d", 0, position)


def take_reminders(text: str, now: datetime, tz: str) -> tuple[str, tuple[Reminder, ...]]:
    """The text without its reminder phrases, and the reminders they ask for (in order).

    Only before ` // ` (the notes); `remind` in quotes or written `\\remind` stays as typed,
    and so does a `remind` that no reminder phrase follows.
    """
    head, sep, notes = text.partition(" // ")
    spans = [(m.start(), m.end(), m.group()) for m in _WORD_AT.finditer(head)]
    words = [w.lower() for _, _, w in spans]
    reminders: list[Reminder] = []
    cut: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        if words[index] == WORD and _outside_quotes(head, spans[index][0]):
            try:
                found = match_reminder(words, index + 1, now.astimezone(ZoneInfo(tz)), tz)
            except (OverflowError, ValueError):
                found = None
            if found is not None:
                reminders.append(found[1])
                end = index + found[0]
                cut.append((spans[index][0], spans[end][1]))
                index = end + 1
                continue
        index += 1
    for start, end in reversed(cut):
        head = head[:start] + head[end:]
    if cut:
        head = " ".join(head.split())
    return head + sep + notes, tuple(dict.fromkeys(reminders))


def parse_reminders(text: str, now: datetime, tz: str) -> tuple[Reminder, ...]:
    """The edit form's field: phrases separated by commas (`10m before, tomorrow 9am`), each
    with or without `remind`. Raises CaptureError naming a phrase it cannot read."""
    found: list[Reminder] = []
    for part in re.split(r"[,;]", text):
        words = [w.lower() for w in part.split()]
        if words[:1] == [WORD]:
            words = words[1:]
        if not words:
            continue
        try:
            match = match_reminder(words, 0, now, tz)
        except (OverflowError, ValueError):
            match = None
        if match is None or match[0] != len(words):
            raise CaptureError(f"not a reminder: {part.strip()!r} (try 10m before, at due, "
                               "at 14:30, tomorrow 9am)")
        found.append(match[1])
    return tuple(dict.fromkeys(found))


def silent_reminders(reminders: Sequence[Reminder], due: Due | None) -> list[str]:
    """A notice for each reminder counted from the due time (`10m before`, `at due`) of a
    task that has no due time: it can never go off. The reminder is kept as typed (a time
    given to the due later makes it work)."""
    if due is not None and due.has_time:
        return []
    return [f"remind {reminder.describe()}: the task has no due time, so it cannot go off"
            for reminder in reminders if reminder.minutes_before is not None]


def describe_reminders(reminders: Sequence[Reminder], tz: str | None) -> str:
    """The field's text for these reminders (parse_reminders reads it back)."""
    return ", ".join(r.describe(tz) for r in reminders)


def snooze_until(text: str, now: datetime, tz: str) -> datetime:
    """When a snooze typed as `30m`, `in 2h`, `1h30m`, `14:30` or `tomorrow 9am` ends.
    Raises CaptureError for anything else."""
    words = [w.lower() for w in text.split()]
    if words[:1] == ["in"]:
        words = words[1:]
    minutes = _before([*words, "before"], 0)
    if minutes is not None and minutes[0] == len(words) + 1:
        return now + timedelta(minutes=minutes[1])
    found = match_reminder(words, 0, now, tz) if words else None
    if found is None or found[0] != len(words) or found[1].at is None:
        raise CaptureError(f"not a time to snooze until: {text.strip()!r} (try 30m, 1h, "
                           "14:30, tomorrow 9am)")
    return found[1].at
