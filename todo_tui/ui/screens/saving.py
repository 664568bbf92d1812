"""Saving an edit safely: merge with changes made elsewhere, ask when both sides changed
the same field, and never lose what the user typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from todo_tui.domain import Due, NewTask, Priority, Task, TaskChanges
from todo_tui.errors import ConflictError, NotFoundError, TodoError
from todo_tui.merge import merge
from todo_tui.textsafe import one_line
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.conflict import ConflictScreen
from todo_tui.ui.screens.edit import FormValues, parse_due, parse_tags

if TYPE_CHECKING:
    from todo_tui.ui.screens.main_base import MainBase

MAX_ROUNDS = 5


def shown(categories: dict[str, str]) -> Any:
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
            text = one_line(str(value))
            return text if len(text) <= 60 else text[:59] + "…"
        return str(value)

    return show


def new_task_of(values: FormValues) -> NewTask:
    """The form's values as a new task (to save an edit of a task deleted elsewhere)."""
    return NewTask(
        title=values.title, notes=values.notes, priority=values.priority,
        due=parse_due(values.due), category_id=values.category_id,
        tags=parse_tags(values.tags),
    )


async def save_edit(
    screen: MainBase, base: Task, changes: TaskChanges, values: FormValues
) -> tuple[Task | None, str]:
    """Save `changes` made to `base`; returns the saved task (None if not saved) and a note.

    Raises TodoError for failures the caller reports (the form is then reopened).
    """
    tasks = screen.services.tasks
    note = "Saved"
    pending = changes
    for _round in range(MAX_ROUNDS):
        if not pending.changed():
            return await tasks.get(base.id), "Nothing to save: the other version was kept"
        try:
            return await tasks.update(base.id, pending, expected_version=base.version), note
        except NotFoundError:
            return await _deleted_elsewhere(screen, values), "Saved as a new task"
        except ConflictError:
            pass
        try:
            theirs = await tasks.get(base.id)
        except NotFoundError:
            return await _deleted_elsewhere(screen, values), "Saved as a new task"
        result = merge(base, pending, theirs)
        keep: set[str] = set()
        if result.conflicts:
            categories = {c.id: c.name for c in (screen.counts.categories if screen.counts
                                                 else ())}
            choice = await screen.app.push_screen_wait(
                ConflictScreen(theirs.title, result.conflicts, shown(categories)))
            if choice is None:
                raise KeptEditing(theirs)
            keep = choice
            note = "Saved your choice of both versions"
        else:
            note = "Saved, merged with a change made elsewhere"
        pending, base = result.resolve(keep), theirs
    raise TodoError("the task keeps changing elsewhere; your edit is kept in the form")


class KeptEditing(TodoError):
    """The user went back to the form from the conflict dialog."""

    def __init__(self, current: Task) -> None:
        super().__init__("back to editing")
        self.current = current


async def _deleted_elsewhere(screen: MainBase, values: FormValues) -> Task | None:
    again = await screen.app.push_screen_wait(ConfirmScreen(
        "This task was deleted in another window while you edited it.\n\n"
        "Save your version as a new task?", yes="Save as new", no="Discard my edit"))
    if not again:
        return None
    try:
        return await screen.services.tasks.add(new_task_of(values))
    except ValueError as exc:  # the due no longer parses: keep the rest
        raise TodoError(str(exc)) from None
