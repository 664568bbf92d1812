"""Editing a task safely: the form, merging with changes made elsewhere, asking when both
sides changed the same field, and never losing what the user typed."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from todo_tui.domain import Due, NewTask, Priority, Reminder, Task, TaskChanges
from todo_tui.errors import ConflictError, NotFoundError, TodoError
from todo_tui.textsafe import one_line
from todo_tui.ui.faults import guarded, tell
from todo_tui.ui.messages import TaskSaved
from todo_tui.ui.text import short

if TYPE_CHECKING:
    from collections.abc import Callable

    from todo_tui.ui.screens.edit import EditScreen
    from todo_tui.ui.screens.edit_fields import EditResult, FormValues
    from todo_tui.ui.screens.main.host import MainHost

# Saving gives up after this many rounds of "changed elsewhere meanwhile" (the form stays).
MAX_ROUNDS = 5


def shown(categories: dict[str, str]) -> Callable[[str, Any], str]:
    """How the conflict dialog shows a field's value."""

    def show(name: str, value: Any) -> str:
        if value is None:
            return "Inbox" if name == "category_id" else "-"
        if name == "category_id":
            return categories.get(value, "(deleted category)")
        if isinstance(value, Due):
            return value.describe()
        if isinstance(value, Priority):
            return value.label
        if name == "tags":
            return ", ".join(value) or "-"
        if name == "notes":
            return short(str(value), 60)
        return str(value)

    return show


def new_task_of(values: FormValues) -> NewTask:
    """The form's values as a new task (to save an edit of a task deleted elsewhere)."""
    from todo_tui.ui.screens.edit_fields import parse_due, parse_repeat, parse_tags, schedule

    repeat = parse_repeat(values.repeat or "")
    return NewTask(
        title=values.title, notes=values.notes, priority=values.priority,
        due=schedule(parse_due(values.due), repeat), category_id=values.category_id,
        tags=parse_tags(values.tags), recurrence=repeat.rule,
        recurrence_from_completion=repeat.from_completion,
    )


def new_task_from(base: Task, changes: TaskChanges,
                  reminders: tuple[Reminder, ...]) -> NewTask:
    """The task being edited, with the edits, as a new task (to save an edit of a task deleted
    elsewhere): everything it had, the fields the form does not show too (its duration, its
    parent, its reminders unless edited), and what the user changed."""
    fields: dict[str, Any] = {
        "title": base.title, "notes": base.notes, "priority": base.priority, "due": base.due,
        "recurrence": base.recurrence,
        "recurrence_from_completion": base.recurrence_from_completion,
        "category_id": base.category_id, "tags": base.tags, "start": base.start,
    }
    fields.update(changes.changed())
    # a subtask stays under its parent, unless the edit files it in another category
    moved = fields["category_id"] != base.category_id
    return NewTask(**fields, duration_minutes=base.duration_minutes, reminders=reminders,
                   parent_id=None if moved else base.parent_id)


class KeptEditing(TodoError):
    """The user went back to the form from the conflict dialog."""

    def __init__(self, current: Task) -> None:
        super().__init__("back to editing")
        self.current = current


class EditController:
    """The edit form of the main screen, and saving what it returns."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen
        self.form: EditScreen | None = None  # the form open now

    def open(self, task: Task, draft: FormValues | None = None) -> None:
        """Open the form on `task` (with `draft`'s values instead of the task's, if given)."""
        from todo_tui.ui.screens.edit import EditScreen

        counts = self.screen.lists.counts
        categories = list(counts.categories) if counts else []
        form = self.form = EditScreen(task, categories, draft)

        def edited(result: EditResult | None) -> None:
            if self.form is form:
                self.form = None
            if result is not None and (result.changes.changed()
                                       or result.reminders is not None):
                self.screen.run_worker(self._save(task, result), group="write")

        self.screen.app.push_screen(form, edited)

    def draft_state(self) -> dict[str, object] | None:
        """The open form's values, to keep if the app is closed now."""
        return None if self.form is None else self.form.draft_state()

    @guarded
    async def _save(self, task: Task, result: EditResult) -> None:
        """Save an edit; on failure reopen the form with what was typed."""
        try:
            # the reminders are saved with the fields: one change, which one undo takes back
            saved, note = await self.save(task, result.changes, result.values,
                                          result.reminders)
        except KeptEditing as back:
            self.screen.lists.reload(select_id=task.id)
            self.open(back.current, result.values)
            return
        except TodoError as exc:
            tell(self.screen, exc, title="Not saved")
            await self._reopen(task.id, result.values)
            return
        self.screen.post_message(TaskSaved(saved, note if saved else "Edit discarded"))

    async def save(self, base: Task, changes: TaskChanges, values: FormValues,
                   reminders: tuple[Reminder, ...] | None = None) -> tuple[Task | None, str]:
        """Save `changes` made to `base` (and `reminders` unless None, in the same change);
        returns the saved task (None if not saved) and a note. Raises TodoError for failures
        the caller reports (the form is then reopened)."""
        from todo_tui.merge import merge
        from todo_tui.ui.screens.conflict import ConflictScreen

        tasks = self.screen.services.tasks
        note = "Saved"
        pending = changes
        for _round in range(MAX_ROUNDS):
            if not pending.changed() and reminders is None:
                return await tasks.get(base.id), "Nothing to save: the other version was kept"
            try:
                return await tasks.update(
                    base.id, pending, origin=self.screen.origin, reminders=reminders,
                    # only the reminders: whatever the task's fields are now
                    expected_version=base.version if pending.changed() else None), note
            except NotFoundError:
                return (await self._deleted_elsewhere(base, pending, reminders),
                        "Saved as a new task")
            except ConflictError:
                pass
            try:
                theirs = await tasks.get(base.id)
            except NotFoundError:
                return (await self._deleted_elsewhere(base, pending, reminders),
                        "Saved as a new task")
            result = merge(base, pending, theirs)
            keep: set[str] = set()
            if result.conflicts:
                counts = self.screen.lists.counts
                categories = {c.id: c.name for c in (counts.categories if counts else ())}
                choice = await self.screen.app.push_screen_wait(
                    ConflictScreen(theirs.title, result.conflicts, shown(categories)))
                if choice is None:
                    raise KeptEditing(theirs)
                keep = choice
                note = "Saved your choice of both versions"
            else:
                note = "Saved, merged with a change made elsewhere"
            pending, base = result.resolve(keep), theirs
        raise TodoError("the task keeps changing elsewhere; your edit is kept in the form")

    async def _deleted_elsewhere(self, base: Task, changes: TaskChanges,
                                 reminders: tuple[Reminder, ...] | None) -> Task | None:
        from todo_tui.ui.screens.confirm import ConfirmScreen

        again = await self.screen.app.push_screen_wait(ConfirmScreen(
            "This task was deleted in another window while you edited it.\n\n"
            "Save your version as a new task?", yes="Save as new", no="Discard my edit"))
        if not again:
            return None
        services = self.screen.services
        if reminders is None:  # not edited: the ones it had (kept while it is in the Trash)
            reminders = (await services.reminders.for_tasks([base.id])).get(base.id, ())
        new = new_task_from(base, changes, reminders)
        try:
            return await services.tasks.add(new, origin=self.screen.origin)
        except NotFoundError:
            if new.parent_id is None:
                raise
            # its parent is gone too: a task of its own, in the category it was in
            return await services.tasks.add(replace(new, parent_id=None),
                                            origin=self.screen.origin)

    async def _reopen(self, task_id: str, values: FormValues) -> None:
        """Open the form again with what the user typed, on the task as it is now."""
        fresh = await self.screen.write(self.screen.services.tasks.get(task_id))
        if fresh is not None:
            self.open(fresh, values)

    # -- an edit kept when the app was killed -------------------------------------------------

    def offer_draft(self, draft: dict[str, object]) -> None:
        """Ask whether to reopen an edit that was kept when the app was last killed."""
        from todo_tui.ui.screens.confirm import ConfirmScreen
        from todo_tui.ui.screens.edit_fields import values_from_draft

        values = values_from_draft(draft.get("values") or {})  # type: ignore[arg-type]
        task_id = draft.get("task_id")
        if values is None or not isinstance(task_id, str):
            return
        title = short(str(draft.get("task_title", "")), 60)

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.run_worker(self._take_draft(task_id, values), group="write")

        self.screen.app.push_screen(ConfirmScreen(
            f"todo-tui was closed while you were editing:\n\n{title}\n\n"
            "Open your unsaved edit again?", yes="Open it", no="Discard it"), answered)

    @guarded
    async def _take_draft(self, task_id: str, values: FormValues) -> None:
        try:
            fresh = await self.screen.services.tasks.get(task_id)
        except NotFoundError:
            await self._save_as_new(values)
            return
        self.open(fresh, values)

    async def _save_as_new(self, values: FormValues) -> None:
        try:
            new = new_task_of(values)
        except ValueError as exc:
            self.screen.notify(one_line(str(exc)), severity="error", markup=False)
            return
        task = await self.screen.write(
            self.screen.services.tasks.add(new, origin=self.screen.origin))
        if task is not None:
            self.screen.post_message(TaskSaved(task, "Saved as a new task"))
