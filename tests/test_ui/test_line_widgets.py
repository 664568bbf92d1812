"""Pilot tests of the two small widgets that stand in for stock Textual ones: LineView (what
the lists pane and the task list draw their lines with) and KeyBar (for Footer).

Each runs in an app of its own, no database, except the ASCII-terminal test, which needs the
real main screen.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Static

from todo_tui.service import Services
from todo_tui.ui.app import make_app
from todo_tui.ui.widgets.key_bar import KeyBar
from todo_tui.ui.widgets.rows import LineView

from ..screen import screen_text
from .conftest import SIZE, settle

# --- LineView -------------------------------------------------------------------------------


class Lines(LineView):
    """`count` lines, "line N" each, drawn with line_strip."""

    DEFAULT_CSS = "Lines { height: 1fr; background: #102030; overflow-x: hidden; }"

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.bases: list[Style] = []  # the base style each drawn line was given

    def on_mount(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.count)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        self.bases.append(self.base_style)
        if index >= self.count:
            return Strip.blank(width, self.base_style)
        return self.line_strip(Text(f"line {index}"), width, self.base_style)


class LinesApp(App[None]):
    def __init__(self, count: int = 100) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        yield Lines(self.count)


def rows(app: App[Any]) -> list[str]:
    """The lines on screen, without the scrollbar at the right."""
    return [line[:20].rstrip() for line in screen_text(app).splitlines()]


async def test_line_strip_pads_a_short_line_to_the_width_over_the_base_style() -> None:
    app = LinesApp()
    async with app.run_test(size=(30, 10)):
        view = app.query_one(Lines)
        base = Style(color="white", bgcolor="blue")
        strip = view.line_strip(Text("ab"), 12, base)
        assert strip.cell_length == 12
        assert strip.text == "ab" + " " * 10
        # every cell, the padding included, is drawn over the base's background
        assert all(seg.style is not None and seg.style.bgcolor == base.bgcolor
                   for seg in strip if seg.text)


async def test_line_strip_crops_a_long_line_to_the_width() -> None:
    app = LinesApp()
    async with app.run_test(size=(30, 10)):
        view = app.query_one(Lines)
        strip = view.line_strip(Text("abcdefghijklmnop"), 5, Style())
        assert strip.cell_length == 5
        assert strip.text == "abcde"
        # a double-width character cut by the edge never makes the line wider
        wide = view.line_strip(Text("日本語です"), 5, Style())
        assert wide.cell_length == 5
        assert wide.text.startswith("日本")


async def test_line_strip_keeps_the_texts_own_styles_over_the_base() -> None:
    app = LinesApp()
    async with app.run_test(size=(30, 10)):
        view = app.query_one(Lines)
        base = Style(bgcolor="blue")
        text = Text.assemble(("bold", "bold red"), " plain")
        strip = view.line_strip(text, 20, base)
        styles = {seg.text: seg.style for seg in strip}
        bold = styles["bold"]
        assert bold is not None and bold.bold and bold.color is not None
        assert bold.color.name == "red" and bold.bgcolor == base.bgcolor
        plain_style = styles[" plain"]
        assert plain_style is not None and not plain_style.bold
        assert plain_style.bgcolor == base.bgcolor


async def test_lines_are_drawn_over_the_widgets_own_style() -> None:
    app = LinesApp(count=3)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(Lines)
        assert view.bases, "nothing was drawn"
        assert {base.bgcolor for base in view.bases} == {view.rich_style.bgcolor}
        assert rows(app)[:4] == ["line 0", "line 1", "line 2", ""]


async def test_keep_visible_scrolls_as_little_as_it_takes() -> None:
    app = LinesApp(count=100)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(Lines)
        assert view.scrollable_content_region.height == 10
        view.keep_visible(5)  # on screen already: no scroll
        assert view.scroll_offset.y == 0
        view.keep_visible(25)  # below: it becomes the last line on screen
        assert view.scroll_offset.y == 16
        view.keep_visible(20)  # on screen now: no scroll
        assert view.scroll_offset.y == 16
        view.keep_visible(3)  # above: it becomes the first line on screen
        assert view.scroll_offset.y == 3
        await pilot.pause()
        assert rows(app)[0] == "line 3" and rows(app)[9] == "line 12"
        view.keep_visible(99)  # the last line: the list's end at the bottom
        await pilot.pause()
        assert view.scroll_offset.y == 90
        assert rows(app)[9] == "line 99"


# --- KeyBar ---------------------------------------------------------------------------------


class Pane(Static, can_focus=True):
    pass


class First(Pane):
    BINDINGS = [
        Binding("x", "app.press('x')", "Xray"),
        Binding("h", "app.press('h')", "Hidden", show=False),
        Binding("y", "app.press('x')", "Same action"),  # one hint per action: not shown
    ]


class Second(Pane):
    BINDINGS = [Binding("z", "zulu", "Zulu")]
    off = False

    def action_zulu(self) -> None:
        self.app.pressed.append("z")  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if self.off else True  # None: shown, but disabled


class BarApp(App[None]):
    BINDINGS = [Binding("q", "press('q')", "Quit")]

    def __init__(self, palette: bool = True) -> None:
        super().__init__()
        self.palette = palette
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield First("first", id="first")
        yield Second("second", id="second")
        yield KeyBar(id="keys", show_command_palette=self.palette)

    def on_mount(self) -> None:
        self.query_one("#first").focus()

    def action_press(self, key: str) -> None:
        self.pressed.append(key)


def bottom(app: App[Any]) -> str:
    return screen_text(app).splitlines()[-1]


async def test_key_bar_shows_the_focused_widgets_bindings_and_the_apps() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = bottom(app)
        assert " x Xray " in line and " q Quit " in line
        assert "Hidden" not in line  # show=False
        assert "Same action" not in line  # its action is shown already, by x
        assert "Zulu" not in line  # the other pane's
        assert line.index("Xray") < line.index("Quit")  # the focused widget's first

        await pilot.press("tab")  # focus moves: the bar follows
        await pilot.pause()
        assert app.focused is app.query_one("#second")
        line = bottom(app)
        assert " z Zulu " in line and " q Quit " in line
        assert "Xray" not in line


async def test_key_bar_dims_a_disabled_binding() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        second = app.query_one("#second", Second)
        second.focus()
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert not dim_at(bar.render(), "Zulu")
        assert not dim_at(bar.render(), "Quit")
        second.off = True
        app.refresh_bindings()
        await pilot.pause()
        assert dim_at(bar.render(), "Zulu")
        assert not dim_at(bar.render(), "Quit")
        assert " z Zulu " in bottom(app)  # still shown


def dim_at(text: Text, word: str) -> bool:
    start = text.plain.index(word)
    return any(isinstance(span.style, Style) and bool(span.style.dim)
               for span in text.spans if span.start <= start < span.end)


async def test_clicking_a_hint_presses_its_key() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = bottom(app)
        assert line.startswith(" x Xray  q Quit ")  # hints [0, 8) and [8, 16)
        for column, key in ((7, "x"), (8, "q"), (0, "x"), (15, "q")):  # each hint's edges
            await pilot.click(KeyBar, offset=(column, 0))
            await pilot.pause()
            assert app.pressed[-1:] == [key], (column, app.pressed)
        await pilot.click(KeyBar, offset=(30, 0))  # between the hints and the palette
        await pilot.pause()
        assert app.pressed == ["x", "q", "x", "q"]


async def test_the_command_palette_sits_at_the_right_and_a_click_opens_it() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = bottom(app)
        assert line.rstrip().endswith("palette")
        assert len(line.rstrip()) == 80 - 1  # the trailing space of the last hint
        await pilot.click(KeyBar, offset=(line.index("palette"), 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_key_bar_without_the_palette_leaves_it_out() -> None:
    app = BarApp(palette=False)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = bottom(app)
        assert "palette" not in line and "▏" not in line
        assert " x Xray " in line
        await pilot.click(KeyBar, offset=(78, 0))  # where the palette would be
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)


@pytest.mark.sqlite_only
async def test_on_an_ascii_terminal_the_key_bar_is_plain_ascii(
    db_url: str, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TODO_TUI_ASCII", "1")
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = bottom(app)
        assert " enter Edit " in line  # not "⏎"
        assert "palette" not in line
        assert line.isascii(), line
