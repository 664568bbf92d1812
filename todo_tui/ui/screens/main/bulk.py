"""Acting on the marked tasks (or, for `D`, `R` and `t`, on the task under the cursor when none
is marked): one dialog, one write through the bulk service, one change in the history.

Afterwards the marks are cleared and the cursor stays where it was.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING

from todo_tui.domain import ListKind, Priority, Task
from todo_tui.marks import Marked
from todo_tui.ui.faults import guarded
from todo_tui.ui.glyphs import fit
from todo_tui.ui.text import short

if TYPE_CHECKING:  # the grammar loads with the first prompt, not with the first frame
    from todo_tui.ui.screens.main.host import MainHost

INBOX_CHOICE = "\x00inbox"


class BulkActions:
    """The dialogs and writes of an action on many tasks."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen

    def request(self, action: str, task: Task) -> None:
        """`action` on the marked tasks, or on `task` when none is marked."""
        marks = self.screen.marks
        one = not marks.active  # the task under the cursor, when none is marked
        if marks.active:
            plural = "s" if marks.count != 1 else ""
            marked, count, what = marks.marked, marks.count, f"{marks.count} marked task{plural}"
        else:
            marked, count, what = Marked(ids=frozenset({task.id})), 1, short(task.title)
        match action:
            case "toggle":
                done = self.screen.lists.ref.kind is not ListKind.DONE
                verb = "Done" if done else "Reopened"
                self._run(self.screen.services.bulk.set_done(
                    marked, done, origin=self.screen.origin), f"{verb}: {what}")
            case "delete":
                self._confirm_delete(marked, count)
            case "priority":
                self._choose_priority(marked, what)
            case "move":
                self._choose_category(marked, what)
            case "tags":
                self._ask_tags(marked, what, task if one else None)
            case "due":
                self._ask_due(marked, count, what, task if one else None)
            case "repeat":
                self._ask_repeat(marked, count, what, task if one else None)

    # -- the dialogs --------------------------------------------------------------------------

    def _confirm_delete(self, marked: Marked, count: int) -> None:
        from todo_tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(self.screen.services.bulk.delete(marked, origin=self.screen.origin),
                          f"Deleted {count} tasks (in the Trash; u brings them all back)")

        self.screen.app.push_screen(ConfirmScreen(
            f"Delete the {count} marked tasks?\n\n(They go to the Trash; u brings them all "
            "back.)", yes=f"Delete {count}", no="Keep"), answered)

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

    def _choose_category(self, marked: Marked, what: str) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

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
