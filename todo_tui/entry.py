"""The `todo-tui` command: shell subcommands, or the TUI when none is given."""

from __future__ import annotations

from collections.abc import Sequence


def _run_tui(url: str) -> int:
    from todo_tui.ui.app import run

    return run(url)


def main(argv: Sequence[str] | None = None) -> int:
    from todo_tui.cli import main as cli_main

    return cli_main(argv, open_tui=_run_tui)
