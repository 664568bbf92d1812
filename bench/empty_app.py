"""The floor: an empty Textual app that shows one line, for the benchmark's ratios."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Empty(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("empty app ready")


if __name__ == "__main__":
    Empty().run()
