"""The key gate on its own: a small app whose keys open a popup, typed in one burst."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from textual import _time, events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from todo_tui.ui.keygate import KeyGate


class Popup(ModalScreen[str]):
    BINDINGS = [Binding("enter", "done", priority=True)]

    def compose(self) -> ComposeResult:
        yield Input(id="box")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    def action_done(self) -> None:
        self.dismiss(self.query_one(Input).value)


class Board(Static, can_focus=True):
    """Records the keys it handles; `o` asks the app for a popup (a message, as our list
    does: the popup opens one hop later)."""

    BINDINGS = [Binding("o", "open")]

    def __init__(self) -> None:
        super().__init__("board")
        self.seen: list[str] = []

    def on_key(self, event: events.Key) -> None:
        self.seen.append(event.key)

    def action_open(self) -> None:
        self.app.call_later(self.app.open_popup)  # type: ignore[attr-defined]


class GatedApp(App[None]):
    def __init__(self, gated: bool) -> None:
        super().__init__()
        self.gated = gated
        self.keys = KeyGate(self)
        self.results: list[str] = []

    def compose(self) -> ComposeResult:
        yield Board()

    def on_mount(self) -> None:
        self.query_one(Board).focus()

    async def on_event(self, event: events.Event) -> None:
        if (self.gated and isinstance(event, events.Key) and not event.is_forwarded
                and not self.keys.admit(event)):
            return
        await super().on_event(event)

    def open_popup(self) -> None:
        self.push_screen(Popup(), self.results.append)


def burst(app: App[Any], keys: str) -> None:
    for key in keys:
        name = {"\n": "enter", " ": "space"}.get(key, key)
        app.post_message(events.Key(name, key))


async def wait_for(pilot: Any, condition: Any) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("never")


async def test_a_burst_goes_to_the_popup_its_first_key_opens_in_order() -> None:
    app = GatedApp(gated=True)
    async with app.run_test() as pilot:
        burst(app, "ohello\nx")
        await wait_for(pilot, lambda: len(app.query_one(Board).seen) == 2)
        assert app.results == ["hello"]
        assert app.query_one(Board).seen == ["o", "x"]  # x came after the popup closed


async def test_without_the_gate_the_burst_is_lost_to_the_widget_under_the_popup() -> None:
    # what the gate is for: the same burst without it
    app = GatedApp(gated=False)
    async with app.run_test() as pilot:
        burst(app, "ohello\nx")
        await pilot.pause(0.3)
        assert app.results != ["hello"]


async def test_keys_wait_until_the_gate_opens_but_early_ones_pass() -> None:
    app = GatedApp(gated=True)
    async with app.run_test() as pilot:
        app.keys.ready = False
        app.keys.passes_early = frozenset({"j"})
        burst(app, "jjoab")
        await pilot.pause(0.2)
        board = app.query_one(Board)
        assert board.seen == ["j", "j"] and app.keys.holding == 3
        assert app.screen is not None and not isinstance(app.screen, Popup)
        app.keys.open()
        await wait_for(pilot, lambda: isinstance(app.screen, Popup)
                       and app.screen.query_one(Input).value == "ab")
        assert app.keys.holding == 0


async def test_a_key_behind_a_waiting_one_waits_too_even_if_it_could_pass() -> None:
    app = GatedApp(gated=True)
    async with app.run_test() as pilot:
        app.keys.ready = False
        app.keys.passes_early = frozenset({"j"})
        burst(app, "xj")
        await pilot.pause(0.2)
        assert app.query_one(Board).seen == []  # j is behind x: order is kept
        app.keys.open()
        await wait_for(pilot, lambda: app.query_one(Board).seen == ["x", "j"])


async def test_keys_go_in_when_the_process_stalls_as_a_poll_is_set(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Under load the process can be stopped for longer than a poll between any two lines.
    # Here the clock Textual's timers read (textual._time) moves 5 ms at each read, as if the
    # process were stopped before each one. A Textual timer that finds itself late by more
    # than its delay before it ever slept skips its only tick: a poll set with one was lost,
    # and the keys behind it waited for good (keys typed, nothing running, nothing happens).
    clock = itertools.count()
    real = _time.get_time
    monkeypatch.setattr(_time, "get_time", lambda: real() + 0.005 * next(clock))
    app = GatedApp(gated=True)
    async with app.run_test() as pilot:
        burst(app, "ohello\nx")
        await wait_for(pilot, lambda: len(app.query_one(Board).seen) == 2)
        assert app.results == ["hello"]
        assert app.query_one(Board).seen == ["o", "x"]
        assert app.keys.holding == 0
