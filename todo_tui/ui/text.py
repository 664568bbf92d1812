"""User text for widgets: never markup, never raw control characters."""

from __future__ import annotations

from rich.text import Text

from todo_tui.textsafe import multi_line, one_line


def safe(text: str, style: str = "") -> Text:
    """One line of user text, shown literally."""
    return Text(one_line(text), style=style, no_wrap=True, end="")


def safe_block(text: str, style: str = "") -> Text:
    """Several lines of user text, shown literally."""
    return Text(multi_line(text), style=style, end="")
