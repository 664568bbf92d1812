"""Reminders in the app: one timer to the next reminder, and what happens when it fires.

Waiting is a single timer set to the next reminder's moment (at most a minute ahead, so a
suspended laptop or a changed clock is caught up with): no polling, nothing drawn, nothing
written while idle. It is set again after each firing and whenever the lists are read again
(after any change, here or in another instance: the app's watcher notices those). A firing
is claimed in the database first, so of several open instances only one shows it: in the
app, with the terminal bell if wanted, and as a desktop notification escape sequence
(reminding/notify.py) written to the terminal. Reminders missed while nothing ran are shown
once at the start.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from todo_tui import clock
from todo_tui.domain import ListKind, ListRef
from todo_tui.errors import TodoError
from todo_tui.reminding.notify import desktop_notification
from todo_tui.reminding.settings import reminder_settings
from todo_tui.textsafe import one_line
from todo_tui.ui.terminal_out import write_to_terminal

if TYPE_CHECKING:
    from textual.app import App

    from todo_tui.service import Services
    from todo_tui.service.reminders import Firing
    from todo_tui.ui.screens.reminder import ReminderChoice, ReminderScreen

log = logging.getLogger("todo_tui")
# the longest single wait: the timer is set again after it (a read, nothing drawn)
MAX_WAIT_S = 60.0
# a timer may run a few ms early: it is set this much after the moment
LATE_S = 0.02


class ReminderClock:
    """The app's reminders: waits for the next, fires it once, snoozes and shows."""

    def __init__(self, app: App[Any], started_at: datetime) -> None:
        self.app = app
        # what came due before this moment was missed (nothing ran here to show it on time)
        self.started_at = started_at
        self.settings = reminder_settings()
        self.timer: Timer | None = None
        self.next_at: datetime | None = None
        self.started = False
        self.shown: ReminderScreen | None = None

    # what the clock reads of the app (ui/app.py's TodoApp), which imports this module

    @property
    def services(self) -> Services | None:
        services: Services | None = getattr(self.app, "services", None)
        return services

    @property
    def origin(self) -> str:
        return str(getattr(self.app, "origin", ""))

    def start(self) -> None:
        """The database is open: show what was missed, then wait for the next one. (A window
        on a read-only database shows none: it cannot record that it showed them.)"""
        if getattr(self.app, "read_only_reason", None):
            return
        self.started = True
        self.app.run_worker(self._fire(at_start=True), group="remind", exit_on_error=False)

    def rearm(self) -> None:
        """Something may have changed: find the next reminder again."""
        if self.started and self.services is not None:
            self.app.run_worker(self._arm(), group="remind-arm", exclusive=True,
                                exit_on_error=False)

    async def _arm(self) -> None:
        services = self.services
        if services is None:
            return
        try:
            at = await services.reminders.next_at(
                "tui", clock.now(), self.settings.default_minutes_before)
        except TodoError as exc:
            log.warning("cannot read the next reminder: %s", exc)
            return
        self._wait_until(at)

    def _wait_until(self, at: datetime | None) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.next_at = at
        if at is None:
            return
        wait = (at - clock.now()).total_seconds()
        self.timer = self.app.set_timer(min(max(wait, 0.0) + LATE_S, MAX_WAIT_S), self._due)

    def _due(self) -> None:
        self.timer = None
        self.app.run_worker(self._fire(), group="remind", exit_on_error=False)

    async def _fire(self, at_start: bool = False) -> None:
        services = self.services
        if services is None:
            return
        try:
            firings = await services.reminders.fire_due(
                "tui", clock.now(), self.settings.default_minutes_before,
                origin=self.origin)
        except TodoError as exc:  # read-only, busy: this instance shows none for now
            log.warning("cannot fire reminders: %s", exc)
            self._wait_until(None)
            self.timer = self.app.set_timer(MAX_WAIT_S, self._due)  # not at once again
            return
        missed = [f for f in firings if at_start and f.occurrence < self.started_at]
        if missed:
            self.deliver(missed, missed=True)
        if len(missed) < len(firings):
            self.deliver([f for f in firings if f not in missed])
        await self._arm()

    def deliver(self, firings: list[Firing], missed: bool = False) -> None:
        """Show reminders this instance claimed (and, unless missed, notify the desktop)."""
        # the dialog is loaded when first needed: not at the start
        from todo_tui.ui.screens.reminder import ReminderScreen, reminder_line

        tz = clock.local_zone_name()
        if not missed:
            for firing in firings:
                data = desktop_notification(self.settings.notification, "todo-tui",
                                            reminder_line(firing, tz), os.environ,
                                            ident=f"todo-tui-{firing.id}")
                write_to_terminal(self.app, data)
            if self.settings.bell:
                self.app.bell()
        word = "Missed reminder" if missed else "Reminder"
        notices = getattr(self.app, "notices", None)  # the newest notices, kept for tests
        for firing in firings:
            if notices is not None:
                notices.append(one_line(f"{word}: {reminder_line(firing, tz)}"))
        if self.shown is not None and self.shown in self.app.screen_stack:
            self.shown.add(firings)
            return
        self.shown = ReminderScreen(firings, tz, missed=missed)
        self.app.push_screen(self.shown, self._chosen)

    def _chosen(self, choice: ReminderChoice | None) -> None:
        shown, self.shown = self.shown, None
        rest = [] if shown is None or choice is None or choice.action == "close" else [
            f for f in shown.firings if f is not choice.firing]
        if choice is None or choice.firing is None:
            return
        firing = choice.firing
        if choice.action == "show":
            from todo_tui.ui.screens.main.host import MainHost

            main = self.app.get_default_screen()
            if isinstance(main, MainHost):
                main.lists.reload(select_id=firing.task.id, elsewhere=ListRef(ListKind.ALL))
                main.task_list.focus()
        elif choice.ask:
            from todo_tui.ui.screens.prompt import PromptScreen

            self.app.push_screen(
                PromptScreen("Snooze until", placeholder="30m, 1h, 14:30, tomorrow 9am"),
                lambda text: self._snooze_until(firing, text))
        else:
            until = clock.now() + timedelta(minutes=self.settings.snooze_minutes)
            self.app.run_worker(self._snooze(firing, until), group="remind-snooze",
                                exit_on_error=False)
        if rest:
            self.deliver(rest, missed=True)  # shown again, not sent to the desktop again

    def _snooze_until(self, firing: Firing, text: str | None) -> None:
        if text is None:
            return
        from todo_tui.capture.recurrence import CaptureError
        from todo_tui.capture.remind import snooze_until

        try:
            until = snooze_until(text, clock.now(), clock.local_zone_name())
        except CaptureError as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            return
        self.app.run_worker(self._snooze(firing, until), group="remind-snooze",
                            exit_on_error=False)

    async def _snooze(self, firing: Firing, until: datetime) -> None:
        services = self.services
        if services is None:
            return
        try:
            await services.reminders.snooze(firing.id, until)
        except TodoError as exc:
            self.app.notify(f"Not snoozed: {exc}", severity="error", markup=False)
            return
        from todo_tui import timefmt

        now = clock.now()
        local = until.astimezone(now.tzinfo)
        when = (timefmt.clock(local.time()) if local.date() == now.date()
                else timefmt.moment(local, now.date()))
        self.app.notify(one_line(f"Snoozed until {when}: {firing.task.title}"), markup=False)
        await self._arm()
