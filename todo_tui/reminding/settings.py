"""What the user chose about reminders: read through `reminder_settings()` only.

Each is a setting of the settings file (settings/registry.py: remind_default, notify, bell,
snooze), which its environment variable overrides (TODO_TUI_REMIND_DEFAULT, TODO_TUI_NOTIFY,
TODO_TUI_BELL, TODO_TUI_SNOOZE).
"""

from __future__ import annotations

from dataclasses import dataclass

from todo_tui.settings.registry import NOTIFY_KINDS

# the notification kinds: the desktop escape sequence sent when a reminder fires
KINDS = NOTIFY_KINDS


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


def reminder_settings() -> ReminderSettings:
    """The reminder settings in force: the settings file's remind_default, notify, bell and
    snooze, each overridden by its environment variable (a bad value keeps the file's)."""
    from todo_tui import settings
    from todo_tui.settings.registry import BELL, NOTIFY, REMIND_DEFAULT, SNOOZE

    current = settings.current()
    minutes = current[REMIND_DEFAULT.name]
    snooze = current[SNOOZE.name]
    return ReminderSettings(
        default_minutes_before=minutes if isinstance(minutes, int) else None,
        notification=str(current[NOTIFY.name]),
        bell=current[BELL.name] is True,
        snooze_minutes=snooze if isinstance(snooze, int) else 10,
    )
