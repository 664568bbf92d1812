"""A task as one line for people: relative days, the time zone only when it is not yours;
dates and times in the settings' date_format and clock (todo_tui.timefmt)."""

from __future__ import annotations

from datetime import date

from todo_tui import clock, domain, timefmt
from todo_tui.textsafe import one_line


def day_words(day: date, today: date) -> str:
    """today, tomorrow, yesterday, Fri (this week), 3 days ago, Mon 4 Jan, 4 Jan 2028."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if 1 < delta < 7:
        return f"{day:%a}"
    if -7 < delta < -1:
        return f"{-delta} days ago"
    if day.year == today.year:
        return timefmt.short_date(day, today)
    return timefmt.day_month_year(day)


def due_words(due: domain.Due, today: date, zone: str) -> str:
    """`tomorrow 09:00`; with its zone, `Fri 17:00 (America/New_York)`, when not `zone`."""
    text = day_words(due.day, today)
    moment = due.local()
    if moment is not None:
        text += f" {timefmt.clock(moment.time())}"
        if due.tz and due.tz != zone:
            text += f" ({due.tz})"
    return text


def describe_task(task: domain.Task, today: date | None = None, prefix: str | None = None,
                  zone: str | None = None) -> str:
    """One line for a shell: id (or its unique prefix), checkbox, title and what is set."""
    today = today or clock.now().date()
    zone = zone or clock.local_zone_name()
    parts = []
    if task.due is not None:
        parts.append(f"due {due_words(task.due, today, zone)}")
    if task.duration_minutes is not None:
        parts.append(f"for {domain.format_duration(task.duration_minutes)}")
    if task.start is not None and task.waiting(today):
        parts.append(f"starts {day_words(task.start, today)}")
    if task.category_name:
        parts.append(f"#{task.category_name}")
    parts.extend(f"+{tag}" for tag in task.tags)
    if task.priority:
        parts.append(f"!{task.priority.label}")
    if task.recurrence:
        from todo_tui.capture import describe_rrule

        parts.append(describe_rrule(task.recurrence, task.recurrence_from_completion))
    box = "[x]" if task.done else "[ ]"
    extra = f"  ({', '.join(parts)})" if parts else ""
    return one_line(f"{prefix or task.short_id} {box} {task.title}{extra}")
