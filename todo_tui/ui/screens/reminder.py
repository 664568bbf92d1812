"""Reminders that came due: `z` snoozes the highlighted one, `enter` shows its task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from todo_tui.ui.glyphs import fit
from todo_tui.ui.text import safe

if TYPE_CHECKING:
    from todo_tui.service.reminders import Firing


@dataclass(frozen=True, slots=True)
class ReminderChoice:
    """What the user did with the reminders shown: `snooze` one (for the default time, or
    until what they type when `ask`), `show` its task, or `close` them all."""

    action: str
    firing: Firing | None = None
    ask: bool = False


def reminder_line(firing: Firing, tz: str) -> str:
    """`call bank · due Mon 7 Dec 15:00 · 10m before` (in the settings' date_format and
    clock: todo_tui.timefmt)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from todo_tui import clock, timefmt
    from todo_tui.domain import Reminder

    today = clock.now().astimezone(ZoneInfo(tz)).date()
    parts = [firing.task.title]
    due = firing.task.due
    if due is not None and due.at is not None:
        parts.append(f"due {timefmt.moment(due.at.astimezone(ZoneInfo(tz)), today)}")
    elif due is not None:
        parts.append(f"due {timefmt.short_date(due.day, today)}")
    label = firing.label
    if firing.reminder.startswith("@"):  # a fixed moment: the label is ISO (remind --json)
        try:
            moment = datetime.strptime(firing.reminder[1:], "%Y-%m-%dT%H:%M%z")
        except ValueError:
            pass
        else:
            label = Reminder(at=moment).words(tz, today)
    parts.append(label)
    return " · ".join(parts)


class ReminderScreen(ModalScreen[ReminderChoice]):
    """The reminders that came due (or were missed while nothing ran), newest last."""

    BINDINGS = [
        Binding("z", "snooze", "Snooze"),
        Binding("Z", "snooze_until", "Snooze until…"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, firings: list[Firing], tz: str, missed: bool = False) -> None:
        super().__init__()
        self.firings = list(firings)
        self.tz = tz
        self.missed = missed

    def compose(self) -> ComposeResult:
        title = "Missed reminders" if self.missed else "Reminder"
        with Vertical(classes="dialog reminder-dialog"):
            yield Static(safe(title, "bold"), classes="dialog-text", id="reminder-title")
            yield OptionList(*(Option(safe(reminder_line(f, self.tz))) for f in self.firings),
                             id="reminder-list")
            yield Static(Text(fit(self.app, "enter show the task · z snooze · Z snooze until… · "
                                  "escape close"), style="dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = len(self.firings) - 1
        self.set_focus(options)

    def add(self, firings: list[Firing]) -> None:
        """More reminders came due while these are shown."""
        self.firings.extend(firings)
        try:
            options = self.query_one(OptionList)
        except NoMatches:  # not composed yet: it will show them all
            return
        options.add_options([Option(safe(reminder_line(f, self.tz))) for f in firings])
        options.highlighted = len(self.firings) - 1

    def _current(self) -> Firing | None:
        index = self.query_one(OptionList).highlighted
        return self.firings[index] if index is not None and index < len(self.firings) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(ReminderChoice("show", self.firings[event.option_index]))

    def action_snooze(self) -> None:
        self.dismiss(ReminderChoice("snooze", self._current()))

    def action_snooze_until(self) -> None:
        self.dismiss(ReminderChoice("snooze", self._current(), ask=True))

    def action_close(self) -> None:
        self.dismiss(ReminderChoice("close"))
