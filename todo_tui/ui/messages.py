"""Results that workers post back to the screen that started them."""

from __future__ import annotations

from textual.message import Message

from todo_tui.domain import ListCounts, ListRef, Sort, Task, TaskPage


class ReadAhead:
    """The open list read by a popup before it closes, for the list it was read for."""

    __slots__ = ("key", "page")

    def __init__(self, key: tuple[ListRef, Sort, object], page: TaskPage) -> None:
        self.key = key  # the list, its sort and its search
        self.page = page


class ListLoaded(Message):
    """A list's first rows and size arrived; `select_index` places the cursor."""

    def __init__(self, generation: int, page: TaskPage, select_index: int | None) -> None:
        super().__init__()
        self.generation = generation
        self.page = page
        self.select_index = select_index


class PageLoaded(Message):
    """More rows of the shown list arrived."""

    def __init__(self, generation: int, page: TaskPage) -> None:
        super().__init__()
        self.generation = generation
        self.page = page


class CountsLoaded(Message):
    """Fresh counts for the categories pane."""

    def __init__(self, counts: ListCounts) -> None:
        super().__init__()
        self.counts = counts


class TaskSaved(Message):
    """A task was written; the list reloads, selecting it when `select`."""

    def __init__(self, task: Task | None, note: str = "", select: bool = True,
                 read: ReadAhead | None = None) -> None:
        super().__init__()
        self.task = task
        self.note = note
        self.select = select
        self.read = read  # the list already read with the task in it: no reload needed
