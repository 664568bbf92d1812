"""The three panes and how they load: categories, the task list and the detail."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from todo_tui import clock
from todo_tui.domain import ListCounts, ListKind, ListRef, Sort, Task, TaskPage
from todo_tui.errors import TodoError
from todo_tui.textsafe import one_line
from todo_tui.ui.faults import fault_text
from todo_tui.ui.messages import CountsLoaded, ListLoaded, PageLoaded, ReadAhead, TaskSaved
from todo_tui.ui.widgets.category_pane import EMPTY_HINTS, CategoryPane, list_name
from todo_tui.ui.widgets.key_bar import KeyBar
from todo_tui.ui.widgets.list_header import ListHeader
from todo_tui.ui.widgets.task_detail import TaskDetail
from todo_tui.ui.widgets.task_list import TaskList

if TYPE_CHECKING:
    from concurrent.futures import Future

    from todo_tui.db.peek import FirstLook
    from todo_tui.service import Services
    from todo_tui.terms import SearchQuery

LOADING_AFTER_S = 0.25
NARROW = 100
MIN_WIDTH, MIN_HEIGHT = 60, 15


def page_rows(height: int) -> int:
    """How many rows a list's first load reads in a terminal `height` lines tall."""
    return max(200, height * 2)


class MainBase(Screen[None]):
    """Lists on the left, tasks in the middle, detail on the right; loading and writing."""

    BINDINGS = [
        Binding("a", "capture", "Add"),
        Binding("s", "sort", "Sort", show=False),
        Binding("i", "toggle_detail", "Detail", show=False),
    ]

    def __init__(self, look: Future[FirstLook | None] | None = None) -> None:
        super().__init__()
        self.look = look  # the app's first look at the database, ready or on its way
        self.ref = ListRef(ListKind.TODAY)  # the list the app opens on (db/peek.py reads it)
        self.sorts: dict[ListRef, Sort] = {}
        self.search_query: SearchQuery | None = None  # the search box's filter, if any
        self.selecting: str | None = None  # the task the list being loaded will select
        self.counts_due = False
        self.generation = 0
        self.counts: ListCounts | None = None
        self.ready = False
        # the task under the cursor when another instance changed the data
        self.watched: Task | None = None
        self.loaded = False
        self.tag_names: list[str] = []
        self.previewed = False  # the opening list was drawn from the app's first look
        self.when_shown: list[Callable[[], object]] = []  # see TaskSaved.shown
        self.focus_before_tiny: Widget | None = None  # given back when the panes return

    # -- layout -------------------------------------------------------------------

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

    def on_mount(self) -> None:
        self.query_one(ListHeader).show(list_name(self.ref, {}), None, "opening the database…")
        self.task_list.empty_message = "Loading…"
        self.category_pane.border_title = "Lists"
        self.task_list.border_title = "Tasks"
        self.query_one(TaskDetail).border_title = "Detail"
        self.task_list.focus()
        self._fit(self.size.width, self.size.height)
        if self.look is not None and self.look.done() and (look := self.look.result()):
            self.preview(look)  # read while Textual loaded: the first frame has the rows

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

    def action_toggle_detail(self) -> None:
        self.toggle_class("-hide-detail")

    def action_task(self, action: str) -> None:
        self.task_list.action_request(action)

    def action_category(self, action: str) -> None:
        self.category_pane.action_request(action)

    def action_open_list(self, kind: str) -> None:
        self.ref = ListRef(ListKind(kind))
        self.task_list.cursor = 0
        self.reload()
        self.task_list.focus()

    # -- loading --------------------------------------------------------------------

    @property
    def page_size(self) -> int:
        return page_rows(self.size.height)

    def preview(self, look: FirstLook) -> bool:
        """Show the opening list from the app's first look, before the database is open.

        Keys that only move work on it at once; the full load follows (start()) and keeps
        the cursor's task. Returns whether anything was shown.
        """
        if self.ready or self.previewed or self.ref != look.ref or self.generation:
            return False
        if look.sort is not Sort.SMART:
            self.sorts.setdefault(self.ref, look.sort)
        self.category_pane.show_counts(look.counts, self.ref)
        self.previewed = True
        self._show_list(look.page, None)
        return True

    def start(self) -> None:
        """The database is open: fill the panes (keeping the previewed cursor's task)."""
        self.ready = True
        current = self.task_list.current_task if self.previewed else None
        self.reload(select_id=current.id if current is not None else None)

    def reload(self, select_id: str | None = None) -> None:
        """Load the open list (selecting `select_id` if it is there) and the counts."""
        if not self.ready:
            return
        self.generation += 1
        self.loaded = False
        self.selecting = select_id
        self.load_list(self.generation, self.ref, self.sort, select_id)
        self.counts_due = True  # loaded after the list: they must not slow it down
        # a slow database shows that it is loading (a fast one never flickers)
        self.set_timer(LOADING_AFTER_S, self._show_loading)

    def _show_loading(self) -> None:
        if not self.loaded:
            self._show_header("loading…")

    def external_change(self) -> None:
        """Another instance changed the data: reload what is shown, keeping the cursor's task."""
        if not self.loaded and self.selecting is not None:
            # a load that selects a task just saved here is on its way: keep its choice
            self.reload(select_id=self.selecting)
            return
        current = self.task_list.current_task
        self.watched = current
        self.reload(select_id=current.id if current else None)

    @property
    def sort(self) -> Sort:
        return self.sorts.get(self.ref, Sort.SMART)

    @work(exclusive=True, group="list")
    async def load_list(
        self, generation: int, ref: ListRef, sort: Sort, select_id: str | None
    ) -> None:
        await self._mark_seen()
        moment = clock.now()
        size = self.page_size
        # with select_id, the page is the one that holds it (focus: its index, or None)
        try:
            page = await self.services.tasks.page(ref, today=moment.date(), sort=sort,
                                                  limit=size, query=self.search_query,
                                                  around=select_id, now=moment)
        except TodoError:
            self.load_counts()  # the list failed (its error is shown); the counts still load
            raise
        self.post_message(ListLoaded(generation, page, page.focus))

    @work(group="page")
    async def load_page(self, generation: int, offset: int) -> None:
        moment = clock.now()
        page = await self.services.tasks.page(
            self.ref, today=moment.date(), sort=self.sort, offset=offset,
            limit=self.task_list.page_size, query=self.search_query, now=moment,
        )
        self.post_message(PageLoaded(generation, page))

    @work(exclusive=True, group="counts")
    async def load_counts(self) -> None:
        moment = clock.now()
        counts = await self.services.tasks.counts(moment.date(), now=moment)
        self.tag_names = await self.services.tasks.tag_names()
        self.post_message(CountsLoaded(counts))

    def on_list_loaded(self, message: ListLoaded) -> None:
        if message.generation == self.generation:
            self._show_list(message.page, message.select_index)

    def _show_list(self, page: TaskPage, select_index: int | None) -> None:
        self.loaded = True
        if self.counts_due:
            self.counts_due = False
            # once the rows are on screen: the counts' queries must not delay that paint
            self.call_after_refresh(self.load_counts)
        watched, self.watched = self.watched, None
        if watched is not None and select_index is None:
            self.notify(f"{one_line(watched.title)[:60]!r} was changed elsewhere and left this "
                        "list (deleted, done or moved)", markup=False)
        moment = clock.now()
        tasks = self.task_list
        tasks.today, tasks.now = moment.date(), moment
        tasks.mixes_categories = self.ref.mixes_categories
        tasks.empty_message = self.empty_hint()
        tasks.page_size = self.page_size
        tasks.reset(page, select_index=select_index)
        self._show_header()
        waiting, self.when_shown = self.when_shown, []
        for shown in waiting:
            shown()
        if page.total == 0:
            self.query_one(TaskDetail).show_task(None, tasks.empty_message)

    def on_page_loaded(self, message: PageLoaded) -> None:
        if message.generation == self.generation:
            self.task_list.add_page(message.page)

    def on_counts_loaded(self, message: CountsLoaded) -> None:
        first = self.counts is None
        self.counts = message.counts
        counts = message.counts
        if first and not (counts.all or counts.done or counts.categories):
            # first run: the Inbox, which says how to add a task
            if self.ref.kind is ListKind.TODAY:
                self.ref = ListRef(ListKind.INBOX)
                self.reload()
        known = {category.id for category in message.counts.categories}
        if self.ref.kind is ListKind.CATEGORY and self.ref.category_id not in known:
            self.notify("The category you had open was deleted elsewhere; showing the Inbox.",
                        markup=False, severity="warning")
            self.ref = ListRef(ListKind.INBOX)
            self.reload()
        self.category_pane.show_counts(message.counts, self.ref)
        self._show_header()

    def _show_header(self, loading: str = "") -> None:
        categories = self.category_pane.categories
        state = "" if self.sort is Sort.SMART else f"sorted by {self.sort.value}"
        if loading:
            state = (state + "  ·  " if state else "") + loading
        readonly = getattr(self.app, "read_only_reason", None)
        if readonly:
            state = (state + "  ·  " if state else "") + "read-only"
        self.query_one(ListHeader).show(
            list_name(self.ref, categories, self.category_pane.views), self.task_list.total, state)

    def empty_hint(self) -> str:
        """What an empty list says."""
        return EMPTY_HINTS[self.ref.kind]

    @on(TaskList.PageNeeded)
    def _page_needed(self, message: TaskList.PageNeeded) -> None:
        if self.ready:  # a preview's other pages come with the full load
            self.load_page(self.generation, message.offset)

    @on(TaskList.Highlighted)
    def _highlighted(self, message: TaskList.Highlighted) -> None:
        self.query_one(TaskDetail).show_task(message.task, self.task_list.empty_message)

    @on(CategoryPane.Opened)
    def _opened(self, message: CategoryPane.Opened) -> None:
        if message.ref != self.ref:
            self.ref = message.ref
            self.task_list.cursor = 0
            self.reload()
        if message.focus_tasks:
            self.task_list.focus()

    def on_task_saved(self, message: TaskSaved) -> None:
        if message.note:
            self.notify(message.note, markup=False)
        if message.shown is not None:
            self.when_shown.append(message.shown)
        read = message.read
        if self.ready and read is not None and read.key == self._list_key():
            # read by the popup before it closed: shown now, counts after it
            if read.page.focus is None and message.task is not None:
                # saved, but not in the list on screen: say so, or it looks lost
                self.notify(f"Added {one_line(message.task.title)[:60]!r}; it is not in "
                            "this list.", markup=False)
            self.generation += 1
            self.counts_due = True
            self.post_message(ListLoaded(self.generation, read.page, read.page.focus))
            return
        self.reload(select_id=message.task.id if message.task and message.select else None)

    def _list_key(self) -> tuple[ListRef, Sort, object]:
        return (self.ref, self.sort, self.search_query)

    async def _mark_seen(self) -> None:
        watcher = getattr(self.app, "watcher", None)
        if watcher is not None:  # the read that follows sees every change made so far
            await watcher.mark_seen()

    async def read_ahead(self, task: Task) -> ReadAhead | None:
        """The open list's page that holds `task`, for a popup to read before it closes.

        A message to this screen while a popup is over it makes Textual repaint the whole
        terminal (~10 ms at 120x35) before the list's own read can start; read here, the
        list is read first and drawn once, in the frame the popup closes in.
        """
        if not self.ready:
            return None
        key = self._list_key()
        try:
            await self._mark_seen()
            moment = clock.now()  # a screenful either side (the list loads more as it scrolls)
            page = await self.services.tasks.page(
                self.ref, today=moment.date(), sort=self.sort, query=self.search_query,
                limit=max(40, 2 * self.size.height), around=task.id, centre=True, now=moment)
        except TodoError:
            return None  # the list reloads as usual, and says what is wrong
        return ReadAhead(key, page)

    # -- writes -------------------------------------------------------------------

    def write(
        self,
        call: Callable[[], Awaitable[Any]],
        done: Callable[[Any], object],
        failed: Callable[[TodoError], None] | None = None,
    ) -> None:
        """Run one service write in a worker (never cancelled), then `done(result)`."""
        self._write_worker(call, done, failed)

    @work(group="write")
    async def _write_worker(
        self,
        call: Callable[[], Awaitable[Any]],
        done: Callable[[Any], object],
        failed: Callable[[TodoError], None] | None,
    ) -> None:
        try:
            result = await call()
        except TodoError as exc:
            self.app.bell()
            self.notify(fault_text(exc), title="Not saved", severity="error", markup=False,
                        timeout=8)
            if failed is not None:
                failed(exc)
            return
        done(result)

    def current_task(self) -> Task | None:
        return self.task_list.current_task
