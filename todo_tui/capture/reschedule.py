"""The one-line prompts for a due (`D`) and a repeat (`R`), and the edit form's Due and Repeat
fields: text in, the change it asks for out (or a ValueError saying why it cannot be used).

Both read the quick-capture grammar (parser.py); the due prompt also takes a shift of the
current due (`+2d`, `-1w`, `+1m`), and both take `none` to remove.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from todo_tui.domain import Due, Priority
from todo_tui.recurrence import describe_rrule
from todo_tui.recurrence.local import resolve_local

from .parser import Capture, format_due, parse

NONE_WORDS = frozenset({"none", "no", "never", "clear", "-"})
_SHIFT = re.compile(r"([+-])\s*(\d{1,4})\s*(d|day|days|w|wk|week|weeks|m|mo|month|months|"
                    r"y|yr|year|years)", re.I)
_UNITS = {"d": "d", "w": "w", "m": "m", "y": "y"}


@dataclass(frozen=True, slots=True)
class Shift:
    """Move a due by an amount: days (weeks are 7 days), or calendar months (years: 12)."""

    days: int = 0
    months: int = 0

    def words(self) -> str:
        amount, unit = (self.months, "month") if self.months else (self.days, "day")
        if not self.months and self.days and self.days % 7 == 0:
            amount, unit = self.days // 7, "week"
        sign = "+" if amount >= 0 else "-"
        return f"{sign}{abs(amount)} {unit}{'s' if abs(amount) != 1 else ''}"

    def day(self, day: date) -> date:
        """`day` moved (a month's missing day is its last: 31 Jan + 1 month is 28 Feb)."""
        if self.months:
            month0 = day.month - 1 + self.months
            year, month = day.year + month0 // 12, month0 % 12 + 1
            day = day.replace(year=year, month=month,
                              day=min(day.day, calendar.monthrange(year, month)[1]))
        return day + timedelta(days=self.days)

    def apply(self, due: Due | None, today: date) -> Due:
        """The due moved; a task without one counts from `today` (all day)."""
        if due is None:
            return Due.on(self.day(today))
        clock, moment = due.local_time(), due.local()
        if clock is None or moment is None or due.tz is None:
            return Due.on(self.day(due.day))
        local, _notice = resolve_local(self.day(moment.date()), clock, due.tz)
        return Due.at_local(local, due.tz)


@dataclass(frozen=True, slots=True)
class DueChange:
    """What the due prompt asks: a due for every task (None: no due), or a shift of each."""

    due: Due | None = None
    shift: Shift | None = None

    def apply(self, due: Due | None, today: date) -> Due | None:
        return self.shift.apply(due, today) if self.shift is not None else self.due

    def words(self, today: date) -> str:
        """What it does, for the preview and the history."""
        if self.shift is not None:
            return f"due {self.shift.words()}"
        return "no due date" if self.due is None else f"due {format_due(self.due, today)}"


@dataclass(frozen=True, slots=True)
class RepeatChange:
    """What the repeat prompt asks: a rule (None: no repeat), whether it counts from the
    completion, and the first occurrence (`due`) for a task without a due; when the text
    names a time (`every weekday 9:30`) `timed` is set and every task's due becomes `due`."""

    rule: str | None
    from_completion: bool = False
    due: Due | None = None
    timed: bool = False

    def words(self, today: date) -> str:
        if self.rule is None:
            return "no repeat"
        text = describe_rrule(self.rule, self.from_completion)
        if self.due is not None:
            when = format_due(self.due, today)
            text += f"; due {when}" if self.timed else f"; undated tasks due {when}"
        return text


def _parse(text: str) -> Capture:
    from todo_tui import clock

    return parse(text, now=clock.now(), tz=clock.local_zone_name())


def _leftovers(capture: Capture, *, due: bool, repeat: bool) -> list[str]:
    """What the text says that the field has no place for."""
    extra = []
    if capture.title:
        extra.append(f"{capture.title!r} is not understood")
    if capture.recurrence is not None and not repeat:
        extra.append("a repeat goes in Repeat")
    if capture.due is not None and not due and not repeat:
        extra.append("a date goes in Due")
    if capture.category is not None:
        extra.append("a category goes in Category")
    if capture.tags:
        extra.append("tags go in Tags")
    if capture.priority is not Priority.NONE:
        extra.append("a priority goes in Priority")
    if capture.notes:
        extra.append("notes go in Notes")
    if capture.parent is not None:
        extra.append("a parent is set by moving the task (> and <, or todo-tui move)")
    return extra


def parse_due_change(text: str) -> DueChange:
    """The due prompt's text: `tomorrow 9am`, `fri`, `+2d`, `next week`, `none`."""
    words = text.strip()
    if not words:
        raise ValueError("type a date (tomorrow 9am, fri, +2d, next week) or none")
    if words.lower() in NONE_WORDS:
        return DueChange(None)
    shift = _SHIFT.fullmatch(words)
    if shift is not None:
        sign = -1 if shift.group(1) == "-" else 1
        amount, unit = sign * int(shift.group(2)), _UNITS[shift.group(3)[0].lower()]
        return DueChange(shift=Shift(days=amount * (7 if unit == "w" else 1)) if unit in "dw"
                         else Shift(months=amount * (12 if unit == "y" else 1)))
    return DueChange(parse_due(words))


def parse_due(text: str) -> Due | None:
    """A due date typed in the edit form or the due prompt (empty: none)."""
    if not text.strip():
        return None
    capture = _parse(text)
    extra = _leftovers(capture, due=True, repeat=False)
    if capture.due is None or extra:
        why = "; ".join(extra) or "it is not a date"
        raise ValueError(f"cannot read {text.strip()!r} as a date: {why} "
                         "(try: tomorrow 9am, fri, 2026-12-01 17:30)")
    return capture.due


def parse_repeat_change(text: str) -> RepeatChange:
    """The repeat prompt's text: `every weekday 9:30`, `every! 3 days`, `none`."""
    words = text.strip()
    if not words:
        raise ValueError("type a repeat (every weekday 9:30, every! 3 days) or none")
    if words.lower() in NONE_WORDS:
        return RepeatChange(None)
    capture = _parse(words)
    extra = _leftovers(capture, due=False, repeat=True)
    if capture.recurrence is None or extra:
        why = "; ".join(extra) or "it is not a repeat"
        raise ValueError(f"cannot read {words!r} as a repeat: {why} "
                         "(try: every day, every weekday 9:30, every! 3 days, every 15th)")
    due = capture.due
    return RepeatChange(capture.recurrence, capture.recurrence_from_completion, due,
                        timed=due is not None and due.has_time)


def repeat_text(rule: str | None, from_completion: bool) -> str:
    """A task's repeat as the Repeat field shows it: words the grammar reads back to the same
    rule where it can (`every other Monday`), else the rule's description."""
    if rule is None:
        return ""
    words = describe_rrule(rule)
    spelled = _SPELLINGS[0][0].sub(_SPELLINGS[0][1], words)
    for pattern, replacement in _SPELLINGS[1:]:
        spelled = pattern.sub(replacement, spelled)
    if from_completion and spelled.startswith("every "):
        spelled = "every! " + spelled.removeprefix("every ")
    try:
        back = parse_repeat_change(spelled)
    except ValueError:
        return words
    return spelled if back.rule == rule else words


# describe_rrule's words that the grammar spells another way
_SPELLINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^every 2 weeks on (\w+)$"), r"every other \1"),
    (re.compile(r" of the month$"), ""),
    (re.compile(r"^every (\d+) ([A-Z][a-z]+)$"), r"every \2 \1"),  # 5 January
]


def parse_tag_change(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tags prompt's text: `+tag` (or a bare word) adds, `-tag` removes."""
    add: list[str] = []
    remove: list[str] = []
    for word in text.replace(",", " ").split():
        name = word.lstrip("+-@#")
        if not name:
            continue
        (remove if word.startswith("-") else add).append(name)
    if not add and not remove:
        raise ValueError("type +tag to add a tag, -tag to take one off")
    return tuple(add), tuple(remove)
