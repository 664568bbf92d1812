"""The help screen: every key, and the quick-capture grammar."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from todo_tui.ui.keymap import SECTION_CONTEXTS, Keymap, live_text
from todo_tui.ui.keys import KEYS

COUNTS_NOTE = ("The counts beside each list count tasks, subtasks included. In the Inbox and "
               "the categories subtasks are under their parents; elsewhere each shows its "
               "parents' titles before its own.\n")


def keys_table(keymap: Keymap | None = None) -> Group:
    """The keys, as they are now (the user's [keys] applied)."""
    parts: list[Table | Text] = []
    for section, rows in KEYS:
        contexts = SECTION_CONTEXTS.get(section, ())
        table = Table(title=section, title_justify="left", show_header=False, box=None,
                      padding=(0, 2), title_style="bold")
        table.add_column(style="bold", no_wrap=True, min_width=18)
        table.add_column()
        for key, what in rows:
            table.add_row(Text(live_text(keymap, contexts, key)), Text(what))
        parts.extend([table, Text("")])
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys and grammar; escape, q or ? closes."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def compose(self) -> ComposeResult:
        from todo_tui.capture import GRAMMAR_HELP
        from todo_tui.capture.start import START_HELP

        with VerticalScroll(classes="dialog help-dialog", id="help-scroll"):
            yield Static(Text("todo-tui help", style="bold"))
            yield Static(keys_table(getattr(self.app, "keymap", None)))
            yield Static(Text(COUNTS_NOTE, style="dim"))
            yield Static(Text("Quick-capture grammar", style="bold"))
            yield Static(Text(GRAMMAR_HELP))
            yield Static(Text(START_HELP))
            yield Static(Text("escape closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_scroll(self, step: int) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        scroll.scroll_relative(y=step, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
