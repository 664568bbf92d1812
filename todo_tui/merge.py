"""Three-way merge of an edit with a change made elsewhere meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from todo_tui.domain import Task, TaskChanges

LABELS = {
    "title": "Title", "notes": "Notes", "priority": "Priority", "due": "Due",
    "recurrence": "Repeats", "recurrence_from_completion": "Repeats from completion",
    "category_id": "Category", "tags": "Tags", "start": "Start",
}


def field_value(task: Task, name: str) -> Any:
    """A task's value for a TaskChanges field, in a form fit to compare."""
    value = getattr(task, name)
    return normalise(name, value)


def normalise(name: str, value: Any) -> Any:
    if name == "tags":
        return tuple(sorted({tag.casefold() for tag in value}))
    if name == "title" and isinstance(value, str):
        return " ".join(value.split())
    if name == "notes" and isinstance(value, str):
        return value.rstrip()
    return value


@dataclass(frozen=True)
class Merge:
    """What merging gave: changes that apply cleanly, and fields both sides changed."""

    clean: dict[str, Any]
    conflicts: dict[str, tuple[Any, Any]]  # field -> (mine, theirs)

    def resolve(self, keep_mine: set[str]) -> TaskChanges:
        """The changes to save when the user keeps their value for `keep_mine` fields."""
        fields = dict(self.clean)
        for name, (mine, _theirs) in self.conflicts.items():
            if name in keep_mine:
                fields[name] = mine
        return TaskChanges(**fields)


def merge(base: Task, mine: TaskChanges, theirs: Task) -> Merge:
    """Merge my changes to `base` with `theirs`, the task as it is now.

    A field only I changed is mine; a field only they changed is theirs (nothing to
    send); a field both changed to different values is a conflict.
    """
    clean: dict[str, Any] = {}
    conflicts: dict[str, tuple[Any, Any]] = {}
    for name, value in mine.changed().items():
        before = field_value(base, name)
        now = field_value(theirs, name)
        if now == before or now == normalise(name, value):
            clean[name] = value
        else:
            conflicts[name] = (value, getattr(theirs, name))
    return Merge(clean=clean, conflicts=conflicts)
