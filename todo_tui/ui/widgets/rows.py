"""What the two line-drawn lists (tasks, lists) share."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """A list that draws each of its lines itself, over its own style."""

    _base: Style | None = None  # this paint's style (see render_lines)

    def render_lines(self, crop: Region) -> list[Strip]:
        # the widget's own style, worked out once per paint rather than once per line (it
        # walks the ancestors: a third of a row's drawing)
        self._base = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def keep_visible(self, index: int) -> None:
        """Scroll as little as it takes to show line `index`."""
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    @property
    def ellipsis(self) -> str:
        """What ends a cut text: `...` where the terminal draws ASCII only."""
        return "..." if self.app.has_class("-ascii") else "…"

    @property
    def base_style(self) -> Style:
        return self._base or self.rich_style

    def line_strip(self, text: Text, width: int, base: Style) -> Strip:
        """`text` as one line `width` cells wide, drawn over `base`."""
        segments = [Segment(seg.text, base + seg.style if seg.style else base)
                    for seg in text.render(self.app.console)]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)


def cut(text: Text, room: int, ellipsis: str, *, pad: bool = False) -> None:
    """Shorten `text` in place to `room` cells, ending in `ellipsis` when it was cut (and
    with `pad`, fill it to `room` with spaces)."""
    if text.cell_len > room:
        if room <= len(ellipsis):
            text.truncate(room)
        else:
            text.truncate(room - len(ellipsis))
            text.append(ellipsis)
    if pad:
        text.pad_right(room - text.cell_len)
