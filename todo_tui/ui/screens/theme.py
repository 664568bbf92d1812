"""Change theme: every theme by name, the app redrawn in the highlighted one as the cursor
moves (a live preview); enter keeps it, escape puts the one before back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from todo_tui.ui.glyphs import fit


class ThemeScreen(ModalScreen[str | None]):
    """Dismisses with the chosen theme's name, or None (the theme before is back)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(self, names: list[str], current: str) -> None:
        super().__init__()
        self.names = names
        self.before = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Change theme", style="bold"), classes="dialog-text")
            options = []
            for name in self.names:
                label = Text(name)
                if name == self.before:
                    label.append(" (current)", style="dim")
                options.append(Option(label, id=name))
            yield OptionList(*options, id="themes")
            yield Static(Text(fit(self.app, "enter keep · escape back to "
                                            f"{self.before}"), style="dim"))

    def on_mount(self) -> None:
        themes = self.query_one(OptionList)
        themes.focus()
        if self.before in self.names:
            themes.highlighted = self.names.index(self.before)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.app.theme = event.option.id  # the preview

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        themes = self.query_one(OptionList)
        if step > 0:
            themes.action_cursor_down()
        else:
            themes.action_cursor_up()

    def action_cancel(self) -> None:
        self.app.theme = self.before
        self.dismiss(None)
