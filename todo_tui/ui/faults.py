"""How an error is told in the UI: its message and, for storage faults, where the log is."""

from __future__ import annotations

from todo_tui.errors import StorageError, TodoError


def fault_text(error: TodoError) -> str:
    """The message for a notification; a storage fault adds the log file's path."""
    if isinstance(error, StorageError):
        from todo_tui.logs import log_path

        return f"{error}\nDetails: {log_path()}"
    return str(error)
