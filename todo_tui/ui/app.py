"""The Textual app: built by make_app, with the database opened after the first frame."""

from __future__ import annotations

import asyncio
import gc
import logging
import shutil
import signal
import sys
from collections import deque
from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding

from todo_tui import clock
from todo_tui.db.peek import look_soon
from todo_tui.ui.commands import COMMANDS, TodoCommands
from todo_tui.ui.drafts_kept import KeptDrafts
from todo_tui.ui.glyphs import AsciiScrollBars
from todo_tui.ui.keygate import KeyGate
from todo_tui.ui.keymap import Keymap, load_all
from todo_tui.ui.messages import CountsLoaded
from todo_tui.ui.screens.main import MainScreen
from todo_tui.ui.terminal import ascii_terminal, few_colours, window_name
from todo_tui.ui.themes import use_themes
from todo_tui.ui.widgets.task_detail import TaskDetail

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from todo_tui.db.peek import FirstLook
    from todo_tui.service import Services
    from todo_tui.service.changes import ChangeWatcher
    from todo_tui.ui.reminder_clock import ReminderClock

log = logging.getLogger("todo_tui")
# How often to look for changes made by other instances (a cheap read, no output).
WATCH_INTERVAL_S = 0.5
# Keys that work on the first look's rows while the database opens: they only move.
MOVING_KEYS = frozenset({"up", "down", "j", "k", "g", "G", "home", "end", "pageup", "pagedown",
                         "tab", "shift+tab", "i"})
# How many notices the app remembers (their texts: tests and the bug report read them).
NOTICES_KEPT = 50


def _import_storage() -> None:
    # SQLAlchemy, aiosqlite and the service layer take a few hundred ms to import:
    # done in a thread after the first frame, so the panes show at once.
    import rich.markdown  # noqa: F401  (the detail pane's notes; slow, so not before the panes)

    import todo_tui.service  # noqa: F401


class TodoApp(App[int]):
    """todo-tui: categories, tasks and detail, all from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "todo-tui"
    COMMANDS = App.COMMANDS | {TodoCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, db_url: str, look: Future[FirstLook | None] | None = None) -> None:
        from todo_tui.settings import current

        # the user's [keys] go on the classes before any instance copies their bindings
        # (this app's own included); the dialogs' once their modules are loaded
        keymap = Keymap(current(), palette=COMMANDS)
        keymap.install()
        super().__init__()
        self.keymap = keymap
        self.settings_told = False  # the file's problems are told once, in one notice
        self.theme_problems = use_themes(self, current())
        self.db_url = db_url
        # who this window is in the history of changes: `u` undoes what it did, also what it
        # did before a restart in the same terminal
        self.origin = window_name()
        self.services: Services | None = None
        self.watcher: ChangeWatcher | None = None
        self.crash_message = ""
        # why nothing can be saved (the header shows "read-only" while it is set)
        self.read_only_reason: str | None = None
        self.set_class(ascii_terminal(), "-ascii")  # before the first screen is composed
        self.set_class(few_colours(), "-few-colours")
        self.ascii_scrollbars = AsciiScrollBars()
        # the first look at the database (db/peek.py): `todo-tui` starts it before importing
        # Textual; an app made elsewhere (tests) starts it now
        self._look = look or look_soon(db_url, shutil.get_terminal_size().lines)
        self.main_screen = MainScreen(self._look)
        # one key at a time, each after what the one before it started: see ui/keygate.py
        self.keys = KeyGate(self, quiet=lambda: self.main_screen.lists.quiet)
        self.keys.ready = False
        self.keys.passes_early = MOVING_KEYS
        self.drafts = KeptDrafts(self)  # what was being typed, kept across a close
        self.notices: deque[str] = deque(maxlen=NOTICES_KEPT)  # the newest notices
        # waits for the next reminder (ui/reminder_clock.py); made once the database is open
        self.reminders: ReminderClock | None = None
        self.started_at = clock.now()  # reminders due before it were missed

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if not self.keys.admit(event):
                return  # it goes in after the keys before it are dealt with
        await super().on_event(event)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Show a notice, and keep its text among the newest (see `notices`)."""
        self.notices.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_load(self) -> None:
        if self.has_class("-ascii"):  # before anything is drawn
            self.ascii_scrollbars.install()

    def on_mount(self) -> None:
        self.call_after_refresh(self.open_database)
        self._handle_signals(True)

    def get_default_screen(self) -> MainScreen:
        # the first screen drawn: no blank default screen painted and replaced before it
        return self.main_screen

    # -- crash safety: the SSH connection drops (SIGHUP), kill (SIGTERM), SIGINT ---------

    EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)

    def _handle_signals(self, install: bool) -> None:
        # Textual installs no handler for these: without one the process dies with the
        # terminal in raw mode and whatever the user was typing lost.
        try:
            loop = asyncio.get_running_loop()
            for sig in self.EXIT_SIGNALS:
                if install:
                    loop.add_signal_handler(sig, self.exit_on_signal, sig)
                else:
                    loop.remove_signal_handler(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or a platform without signals

    def exit_on_signal(self, sig: int) -> None:
        log.info("signal %s: keeping drafts and exiting", signal.Signals(sig).name)
        self.drafts.write()
        self.exit(return_code=128 + sig)

    @work(exclusive=True, group="open")
    async def open_database(self) -> None:
        from todo_tui.errors import TodoError

        try:
            await self.first_look()
            self.main_screen.search.prepare()  # while the import below runs
            await asyncio.to_thread(_import_storage)
            if self.keymap.settings.keys:  # remapped keys: the dialogs' classes get theirs
                await asyncio.to_thread(load_all)  # (their modules load lazily otherwise)
            self.keymap.complete()  # the dialogs' keys, before a key can open one
            self.tell_settings_problems()
            self.main_screen.query_one(TaskDetail).storage_loaded()
            from todo_tui.service import open_services

            self.services = await open_services(self.db_url)
            self.note_read_only(self.services.db.read_only_reason)
        except TodoError as exc:
            log.warning("cannot open %s: %s", self.db_url, exc)
            self.show_fatal(str(exc))
            return
        except Exception as exc:  # a bug or an unexpected driver error: log it, say it
            log.exception("cannot open %s", self.db_url)
            self.show_fatal(f"unexpected error: {exc!r}")
            return
        finally:
            # Everything loaded so far (Textual, SQLAlchemy, the widgets) lives as long as the
            # app: kept out of the garbage collector's full passes, which otherwise stall a
            # keystroke now and then for 20 to 40 ms. The collector is back on (entry.py
            # turned it off for the start).
            gc.freeze()
            gc.enable()
        await self.main_screen.start()
        await self.main_screen.lists.first_read.wait()
        self.drafts.read()  # capture text back before the keys typed meanwhile can open it
        self.keys.open()  # keys typed meanwhile go in now, in order
        await self.start_watching()
        from todo_tui.ui.reminder_clock import ReminderClock

        self.reminders = ReminderClock(self, self.started_at)
        self.reminders.start()
        self.drafts.offer()

    async def first_look(self) -> None:
        """Show the opening list's rows read with sqlite3 (no SQLAlchemy yet), and let them
        paint before the database layer's import takes the interpreter for a while."""
        look = await asyncio.wrap_future(self._look)
        if look is not None and self.main_screen.preview(look):
            painted = asyncio.Event()
            self.call_after_refresh(painted.set)
            await painted.wait()

    async def start_watching(self) -> None:
        """Reload what is shown when another instance changes the database."""
        from todo_tui.service.changes import ChangeWatcher

        assert self.services is not None
        try:
            self.watcher = await ChangeWatcher.open(self.services.db)
        except Exception:  # live updates are a comfort, not a reason to stop
            log.exception("cannot watch for changes; live updates are off")
            return
        self.set_interval(WATCH_INTERVAL_S, self.look_for_changes)

    def look_for_changes(self) -> None:
        if self.watcher is not None:
            self._look_for_changes()

    @work(exclusive=True, group="watch", exit_on_error=False)
    async def _look_for_changes(self) -> None:
        if self.watcher is not None and await self.watcher.changed():
            self.main_screen.external_change()

    def on_counts_loaded(self, _message: CountsLoaded) -> None:
        # the lists were read again after a change (here or elsewhere): reminders may have too
        if self.reminders is not None:
            self.reminders.rearm()

    def show_fatal(self, message: str) -> None:
        from todo_tui.logs import log_path
        from todo_tui.ui.screens.fatal import FatalScreen

        self.push_screen(FatalScreen(message, str(log_path())))
        self.keys.open()  # keys typed meanwhile go to it (q quits)

    def note_read_only(self, reason: str | None) -> None:
        """Remember that the database opened read-only, and say so once."""
        self.read_only_reason = reason
        if reason:
            self.notify(f"Opened read-only: {reason}. You can look, but changes cannot be "
                        "saved.", title="Read-only", severity="warning", timeout=10,
                        markup=False)

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)
        if not shown.isascii() and ascii_terminal():
            return binding.key.split(",")[0]  # "enter", not "⏎", on a terminal without it
        return shown

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's "Theme" is our "Change theme" (ui/commands.py), with a live preview
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command

    def action_change_theme(self) -> None:
        """Pick a theme with a live preview; the choice is saved in the settings file."""
        from todo_tui.ui.screens.theme import ThemeScreen

        names = sorted(self.available_themes)
        self.push_screen(ThemeScreen(names, self.theme), self.theme_chosen)

    def theme_chosen(self, name: str | None) -> None:
        from todo_tui.settings import current
        from todo_tui.settings.save import SettingsNotSaved, save_setting

        if name is None:
            return
        path = current().path
        try:
            save_setting(path, "theme", name)
        except SettingsNotSaved as exc:
            self.notify(f"Theme {name} is on until you quit, but not saved: {exc}",
                        severity="warning", markup=False)
            return
        self.notify(f"Theme {name}, saved in {path}", markup=False)

    def action_help(self) -> None:
        from todo_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def tell_settings_problems(self) -> None:
        """One notice naming the settings file, and each bad entry's line and problem (each
        fell back to its default; the app goes on)."""
        from todo_tui.settings import current

        problems = [*current().problems, *self.theme_problems, *self.keymap.problems]
        if not problems or self.settings_told:
            return
        self.settings_told = True
        shown = [str(problem) for problem in problems[:6]]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more: todo-tui config check")
        self.notify("\n".join(shown), title="Settings: defaults used for", severity="warning",
                    timeout=20, markup=False)

    async def on_unmount(self) -> None:
        self.keymap.uninstall()
        self.ascii_scrollbars.uninstall()
        self._handle_signals(False)
        if not self.drafts.written:
            self.drafts.write()
        if self.watcher is not None:
            await self.watcher.close()
            self.watcher = None
        if self.services is not None:
            await self.services.close()
            self.services = None


def make_app(db_url: str, look: Future[FirstLook | None] | None = None) -> TodoApp:
    """Build the app for one database URL (tests and the command line both use this)."""
    return TodoApp(db_url, look)


def run(db_url: str, look: Future[FirstLook | None] | None = None) -> int:
    """Run the TUI until the user quits; returns the exit code.

    A bug (an exception nothing handles) ends the app as Textual does, but the traceback it
    prints on the way out goes to the log, never over the user's shell: one line there says
    what happened. Whatever was being typed was kept as a draft when the app closed.
    """
    from io import StringIO

    from rich.console import Console

    app = make_app(db_url, look)
    report = StringIO()
    app.error_console = Console(file=report, width=120, color_system=None, markup=False,
                                highlight=False)
    app.run()
    if report.getvalue().strip():
        from todo_tui.logs import log_path

        log.error("unexpected error:\n%s", report.getvalue())
        app.crash_message = (f"todo-tui: unexpected error (details in {log_path()}); anything "
                             "unsaved was kept and is offered at the next start")
    if app.crash_message:
        sys.stderr.write(app.crash_message + "\n")
    return app.return_code or 0
