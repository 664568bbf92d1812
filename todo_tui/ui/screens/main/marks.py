"""Marks on the main screen: `v` marks or unmarks the task under the cursor, `V` the whole
list shown (as a query: nothing more is loaded), `escape` clears them.

The marked tasks are a `Marked` value (todo_tui/marks.py); the task list draws the rows among
them (`TaskList.show_marked`), the header says how many. Each time the list is read again (a
search typed, a live update, another list opened) the service narrows the marks to it: a
task that left the list is no longer marked, and the header says how many left.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from todo_tui import clock
from todo_tui.domain import ListKind, Task, TaskPage
from todo_tui.marks import Marked, Scope
from todo_tui.ui.faults import guarded
from todo_tui.words import count_of

if TYPE_CHECKING:
    from todo_tui.ui.screens.main.host import MainHost


class MarkController:
    """Which tasks are marked, how many, and what the task list shows of it."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen
        self.marked = Marked()
        self.count = 0
        self.left = 0  # marks dropped because their tasks left the list, since the last V/v
        self.generation = 0  # a narrowing read for older marks is dropped

    @property
    def active(self) -> bool:
        """Whether any task is marked (an action then applies to every marked task)."""
        return not self.marked.empty and self.count > 0

    def scope(self) -> Scope:
        """The list on screen, as of now."""
        moment = clock.now()
        return Scope(self.screen.lists.ref, self.screen.search.query, moment.date(), moment)

    def describe(self) -> str:
        """What the header says of the marks: `12 marked`, `9 marked (3 left the list)`."""
        if self.marked.empty:
            return ""
        text = f"{self.count} marked"
        return text + f" ({self.left} left the list)" if self.left else text

    # -- the keys -----------------------------------------------------------------------------

    def request(self, action: str, task: Task) -> None:
        if self.screen.lists.ref.kind is ListKind.TRASH:
            self.screen.notify("Tasks in the Trash cannot be marked: r restores one.",
                               markup=False)
            return
        if action == "mark":
            self.toggle(task)
        elif action == "mark_all":
            self.mark_all()

    def toggle(self, task: Task) -> None:
        """Mark the task, or unmark it if it is marked."""
        tasks = self.screen.task_list
        marked_now = task.id in tasks.marked
        self.marked = self.marked.toggled(task.id, marked_now)
        self.count += -1 if marked_now else 1
        self.left = 0
        if self.count <= 0:
            self._reset()
        else:
            tasks.show_marked(tasks.marked ^ {task.id})
        self._changed()

    def mark_all(self) -> None:
        """Mark every task of the list shown (not only the rows loaded)."""
        tasks = self.screen.task_list
        self.generation += 1
        self.marked = Marked.every(self.scope(), datetime.now(UTC))
        # every task of the list as it was read: its own count (a read since, of a change
        # made elsewhere, narrows the marks as any read does)
        self.count = tasks.total
        self.left = 0
        tasks.show_marked(frozenset(tasks.loaded_ids()))
        self._changed()

    def clear(self) -> bool:
        """Unmark everything; False when nothing was marked."""
        if self.marked.empty:
            return False
        self._reset()
        self._changed()
        return True

    def _reset(self) -> None:
        self.generation += 1
        self.marked = Marked()
        self.count = self.left = 0
        self.screen.task_list.show_marked(frozenset())

    def _changed(self) -> None:
        self.screen.lists.show_header()

    # -- the list read again -------------------------------------------------------------------

    def list_shown(self) -> None:
        """The list was read again: narrow the marks to it."""
        if self.marked.empty:
            return
        self.generation += 1
        ids = list(self.screen.task_list.loaded_ids())
        self.screen.run_worker(self._settle(self.generation, self.marked, self.scope(), ids),
                               group="marks")

    def page_added(self, page: TaskPage) -> None:
        """More rows were read: show which of them are marked."""
        if self.marked.empty:
            return
        if not self.marked.whole:
            self.screen.task_list.show_marked(self.marked.ids)
            return
        ids = [task.id for task in page.tasks]
        self.screen.run_worker(self._among(self.generation, self.marked, ids), group="marks")

    @guarded
    async def _settle(self, generation: int, marked: Marked, scope: Scope,
                      ids: list[str]) -> None:
        settled = await self.screen.services.bulk.settle(marked, scope, ids)
        if generation != self.generation:
            return
        gone = max(0, self.count - settled.count)
        self.marked, self.count = settled.marked, settled.count
        if gone:
            self.left += gone
            self.screen.notify(
                f"{count_of(gone, 'marked task')} left the list: no longer "
                f"marked ({settled.count} still marked).", markup=False)
        self.screen.task_list.show_marked(settled.shown)
        self._changed()

    @guarded
    async def _among(self, generation: int, marked: Marked, ids: list[str]) -> None:
        found = await self.screen.services.bulk.marked_among(marked, ids)
        if generation == self.generation and found:
            tasks = self.screen.task_list
            tasks.show_marked(tasks.marked | found)
