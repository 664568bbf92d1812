"""Shown when the database cannot be opened: the reason, and how to leave."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from todo_tui.ui.text import safe_block


class FatalScreen(Screen[None]):
    """The app cannot go on; q quits."""

    BINDINGS = [Binding("q,escape,enter", "app.quit", "Quit")]

    def __init__(self, message: str, log: str) -> None:
        super().__init__()
        self.message = message
        self.log_file = log

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog fatal-dialog"):
            yield Static(Text("todo-tui cannot open the database", style="bold"))
            yield Static(safe_block(self.message), classes="dialog-text")
            yield Static(safe_block(f"Details are in {self.log_file}"), classes="dim")
            yield Static(Text("Nothing was changed. Press q to quit.", style="dim"))
