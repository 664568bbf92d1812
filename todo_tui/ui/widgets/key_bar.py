"""The bottom line: the keys that work here, drawn as one line of text.

Textual's Footer builds a widget per key and rebuilds them all whenever the focus moves,
restyling each: about 70 ms of work right after the first frame, on the event loop, while
the first rows wait. This draws the same hints (the active bindings marked `show`, one per
action, the command palette on the right) as one Text, and a click still presses the key.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """Key hints for the focused widget, its screen and the app."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        .key-bar--description { color: $footer-description-foreground; }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        # (first column, last column + 1, key) of each hint, for clicks
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def hints(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str] | None]:
        """(key, shown key, description, enabled) per action, and the palette's key."""
        found: dict[str, tuple[str, str, str, bool]] = {}
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = (binding.key, self.app.get_key_display(binding), binding.description)
            if binding.show and binding.action not in found:
                found[binding.action] = (binding.key, self.app.get_key_display(binding),
                                         binding.description, enabled)
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            palette = None
        return list(found.values()), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        text_style = self.get_component_rich_style("key-bar--description", partial=True)
        hints, palette = self.hints()
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key, shown, description, enabled in hints:
            start = line.cell_len
            dim = Style() if enabled else Style(dim=True)
            line.append(f" {shown} ", key_style + dim)
            line.append(f"{description} ", text_style + dim)
            self._spans.append((start, line.cell_len, key))
        if palette is not None:
            key, shown, description = palette
            right = Text.assemble(("▏", text_style), (f"{shown} ", key_style),
                                  (f"{description} ", text_style))
            gap = self.size.width - line.cell_len - right.cell_len
            if gap >= 1:
                line.append(" " * gap)
                self._spans.append((line.cell_len, line.cell_len + right.cell_len, key))
                line.append_text(right)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
