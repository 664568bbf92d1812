"""The search box over the task list: one line to type in, one line that answers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from todo_tui.textsafe import one_line
from todo_tui.ui.glyphs import fit

PLACEHOLDER = 'words, "a phrase", due:today, pri:high, tag:work, #home, is:done, a or b'
# S is a letter in the box: it saves the search from the list, after enter
HINT = "enter keep, then S save as a view · escape clear"


class SearchBar(Widget):
    """Typing posts Changed; enter posts Submitted; escape posts Cancelled."""

    DEFAULT_CSS = """
    SearchBar { dock: top; height: auto; display: none; background: $panel; padding: 0 1; }
    SearchBar.-open { display: block; }
    SearchBar > Horizontal { height: 1; }
    SearchBar #search-prompt { width: 2; color: $text-accent; text-style: bold; }
    SearchBar Input { width: 1fr; height: 1; border: none; padding: 0; background: $panel; }
    SearchBar Input:focus { border: none; }
    SearchBar #search-status { height: auto; color: $text-muted; }
    SearchBar.-error #search-status { color: $text-error; }
    """
    BINDINGS = [Binding("escape", "cancel", "Clear search")]

    class Changed(Message):
        """The text in the box changed."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Submitted(Message):
        """Enter: keep this search and go back to the list."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Cancelled(Message):
        """Escape: drop the search."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(Text("/"), id="search-prompt")
            yield Input(placeholder=PLACEHOLDER, id="search-input", select_on_focus=False)
        yield Static(id="search-status")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self, text: str) -> None:
        """Show the box holding `text`, with the cursor in it."""
        self.add_class("-open")
        if self.input.value != text:
            with self.prevent(Input.Changed):
                self.input.value = text
        self.input.cursor_position = len(text)
        # at once, not after the queued events (focus() defers): what is typed right after
        # the `/` in the same burst goes into the box, not to the list's keys
        self.screen.set_focus(self.input)

    def close(self) -> None:
        with self.prevent(Input.Changed):
            self.input.value = ""
        self.remove_class("-open", "-error")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def show_status(self, text: str) -> None:
        """A hint or a count under the box."""
        self.remove_class("-error")
        self.query_one("#search-status", Static).update(Text(fit(self.app, one_line(text))))

    def show_error(self, text: str) -> None:
        """What is wrong with the search as typed (the list keeps its last results)."""
        self.add_class("-error")
        self.query_one("#search-status", Static).update(Text(one_line(text)))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
