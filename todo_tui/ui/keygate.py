"""Keys are handled one at a time, each by whatever the keys before it opened.

Textual reads keys from the terminal as fast as they come and hands each one to the widget
focused at that moment; that widget handles it later, in its own task. In `/call` typed or
pasted at once, every letter is handed to the task list before the `/` has opened the search
box, and `e`, `d` or space would then act on a task instead of going into the box. In `d y d
y`, the second `d` would ask about the task the first one is still deleting. A burst typed
while the database is still opening is worse: `e` would open a form on the rows of the
first look, and the keys after it would land in it, or in the list under it.

So the app passes keys (and pastes) through this gate. One goes in at once when the one
before it has been dealt with, and waits otherwise; waiting ones go in later, in the order
they came. A key has been dealt with when, twice in a row a poll apart:
- every message it caused is handled (a screen it opened is mounted and has the focus),
- every worker started since it went in has finished (its save, and the list read after it),
  unless a screen opened since then is up (a dialog that a worker waits on), and
- the app says it is quiet (the main screen's list and counts are not being read).
While the main screen is not ready (the database is opening), keys wait too, except the ones
that only move (they work on the first look's rows at once) and ctrl+c; a newline (ctrl+j)
then is an enter typed before the terminal was switched to raw mode, and goes in as one.

Only public Textual is used: `App.on_event`, `post_message`, each node's
`message_queue_size`, the app's `workers` and `screen_stack`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode

# How often to look whether the last key has been dealt with.
POLL_S = 0.002
# A key waits at most this long for the one before it (a save retrying on a busy database).
MAX_WAIT_S = 3.0
# Keys that are always let through: quitting must work while anything loads.
ALWAYS = frozenset({"ctrl+c"})

Typed = events.Key | events.Paste


class KeyGate:
    """Lets keys and pastes into one app one at a time; see the module's docstring.

    Nothing runs while keys come one by one at a person's pace: a key is let in at once when
    the last one has been dealt with by then. Only keys that must wait start a poll, which
    ends when the last of them has gone in.
    """

    def __init__(self, app: App[Any], quiet: Callable[[], bool] = lambda: True) -> None:
        self.app = app
        self.quiet = quiet  # whether the app has nothing on its way that keys should wait for
        self.waiting: deque[Typed] = deque()
        self.replaying: Typed | None = None
        self.ready = True  # False while the main screen waits for its database
        self.passes_early: frozenset[str] = frozenset()  # keys that need no database
        self._waited = 0.0
        self._calm = 0  # polls in a row that found the last key dealt with
        self._timer: asyncio.TimerHandle | None = None  # the next poll, while one is due
        self._screens: set[int] | None = None  # the screens up when the last key went in
        self._workers: set[int] = set()  # the workers that ran before it

    @property
    def holding(self) -> int:
        """How many keys and pastes wait to go in."""
        return len(self.waiting)

    def admit(self, event: Typed) -> bool:
        """Whether `event`, just read from the terminal, goes in now (False: it waits)."""
        if event is self.replaying:
            self.replaying = None
            self._went_in()
            return True
        if isinstance(event, events.Key) and event.key in ALWAYS:
            return True
        if not self.ready and isinstance(event, events.Key) and event.key == "ctrl+j":
            # typed before Textual put the terminal in raw mode (a burst sent as the app is
            # launched): the terminal's own line handling (ICRNL) made that enter a newline
            event = events.Key("enter", "\r")
        if self.waiting or not self._early_ok(event) or not self.settled():
            self.waiting.append(event)
            self._watch()
            return False
        self._went_in()
        return True

    def open(self) -> None:
        """The main screen is ready (or will never be): let waiting keys in."""
        self.ready = True
        self._watch()

    def _early_ok(self, event: Typed) -> bool:
        return self.ready or (isinstance(event, events.Key)
                              and event.key in self.passes_early)

    def _went_in(self) -> None:
        self._waited = 0.0
        self._calm = 0
        self._screens = {id(screen) for screen in self.app.screen_stack}
        self._workers = {id(worker) for worker in self.app.workers}

    def _watch(self) -> None:
        # asyncio's timer, not App.set_timer: a Textual timer that finds itself later than
        # its delay before it first sleeps (the process stopped for 2 ms between two lines,
        # as it is under load) skips its only tick, and the keys would wait for good. The
        # poll still runs as Textual runs a timer's callback: between two of the app's
        # messages.
        if self._timer is None and self.waiting:
            self._timer = asyncio.get_running_loop().call_later(
                POLL_S, self.app.call_next, self._check)

    def _check(self) -> None:
        self._timer = None
        if not self.app.is_running or not self.app.screen_stack:
            return  # the app is closing
        if self.replaying is not None:  # posted, not read again yet
            self._watch()
            return
        self._waited += POLL_S
        self._calm = self._calm + 1 if self.settled() else 0
        if (self._calm >= 2 or self._waited >= MAX_WAIT_S) and self._early_ok(self.waiting[0]):
            typed = self.waiting.popleft()
            self.replaying = typed
            self.app.post_message(typed)  # read again, as if it had just come
        # otherwise the first waiting key needs the database: open() lets it in
        self._watch()

    def settled(self) -> bool:
        """Whether the last key has been dealt with (see the module's docstring)."""
        if self._screens is None:
            return True  # none went in yet
        app = self.app
        screen = app.screen
        nodes: list[DOMNode] = [app, *app.screen_stack, *screen.walk_children()]
        if any(node.message_queue_size for node in nodes):
            return False
        if id(screen) not in self._screens:
            return True  # it brought a screen up: what comes next is for that screen
        new = [worker for worker in app.workers if id(worker) not in self._workers]
        return all(worker.is_finished for worker in new) and self.quiet()
