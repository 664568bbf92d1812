"""The few non-ASCII characters the app draws, and their ASCII stand-ins for terminals that
cannot show them (TERM=linux, vt100...: the app's `-ascii` class, see `ui/app.py`)."""

from __future__ import annotations

from typing import Protocol

from textual.scrollbar import ScrollBar, ScrollBarRender


class _HasClasses(Protocol):
    def has_class(self, *class_names: str) -> bool: ...


def ascii_mode(app: _HasClasses) -> bool:
    """Whether `app` draws with ASCII only."""
    return app.has_class("-ascii")


def separator(app: _HasClasses) -> str:
    """What goes between two items of a one-line list of hints: ` · `, or ` | `."""
    return " | " if ascii_mode(app) else " · "


# The app's own punctuation, and what an ASCII terminal shows instead.
STAND_INS = {"·": "|", "…": "...", "→": "->", "›": ">", "▸": ">", "▾": "v"}


def fit(app: _HasClasses, text: str) -> str:
    """The app's own text (never user text) as the terminal can show it: in ASCII mode its
    `·` and `…` become `|` and `...`."""
    if not ascii_mode(app):
        return text
    for glyph, stand_in in STAND_INS.items():
        text = text.replace(glyph, stand_in)
    return text


def key_hints(app: _HasClasses, *hints: str) -> str:
    """One line of `key what` hints, e.g. `enter save · escape cancel`."""
    return separator(app).join(hints)


class AsciiScrollBarRender(ScrollBarRender):
    """A scrollbar in whole cells: the thumb in reverse video, no block elements (▁▄▇)."""

    VERTICAL_BARS = [" "]
    HORIZONTAL_BARS = [" "]


class AsciiScrollBars:
    """Draws every scrollbar in ASCII while an app in ASCII mode runs.

    Textual picks a scrollbar's renderer from the `ScrollBar.renderer` class attribute (its
    documented way to change how scrollbars look) and has no per-app setting, so this sets
    it for the app's lifetime and puts back what was there after.
    """

    def __init__(self) -> None:
        self._before: type[ScrollBarRender] | None = None

    def install(self) -> None:
        if self._before is None:
            self._before = ScrollBar.renderer
            ScrollBar.renderer = AsciiScrollBarRender

    def uninstall(self) -> None:
        if self._before is not None:
            ScrollBar.renderer = self._before
            self._before = None
