"""Calm when idle: once drawn, the app writes nothing to the terminal until something
happens, even while it watches the database for changes made elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import cli_env
from tests.test_concurrency.test_signals import Terminal


def test_no_output_while_idle_and_a_change_elsewhere_is_drawn(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    env["TERM"] = "xterm-256color"
    db = str(tmp_path / "todo.db")
    subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "add", "first today"],
                   env=env, check=True, capture_output=True)
    term = Terminal(["--db", db], env)
    term.wait_for("first")
    term.read(1.5)  # let the first frames and any late refresh settle
    before = len(term.output)
    term.read(3.0)  # idle: six looks at the database, nothing to draw
    assert len(term.output) == before, term.output[before:][:200]

    subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "add", "second today"],
                   env=env, check=True, capture_output=True)
    term.wait_for("second", seconds=5)
    term.type(b"q")
    assert term.exit_status() == 0
