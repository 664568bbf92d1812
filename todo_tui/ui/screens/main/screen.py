"""The main screen: lists on the left, tasks in the middle, the detail on the right.

It coordinates; each feature is a helper it owns (one module each, in this package):
`lists` reads the open list and the counts (loading.py), `search` the search box and saved
views, `edits` the edit form and saving it safely, `capture` quick capture, `tasks` and
`categories` the other actions, `marks` the marked tasks, `bulk` acting on them. Each
message has one handler here, which hands it to the helper concerned.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Static

from todo_tui.domain import ListCounts, ListKind, ListRef, Sort
from todo_tui.errors import TodoError
from todo_tui.settings import current
from todo_tui.ui.faults import tell
from todo_tui.ui.glyphs import fit
from todo_tui.ui.messages import CountsLoaded, ListLoaded, PageLoaded, TaskSaved
from todo_tui.ui.screens.main.actions import CategoryActions, TaskActions
from todo_tui.ui.screens.main.bulk import BulkActions
from todo_tui.ui.screens.main.capture import CaptureController
from todo_tui.ui.screens.main.edits import EditController
from todo_tui.ui.screens.main.history import HistoryController
from todo_tui.ui.screens.main.host import MainHost
from todo_tui.ui.screens.main.loading import ListLoader
from todo_tui.ui.screens.main.marks import MarkController
from todo_tui.ui.screens.main.search import SearchController
from todo_tui.ui.screens.main.subtasks import SubtaskActions, SubtasksLoaded
from todo_tui.ui.widgets.category_pane import CategoryPane, list_name
from todo_tui.ui.widgets.key_bar import KeyBar
from todo_tui.ui.widgets.list_header import ListHeader
from todo_tui.ui.widgets.search_bar import SearchBar
from todo_tui.ui.widgets.task_detail import TaskDetail
from todo_tui.ui.widgets.task_list import TaskList

if TYPE_CHECKING:
    from concurrent.futures import Future

    from todo_tui.db.peek import FirstLook
    from todo_tui.search.terms import SearchQuery
    from todo_tui.service import Services

T = TypeVar("T")
NARROW = 100
MIN_WIDTH, MIN_HEIGHT = 60, 15


class MainScreen(MainHost):
    """The three panes, and what happens when the user acts in them."""

    BINDINGS = [
        Binding("a", "capture", "Add"),
        Binding("slash", "search", "Search"),
        Binding("s", "sort", "Sort", show=False),
        Binding("i", "toggle_detail", "Detail", show=False),
        Binding("S", "save_view", "Save view", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("U", "redo", "Redo", show=False),
    ]

    lists: ListLoader
    search: SearchController
    edits: EditController
    capture: CaptureController
    tasks: TaskActions
    subtasks: SubtaskActions

    def __init__(self, look: Future[FirstLook | None] | None = None) -> None:
        super().__init__()
        self.look = look  # the app's first look at the database, ready or on its way
        self.lists = ListLoader(self)
        self.search = SearchController(self)
        self.edits = EditController(self)
        self.capture = CaptureController(self)
        self.tasks = TaskActions(self)
        self.categories = CategoryActions(self)
        self.history = HistoryController(self)
        self.marks = MarkController(self)  # v, V and escape (issue 17)
        self.bulk = BulkActions(self)
        self.subtasks = SubtaskActions(self)
        self.focus_before_tiny: Widget | None = None  # given back when the panes return
        # the detail setting: the pane shown or hidden at start (i toggles it)
        self.set_class(current()["detail"] == "hidden", "-hide-detail")

    # -- what the rest of the app reads -------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether the database is open."""
        return self.lists.ready

    @property
    def ref(self) -> ListRef:
        return self.lists.ref

    @property
    def sort(self) -> Sort:
        return self.lists.sort

    @property
    def search_query(self) -> SearchQuery | None:
        return self.search.query

    @property
    def counts(self) -> ListCounts | None:
        return self.lists.counts

    @property
    def task_list(self) -> TaskList:
        return self.query_one("#tasks", TaskList)

    @property
    def category_pane(self) -> CategoryPane:
        return self.query_one("#categories", CategoryPane)

    @property
    def services(self) -> Services:
        services: Services | None = getattr(self.app, "services", None)
        if services is None:
            raise TodoError("the database is not open yet")
        return services

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ListHeader(id="header")
        with Horizontal(id="body"):
            yield CategoryPane(id="categories")
            with Container(id="main"):
                yield TaskList(id="tasks")
                yield TaskDetail(id="detail")
        yield Static(
            Text(f"The terminal is too small.\nMake it at least {MIN_WIDTH}x{MIN_HEIGHT}."),
            id="too-small",
        )
        yield KeyBar(id="keys", show_command_palette=not self.app.has_class("-ascii"))

    def on_mount(self) -> None:
        self.query_one(ListHeader).show(list_name(self.ref, {}), None, "opening the database…")
        self.task_list.empty_message = fit(self.app, "Loading…")
        self.category_pane.border_title = "Lists"
        self.task_list.border_title = "Tasks"
        self.query_one(TaskDetail).border_title = "Detail"
        self.task_list.focus()
        self._fit(self.size.width, self.size.height)
        if self.look is not None and self.look.done() and (look := self.look.result()):
            self.lists.preview(look)  # read while Textual loaded: the first frame has rows

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        tiny = width < MIN_WIDTH or height < MIN_HEIGHT
        if tiny and self.focused is not None:
            self.focus_before_tiny = self.focused
        self.set_class(tiny, "-tiny")
        if not tiny and self.focused is None:
            # hiding the panes took the focus away: give it back (to the pane that had it),
            # or no key would work
            self.call_after_refresh((self.focus_before_tiny or self.task_list).focus)

    # -- the database opens -----------------------------------------------------------------

    def preview(self, look: FirstLook) -> bool:
        """Show the app's first look (see ListLoader.preview)."""
        return self.lists.preview(look)

    async def start(self) -> None:
        """The database is open: read the saved sorts, then fill the panes."""
        sorts: dict[ListRef, Sort] = {}
        try:
            sorts = await self.services.lists.sorts()
        except TodoError as exc:
            self.notify(f"The saved sorts could not be read: {exc}", severity="warning",
                        markup=False)
        self.lists.start(sorts)

    def list_shown(self) -> None:
        """A list read from the database is on screen."""
        self.capture.list_shown()
        self.marks.list_shown()

    def reload(self, select_id: str | None = None) -> None:
        """Read the open list again (see ListLoader.reload)."""
        self.lists.reload(select_id)

    def external_change(self) -> None:
        """Another instance changed the data."""
        self.lists.external_change()

    # -- writes -----------------------------------------------------------------------------

    async def write(self, call: Awaitable[T], refused: str = "Not saved") -> T | None:
        """Await one service write; a failure is told (titled `refused`, what was not done:
        "Not moved" for a refused move) and gives None."""
        try:
            return await call
        except TodoError as exc:
            tell(self, exc, title=refused)
            return None

    # -- messages: one handler each ---------------------------------------------------------

    def on_list_loaded(self, message: ListLoaded) -> None:
        self.lists.list_loaded(message)

    def on_page_loaded(self, message: PageLoaded) -> None:
        self.lists.page_loaded(message)
        if message.generation == self.lists.generation:
            self.marks.page_added(message.page)

    def on_counts_loaded(self, message: CountsLoaded) -> None:
        self.lists.counts_loaded(message)

    def on_task_saved(self, message: TaskSaved) -> None:
        if message.note:
            self.notify(message.note, markup=False)
        if message.read is not None and self.lists.shown_read(message.read, message.task):
            return
        self.lists.reload(select_id=message.task.id if message.task and message.select
                          else None)

    @on(TaskList.PageNeeded)
    def _page_needed(self, message: TaskList.PageNeeded) -> None:
        self.lists.read_page(message.offset)

    @on(TaskList.Highlighted)
    def _highlighted(self, message: TaskList.Highlighted) -> None:
        self.query_one(TaskDetail).show_task(message.task, self.task_list.empty_message)
        self.subtasks.read_for_detail(message.task)

    @on(SubtasksLoaded)
    def _subtasks_loaded(self, message: SubtasksLoaded) -> None:
        detail = self.query_one(TaskDetail)
        if message.subtasks is not None:
            detail.show_subtasks(message.task_id, message.subtasks)
        detail.show_reminders(message.task_id, message.reminders)

    @on(TaskList.CollapseRequested)
    def _collapse_requested(self, message: TaskList.CollapseRequested) -> None:
        self.subtasks.collapse(message.task, message.collapsed)

    @on(TaskList.ParentRequested)
    def _go_to_parent(self, message: TaskList.ParentRequested) -> None:
        self.subtasks.go_to_parent(message.task)

    @on(TaskList.SiblingMoveRequested)
    def _sibling_move(self, message: TaskList.SiblingMoveRequested) -> None:
        self.subtasks.move_among_siblings(message.task, message.step)

    @on(TaskList.ActionRequested)
    def _task_action(self, message: TaskList.ActionRequested) -> None:
        self.tasks.request(message.action, message.task)

    @on(TaskList.ReorderRequested)
    def _reorder(self, message: TaskList.ReorderRequested) -> None:
        self.tasks.reorder(message.task, message.neighbour)

    @on(CategoryPane.Opened)
    def _opened(self, message: CategoryPane.Opened) -> None:
        if message.ref != self.lists.ref:
            self.lists.open(message.ref)
        if message.focus_tasks:
            self.task_list.focus()

    @on(CategoryPane.CategoryRequested)
    def _category_action(self, message: CategoryPane.CategoryRequested) -> None:
        self.categories.request(message.action, message.category)

    @on(CategoryPane.ViewRequested)
    def _view_action(self, message: CategoryPane.ViewRequested) -> None:
        self.search.view_requested(message.action, message.view)

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        self.search.changed(message.text)

    @on(SearchBar.Submitted)
    def _search_submitted(self, message: SearchBar.Submitted) -> None:
        self.search.submit(message.text)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self, _message: SearchBar.Cancelled) -> None:
        self.search.clear()

    # -- actions ----------------------------------------------------------------------------

    def action_capture(self) -> None:
        if not self.lists.ready:
            self.notify(fit(self.app, "The database is still opening…"), markup=False)
            return
        self.capture.open()

    async def action_search(self) -> None:
        await self.search.open()

    def action_save_view(self) -> None:
        self.search.save_view()

    def action_clear_search(self) -> None:
        if self.marks.clear():  # the marks first, then the search
            return
        if self.search.active:
            self.search.clear()

    def action_undo(self) -> None:
        self.history.undo()

    def action_redo(self) -> None:
        self.history.redo()

    def action_sort(self) -> None:
        self.tasks.choose_sort()

    def action_toggle_detail(self) -> None:
        self.toggle_class("-hide-detail")

    def action_task(self, action: str) -> None:
        self.task_list.action_request(action)

    def action_category(self, action: str) -> None:
        self.category_pane.action_request(action)

    def action_open_list(self, kind: str) -> None:
        self.lists.open(ListRef(ListKind(kind)))
        self.task_list.focus()
