"""Keys are handled one at a time, each by whatever the keys before it opened.

Textual reads keys from the terminal as fast as they come and hands each one to the widget
focused at that moment; that widget handles it later, in its own task. In `/call` typed or
pasted at once, every letter is handed to the task list before the `/` has opened the search
box, and `e`, `d` or space would then act on a task instead of going into the box. A burst
typed while the database is still opening is worse: `e` would open a form on the rows of the
first look, and the keys after it would land in it, or in the list under it.

So the app passes keys through this gate. A key goes in at once when the one before it has
been dealt with, and waits otherwise; waiting keys go in later, in the order they were typed.
A key has been dealt with when every message it caused is handled (a screen it opened is
mounted and has the focus) and every worker it started has finished, unless it brought
another screen up meanwhile (a save that closes the capture popup: the keys after `enter`
go to the list only once the popup is gone, never half to one and half to the other).
While the main screen is not ready (the database is opening), keys wait too, except the ones
that only move (they work on the first look's rows at once) and quitting.

Only public Textual is used: `App.on_event`, `post_message`, each node's
`message_queue_size` and the app's `workers`.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer

# How often to look whether the last key has been dealt with.
POLL_S = 0.002
# A key waits at most this long for the one before it (a save retrying on a busy database).
MAX_WAIT_S = 1.0
# Keys that are always let through: quitting must work while anything loads.
ALWAYS = frozenset({"ctrl+c"})


class KeyGate:
    """Lets keys into one app one at a time; see the module's docstring."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.waiting: deque[events.Key] = deque()
        self.busy = False  # a key went in and has not been dealt with yet
        self.replaying: events.Key | None = None
        self.ready = True  # False while the main screen waits for its database
        self.passes_early: frozenset[str] = frozenset()  # keys that need no database
        self._waited = 0.0
        self._timer: Timer | None = None
        self._screen: Screen[Any] | None = None  # the screen when the last key went in
        self._workers: set[int] = set()  # the workers that ran before it

    @property
    def holding(self) -> int:
        """How many keys wait to go in."""
        return len(self.waiting)

    def admit(self, event: events.Key) -> bool:
        """Whether `event`, just read from the terminal, goes in now (False: it waits)."""
        if event is self.replaying:
            self.replaying = None
            self._start()
            return True
        if event.key in ALWAYS:
            return True
        if self.waiting or self.busy or not self._early_ok(event):
            self.waiting.append(event)
            self._watch()
            return False
        self._start()
        return True

    def open(self) -> None:
        """The main screen is ready: let waiting keys in."""
        self.ready = True
        self._watch()

    def _early_ok(self, event: events.Key) -> bool:
        return self.ready or event.key in self.passes_early

    def _start(self) -> None:
        self.busy = True
        self._waited = 0.0
        self._screen = self.app.screen
        self._workers = {id(worker) for worker in self.app.workers}
        self._watch()

    def _watch(self) -> None:
        if self._timer is None:
            self._timer = self.app.set_timer(POLL_S, self._check)

    def _check(self) -> None:
        self._timer = None
        if not self.app.screen_stack:
            return  # the app is closing
        if self.busy:
            self._waited += POLL_S
            if not self.settled() and self._waited < MAX_WAIT_S:
                self._watch()
                return
            self.busy = False
        if self.waiting and self._early_ok(self.waiting[0]):
            key = self.waiting.popleft()
            self.replaying = key
            self.app.post_message(key)  # read again, as if just typed
        # otherwise the first waiting key needs the database: open() lets it in

    def settled(self) -> bool:
        """Whether the last key has been dealt with (see the module's docstring)."""
        app = self.app
        nodes: list[DOMNode] = [app, *app.screen_stack]
        nodes.extend(app.screen.walk_children())
        if any(node.message_queue_size for node in nodes):
            return False
        return app.screen is not self._screen or all(
            worker.is_finished for worker in app.workers if id(worker) not in self._workers)
