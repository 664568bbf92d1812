"""Choose one of several options (a category, what to do with tasks...)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from todo_tui.ui.glyphs import fit
from todo_tui.ui.text import safe


class EdgeOptionList(OptionList):
    """An OptionList whose cursor stops at the first and last option instead of wrapping
    round: a dialog's choice at the far end is reached only on purpose."""

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()


class PickerScreen(ModalScreen[str | None]):
    """A titled list of (id, label) choices; dismisses with the chosen id, or None.

    The cursor starts on `default` (else on `current`, which is marked). With `wrap=False`
    it stops at both ends (for choices that destroy something).
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(
        self, title: str, choices: list[tuple[str, str]], current: str | None = None,
        *, default: str | None = None, wrap: bool = True,
    ):
        super().__init__()
        self.wrap = wrap
        self.default = current if default is None else default
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe(self.title_text, "bold"), classes="dialog-text")
            options = []
            for key, label in self.choices:
                text = safe(label)
                if key == self.current:
                    text.append(Text(" (current)", style="dim"))
                options.append(Option(text, id=key))
            yield (OptionList if self.wrap else EdgeOptionList)(*options, id="picker")
            yield Static(Text(fit(self.app, "enter choose · escape cancel"), style="dim"))

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.focus()
        if self.default is not None:
            try:
                picker.highlighted = picker.get_option_index(self.default)
            except Exception:
                picker.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        picker = self.query_one(OptionList)
        if step > 0:
            picker.action_cursor_down()
        else:
            picker.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
