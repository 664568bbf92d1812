"""Subtasks on the main screen: collapsing and expanding, going to a parent, indenting and
outdenting, moving among siblings, adding a subtask, and the detail pane's list of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from todo_tui import clock
from todo_tui.domain import ListKind, ListRef, Reminder, Sort, Task
from todo_tui.ui.faults import guarded
from todo_tui.ui.messages import TaskSaved
from todo_tui.ui.text import short

if TYPE_CHECKING:
    from todo_tui.service.ordering import Shown
    from todo_tui.ui.screens.main.host import MainHost


# the detail pane lists this many of a task's subtasks (a parent of thousands stays quick)
DETAIL_LIMIT = 100


class SubtasksLoaded(Message):
    """What the detail pane shows beyond the list's row arrived: the subtasks (None when the
    task has none) and the reminders of the task it shows."""

    def __init__(self, task_id: str, subtasks: list[Task] | None,
                 reminders: tuple[Reminder, ...] = ()) -> None:
        super().__init__()
        self.task_id = task_id
        self.subtasks = subtasks
        self.reminders = reminders


class SubtaskActions:
    """What the task list asks of subtasks, and the detail pane's list of them."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen

    def shown(self) -> Shown:
        """The open list as it is on screen: ref, sort, search, today, now."""
        lists = self.screen.lists
        moment = clock.now()
        return (lists.ref, lists.sort, self.screen.search.query, moment.date(), moment)

    # -- the task list's requests ---------------------------------------------------------

    def add_under(self, task: Task) -> None:
        """A: quick capture for a new subtask of `task`."""
        if not self.screen.lists.ready:
            return
        self.screen.capture.open(parent=task)

    def collapse(self, task: Task, collapsed: bool) -> None:
        self.screen.run_worker(self._collapse(task, collapsed), group="write")

    @guarded
    async def _collapse(self, task: Task, collapsed: bool) -> None:
        await self.screen.write(self.screen.services.subtasks.set_collapsed(
            task.id, collapsed, origin=self.screen.origin))
        self.screen.lists.reload(select_id=task.id)

    def go_to_parent(self, task: Task) -> None:
        """The parent is not among the loaded rows: read the list at it, or open the list
        that shows its tree (a subtask's parent may be in no other list)."""
        assert task.parent_id is not None
        home = (ListRef(ListKind.CATEGORY, task.category_id) if task.category_id
                else ListRef(ListKind.INBOX))
        self.screen.lists.reload(select_id=task.parent_id, elsewhere=home)

    def indent(self, task: Task) -> None:
        self.screen.run_worker(self._indent(task), group="write")

    @guarded
    async def _indent(self, task: Task) -> None:
        moved = await self.screen.write(self.screen.services.subtasks.indent(
            task.id, self.shown(), origin=self.screen.origin), refused="Not moved")
        if moved is not None:
            self.screen.post_message(TaskSaved(moved, self._under(moved)))

    def outdent(self, task: Task) -> None:
        self.screen.run_worker(self._outdent(task), group="write")

    @guarded
    async def _outdent(self, task: Task) -> None:
        moved = await self.screen.write(self.screen.services.subtasks.outdent(
            task.id, origin=self.screen.origin), refused="Not moved")
        if moved is not None:
            self.screen.post_message(TaskSaved(moved, self._under(moved)))

    @staticmethod
    def _under(task: Task) -> str:
        if not task.path:
            return f"{short(task.title)} is a task of its own"
        return f"{short(task.title)} is under {short(task.path[-1])}"

    def move_among_siblings(self, task: Task, step: int) -> None:
        lists = self.screen.lists
        shown = self.shown()
        if lists.sort is not Sort.MANUAL:
            # as J/K anywhere: the order on screen becomes the manual one first
            self.screen.tasks.remember_sort(lists.ref, Sort.MANUAL)
            self.screen.notify("This list is now in manual order (s changes the sort).",
                               markup=False)
        self.screen.run_worker(self._swap(task, step, shown), group="write")

    @guarded
    async def _swap(self, task: Task, step: int, shown: Shown) -> None:
        pair = await self.screen.write(self.screen.services.subtasks.swap_with_sibling(
            task.id, step, shown, origin=self.screen.origin), refused="Not moved")
        if pair is not None:
            self.screen.post_message(TaskSaved(pair[0]))

    # -- the detail pane --------------------------------------------------------------------

    def read_for_detail(self, task: Task | None) -> None:
        """Read what the detail pane shows of the task beyond its row: its subtasks, if it
        has any, and its reminders (the list's pages never read them)."""
        if task is None or not self.screen.lists.ready:
            return
        self.screen.run_worker(self._read(task.id, bool(task.subtasks_total)),
                               group="detail-subtasks", exclusive=True)

    @guarded
    async def _read(self, task_id: str, has_subtasks: bool) -> None:
        services = self.screen.services
        found = (await services.subtasks.under(task_id, limit=DETAIL_LIMIT)
                 if has_subtasks else None)
        reminders = await services.reminders.for_tasks([task_id])
        self.screen.post_message(SubtasksLoaded(task_id, found, reminders.get(task_id, ())))
