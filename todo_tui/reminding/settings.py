"""What the user chose about reminders: read through `reminder_settings()` only.

Until the settings file holds them, each has a documented default and an environment
variable that overrides it (the lead wires `reminder_settings` to the settings file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

# the notification kinds: the desktop escape sequence sent when a reminder fires
KINDS = ("auto", "osc9", "osc777", "osc99", "none")


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """Reminder settings, with their defaults."""

    # a reminder this many minutes before the due time of every timed task that has no
    # reminder of its own; None (the default): none
    default_minutes_before: int | None = None
    # which desktop notification escape to send: `auto` (detected from the terminal, see
    # reminding/notify.py), `osc9`, `osc777`, `osc99` or `none`
    notification: str = "auto"
    # ring the terminal bell too
    bell: bool = False
    # how long `z` snoozes a reminder
    snooze_minutes: int = 10


def _int(name: str) -> int | None:
    text = os.environ.get(name, "").strip()
    try:
        return max(0, int(text)) if text else None
    except ValueError:
        return None


def reminder_settings() -> ReminderSettings:
    """The reminder settings in force: the defaults, with TODO_TUI_REMIND_DEFAULT (minutes),
    TODO_TUI_NOTIFY (a kind), TODO_TUI_BELL (1) and TODO_TUI_SNOOZE (minutes) applied."""
    defaults = ReminderSettings()
    kind = os.environ.get("TODO_TUI_NOTIFY", "").strip().lower()
    snooze = _int("TODO_TUI_SNOOZE")
    return ReminderSettings(
        default_minutes_before=_int("TODO_TUI_REMIND_DEFAULT"),
        notification=kind if kind in KINDS else defaults.notification,
        bell=os.environ.get("TODO_TUI_BELL", "").strip() == "1",
        snooze_minutes=snooze if snooze else defaults.snooze_minutes,
    )
