"""Both versions of a task edited here and elsewhere at once: the user decides."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection

from todo_tui.merge import LABELS
from todo_tui.textsafe import one_line


class ConflictScreen(ModalScreen[set[str] | None]):
    """Dismisses with the fields whose value is to be *mine*, or None to keep editing."""

    BINDINGS = [
        Binding("m", "keep('mine')", "Keep mine"),
        Binding("t", "keep('theirs')", "Keep theirs"),
        Binding("ctrl+s", "keep('chosen')", "Save choice", priority=True),
        Binding("escape", "back", "Back to editing"),
    ]

    def __init__(
        self, title: str, conflicts: dict[str, tuple[Any, Any]],
        show: Callable[[str, Any], str],
    ) -> None:
        super().__init__()
        self.task_title = title
        self.conflicts = conflicts
        self.show = show

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), expand=True)
        table.add_column("Field", style="bold", no_wrap=True)
        table.add_column("Yours (here)")
        table.add_column("Theirs (saved elsewhere)")
        for name, (mine, theirs) in self.conflicts.items():
            table.add_row(LABELS.get(name, name), Text(one_line(self.show(name, mine))),
                          Text(one_line(self.show(name, theirs))))
        with Vertical(classes="dialog conflict-dialog"):
            yield Static(Text.assemble(
                ("Changed elsewhere while you edited: ", "bold"), one_line(self.task_title)))
            yield Static(Text(
                "Fields only one side changed are merged already. These were changed on both "
                "sides:", style="dim"), classes="dialog-text")
            yield Static(table, classes="dialog-text")
            yield Static(Text("Field by field: ticked keeps yours, unticked keeps theirs "
                              "(space toggles)", style="dim"))
            yield SelectionList[str](
                *(Selection(Text(f"{LABELS.get(name, name)}: keep yours"), name, True)
                  for name in self.conflicts),
                id="conflict-fields",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="primary")
                yield Button("Keep theirs (t)", id="theirs")
                yield Button("Save choice (ctrl+s)", id="chosen")
                yield Button("Back (esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#mine", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "back":
            self.action_back()
        else:
            self.action_keep(event.button.id or "chosen")

    def action_keep(self, which: str) -> None:
        if which == "mine":
            self.dismiss(set(self.conflicts))
        elif which == "theirs":
            self.dismiss(set())
        else:
            self.dismiss(set(self.query_one("#conflict-fields", SelectionList).selected))

    def action_back(self) -> None:
        self.dismiss(None)
