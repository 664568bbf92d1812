"""What a running Textual app shows, read through public APIs only.

`screen_text` parses the app's own screenshot (`App.export_screenshot`, an SVG in which each
run of text sits at its cell column on its terminal line); `widget_strips` asks every widget
of the current screen to render its lines (`Widget.render_lines`), styles and their click
actions included.
"""

from __future__ import annotations

import html
import re
from typing import Any

from textual.geometry import Region
from textual.strip import Strip

TEXT = re.compile(
    r'<text[^>]*? x="(?P<x>[\d.]+)"[^>]*?textLength="(?P<length>[\d.]+)"[^>]*?'
    r'clip-path="url\(#terminal-\d+-line-(?P<line>\d+)\)"[^>]*>(?P<text>.*?)</text>', re.S)
CELL = 12.2  # Rich's SVG export: 0.61 x its 20 px font, per terminal cell


def screen_text(app: Any) -> str:
    """The current screen's characters, one line per terminal row, as the terminal shows
    them (popups over the screen under them included)."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for match in TEXT.finditer(app.export_screenshot()):
        line = int(match["line"])
        if line >= height:
            continue
        column = round(float(match["x"]) / CELL)
        text = html.unescape(match["text"]).replace("\xa0", " ").replace("\n", "")
        for offset, char in enumerate(text):
            if 0 <= column + offset < width:
                rows[line][column + offset] = char
    return "\n".join("".join(row) for row in rows)


def widget_strips(app: Any) -> list[Strip]:
    """Every line each widget of the current screen renders, in the widget's own size."""
    strips: list[Strip] = []
    for widget in [app.screen, *app.screen.walk_children()]:
        width, height = widget.size
        if width and height:
            strips.extend(widget.render_lines(Region(0, 0, width, height)))
    return strips
