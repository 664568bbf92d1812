"""The left pane: smart lists, then the user's categories, each with its open count."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from todo_tui.domain import Category, ListCounts, ListKind, ListRef
from todo_tui.textsafe import one_line

if TYPE_CHECKING:
    from todo_tui.terms import SavedView

SMART_LISTS = (
    (ListKind.INBOX, "Inbox"),
    (ListKind.TODAY, "Today"),
    (ListKind.UPCOMING, "Upcoming"),
    (ListKind.ALL, "All"),
    (ListKind.DONE, "Done"),
)


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


class CategoryPane(OptionList):
    """Smart lists and categories; highlighting one opens it."""

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

    @property
    def current_ref(self) -> ListRef | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else ref_of(option.id)

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
        width = max(3, len(str(max([counts.all, counts.done, 0]))))
        room = max(6, (self.scrollable_content_region.width or 22) - width - 3)
        options: list[Option] = []
        for kind, name in SMART_LISTS:
            label = self._label(name, counts.for_kind(kind), width, room)
            options.append(Option(label, id=kind.value))
        for view in counts.views:
            # saved searches sit with the smart lists, marked with the search key
            label = self._label(f"/{view.name}", view.count, width, room)
            options.append(Option(label, id=option_id(ListRef(ListKind.VIEW, view_id=view.id))))
        options.append(Option(Text("Categories", style="bold dim"), id="-", disabled=True))
        for category in counts.categories:
            options.append(Option(self._label(category.name, category.open_count, width, room),
                                  id=category.id))
        self.suppress_open = True
        try:
            self.set_options(options)
            wanted = option_id(selected)
            if wanted not in self.categories and selected.kind is ListKind.CATEGORY:
                wanted = ListKind.INBOX.value
            if selected.kind is ListKind.VIEW and selected.view_id not in self.views:
                wanted = ListKind.ALL.value
            self.highlighted = self.get_option_index(wanted)
        finally:
            self.suppress_open = False

    @staticmethod
    def _label(name: str, count: int, width: int, room: int) -> Text:
        label = Text(one_line(name), no_wrap=True, end="")
        label.truncate(room, overflow="ellipsis", pad=True)
        label.append(" ")
        label.append(f"{count:>{width}}", style="dim")
        return label

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if not self.suppress_open and event.option.id:
            self.post_message(self.Opened(ref_of(event.option.id), focus_tasks=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Opened(ref_of(event.option.id), focus_tasks=True))

    def action_request(self, action: str) -> None:
        view = self.current_view
        if view is not None and action in ("rename", "delete"):
            self.post_message(self.ViewRequested(action, view))
            return
        category = self.current_category
        if action != "new" and category is None:
            self.app.bell()
            self.notify("Choose one of your categories first (smart lists cannot be changed).",
                        markup=False, severity="warning")
            return
        self.post_message(self.CategoryRequested(action, category))
