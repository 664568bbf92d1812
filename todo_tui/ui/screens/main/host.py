"""What the main screen's helpers see of it, and of each other.

The helpers (loading.py, search.py, edits.py, capture.py, actions.py, marks.py, bulk.py)
work for the screen and reach one another through it. They know it as `MainHost`, declared
here with the few members each needs of the others, so that no helper imports the screen or
another helper: the screen (screen.py) imports them all, and nothing imports back.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:  # the protocols below are for the type checker: nothing to build at start
    from typing import Protocol

    from todo_tui.domain import ListCounts, ListRef, Sort, Task, TaskPage
    from todo_tui.marks import Marked
    from todo_tui.search.terms import SearchQuery
    from todo_tui.service import Services
    from todo_tui.ui.messages import ReadAhead
    from todo_tui.ui.screens.edit_fields import FormValues
    from todo_tui.ui.widgets.category_pane import CategoryPane
    from todo_tui.ui.widgets.task_list import TaskList

T = TypeVar("T")

if TYPE_CHECKING:

    class Lists(Protocol):
        """The open list (loading.py's ListLoader)."""

        sorts: dict[ListRef, Sort]
        counts: ListCounts | None
        tag_names: list[str]

        @property
        def ref(self) -> ListRef: ...

        @property
        def sort(self) -> Sort: ...

        @property
        def ready(self) -> bool: ...

        def open(self, ref: ListRef) -> None: ...

        def reload(self, select_id: str | None = None,
                   elsewhere: ListRef | None = None) -> None: ...

        async def read_ahead(self, task: Task) -> ReadAhead | None: ...

        def shown_read(self, read: ReadAhead, task: Task | None) -> bool: ...

        def show_header(self, loading: str = "") -> None: ...


    class Search(Protocol):
        """The search box (search.py's SearchController)."""

        query: SearchQuery | None

        def follow(self, ref: ListRef) -> None: ...

        def show_total(self, total: int, *, over_error: bool = False) -> None: ...

        def empty_hint(self) -> str | None: ...


    class Edits(Protocol):
        """The edit form (edits.py's EditController)."""

        def open(self, task: Task, draft: FormValues | None = None) -> None: ...


    class Marks(Protocol):
        """The marked tasks (marks.py's MarkController)."""

        marked: Marked
        count: int

        @property
        def active(self) -> bool: ...

        def describe(self) -> str: ...

        def clear(self) -> bool: ...

        def request(self, action: str, task: Task) -> None: ...

        def list_shown(self) -> None: ...

        def page_added(self, page: TaskPage) -> None: ...


    class Bulk(Protocol):
        """Acting on the marked tasks (bulk.py's BulkActions)."""

        def request(self, action: str, task: Task) -> None: ...


    class Capture(Protocol):
        """Quick capture (capture.py's CaptureController)."""

        def open(self, parent: Task | None = None) -> None: ...


    class Tasks(Protocol):
        """The actions on tasks (actions.py's TaskActions)."""

        def remember_sort(self, ref: ListRef, sort: Sort) -> None: ...


    class Subtasks(Protocol):
        """Subtasks (subtasks.py's SubtaskActions)."""

        def add_under(self, task: Task) -> None: ...

        def indent(self, task: Task) -> None: ...

        def outdent(self, task: Task) -> None: ...


class MainHost(Screen[None]):
    """The main screen as its helpers know it (screen.py's MainScreen is the one)."""

    lists: Lists
    search: Search
    edits: Edits
    marks: Marks
    bulk: Bulk
    capture: Capture
    tasks: Tasks
    subtasks: Subtasks

    @property
    def task_list(self) -> TaskList:
        raise NotImplementedError

    @property
    def category_pane(self) -> CategoryPane:
        raise NotImplementedError

    @property
    def services(self) -> Services:
        raise NotImplementedError

    @property
    def origin(self) -> str | None:
        """Who this window is, in the history of changes (None: not recorded as anyone)."""
        return getattr(self.app, "origin", None)

    async def write(self, call: Awaitable[T], refused: str = "Not saved") -> T | None:
        raise NotImplementedError

    def list_shown(self) -> None:
        raise NotImplementedError
