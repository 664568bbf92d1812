"""A real process in a pseudo-terminal: SIGHUP (the SSH connection drops), SIGTERM and
SIGINT during an edit keep the edit as a draft, restore the terminal and exit; the next
start offers the draft back."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.helpers import cli_env
from todo_tui.drafts import ENV_DRAFTS

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Terminal:
    """The app running in a pseudo-terminal of 100x30."""

    def __init__(self, argv: list[str], env: dict[str, str],
                 python_args: tuple[str, ...] = ("-m", "todo_tui")) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.execve(sys.executable, [sys.executable, *python_args, *argv], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.output = b""

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk

    def text(self) -> str:
        return ANSI.sub(b"", self.output).decode("utf-8", "replace")

    def wait_for(self, needle: str, seconds: float = 20.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.1)
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never showed; screen text: {self.text()[-2000:]!r}")

    def type(self, data: bytes) -> None:
        os.write(self.fd, data)

    def exit_status(self, seconds: float = 15.0) -> int:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the app did not exit after the signal")


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_an_edit_keeps_it_as_a_draft(tmp_path: Path, sig: int) -> None:
    env = cli_env(tmp_path)
    env[ENV_DRAFTS] = str(tmp_path / "drafts")
    env["TERM"] = "xterm-256color"
    db = str(tmp_path / "todo.db")
    import subprocess

    subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "add", "edit me today"],
                   env=env, check=True, capture_output=True)
    term = Terminal(["--db", db], env)
    term.wait_for("edit me")
    term.type(b"e")
    term.wait_for("Edit task")
    term.type(b"rescued title")  # the title is selected on focus: this replaces it
    term.read(0.5)
    os.kill(term.pid, sig)
    code = term.exit_status()
    assert code == 128 + sig
    # the terminal was given back: the alternate screen was left and the cursor shown
    assert b"\x1b[?1049l" in term.output
    assert b"Traceback" not in term.output
    drafts = list((tmp_path / "drafts").glob("*.json"))
    assert len(drafts) == 1
    kept = json.loads(drafts[0].read_text())["drafts"]
    assert kept[0]["kind"] == "edit"
    assert kept[0]["values"]["title"] == "rescued title"
    assert (drafts[0].stat().st_mode & 0o777) == 0o600

    # the next start offers it back; accepting reopens the form with the typed title
    again = Terminal(["--db", db], env)
    again.wait_for("Open your unsaved edit again?")
    again.type(b"y")
    again.wait_for("Edit task")
    again.type(b"\x13")  # ctrl+s saves
    again.read(1.0)
    again.type(b"q")
    assert again.exit_status() == 0
    listed = subprocess.run([sys.executable, "-m", "todo_tui", "--db", db, "list", "--json"],
                            env=env, check=True, capture_output=True, text=True)
    titles = [task["title"] for task in json.loads(listed.stdout)]
    assert titles == ["rescued title"]
    assert not list((tmp_path / "drafts").glob("*.json"))  # offered once, then gone
