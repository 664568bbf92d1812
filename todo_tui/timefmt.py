"""Dates and times as the user chose to read them (the `date_format` and `clock` settings):
the task list, the detail pane and the shell's output for people all write them here."""

from __future__ import annotations

from datetime import date, datetime, time


def _setting(name: str) -> str:
    from todo_tui.settings import current

    return str(current()[name])


def clock(moment: time) -> str:
    """17:30, or with the 12-hour clock 5:30pm (9:00am, 12:00pm is noon)."""
    if _setting("clock") != "12h":
        return f"{moment:%H:%M}"
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


def day_month(day: date) -> str:
    """A day of this year, short: 28 Nov (dmy), Nov 28 (mdy), 11-28 (iso)."""
    chosen = _setting("date_format")
    if chosen == "iso":
        return f"{day:%m-%d}"
    if chosen == "mdy":
        return f"{day:%b} {day.day}"
    return f"{day.day} {day:%b}"


def full_date(day: date) -> str:
    """Sat 28 Nov 2026 (dmy), Sat Nov 28 2026 (mdy), 2026-11-28 (iso)."""
    chosen = _setting("date_format")
    if chosen == "iso":
        return day.isoformat()
    if chosen == "mdy":
        return f"{day:%a} {day:%b} {day.day} {day.year}"
    return f"{day:%a} {day.day} {day:%b} {day.year}"


def day_month_year(day: date) -> str:
    """4 Jan 2028 (dmy), Jan 4 2028 (mdy), 2028-01-04 (iso): a day without its weekday."""
    chosen = _setting("date_format")
    if chosen == "iso":
        return day.isoformat()
    if chosen == "mdy":
        return f"{day:%b} {day.day} {day.year}"
    return f"{day.day} {day:%b} {day.year}"


def short_date(day: date, today: date | None = None) -> str:
    """Sat 28 Nov (dmy), Sat Nov 28 (mdy), Sat 11-28 (iso); the whole date (full_date) when
    the year is not `today`'s (or `today` is not known)."""
    if today is None or today.year != day.year:
        return full_date(day)
    return f"{day:%a} {day_month(day)}"


def moment(when: datetime, today: date | None = None) -> str:
    """A date and a time in their own zone: Sat 28 Nov 09:00 (short_date, then clock)."""
    return f"{short_date(when.date(), today)} {clock(when.time())}"
