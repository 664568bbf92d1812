"""A bug in the TUI (an exception nothing handles), in a real pseudo-terminal: the terminal
is given back, one line says what happened and where the details are, the traceback goes to
the log (never over the user's shell), and what was being typed is kept and offered back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import cli_env
from tests.test_concurrency.test_signals import Terminal
from todo_tui.drafts import ENV_DRAFTS
from todo_tui.logs import ENV_LOG

# The app, with a bug planted in the capture popup's preview: typing "boom" sets it off.
BUGGY = """
import sys
from todo_tui.ui.screens import capture

real = capture.CaptureScreen.show_preview

def show_preview(self, text, error=""):
    if "boom" in text:
        raise ZeroDivisionError("planted bug")
    return real(self, text, error)

capture.CaptureScreen.show_preview = show_preview
from todo_tui.entry import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_bug_ends_the_app_with_one_line_and_keeps_what_was_typed(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    env[ENV_DRAFTS] = str(tmp_path / "drafts")
    env[ENV_LOG] = str(tmp_path / "todo-tui.log")
    env["TERM"] = "xterm-256color"
    db = str(tmp_path / "todo.db")
    subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "add", "one today"],
                   env=env, check=True, capture_output=True)
    term = Terminal(["--db", db], env, python_args=("-c", BUGGY))
    term.wait_for("[ ] one")
    term.type(b"a")
    term.wait_for("Add a task")
    term.type(b"keep this ")
    term.read(0.3)
    term.type(b"boom")
    assert term.exit_status() == 1
    assert b"\x1b[?1049l" in term.output  # the terminal was given back
    assert b"Traceback" not in term.output and b"planted bug" not in term.output
    assert "todo-tui: unexpected error (details in" in term.text()
    log = (tmp_path / "todo-tui.log").read_text()
    assert "ZeroDivisionError" in log and "planted bug" in log

    kept = list((tmp_path / "drafts").glob("*.json"))
    assert len(kept) == 1 and "keep this" in kept[0].read_text()

    # the text typed before the bug is offered back at the next start
    again = Terminal(["--db", db], env)
    again.wait_for("[ ] one")
    again.type(b"a")
    again.wait_for("Add a task")
    again.read(0.5)
    assert "keep this" in again.text()
    again.type(b"\x1b")
    again.read(0.3)
    again.type(b"q")
    assert again.exit_status() == 0
