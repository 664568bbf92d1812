"""The first day of the week (the `week_start` setting) as quick capture counts weeks:
"next week" is the next such day, "next fri" the Friday of the week that starts then."""

from __future__ import annotations

from datetime import date, timedelta


def first_weekday() -> int:
    """The week's first day: 0 for Monday (the default) to 6 for Sunday."""
    from todo_tui.settings import current
    from todo_tui.settings.registry import WEEKDAYS

    return WEEKDAYS.index(str(current()["week_start"]))


def next_week(today: date) -> date:
    """The first day of the week after the one that has `today`."""
    first = first_weekday()
    return today + timedelta(days=(first - today.weekday()) % 7 or 7)


def in_next_week(today: date, weekday: int) -> date:
    """`weekday` (0 Monday ... 6 Sunday) in the week after the one that has `today`."""
    start = next_week(today)
    return start + timedelta(days=(weekday - start.weekday()) % 7)
