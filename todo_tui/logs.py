"""Errors go to a log file in the user's state directory, never over the UI or the shell."""

from __future__ import annotations

import logging
import os
from pathlib import Path

ENV_LOG = "TODO_TUI_LOG"
log = logging.getLogger("todo_tui")


def log_path() -> Path:
    override = os.environ.get(ENV_LOG, "").strip()
    if override:
        return Path(override)
    from todo_tui.config import state_dir

    return state_dir() / "todo-tui.log"


class _LazyFileHandler(logging.FileHandler):
    """Creates its directory (mode 0700) and file only when something is logged."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        # A log that cannot be written must never put a traceback on the user's screen.
        pass


def setup_logging(level: int = logging.INFO) -> None:
    """Send the app's log records to the log file (once per process)."""
    logger = logging.getLogger("todo_tui")
    if any(isinstance(h, _LazyFileHandler) for h in logger.handlers):
        return
    try:
        handler: logging.Handler = _LazyFileHandler(log_path(), delay=True, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def log_quietly(level: int, message: str, *args: object, exc_info: bool = False) -> None:
    """Log, but never fail because the log file cannot be opened.

    The file is opened on first use, in the state directory: when that cannot be made
    (read-only home, a file in the way) the user still gets one line, not a traceback.
    """
    try:
        log.log(level, message, *args, exc_info=exc_info)
    except OSError:
        pass
