"""The one-line prompts `D` (due) and `R` (repeat) open: read by the capture grammar, with a
live preview of what `enter` will do (capture/reschedule.py reads the text)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from todo_tui import clock
from todo_tui.capture.reschedule import (
    DueChange,
    RepeatChange,
    parse_due_change,
    parse_repeat_change,
)
from todo_tui.domain import Due
from todo_tui.ui.glyphs import fit
from todo_tui.ui.text import safe
from todo_tui.words import count_of

Change = DueChange | RepeatChange
EXAMPLES = {
    "due": "tomorrow 9am · fri · +2d · next week · none",
    "repeat": "every weekday 9:30 · every! 3 days · every 15th · none",
}


class ChangePrompt(ModalScreen[Change | None]):
    """Asks for a due (`kind` "due") or a repeat ("repeat"); dismisses with the change, or
    None when cancelled. With `one`, it is for one task, whose due is `current` (the preview
    of a shift shows the day it moves to)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, kind: str, title: str, value: str = "", current: Due | None = None,
                 count: int = 1, one: bool = True) -> None:
        super().__init__()
        self.kind = kind
        self.title_text = title
        self.value = value
        self.current = current
        self.count = count
        self.one = one

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog change-dialog"):
            yield Static(safe(self.title_text, "bold"), classes="dialog-text")
            yield Input(value=self.value, placeholder=fit(self.app, EXAMPLES[self.kind]),
                        id="change-input")
            yield Static("", id="change-preview")
            yield Static(Text(fit(self.app, "enter save · escape cancel"), style="dim"))

    def on_mount(self) -> None:
        # at once (focus() waits for the queued events): keys typed in the same burst as the
        # one that opened this go into the box
        self.set_focus(self.query_one(Input))
        self.preview(self.value)

    def read(self, text: str) -> Change:
        """The change `text` asks for; raises ValueError saying why it cannot be used."""
        return parse_due_change(text) if self.kind == "due" else parse_repeat_change(text)

    def preview(self, text: str) -> None:
        shown = self.query_one("#change-preview", Static)
        if not text.strip():
            shown.update(Text(fit(self.app, "e.g. " + EXAMPLES[self.kind]), style="dim"))
            return
        try:
            change = self.read(text)
        except ValueError as exc:
            shown.update(Text(str(exc), style="bold red"))
            return
        today = clock.now().date()
        words = change.words(today)
        if isinstance(change, DueChange) and change.shift is not None and self.one:
            from todo_tui.capture import format_due

            moved = change.apply(self.current, today)
            words = "no due date" if moved is None else f"due {format_due(moved, today)}"
        tasks = "" if self.one else f" for {count_of(self.count, 'task')}"
        shown.update(Text(fit(self.app, "→ ") + words + tasks, style="bold"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.preview(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            change = self.read(event.value)
        except ValueError as exc:
            self.query_one("#change-preview", Static).update(Text(str(exc), style="bold red"))
            return
        self.dismiss(change)

    def action_cancel(self) -> None:
        self.dismiss(None)
