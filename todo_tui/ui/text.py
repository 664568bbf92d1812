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


def short(text: str, limit: int = 40) -> str:
    """User text on one line, cut to `limit` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
