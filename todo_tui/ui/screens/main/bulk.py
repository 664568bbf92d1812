"""Acting on the marked tasks (or, for `D`, `R` and `t`, on the task under the cursor when none
is marked): one dialog, one write through the bulk service, one change in the history.

Afterwards the marks are cleared and the cursor stays where it was.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from todo_tui.domain import ListKind, Priority, Task
from todo_tui.marks import Marked
from todo_tui.ui.faults import guarded
from todo_tui.ui.glyphs import fit
from todo_tui.ui.text import short
from todo_tui.words import count_of

if TYPE_CHECKING:  # the grammar loads with the first prompt, not with the first frame
    from todo_tui.ui.screens.main.host import MainHost

INBOX_CHOICE = "\x00inbox"


@dataclass(frozen=True, slots=True)
class Reach:
    """What an action on the marked tasks really changes: the `marked` tasks, and all in
    all `total` with the subtasks that go with them (hidden under a collapsed parent, or
    not marked themselves)."""

    marked: int
    total: int

    @property
    def below(self) -> int:
        return max(0, self.total - self.marked)


class BulkActions:
    """The dialogs and writes of an action on many tasks."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen

    def request(self, action: str, task: Task) -> None:
        """`action` on the marked tasks, or on `task` when none is marked."""
        marks = self.screen.marks
        one = not marks.active  # the task under the cursor, when none is marked
        if marks.active:
            marked, count = marks.marked, marks.count
            what = f"{count_of(count, 'marked task')}"
        else:
            marked, count, what = Marked(ids=frozenset({task.id})), 1, short(task.title)
        match action:
            case "toggle":
                done = self.screen.lists.ref.kind is not ListKind.DONE
                if done:
                    self.screen.run_worker(self._complete(marked, count, what), group="write")
                else:
                    self._run(self.screen.services.bulk.set_done(
                        marked, False, origin=self.screen.origin), f"Reopened: {what}")
            case "delete":
                self.screen.run_worker(self._confirm_delete(marked, count, what), group="write")
            case "priority":
                self._choose_priority(marked, what)
            case "move":
                self.screen.run_worker(self._choose_category(marked, count, what), group="write")
            case "tags":
                self._ask_tags(marked, what, task if one else None)
            case "due":
                self._ask_due(marked, count, what, task if one else None)
            case "repeat":
                self._ask_repeat(marked, count, what, task if one else None)

    # -- the dialogs --------------------------------------------------------------------------

    async def _reach(self, marked: Marked, count: int, action: str) -> Reach | None:
        """What `action` will really change (the subtasks that go with the marked tasks)."""
        total = await self.screen.write(self.screen.services.bulk.reach(marked, action))
        return None if total is None else Reach(count, total)

    @guarded
    async def _complete(self, marked: Marked, count: int, what: str) -> None:
        reach = await self._reach(marked, count, "done")
        if reach is None:
            return
        await self._write(self.screen.services.bulk.set_done(
            marked, True, origin=self.screen.origin), f"Done: {what}{with_below(reach)}")

    @guarded
    async def _confirm_delete(self, marked: Marked, count: int, what: str) -> None:
        from todo_tui.ui.screens.confirm import ConfirmScreen

        reach = await self._reach(marked, count, "delete")
        if reach is None:
            return
        them = "it" if reach.total == 1 else "them all"

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(self.screen.services.bulk.delete(marked, origin=self.screen.origin),
                          f"Deleted {count_of(reach.total, 'task')}: {what}{with_below(reach)}"
                          f" (in the Trash; u brings {them} back)")

        self.screen.app.push_screen(ConfirmScreen(
            f"Delete the {what}{with_below(reach)}?\n\n(They go to the Trash; u brings "
            f"{them} back.)", yes=f"Delete {reach.total}", no="Keep"), answered)

    def _choose_priority(self, marked: Marked, what: str) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        def chosen(choice: str | None) -> None:
            if choice is not None:
                priority = Priority(int(choice))
                self._run(self.screen.services.bulk.set_priority(
                    marked, priority, origin=self.screen.origin),
                    f"Priority {priority.label}: {what}")

        choices = [(str(int(p)), p.label) for p in reversed(Priority)]
        self.screen.app.push_screen(
            PickerScreen(fit(self.screen.app, f"Priority for {what}…"), choices), chosen)

    @guarded
    async def _choose_category(self, marked: Marked, count: int, what: str) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        reach = await self._reach(marked, count, "move")
        if reach is None:
            return
        what += with_below(reach)
        counts = self.screen.lists.counts
        categories = counts.categories if counts else ()
        choices = [(INBOX_CHOICE, "Inbox")] + [(c.id, c.name) for c in categories]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                target = None if choice == INBOX_CHOICE else choice
                name = next((n for i, n in choices if i == choice), "Inbox")
                self._run(self.screen.services.bulk.move(
                    marked, target, origin=self.screen.origin),
                    f"Moved to {short(name)}: {what}")

        self.screen.app.push_screen(
            PickerScreen(fit(self.screen.app, f"Move {what} to…"), choices), chosen)

    def _ask_tags(self, marked: Marked, what: str, task: Task | None) -> None:
        from todo_tui.capture.reschedule import parse_tag_change
        from todo_tui.ui.screens.prompt import PromptScreen

        def answered(text: str | None) -> None:
            if not text:
                return
            try:
                add, remove = parse_tag_change(text)
            except ValueError as exc:
                self.screen.notify(str(exc), severity="warning", markup=False)
                return
            self._run(self.screen.services.bulk.tag(
                marked, add, remove, origin=self.screen.origin), f"Tags changed: {what}")

        have = "" if task is None or not task.tags else f" (has {' '.join(task.tags)})"
        self.screen.app.push_screen(PromptScreen(
            f"Tags for {what}{have}: +tag adds, -tag removes", placeholder="+tag -tag"),
            answered)

    def _ask_due(self, marked: Marked, count: int, what: str, task: Task | None) -> None:
        from todo_tui.capture.reschedule import DueChange
        from todo_tui.ui.screens.change import ChangePrompt

        def answered(change: object) -> None:
            if isinstance(change, DueChange):
                self._run(self.screen.services.bulk.reschedule(
                    marked, change, origin=self.screen.origin), f"Rescheduled: {what}")

        self.screen.app.push_screen(ChangePrompt(
            "due", f"Due for {what}", current=None if task is None else task.due, count=count,
            one=task is not None),
            answered)

    def _ask_repeat(self, marked: Marked, count: int, what: str, task: Task | None) -> None:
        from todo_tui.capture.reschedule import RepeatChange, repeat_text
        from todo_tui.ui.screens.change import ChangePrompt

        def answered(change: object) -> None:
            if isinstance(change, RepeatChange):
                self._run(self.screen.services.bulk.set_repeat(
                    marked, change, origin=self.screen.origin), f"Repeat changed: {what}")

        value = "" if task is None else repeat_text(task.recurrence,
                                                    task.recurrence_from_completion)
        self.screen.app.push_screen(ChangePrompt(
            "repeat", f"Repeat for {what}", value=value, count=count), answered)

    # -- the write ----------------------------------------------------------------------------

    def _run(self, call: Awaitable[int], note: str) -> None:
        self.screen.run_worker(self._write(call, note), group="write")

    @guarded
    async def _write(self, call: Awaitable[int], note: str) -> None:
        current = self.screen.task_list.current_task
        changed = await self.screen.write(call)
        if changed is None:
            return
        self.screen.marks.clear()
        if not changed:
            note = "Nothing to change: " + note.split(": ", 1)[-1]
        self.screen.notify(note, markup=False)
        # the cursor stays: on its task if it is still in the list, else on its row
        self.screen.lists.reload(select_id=current.id if current else None)


def with_below(reach: Reach) -> str:
    """` and their 3 subtasks (7)` when the action takes subtasks with the marked tasks."""
    if not reach.below:
        return ""
    their = "its" if reach.marked == 1 else "their"
    return f" and {their} {count_of(reach.below, 'subtask')} ({reach.total})"
