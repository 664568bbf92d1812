"""The edit form's fields as text: what the form holds, how a task fills it, and how each
field is read back (with the capture grammar), without Textual."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from todo_tui import clock
from todo_tui.capture.reschedule import RepeatChange, parse_repeat_change, repeat_text
from todo_tui.domain import Due, Priority, Reminder, Task, TaskChanges
from todo_tui.textsafe import multi_line, visible


@dataclass(frozen=True)
class FormValues:
    """What the form holds, as typed."""

    title: str
    notes: str
    due: str
    priority: Priority
    category_id: str | None
    tags: str
    repeat: str | None = None  # None (a draft kept before the field existed): as the task has it
    start: str = ""  # the start day, as typed


@dataclass(frozen=True)
class EditResult:
    """What to save, and what was typed (to reopen the form if saving fails)."""

    changes: TaskChanges
    values: FormValues
    # the task's reminders as the form's Reminders field asks; None when it was not changed
    reminders: tuple[Reminder, ...] | None = None


def due_text(due: Due | None) -> str:
    """How a due is shown in the form, in a form the capture grammar reads back."""
    if due is None:
        return ""
    moment = due.local()
    return due.day.isoformat() if moment is None else f"{due.day.isoformat()} {moment:%H:%M}"


def values_from_draft(data: dict[str, object]) -> FormValues | None:
    """FormValues back from `EditScreen.draft_state()`'s "values", or None if unusable."""
    try:
        category = data.get("category_id")
        return FormValues(
            title=str(data["title"]), notes=str(data["notes"]), due=str(data["due"]),
            priority=Priority(int(str(data["priority"]))),
            category_id=None if category is None else str(category), tags=str(data["tags"]),
            repeat=None if data.get("repeat") is None else str(data["repeat"]),
            start=str(data.get("start", "")),
        )
    except (KeyError, ValueError, TypeError):
        return None


def values_of(task: Task) -> FormValues:
    """The form's starting values; control characters are shown as visible placeholders."""
    return FormValues(
        title=visible(task.title), notes=multi_line(task.notes), due=due_text(task.due),
        priority=task.priority, category_id=task.category_id,
        tags=visible(" ".join(task.tags)),
        repeat=repeat_text(task.recurrence, task.recurrence_from_completion),
        start="" if task.start is None else task.start.isoformat(),
    )


def parse_due(text: str) -> Due | None:
    """Read the due field with the capture grammar; raises ValueError saying why it cannot
    (a repeat, a category... typed into it are refused, never dropped)."""
    from todo_tui.capture.reschedule import parse_due as read_due

    return read_due(text)


def parse_repeat(text: str) -> RepeatChange:
    """Read the repeat field with the capture grammar (empty: no repeat); raises ValueError."""
    if not text.strip():
        return RepeatChange(None)
    return parse_repeat_change(text)


def schedule(due: Due | None, repeat: RepeatChange, *, typed: bool = True) -> Due | None:
    """The due a task gets with this repeat: its own, or the repeat's first occurrence when it
    has none or (as `R` does) when the repeat names a time and the due was not `typed` in the
    form; raises ValueError when both name a time and they differ."""
    if repeat.rule is None or repeat.due is None:
        return due
    if due is None or (repeat.timed and not typed):
        return repeat.due
    if repeat.timed and due.local_time() != repeat.due.local_time():
        raise ValueError("Repeat names a time the due does not have: put the time in Due "
                         "(e.g. mon 9:30) or take it out of Repeat")
    return due


def parse_start(text: str) -> date | None:
    """Read the start field (a day, by the capture grammar); raises ValueError."""
    from todo_tui.capture import parse

    if not text.strip():
        return None
    found = parse(f"start:{text.strip()}", now=clock.now(), tz=clock.local_zone_name())
    if found.start is None or found.title or found.due is not None or found.parent is not None:
        raise ValueError(f"cannot read {text.strip()!r} as a start day (try: fri, 2026-12-01)")
    return found.start


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(word.lstrip("+@") for word in text.replace(",", " ").split() if word.lstrip("+@"))
