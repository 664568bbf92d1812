"""Errors a user may meet, each with a message fit to show as it is."""

from __future__ import annotations


class TodoError(Exception):
    """Something went wrong that the user should read about; `str()` is the message."""

    exit_code = 1


class UsageError(TodoError):
    """The user asked for something malformed (exit code 2)."""

    exit_code = 2


class ValidationError(UsageError):
    """A value the user gave is not acceptable (an empty title, an unknown priority...)."""


class NotFoundError(TodoError):
    """No task or category has that id (or name): a runtime error (exit code 1)."""


class MalformedIdError(NotFoundError, UsageError):
    """Text that cannot be a task id: no task has it, and the user mistyped (exit code 2)."""

    exit_code = 2


class AmbiguousIdError(UsageError):
    """An id prefix matches more than one task."""


class StorageError(TodoError):
    """The database cannot be opened, read or written."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer todo-tui."""


class ConflictError(TodoError):
    """The task was changed elsewhere since it was read."""


class NothingToUndo(TodoError):
    """The log holds no change to undo (or to redo)."""


class NothingToRedo(NothingToUndo):
    """No undone change is there to redo."""


class UndoConflict(ConflictError):
    """A field an undo or redo would write changed since: nothing was written."""


class UndoRefused(UndoConflict):
    """The newest change cannot be undone (something it wrote changed since): nothing was
    written. `operation_id` is that change; an undo told to pass over it undoes the one
    before it (HistoryService.undo)."""

    def __init__(self, message: str, operation_id: int, summary: str) -> None:
        super().__init__(message)
        self.operation_id = operation_id
        self.summary = summary
