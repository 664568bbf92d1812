"""The bar above the panes: the open list's name and counts."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from todo_tui.textsafe import one_line
from todo_tui.ui.glyphs import fit
from todo_tui.words import count_of


class ListHeader(Static):
    """`todo-tui · Today · 12 tasks`, and a state such as `loading…` or `read-only`."""

    DEFAULT_CSS = """
    ListHeader { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def show(self, name: str, total: int | None, state: str = "") -> None:
        """The list's name (user text, shown as it is), its size and the app's `state`."""
        dot = fit(self.app, "  ·  ")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("todo-tui", style="bold")
        text.append(dot)
        text.append(one_line(name), style="bold")
        if total is not None:
            text.append(f"{dot}{count_of(total, 'task')}")
        if state:
            text.append(dot + fit(self.app, state), style="italic")
        self.update(text)
