"""Bytes for the terminal itself, not for the screen: a desktop notification's escape sequence.

Textual has no public way to write to the terminal (App.bell() writes BEL through the driver,
privately). This module is the one place that reaches for the driver, so a Textual upgrade
that changes it means one small file to look at (tests/test_ui/test_reminders_pty.py checks
the bytes that reach a real terminal). Writing through the driver, never to stdout directly,
keeps the sequence in order with the frames Textual writes: it goes between two frames, and an
OSC sequence moves no cursor and draws nothing, so the screen is not disturbed.
"""

from __future__ import annotations

from typing import Any

from textual.app import App


def write_to_terminal(app: App[Any], data: str) -> bool:
    """Write `data` to the app's real terminal; False when there is none (headless tests)."""
    driver = getattr(app, "_driver", None)
    if not data or app.is_headless or driver is None:
        return False
    driver.write(data)
    driver.flush()
    return True
