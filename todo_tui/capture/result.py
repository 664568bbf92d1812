"""What one line of quick capture asks for, and how its fields are shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from todo_tui.domain import Due, NewTask, Priority, Reminder, format_duration
from todo_tui.recurrence import describe_rrule


@dataclass(frozen=True, slots=True)
class Capture:
    """What one line of quick capture asks for."""

    title: str
    notes: str = ""
    category: str | None = None
    category_is_new: bool = False
    tags: tuple[str, ...] = ()
    priority: Priority = Priority.NONE
    due: Due | None = None
    recurrence: str | None = None
    recurrence_from_completion: bool = False
    notices: tuple[str, ...] = ()
    today: date | None = field(default=None, compare=False, repr=False)
    duration_minutes: int | None = None  # how long it takes: `3pm-4pm`, `for 45 minutes`
    # title words that look like a date or time but were not read (`13pm`, `12/01`): a hint
    # for the preview, derived from the title, so not part of what the capture saves
    unread: tuple[str, ...] = field(default=(), compare=False)
    reminders: tuple[Reminder, ...] = ()  # `remind 10m before` (capture/remind.py)
    start: date | None = None  # `start:fri` (capture/start.py)
    # `^trip`: the task this is a subtask of, by its title or id (the service finds it)
    parent: str | None = None

    def to_new_task(self) -> NewTask:
        """The NewTask this capture describes."""
        return NewTask(
            title=self.title,
            notes=self.notes,
            priority=self.priority,
            due=self.due,
            recurrence=self.recurrence,
            recurrence_from_completion=self.recurrence_from_completion,
            category=self.category,
            tags=self.tags,
            duration_minutes=self.duration_minutes,
            reminders=self.reminders,
            start=self.start,
            parent_name=self.parent,
        )

    def to_json(self) -> dict[str, object]:
        """The parse as a JSON object (for `todo-tui add --dry-run --json`)."""
        return {
            "title": self.title,
            "notes": self.notes,
            "category": self.category,
            "category_is_new": self.category_is_new,
            "tags": list(self.tags),
            "priority": self.priority.label,
            "due": None if self.due is None else self.due.iso(),
            "due_tz": None if self.due is None else self.due.tz,
            "recurrence": self.recurrence,
            "recurrence_from_completion": self.recurrence_from_completion,
            "notices": list(self.notices),
            "duration_minutes": self.duration_minutes,
            "unread": list(self.unread),
            "reminders": [reminder.to_json() for reminder in self.reminders],
            "start": None if self.start is None else self.start.isoformat(),
            "parent": self.parent,
        }

    def summary_lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the fields that are set, Title first."""
        lines = [("Title", self.title)]
        if self.due is not None:
            lines.append(("Due", format_due(self.due, self.today)))
        if self.duration_minutes is not None:
            lines.append(("Duration", format_duration(self.duration_minutes)))
        if self.parent is not None:
            lines.append(("Under", self.parent))
        if self.category is not None:
            suffix = " (new)" if self.category_is_new else ""
            lines.append(("Category", self.category + suffix))
        if self.priority is not Priority.NONE:
            lines.append(("Priority", self.priority.label))
        if self.tags:
            lines.append(("Tags", ", ".join(self.tags)))
        if self.recurrence is not None:
            text = describe_rrule(self.recurrence, self.recurrence_from_completion)
            lines.append(("Repeats", text))
        if self.notes:
            lines.append(("Notes", self.notes))
        if self.start is not None:
            lines.append(("Starts", format_due(Due.on(self.start), self.today)))
        if self.reminders:
            lines.append(("Remind", ", ".join(r.words(None, self.today) for r in self.reminders)))
        return lines


def format_due(due: Due, today: date | None = None) -> str:
    """`Sat 28 Nov 09:00`; the year is added when it is not `today`'s year (or unknown). In
    the `date_format` and `clock` the settings give (todo_tui.timefmt)."""
    from todo_tui import timefmt

    text = timefmt.short_date(due.day, today)
    clock = due.local_time()
    return text if clock is None else f"{text} {timefmt.clock(clock)}"
