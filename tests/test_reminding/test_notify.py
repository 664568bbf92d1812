"""The desktop notification escapes: which kind a terminal gets, and user text made safe."""

from __future__ import annotations

import pytest

from todo_tui.reminding.notify import desktop_notification, detect, for_tmux, sequence
from todo_tui.reminding.settings import ReminderSettings, reminder_settings


@pytest.mark.parametrize("env, kind", [
    ({"TERM": "xterm-kitty"}, "osc99"),
    ({"TERM": "tmux-256color", "KITTY_WINDOW_ID": "1"}, "osc99"),
    ({"TERM": "foot"}, "osc777"),
    ({"TERM_PROGRAM": "ghostty"}, "osc777"),
    ({"TERM": "rxvt-unicode-256color"}, "osc777"),
    ({"TERM_PROGRAM": "iTerm.app"}, "osc9"),
    ({"LC_TERMINAL": "iTerm2", "TERM_PROGRAM": "tmux"}, "osc9"),  # iTerm2 over SSH
    ({"TERM_PROGRAM": "WezTerm"}, "osc9"),
    ({"WT_SESSION": "abc"}, "osc9"),
    ({"TERM": "xterm-256color"}, "none"),
    ({}, "none"),
])
def test_detect(env: dict[str, str], kind: str) -> None:
    assert detect(env) == kind


def test_user_text_cannot_end_or_change_the_sequence() -> None:
    hostile = "a\x1b]52;c;evil\x07b;c\x9c\x00"
    assert sequence("osc777", "todo-tui", hostile) == \
        "\x1b]777;notify;todo-tui;a ]52 c evil b c\x07"
    assert sequence("osc9", "t", hostile) == "\x1b]9;t: a ]52 c evil b c\x07"


def test_tmux_doubles_every_escape() -> None:
    assert for_tmux("\x1b]9;hi\x07") == "\x1bPtmux;\x1b\x1b]9;hi\x07\x1b\\"
    assert desktop_notification("osc9", "t", "b", {"TMUX": "x"}) == \
        "\x1bPtmux;\x1b\x1b]9;t: b\x07\x1b\\"
    assert desktop_notification("auto", "t", "b", {"TERM": "xterm"}) == ""
    assert desktop_notification("none", "t", "b", {"TMUX": "x"}) == ""


def test_settings_defaults_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TODO_TUI_REMIND_DEFAULT", "TODO_TUI_NOTIFY", "TODO_TUI_BELL",
                 "TODO_TUI_SNOOZE"):
        monkeypatch.delenv(name, raising=False)
    assert reminder_settings() == ReminderSettings(None, "auto", False, 10)
    monkeypatch.setenv("TODO_TUI_REMIND_DEFAULT", "15")
    monkeypatch.setenv("TODO_TUI_NOTIFY", "OSC777")
    monkeypatch.setenv("TODO_TUI_BELL", "1")
    monkeypatch.setenv("TODO_TUI_SNOOZE", "5")
    assert reminder_settings() == ReminderSettings(15, "osc777", True, 5)
    monkeypatch.setenv("TODO_TUI_NOTIFY", "popup")
    assert reminder_settings().notification == "auto"
