"""How an error is told in the UI: its message and, for storage faults, where the log is."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual.dom import DOMNode

from todo_tui.errors import StorageError, TodoError

log = logging.getLogger("todo_tui")
P = ParamSpec("P")
Owner = TypeVar("Owner")


def fault_text(error: TodoError) -> str:
    """The message for a notification; a storage fault adds the log file's path."""
    if isinstance(error, StorageError):
        from todo_tui.logs import log_path

        return f"{error}\nDetails: {log_path()}"
    return str(error)


def tell(node: DOMNode, error: TodoError, title: str = "Error") -> None:
    """Say what went wrong, with a bell; nothing else is done about it."""
    node.app.bell()
    node.app.notify(fault_text(error), title=title, severity="error", timeout=10,
                    markup=False)


def guarded(
    method: Callable[Concatenate[Owner, P], Awaitable[None]],
) -> Callable[Concatenate[Owner, P], Coroutine[Any, Any, None]]:
    """A worker's body whose TodoError (a storage fault, a busy database) is told to the user
    instead of ending the app; any other exception is a bug and ends the app as Textual does.
    For methods of a widget or screen, or of a helper that has the `screen` it works for."""

    async def run(self: Owner, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            await method(self, *args, **kwargs)
        except TodoError as exc:
            log.warning("a background task failed: %s", exc)
            node = self if isinstance(self, DOMNode) else getattr(self, "screen")  # noqa: B009
            tell(node, exc)

    run.__doc__, run.__name__ = method.__doc__, method.__name__
    return run
