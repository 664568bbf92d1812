"""Typing at once as the app starts, in a real pseudo-terminal: the keys are read while the
database is still opening and must each land where the keys before them sent them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import cli_env
from tests.test_concurrency.test_signals import Terminal
from todo_tui.drafts import ENV_DRAFTS

END = b"\x1b[F"  # the End key, as xterm sends it
CTRL_S = b"\x13"


def tasks(db: str, env: dict[str, str]) -> list[dict[str, object]]:
    listed = subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "list", "--all",
                             "--json"], env=env, check=True, capture_output=True, text=True)
    return list(json.loads(listed.stdout))


def test_edit_and_type_in_one_burst_as_the_first_row_shows(tmp_path: Path) -> None:
    env = cli_env(tmp_path, TERM="xterm-256color")
    env[ENV_DRAFTS] = str(tmp_path / "drafts")
    db = str(tmp_path / "todo.db")
    subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "add", "pay rent today"],
                   env=env, check=True, capture_output=True)
    term = Terminal(["--db", db], env)
    term.wait_for("[ ] pay rent")  # the first frame's row, from the first look
    term.type(b"e" + END + b" EDITED" + CTRL_S)  # all in one read
    term.wait_for("Saved")
    term.type(b"q")
    assert term.exit_status() == 0
    assert [task["title"] for task in tasks(db, env)] == ["pay rent EDITED"]
    assert not list((tmp_path / "drafts").glob("*.json"))  # nothing left half-done


def test_capture_typed_in_one_burst_as_the_first_row_shows(tmp_path: Path) -> None:
    env = cli_env(tmp_path, TERM="xterm-256color")
    db = str(tmp_path / "todo.db")
    subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "add", "first today"],
                   env=env, check=True, capture_output=True)
    term = Terminal(["--db", db], env)
    term.wait_for("[ ] first")
    term.type(b"abuy milk today\rasecond one today\r")
    term.wait_for("[ ] second one")
    term.type(b"q")
    assert term.exit_status() == 0
    assert sorted(task["title"] for task in tasks(db, env)) == ["buy milk", "first",
                                                                "second one"]


def test_captures_typed_before_the_app_has_started_are_two_tasks(tmp_path: Path) -> None:
    # typed as the command is launched (`tmux new-session 'todo-tui'; tmux send-keys ...`):
    # the terminal is not in raw mode yet, and its line handling turns each enter into a
    # newline; they were lost and both lines ended in one popup, "early fiveaearly six"
    env = cli_env(tmp_path, TERM="xterm-256color")
    db = str(tmp_path / "todo.db")
    subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "add", "first today"],
                   env=env, check=True, capture_output=True)
    term = Terminal(["--db", db], env)
    term.type(b"aearly five today\raearly six today\r")  # before anything is drawn
    term.wait_for("[ ] early six")
    term.type(b"q")
    assert term.exit_status() == 0
    assert sorted(task["title"] for task in tasks(db, env)) == ["early five", "early six",
                                                                "first"]
