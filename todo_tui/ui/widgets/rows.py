"""What the two line-drawn lists (tasks, lists) share."""

from __future__ import annotations

from textual.scroll_view import ScrollView


def keep_row_visible(view: ScrollView, index: int) -> None:
    """Scroll `view` as little as it takes to show row `index` (one row per line)."""
    height = max(1, view.scrollable_content_region.height)
    top = int(view.scroll_offset.y)
    if index < top:
        view.scroll_to(y=index, animate=False, immediate=True)
    elif index >= top + height:
        view.scroll_to(y=index - height + 1, animate=False, immediate=True)
