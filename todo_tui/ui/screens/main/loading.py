"""Loading the open list and the counts: what is on screen, and how it gets there.

The loader's state is one value, `Phase`:

    OPENING --preview()--> PREVIEW --start()--> LOADING --list read--> COUNTING --> SHOWN
       \\________________start()________________/^                                   |
                                                 \\______________reload()__________/

OPENING: the database is opening and nothing was read. PREVIEW: the first look's rows
(db/peek.py, read with sqlite3 before SQLAlchemy is imported) are shown; keys that only move
work on them. LOADING: the database is open and the list is being read; COUNTING: it is on
screen and the counts are being read (after the rows, so that they never delay them); SHOWN:
both are the newest read. Each read carries a generation; a reply to an older one is dropped.
Keys typed meanwhile wait for SHOWN (`quiet`, read by the app's key gate): a key acts on what
the keys before it did.
"""

from __future__ import annotations

import asyncio
import enum
from typing import TYPE_CHECKING

from todo_tui import clock
from todo_tui.domain import ListCounts, ListKind, ListRef, Sort, Task, TaskPage
from todo_tui.errors import TodoError
from todo_tui.settings import current
from todo_tui.textsafe import one_line
from todo_tui.ui.faults import guarded
from todo_tui.ui.messages import CountsLoaded, ListLoaded, PageLoaded, ReadAhead
from todo_tui.ui.widgets.category_pane import EMPTY_HINTS, list_name
from todo_tui.ui.widgets.list_header import ListHeader
from todo_tui.ui.widgets.task_detail import TaskDetail

if TYPE_CHECKING:
    from todo_tui.db.peek import FirstLook
    from todo_tui.search.terms import SearchQuery
    from todo_tui.ui.screens.main.host import MainHost

# A read slower than this shows "loading…" in the header (a fast one never flickers).
LOADING_AFTER_S = 0.25


# after the first list is drawn, how long the app waits before readying the tree lists' reads
# (about 0.1 s of work, once): not while the first frame and keys typed at start are handled
READY_TREES_AFTER_S = 0.5


def page_rows(height: int) -> int:
    """How many rows a list's first load reads in a terminal `height` lines tall."""
    return max(200, height * 2)


class Phase(enum.Enum):
    """Where the open list is on its way to the screen (see the module's docstring)."""

    OPENING = "opening"
    PREVIEW = "preview"
    LOADING = "loading"
    COUNTING = "counting"
    SHOWN = "shown"


class ListLoader:
    """Which list is open, how it is sorted and filtered, and reading it onto the screen."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen
        self.phase = Phase.OPENING
        # the list the app opens on: the start_list setting (db/peek.py reads Today ahead of
        # the first frame; another list shows once the database is open)
        self.ref = ListRef(ListKind(str(current()["start_list"])))
        self.sorts: dict[ListRef, Sort] = {}
        self.generation = 0
        self.counts: ListCounts | None = None
        self.tag_names: list[str] = []
        self.selecting: str | None = None  # the task the read on its way will select
        self.elsewhere: ListRef | None = None  # where to show it if this list lacks it
        self.watched: Task | None = None  # under the cursor when another instance wrote
        self.counts_after = 0  # the generation whose rows, once drawn, load the counts
        self.first_read = asyncio.Event()  # set once a read from the database was shown

    # -- what is open ---------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether the database is open (reads and writes can start)."""
        return self.phase in (Phase.LOADING, Phase.COUNTING, Phase.SHOWN)

    @property
    def quiet(self) -> bool:
        """Whether nothing is being read (what is on screen is the newest)."""
        return self.phase not in (Phase.LOADING, Phase.COUNTING)

    @property
    def query(self) -> SearchQuery | None:
        """The search box's filter, if any."""
        return self.screen.search.query

    @property
    def sort(self) -> Sort:
        return self.sorts.get(self.ref, Sort.SMART)

    @property
    def key(self) -> tuple[ListRef, Sort, object]:
        """What the list on screen is: a page read for another key is not this list."""
        return (self.ref, self.sort, self.query)

    @property
    def page_size(self) -> int:
        return page_rows(self.screen.size.height)

    def empty_hint(self) -> str:
        """What an empty list says."""
        return self.screen.search.empty_hint() or EMPTY_HINTS[self.ref.kind]

    # -- transitions ----------------------------------------------------------------------

    def preview(self, look: FirstLook) -> bool:
        """Show the opening list from the app's first look, before the database is open.

        Returns whether anything was shown (not once the database is open, or for another
        list than the one the look read).
        """
        if self.phase is not Phase.OPENING or self.ref != look.ref:
            return False
        if look.sort is not Sort.SMART:
            self.sorts.setdefault(self.ref, look.sort)
        self.screen.category_pane.show_counts(look.counts, self.ref)
        self.phase = Phase.PREVIEW
        self.show(look.page, None)
        return True

    def start(self, sorts: dict[ListRef, Sort]) -> None:
        """The database is open: read the list (keeping the previewed cursor's task)."""
        self.sorts.update(sorts)
        previewed = self.phase is Phase.PREVIEW
        current = self.screen.task_list.current_task if previewed else None
        self.phase = Phase.LOADING
        self.reload(select_id=current.id if current is not None else None)

    def open(self, ref: ListRef) -> None:
        """Open another list, at its top."""
        self.ref = ref
        self.screen.task_list.cursor = 0
        self.reload()

    def reload(self, select_id: str | None = None, elsewhere: ListRef | None = None) -> None:
        """Read the open list again (selecting `select_id` if it is there, else opening
        `elsewhere` to show it there, when given), then the counts."""
        if not self.ready:
            return
        self.screen.search.follow(self.ref)
        self.generation += 1
        self.phase = Phase.LOADING
        self.selecting = select_id
        self.elsewhere = elsewhere
        self.counts_after = self.generation  # after the rows: they must not slow them down
        self.read_list(self.generation, self.ref, self.sort, self.query, select_id)
        self.screen.set_timer(LOADING_AFTER_S, self._say_loading)

    def external_change(self) -> None:
        """Another instance changed the data: read again, keeping the cursor's task."""
        if self.phase is Phase.LOADING and self.selecting is not None:
            # a read that selects a task just saved here is on its way: keep its choice
            self.reload(select_id=self.selecting, elsewhere=self.elsewhere)
            return
        current = self.screen.task_list.current_task
        self.watched = current
        self.reload(select_id=current.id if current else None)

    def shown_read(self, read: ReadAhead, task: Task | None) -> bool:
        """Show a page read by a popup before it closed, if it is of the list on screen."""
        if not self.ready or read.key != self.key:
            return False
        if read.page.focus is None and task is not None:
            # saved, but not in the list on screen: say so, or it looks lost
            self.screen.notify(f"Added {one_line(task.title)[:60]!r}; it is not in this list.",
                               markup=False)
        self.generation += 1
        self.counts_after = self.generation
        self.list_loaded(ListLoaded(self.generation, read.page, read.page.focus))
        return True

    # -- reads (workers; their replies come back as messages) ------------------------------

    def read_list(self, generation: int, ref: ListRef, sort: Sort, query: SearchQuery | None,
                   select_id: str | None) -> None:
        self.screen.run_worker(self._list_worker(generation, ref, sort, query, select_id),
                               group="list", exclusive=True)

    @guarded
    async def _list_worker(self, generation: int, ref: ListRef, sort: Sort,
                           query: SearchQuery | None, select_id: str | None) -> None:
        await self.mark_seen()
        moment = clock.now()
        try:
            # with select_id, the page is the one that holds it (focus: its index, or None)
            page = await self.screen.services.tasks.page(
                ref, today=moment.date(), sort=sort, limit=self.page_size, query=query,
                around=select_id, now=moment)
        except TodoError:
            if generation == self.generation:
                self.phase = Phase.COUNTING  # the list as it was stays; the counts still load
                self.read_counts()
            self.first_read.set()  # (keys typed meanwhile are not kept waiting for it)
            raise
        self.screen.post_message(ListLoaded(generation, page, page.focus))

    def read_page(self, offset: int) -> None:
        """Rows the task list scrolled to and lacks."""
        if self.ready:  # a preview's other rows come with the full read
            self.screen.run_worker(self._page_worker(self.generation, offset), group="page")

    @guarded
    async def _page_worker(self, generation: int, offset: int) -> None:
        moment = clock.now()
        page = await self.screen.services.tasks.page(
            self.ref, today=moment.date(), sort=self.sort, offset=offset,
            limit=self.screen.task_list.page_size, query=self.query, now=moment)
        self.screen.post_message(PageLoaded(generation, page))

    def read_counts(self) -> None:
        self.screen.run_worker(self._counts_worker(), group="counts", exclusive=True)

    @guarded
    async def _counts_worker(self) -> None:
        moment = clock.now()
        try:
            counts = await self.screen.services.tasks.counts(moment.date(), now=moment)
            self.tag_names = await self.screen.services.tasks.tag_names()
        except TodoError:
            if self.phase is Phase.COUNTING:
                self.phase = Phase.SHOWN  # the counts as they were stay
            raise
        self.screen.post_message(CountsLoaded(counts))

    def ready_trees(self) -> None:
        self.screen.run_worker(self._ready_worker(), group="ready", exclusive=True)

    @guarded
    async def _ready_worker(self) -> None:
        """Build the reads of the lists shown as trees once, in the background, so that the
        first category opened is as quick as a plain list (SubtaskService.ready_trees)."""
        await self.screen.services.subtasks.ready_trees(clock.now().date())

    async def read_ahead(self, task: Task) -> ReadAhead | None:
        """The open list's page that holds `task`, centred on it (a screenful either side).

        The capture popup's saver reads it before the popup closes: the list is then drawn
        once, in the frame the popup closes in.
        """
        if not self.ready:
            return None
        key = self.key
        try:
            await self.mark_seen()
            moment = clock.now()
            page = await self.screen.services.tasks.page(
                self.ref, today=moment.date(), sort=self.sort, query=self.query,
                limit=max(40, 2 * self.screen.size.height), around=task.id, centre=True,
                now=moment)
        except TodoError:
            return None  # the list reloads as usual, and says what is wrong
        return ReadAhead(key, page)

    async def mark_seen(self) -> None:
        watcher = getattr(self.screen.app, "watcher", None)
        if watcher is not None:  # the read that follows sees every change made so far
            await watcher.mark_seen()

    # -- replies ---------------------------------------------------------------------------

    def list_loaded(self, message: ListLoaded) -> None:
        if message.generation != self.generation:
            return  # an older read: a newer one is on its way
        if (self.elsewhere not in (None, self.ref) and self.selecting is not None
                and message.select_index is None):
            assert self.elsewhere is not None
            self.ref = self.elsewhere  # the task is not in this list: show it where it is
            self.reload(select_id=self.selecting)
            return
        self.phase = Phase.COUNTING if self.counts_after == self.generation else Phase.SHOWN
        self.selecting = None
        self.show(message.page, message.select_index)
        self.first_read.set()
        self.screen.search.show_total(message.page.total)
        self.screen.list_shown()

    def page_loaded(self, message: PageLoaded) -> None:
        if message.generation == self.generation:
            self.screen.task_list.add_page(message.page)

    def counts_loaded(self, message: CountsLoaded) -> None:
        if self.phase is Phase.COUNTING:
            self.phase = Phase.SHOWN
        first = self.counts is None
        counts = self.counts = message.counts
        screen = self.screen
        if first:  # the first list and counts are on screen: ready the tree lists' reads
            screen.set_timer(READY_TREES_AFTER_S, self.ready_trees)
        if first and not (counts.all or counts.done or counts.categories):
            if self.ref.kind is ListKind.TODAY:  # first run: the Inbox says how to add one
                self.open(ListRef(ListKind.INBOX))
        if self.ref.kind is ListKind.CATEGORY and self.ref.category_id not in {
                category.id for category in counts.categories}:
            screen.notify("The category you had open was deleted elsewhere; showing the Inbox.",
                          markup=False, severity="warning")
            self.open(ListRef(ListKind.INBOX))
        if self.ref.kind is ListKind.VIEW and self.ref.view_id not in {
                view.id for view in counts.views}:
            self.open(ListRef(ListKind.ALL))  # the open view was deleted, here or elsewhere
        screen.category_pane.show_counts(counts, self.ref)
        self.show_header()

    # -- drawing ---------------------------------------------------------------------------

    def show(self, page: TaskPage, select_index: int | None) -> None:
        screen = self.screen
        if self.counts_after == self.generation and self.ready:
            self.counts_after = 0
            # once the rows are on screen: the counts' queries must not delay that paint
            screen.call_after_refresh(self.read_counts)
        watched, self.watched = self.watched, None
        if watched is not None and select_index is None:
            screen.notify(f"{one_line(watched.title)[:60]!r} was changed elsewhere and left "
                          "this list (deleted, done or moved)", markup=False)
        moment = clock.now()
        tasks = screen.task_list
        tasks.today, tasks.now = moment.date(), moment
        tasks.mixes_categories = self.ref.mixes_categories
        tasks.shows_tree = self.ref.holds_trees and (self.query is None or self.query.empty)
        tasks.empty_message = self.empty_hint()
        tasks.page_size = self.page_size
        tasks.reset(page, select_index=select_index)
        self.show_header()
        if page.total == 0:
            screen.query_one(TaskDetail).show_task(None, tasks.empty_message)

    def _say_loading(self) -> None:
        if self.phase is Phase.LOADING:
            self.show_header("loading…")

    def show_header(self, loading: str = "") -> None:
        screen = self.screen
        pane = screen.category_pane
        state = "" if self.sort is Sort.SMART else f"sorted by {self.sort.value}"
        if loading:
            state = (state + "  ·  " if state else "") + loading
        if getattr(screen.app, "read_only_reason", None):
            state = (state + "  ·  " if state else "") + "read-only"
        if marked := screen.marks.describe():
            state = (state + "  ·  " if state else "") + marked
        screen.query_one(ListHeader).show(
            list_name(self.ref, pane.categories, pane.views), screen.task_list.total, state)
