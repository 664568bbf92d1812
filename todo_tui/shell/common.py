"""What every shell command shares: the origin its changes are recorded with, and how text
from the command line is cleaned."""

from __future__ import annotations

import sys

from todo_tui.textsafe import one_line

# the origin the shell's changes are recorded with (todo-tui history shows it)
ORIGIN = "cli"


def cleaned(text: str) -> str:
    """`text` without NUL or invalid characters; says so on stderr when any were replaced."""
    from todo_tui.service.validate import REPLACED_NOTE, clean_text

    result = clean_text(text)
    if result != text:
        sys.stderr.write(one_line(f"todo-tui: note: {REPLACED_NOTE}: {result}") + "\n")
    return result
