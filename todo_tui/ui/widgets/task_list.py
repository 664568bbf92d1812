"""The task list: a virtual list that renders only the rows on screen."""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from functools import partial

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from todo_tui.domain import Task, TaskPage
from todo_tui.ui.glyphs import fit
from todo_tui.ui.widgets.rows import LineView
from todo_tui.ui.widgets.task_row import RowLook, render_row


class TaskList(LineView, can_focus=True):
    """Rows of tasks; holds only the pages it was given and asks for the ones it lacks."""

    DEFAULT_CSS = """
    TaskList { background: $surface; overflow-x: hidden; }
    TaskList > .task-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    TaskList > .task-list--cursor-blurred { background: $block-cursor-blurred-background; }
    TaskList > .task-list--overdue { color: $text-error; }
    TaskList > .task-list--due { color: $text-accent; }
    TaskList > .task-list--done { color: $text-muted; text-style: strike; }
    TaskList > .task-list--meta { color: $text-muted; }
    TaskList > .task-list--high { color: $text-error; text-style: bold; }
    TaskList > .task-list--medium { color: $text-warning; }
    TaskList > .task-list--low { color: $text-primary; }
    TaskList > .task-list--empty { color: $text-muted; text-style: italic; }
    TaskList > .task-list--marked { background: $accent 25%; text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "task-list--cursor", "task-list--cursor-blurred", "task-list--overdue", "task-list--due",
        "task-list--done", "task-list--meta", "task-list--high", "task-list--medium",
        "task-list--low", "task-list--empty", "task-list--marked",
    }
    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter,e", "request('edit')", "Edit"),
        Binding("space,x", "request('toggle')", "Done"),
        Binding("d,delete", "request('delete')", "Delete"),
        Binding("p", "request('priority')", "Priority", show=False),
        Binding("m", "request('move')", "Move", show=False),
        Binding("r", "request('restore')", "Restore", show=False),
        Binding("J", "reorder(1)", "Move down", show=False),
        Binding("K", "reorder(-1)", "Move up", show=False),
        # marks, and acting on the marked tasks (issue 17)
        Binding("v", "mark", "Mark", show=False),
        Binding("V", "request('mark_all')", "Mark all", show=False),
        Binding("D", "request('due')", "Due", show=False),
        Binding("R", "request('repeat')", "Repeat", show=False),
        Binding("t", "request('tags')", "Tags", show=False),
        # subtasks (issue 16)
        Binding("right,l", "expand", "Expand", show=False),
        Binding("left,h", "collapse", "Collapse", show=False),
        Binding("A", "request('subtask')", "Add subtask", show=False),
        Binding("greater_than_sign", "request('indent')", "Indent", show=False),
        Binding("less_than_sign", "request('outdent')", "Outdent", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The row under the cursor changed (None: the list is empty)."""

        def __init__(self, task: Task | None) -> None:
            super().__init__()
            self.task = task

    class PageNeeded(Message):
        """Rows from `offset` are on screen but not loaded."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    class ActionRequested(Message):
        """The user asked to act on a task: edit, toggle, delete, priority, move or restore."""

        def __init__(self, action: str, task: Task) -> None:
            super().__init__()
            self.action = action
            self.task = task

    class ReorderRequested(Message):
        """The user asked to swap a task with its neighbour in the manual order."""

        def __init__(self, task: Task, neighbour: Task) -> None:
            super().__init__()
            self.task = task
            self.neighbour = neighbour

    class CollapseRequested(Message):
        """The user asked to hide (True) or show (False) a task's subtasks."""

        def __init__(self, task: Task, collapsed: bool) -> None:
            super().__init__()
            self.task = task
            self.collapsed = collapsed

    class ParentRequested(Message):
        """The user asked to go to a subtask's parent, which is not among the loaded rows."""

        def __init__(self, task: Task) -> None:
            super().__init__()
            self.task = task

    class SiblingMoveRequested(Message):
        """In a tree, the user asked to move a task down (1) or up (-1) among its siblings."""

        def __init__(self, task: Task, step: int) -> None:
            super().__init__()
            self.task = task
            self.step = step

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: dict[int, Task] = {}
        self._total = 0
        self._requested: set[int] = set()
        self.page_size = 200
        self.mixes_categories = True
        # subtasks under their parents, indented (the Inbox and categories, unsearched);
        # otherwise a subtask shows its ancestors' titles before its own
        self.shows_tree = False
        self.today: date = date.today()
        self.now: datetime = datetime.now().astimezone()
        self.empty_message = ""
        self.loading_rows = False
        self._last_highlighted: str | None = None
        self.marked: frozenset[str] = frozenset()  # the ids of the rows shown marked
        # drawn rows by what they depend on: moving the cursor or scrolling redraws few
        self._strips: dict[tuple[object, ...], Strip] = {}

    # -- what the screen gives it -------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def current_task(self) -> Task | None:
        return self._rows.get(self.cursor)

    def task_at(self, index: int) -> Task | None:
        return self._rows.get(index)

    def loaded_ids(self) -> list[str]:
        """The ids of the rows loaded (on screen, and the pages read around them)."""
        return [task.id for task in self._rows.values()]

    def index_of(self, task_id: str) -> int | None:
        return next((i for i, task in self._rows.items() if task.id == task_id), None)

    def reset(self, page: TaskPage, *, select_index: int | None = None) -> None:
        """Show a freshly loaded list; keeps the cursor's row when it can."""
        self._rows = {page.offset + i: task for i, task in enumerate(page.tasks)}
        self._total = page.total
        self._requested.clear()
        self.virtual_size = Size(self.size.width, self._total)
        target = self.cursor if select_index is None else select_index
        self.cursor = max(0, min(target, self._total - 1))
        self.keep_visible(self.cursor)
        self.refresh()

    def add_page(self, page: TaskPage) -> None:
        """Rows loaded for part of the list already shown."""
        if page.total != self._total:
            return  # the list changed meanwhile; a full reload follows
        for i, task in enumerate(page.tasks):
            self._rows[page.offset + i] = task
        self._requested.discard(self._block(page.offset))
        self.refresh()
        self._announce()

    def replace_task(self, task: Task) -> None:
        """Show a changed task in place."""
        for index, row in self._rows.items():
            if row.id == task.id:
                self._rows[index] = task
                self.refresh()
                if index == self.cursor:
                    self._last_highlighted = None
                    self._announce()
                return

    # -- cursor -----------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        self.keep_visible(self.cursor)
        if self.scroll_offset.y == top:
            self.refresh_line(old)  # only the rows the cursor left and reached change
            self.refresh_line(new)
        else:
            self.refresh()
        self._announce()

    def _announce(self) -> None:
        task = self.current_task
        key = None if task is None else f"{task.id}:{task.version}:{task.status}"
        if self._total == 0:
            key = "empty"
        if key != self._last_highlighted:
            self._last_highlighted = key
            self.post_message(self.Highlighted(task))

    def _move(self, index: int) -> None:
        if self._total:
            self.cursor = max(0, min(index, self._total - 1))

    def action_cursor(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_top(self) -> None:
        self._move(0)

    def action_bottom(self) -> None:
        self._move(self._total - 1)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_request(self, action: str) -> None:
        task = self.current_task
        if task is not None:
            self.post_message(self.ActionRequested(action, task))

    def action_mark(self) -> None:
        """Mark or unmark the task under the cursor, and go down one."""
        task = self.current_task
        if task is not None:
            self.post_message(self.ActionRequested("mark", task))
            self._move(self.cursor + 1)

    def show_marked(self, marked: frozenset[str]) -> None:
        """Draw these rows as marked (the others not)."""
        if marked != self.marked:
            self.marked = marked
            self.refresh()

    def action_reorder(self, step: int) -> None:
        task = self.current_task
        if task is not None and self.shows_tree:  # the sibling may be past the loaded rows
            self.post_message(self.SiblingMoveRequested(task, step))
            return
        neighbour = self._rows.get(self.cursor + step)
        if task is not None and neighbour is not None:
            self.post_message(self.ReorderRequested(task, neighbour))

    def action_expand(self) -> None:
        """Show a collapsed task's subtasks; on an expanded one, go to its first."""
        task = self.current_task
        if task is None or not self.shows_tree or not task.subtasks_total:
            return
        if task.collapsed:
            self.post_message(self.CollapseRequested(task, False))
        elif (below := self._rows.get(self.cursor + 1)) is not None and (
                below.parent_id == task.id):
            self._move(self.cursor + 1)

    def action_collapse(self) -> None:
        """Hide an expanded task's subtasks; on a subtask, go to its parent."""
        task = self.current_task
        if task is None:
            return
        if self.shows_tree and task.subtasks_total and not task.collapsed:
            self.post_message(self.CollapseRequested(task, True))
        elif task.parent_id is not None:
            parent = next((index for index in range(self.cursor - 1, -1, -1)
                           if (row := self._rows.get(index)) is not None
                           and row.id == task.parent_id), None)
            if parent is not None:
                self._move(parent)
            else:
                self.post_message(self.ParentRequested(task))

    async def on_click(self, event: events.Click) -> None:
        event.prevent_default()  # the click is the row's, not a text selection's
        offset = event.get_content_offset(self)  # within the border: None on the border
        if offset is None:
            return
        index = int(self.scroll_offset.y) + offset.y
        if 0 <= index < self._total:
            self.cursor = index
            if event.chain == 2:
                self.action_request("edit")

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, self._total)
        self.keep_visible(self.cursor)

    # -- drawing ----------------------------------------------------------------

    def _block(self, index: int) -> int:
        return index - index % self.page_size

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.base_style
        if self._total == 0:
            lines = textwrap.wrap(self.empty_message, max(10, width - 4))
            if 1 <= y <= len(lines):
                text = Text("  " + lines[y - 1], style=self._style("task-list--empty"))
                return self.line_strip(text, width, base)
            return Strip.blank(width, base)
        if index >= self._total:
            return Strip.blank(width, base)
        task = self._rows.get(index)
        if task is None:
            block = self._block(index)
            if block not in self._requested:
                self._requested.add(block)
                self.post_message(self.PageNeeded(block))
            loading = Text("  " + self.ellipsis, style=self._style("task-list--meta"))
            return self.line_strip(loading, width, base)
        cursor = ""
        if index == self.cursor:
            cursor = "task-list--cursor" if self.has_focus else "task-list--cursor-blurred"
        marked = task.id in self.marked
        key = (task, width, cursor, base, self.mixes_categories, self.today, self.now,
               self.app.theme, self.ellipsis, marked, self.shows_tree)
        strip = self._strips.get(key)
        if strip is None:
            row = self.render_task(task, width, marked=marked)
            if cursor:
                row.stylize(self._cursor_style(cursor))
            strip = self.line_strip(row, width, base)
            if len(self._strips) > 8 * max(32, self.size.height):  # a few screens' worth
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _style(self, name: str) -> Style:
        style = self.get_component_rich_style(name, partial=True)
        # a colour like $text-muted ("auto 60%") is only right blended with the pane's
        # background: the partial style makes it white, unreadable in a light theme
        full = self.get_component_rich_style(name, partial=False)
        return style + Style(color=full.color) if full.color is not None else style

    def _cursor_style(self, name: str) -> Style:
        if name == "task-list--cursor-blurred":
            # its background is translucent: only the full style blends it with the pane's
            # (the partial one drew it as bright as the focused cursor)
            return Style(bgcolor=self.get_component_rich_style(name, partial=False).bgcolor)
        return self._style(name)

    def render_task(self, task: Task, width: int, *, marked: bool = False) -> Text:
        """One row of this list (task_row.render_row draws it)."""
        look = RowLook(style=self._style, glyph=partial(fit, self.app), ellipsis=self.ellipsis,
                       today=self.today, now=self.now, mixes_categories=self.mixes_categories,
                       shows_tree=self.shows_tree, ascii=self.app.has_class("-ascii"))
        return render_row(task, width, look, marked=marked)
