"""Ask for one line of text (a category's name)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from todo_tui.ui.glyphs import fit
from todo_tui.ui.text import safe


class PromptScreen(ModalScreen[str | None]):
    """A titled input; dismisses with the text (stripped), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe(self.title_text, "bold"), classes="dialog-text")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Text(fit(self.app, "enter save · escape cancel"), style="dim"))

    def on_mount(self) -> None:
        # at once (focus() waits for the queued events): keys typed in the same burst as the
        # one that opened this go into the box
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.notify("A name cannot be empty.", severity="warning", markup=False)
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
