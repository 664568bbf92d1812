"""The left pane: smart lists, then the user's categories, each with its open count.

One widget that draws its lines itself, as the task list does: Textual's OptionList, which it
was, cost about 7 ms of the first frame (its styles, its per-option rendering) for a dozen
lines of text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from todo_tui.domain import Category, ListCounts, ListKind, ListRef
from todo_tui.textsafe import one_line
from todo_tui.ui.widgets.rows import LineView, cut

if TYPE_CHECKING:
    from todo_tui.domain import SavedView

SMART_LISTS = (
    (ListKind.INBOX, "Inbox"),
    (ListKind.TODAY, "Today"),
    (ListKind.UPCOMING, "Upcoming"),
    (ListKind.SCHEDULED, "Scheduled"),
    (ListKind.ALL, "All"),
    (ListKind.DONE, "Done"),
    (ListKind.TRASH, "Trash"),
)


# what an empty list says
EMPTY_HINTS = {
    ListKind.INBOX: "Nothing in the Inbox. Press a to add a task, e.g. buy milk tomorrow #home",
    ListKind.TODAY: "Nothing due today. Press a to add a task.",
    ListKind.UPCOMING: "Nothing due in the next 7 days.",
    ListKind.SCHEDULED: "Nothing waits for its start day (add one with start:fri).",
    ListKind.ALL: "No open tasks. Press a to add one.",
    ListKind.DONE: "Nothing done yet.",
    ListKind.TRASH: "The Trash is empty. Deleted tasks stay here for 30 days; r restores one.",
    ListKind.CATEGORY: "No open tasks here. Press a to add one.",
    ListKind.VIEW: "Nothing matches this view's search.",
}


VIEW_PREFIX = "view:"


def option_id(ref: ListRef) -> str:
    if ref.kind is ListKind.VIEW:
        return VIEW_PREFIX + (ref.view_id or "")
    return ref.category_id if ref.kind is ListKind.CATEGORY and ref.category_id else ref.kind.value


def ref_of(option: str) -> ListRef:
    if option.startswith(VIEW_PREFIX):
        return ListRef(ListKind.VIEW, view_id=option[len(VIEW_PREFIX):])
    try:
        kind = ListKind(option)
    except ValueError:
        return ListRef(ListKind.CATEGORY, option)
    return ListRef(kind)


def list_name(
    ref: ListRef, categories: dict[str, Category], views: Mapping[str, SavedView] | None = None
) -> str:
    """What a list is called, for the header."""
    if ref.kind is ListKind.CATEGORY:
        category = categories.get(ref.category_id or "")
        return category.name if category else "(deleted category)"
    if ref.kind is ListKind.VIEW:
        view = (views or {}).get(ref.view_id or "")
        return f"/{view.name}" if view else "(deleted view)"
    return dict(SMART_LISTS)[ref.kind]


class Entry:
    """One line of the pane: a list to open (smart, saved view or category) or a heading."""

    __slots__ = ("name", "count", "id", "disabled")

    def __init__(self, name: str, count: int | None, id: str, disabled: bool = False) -> None:
        self.name = name
        self.count = count
        self.id = id
        self.disabled = disabled

    @property
    def prompt(self) -> Text:
        """What the line says, before it is fitted to the pane's width."""
        return Text(self.name if self.count is None else f"{self.name} {self.count}")


class ListBox(LineView):
    """The keys of a list box, as Textual's OptionList has them."""

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "select", "Open", show=False),
    ]


class CategoryPane(ListBox, can_focus=True):
    """Smart lists and categories; highlighting one opens it."""

    DEFAULT_CSS = """
    CategoryPane { background: $surface; overflow-x: hidden; padding: 0 1; }
    CategoryPane > .category-pane--cursor {
        color: $block-cursor-foreground; background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    CategoryPane > .category-pane--cursor-blurred {
        color: $foreground; background: $block-cursor-blurred-background;
    }
    """
    COMPONENT_CLASSES = {"category-pane--cursor", "category-pane--cursor-blurred"}
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "Top", show=False),
        Binding("G", "last", "Bottom", show=False),
        Binding("a", "request('new')", "New category"),
        Binding("r", "request('rename')", "Rename"),
        Binding("d,delete", "request('delete')", "Delete"),
        Binding("J", "request('down')", "Move down", show=False),
        Binding("K", "request('up')", "Move up", show=False),
    ]

    class Opened(Message):
        """A list was chosen (by highlight, or with enter to go to its tasks)."""

        def __init__(self, ref: ListRef, focus_tasks: bool) -> None:
            super().__init__()
            self.ref = ref
            self.focus_tasks = focus_tasks

    class CategoryRequested(Message):
        """new, rename, delete, up or down for the highlighted category."""

        def __init__(self, action: str, category: Category | None) -> None:
            super().__init__()
            self.action = action
            self.category = category

    class ViewRequested(Message):
        """rename or delete for the highlighted saved view."""

        def __init__(self, action: str, view: SavedView) -> None:
            super().__init__()
            self.action = action
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.categories: dict[str, Category] = {}
        self.views: dict[str, SavedView] = {}
        self.suppress_open = False
        self._entries: list[Entry] = []
        self._highlighted: int | None = None
        self._count_width = 3

    # -- the lines -------------------------------------------------------------------

    @property
    def option_count(self) -> int:
        return len(self._entries)

    def get_option_at_index(self, index: int) -> Entry:
        return self._entries[index]

    def get_option_index(self, option_id: str) -> int | None:
        return next((i for i, e in enumerate(self._entries) if e.id == option_id), None)

    @property
    def highlighted_option(self) -> Entry | None:
        index = self._highlighted
        return None if index is None else self._entries[index]

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None and not (0 <= index < len(self._entries)):
            index = None
        if index == self._highlighted:
            return
        self._highlighted = index
        self.refresh()
        if index is None:
            return
        self.keep_visible(index)
        entry = self._entries[index]
        if not self.suppress_open and not entry.disabled:
            self.post_message(self.Opened(ref_of(entry.id), focus_tasks=False))

    @property
    def current_ref(self) -> ListRef | None:
        option = self.highlighted_option
        return None if option is None else ref_of(option.id)

    @property
    def current_category(self) -> Category | None:
        ref = self.current_ref
        if ref is None or ref.kind is not ListKind.CATEGORY:
            return None
        return self.categories.get(ref.category_id or "")

    @property
    def current_view(self) -> SavedView | None:
        ref = self.current_ref
        if ref is None or ref.kind is not ListKind.VIEW:
            return None
        return self.views.get(ref.view_id or "")

    def show_counts(self, counts: ListCounts, selected: ListRef) -> None:
        """Rebuild the options from fresh counts, keeping the selection."""
        self.categories = {category.id: category for category in counts.categories}
        self.views = {view.id: view for view in counts.views}
        # the counts' column: as wide as the largest can be (All and Done hold the most)
        self._count_width = max(3, len(str(max([counts.all, counts.done, 0]))))
        options: list[Entry] = []
        for kind, name in SMART_LISTS:
            if kind is ListKind.SCHEDULED and not counts.scheduled and selected.kind is not kind:
                continue  # shown while a task waits for its start day (or while it is open)
            if kind is not ListKind.TRASH:
                options.append(Entry(name, counts.for_kind(kind), kind.value))
        for view in counts.views:
            # saved searches sit with the smart lists, marked with the search key
            options.append(Entry(f"/{view.name}", view.count,
                                 option_id(ListRef(ListKind.VIEW, view_id=view.id))))
        options.append(Entry("Trash", counts.trash, ListKind.TRASH.value))  # last of them
        options.append(Entry("Categories", None, "-", disabled=True))
        for category in counts.categories:
            options.append(Entry(category.name, category.open_count, category.id))
        self.suppress_open = True
        try:
            self._entries = options
            self._highlighted = None
            self.virtual_size = Size(self.scrollable_content_region.width, len(options))
            self.refresh()
            wanted = option_id(selected)
            if wanted not in self.categories and selected.kind is ListKind.CATEGORY:
                wanted = ListKind.INBOX.value
            if selected.kind is ListKind.VIEW and selected.view_id not in self.views:
                wanted = ListKind.ALL.value
            self.highlighted = self.get_option_index(wanted)
        finally:
            self.suppress_open = False

    def _label(self, entry: Entry, width: int) -> Text:
        """The line at this width: the name cut to fit, the count right-aligned after it."""
        if entry.count is None:
            label = Text.assemble((one_line(entry.name), "bold dim"), end="")
        else:
            count = self._count_width
            label = Text(one_line(entry.name), no_wrap=True, end="")
            cut(label, max(1, width - count - 1), self.ellipsis, pad=True)
            label.append(" ")
            label.append(f"{entry.count:>{count}}", style="dim")
        cut(label, width, self.ellipsis, pad=True)
        return label

    # -- moving and choosing ---------------------------------------------------------

    def _move(self, start: int, step: int) -> None:
        """Highlight the first line that can be opened from `start` on, going by `step`."""
        index = start
        while 0 <= index < len(self._entries):
            if not self._entries[index].disabled:
                self.highlighted = index
                return
            index += step

    def action_cursor_down(self) -> None:
        current = self._highlighted
        self._move(0 if current is None else current + 1, 1)

    def action_cursor_up(self) -> None:
        current = self._highlighted
        self._move(len(self._entries) - 1 if current is None else current - 1, -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self._entries) - 1, -1)

    def action_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height - 1) * direction
        target = max(0, min((self._highlighted or 0) + step, len(self._entries) - 1))
        self._move(target, direction)

    def action_select(self) -> None:
        entry = self.highlighted_option
        if entry is not None and not entry.disabled:
            self.post_message(self.Opened(ref_of(entry.id), focus_tasks=True))

    async def on_click(self, event: events.Click) -> None:
        event.prevent_default()  # the click is the row's, not a text selection's
        offset = event.get_content_offset(self)  # within the border: None on the border
        if offset is None:
            return
        index = int(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self._entries) and not self._entries[index].disabled:
            self.suppress_open = True  # the click opens it below, tasks focused
            try:
                self.highlighted = index
            finally:
                self.suppress_open = False
            self.action_select()

    def on_resize(self, _event: events.Resize) -> None:
        # the lines are fitted to the width as they are drawn: all of them change
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._entries))
        if self._highlighted is not None:
            self.keep_visible(self._highlighted)
        self.refresh()

    # -- drawing -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        index = int(self.scroll_offset.y) + y
        if not 0 <= index < len(self._entries):
            return Strip.blank(width, base)
        line = self._label(self._entries[index], width)
        if index == self._highlighted:
            # the blurred cursor's background is translucent: the full style blends it
            cursor = (self.get_component_rich_style("category-pane--cursor", partial=True)
                      if self.has_focus else
                      self.get_component_rich_style("category-pane--cursor-blurred"))
            line.stylize(cursor)
        return self.line_strip(line, width, base)

    def action_request(self, action: str) -> None:
        view = self.current_view
        if view is not None and action in ("rename", "delete"):
            self._request(self.ViewRequested(action, view))
            return
        category = self.current_category
        if action != "new" and category is None:
            self.app.bell()
            self.notify("Choose one of your categories first (smart lists cannot be changed).",
                        markup=False, severity="warning")
            return
        self._request(self.CategoryRequested(action, category))

    def _request(self, message: Message) -> None:
        self.post_message(message)
