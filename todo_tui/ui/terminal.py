"""What the app learns of the terminal it runs in: whether it can draw boxes, how many colours
it shows, and the name of this window in the history of changes."""

from __future__ import annotations

import os
import socket
import sys
import uuid

# Terminals that cannot be trusted with box drawing: panes and dialogs get ASCII borders.
ASCII_TERMS = {"dumb", "vt100", "vt102", "vt220", "linux", "ansi"}


def ascii_terminal() -> bool:
    """Whether to draw with ASCII only: the `ascii` setting (true, false; $TODO_TUI_ASCII
    wins over the file), or with "auto" the terminal's TERM."""
    from todo_tui.settings import current

    chosen = current()["ascii"]
    if isinstance(chosen, bool):
        return chosen
    term = os.environ.get("TERM", "").strip().lower()
    return term in ASCII_TERMS


def few_colours() -> bool:
    """Whether the terminal shows 8 or 16 colours only (no COLORTERM=truecolor, no
    256color TERM): where a theme's red and orange may come out as one colour."""
    if os.environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return False
    term = os.environ.get("TERM", "").strip().lower()
    return "256" not in term and "direct" not in term and "truecolor" not in term


def window_name() -> str:
    """This window in the history of changes: its tmux pane or its terminal device, so that a
    restart in the same place goes on with the same history (a new name where there is none)."""
    host = socket.gethostname()  # several machines may share one PostgreSQL database
    pane = os.environ.get("TMUX_PANE", "").strip()
    if pane:
        return f"tui:{host}:tmux{pane}"
    try:
        return f"tui:{host}:{os.ttyname(sys.stdin.fileno())}"
    except (OSError, ValueError, AttributeError):
        return f"tui:{host}:{uuid.uuid4().hex[:12]}"
