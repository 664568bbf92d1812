"""The `todo-tui` command: shell subcommands, or the TUI when none is given."""

from __future__ import annotations

from collections.abc import Sequence

# Textual paints on a 1/FPS grid: at its default 60 a change waits up to 17 ms to be drawn,
# twice when a popup closes over it. 120 halves that; nothing is drawn while idle anyway.
# (Read when Textual is first imported; a user's own TEXTUAL_FPS wins.)
FPS = "120"


def _run_tui(url: str) -> int:
    import gc
    import os
    import shutil

    # Start-up allocates a few hundred thousand objects (Textual, then SQLAlchemy) and frees
    # almost none of them: the cyclic collector's passes over them cost ~20 ms before the
    # first frame. It is off until the database is open (TodoApp.open_database turns it back
    # on, with what is loaded by then frozen out of its way).
    gc.disable()
    os.environ.setdefault("TEXTUAL_FPS", FPS)
    from todo_tui.db.peek import look_soon

    # the opening list is read in a thread while Textual is imported (~0.1 s): its rows are
    # then ready for the first frame, at any size of database
    look = look_soon(url, shutil.get_terminal_size().lines)
    from todo_tui.ui.app import run

    return run(url, look)


def main(argv: Sequence[str] | None = None) -> int:
    from todo_tui.cli import main as cli_main

    return cli_main(argv, open_tui=_run_tui)
