"""Reminders in real pseudo-terminals, with a clock that runs from a chosen moment
(TODO_TUI_NOW=MOMENT@UNIXTIME): the exact desktop notification bytes for each kind, with and
without tmux; one firing across two open instances; missed reminders shown once at the next
start; `z` snoozes and the reminder comes back; nothing written while idle between two."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import cli_env
from tests.test_concurrency.test_signals import ANSI, Terminal
from todo_tui.db.engine import sqlite_url
from todo_tui.domain import Due, NewTask, Reminder
from todo_tui.service import open_services

BERLIN = ZoneInfo("Europe/Berlin")
# the terminal's own variables are dropped: the kind is chosen by each test
TERMINAL_VARS = ("TMUX", "TMUX_PANE", "TERM_PROGRAM", "KITTY_WINDOW_ID", "LC_TERMINAL",
                 "WEZTERM_PANE", "WT_SESSION", "GHOSTTY_RESOURCES_DIR", "ConEmuPID")
LINE = "call bank · due Mon 7 Dec 15:00 · 10m before".encode()  # date_format dmy
EXPECTED = {
    "osc9": b"\x1b]9;todo-tui: " + LINE + b"\x07",
    "osc777": b"\x1b]777;notify;todo-tui;" + LINE + b"\x07",
    "osc99": (b"\x1b]99;i=todo-tui-1:d=0:p=title;todo-tui\x1b\\"
              b"\x1b]99;i=todo-tui-1:d=1:p=body;" + LINE + b"\x1b\\"),
}
IN_TMUX = {
    "osc9": b"\x1bPtmux;\x1b\x1b]9;todo-tui: " + LINE + b"\x07\x1b\\",
    "osc777": b"\x1bPtmux;\x1b\x1b]777;notify;todo-tui;" + LINE + b"\x07\x1b\\",
    "osc99": (b"\x1bPtmux;\x1b\x1b]99;i=todo-tui-1:d=0:p=title;todo-tui\x1b\x1b\\"
              b"\x1b\x1b]99;i=todo-tui-1:d=1:p=body;" + LINE + b"\x1b\x1b\\\x1b\\"),
}


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 12, 7, hour, minute, second, tzinfo=BERLIN)


def running_from(moment: datetime) -> str:
    """A clock that shows `moment` now and runs on."""
    return f"{moment.isoformat()}@{time.time()}"


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = cli_env(tmp_path, **{"TERM": "xterm-256color", "TODO_TUI_NOTIFY": "osc9", **extra})
    for name in TERMINAL_VARS:
        if name not in extra:
            env.pop(name, None)
    return env


def add(env: dict[str, str], db: Path, text: str) -> None:
    subprocess.run([sys.executable, "-m", "todo_tui", "--db", str(db), "add", text],
                   env={**env, "TODO_TUI_NOW": at(14).isoformat()}, check=True,
                   capture_output=True)


def firings(db: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT reminder, occurrence, snoozed_until "
                                  "FROM reminder_firings ORDER BY id").fetchall()


def wait_for_bytes(term: Terminal, needle: bytes, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and needle not in term.output:
        term.read(0.1)
    assert needle in term.output, term.output[-600:]


def quit_app(term: Terminal) -> None:
    term.type(b"\x1b")  # the dialog, if one is open
    term.read(0.5)
    term.type(b"q")
    assert term.exit_status() == 0


@pytest.mark.parametrize("kind", ["osc9", "osc777", "osc99"])
@pytest.mark.parametrize("tmux", [False, True], ids=["plain", "tmux"])
def test_the_desktop_notification_bytes(tmp_path: Path, kind: str, tmux: bool) -> None:
    extra = {"TMUX": "/tmp/tmux-1000/default,1,0"} if tmux else {}
    env = environment(tmp_path, TODO_TUI_NOTIFY=kind, **extra)
    db = tmp_path / "todo.db"
    add(env, db, "call bank at 15:00 remind 10m before")
    term = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": running_from(at(14, 49, 54))})
    term.wait_for("call bank")
    assert b"]9;" not in term.output and b"]777;" not in term.output
    wanted = (IN_TMUX if tmux else EXPECTED)[kind]
    wait_for_bytes(term, wanted)
    assert term.output.count(wanted) == 1
    term.wait_for("Reminder")
    quit_app(term)
    assert [r[0] for r in firings(db)] == ["-10m"]


def test_auto_detects_kitty(tmp_path: Path) -> None:
    env = environment(tmp_path, TODO_TUI_NOTIFY="auto", KITTY_WINDOW_ID="3")
    db = tmp_path / "todo.db"
    add(env, db, "call bank at 15:00 remind 10m before")
    term = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": running_from(at(14, 49, 54))})
    wait_for_bytes(term, EXPECTED["osc99"])
    quit_app(term)


def test_two_instances_one_firing(tmp_path: Path) -> None:
    env = environment(tmp_path)
    db = tmp_path / "todo.db"
    add(env, db, "call bank at 15:00 remind 10m before")
    clock = running_from(at(14, 49, 52))
    one = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": clock})
    two = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": clock})
    one.wait_for("call bank")
    two.wait_for("call bank")
    end = time.monotonic() + 20
    while time.monotonic() < end and not firings(db):
        one.read(0.05)
        two.read(0.05)
    one.read(2.0)
    two.read(2.0)
    shown = [b"\x1b]9;" in term.output for term in (one, two)]
    assert sorted(shown) == [False, True]
    assert len(firings(db)) == 1
    quit_app(one)
    quit_app(two)


def test_missed_reminders_are_shown_once_at_the_next_start(tmp_path: Path) -> None:
    env = environment(tmp_path, TODO_TUI_NOW=at(15, 30).isoformat())
    db = tmp_path / "todo.db"
    add(env, db, "call bank at 15:00 remind 10m before")
    term = Terminal(["--db", str(db)], env)
    term.wait_for("Missed reminders")
    term.wait_for("10m before")
    term.read(0.5)
    assert b"\x1b]9;" not in term.output  # shown here: the desktop is not told afterwards
    quit_app(term)
    again = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": at(15, 31).isoformat()})
    again.wait_for("call bank")
    again.read(2.0)
    assert "Missed" not in again.text() and "Reminder" not in again.text()
    quit_app(again)
    assert len(firings(db)) == 1


def test_z_snoozes_and_the_reminder_comes_back(tmp_path: Path) -> None:
    env = environment(tmp_path)
    db = tmp_path / "todo.db"
    add(env, db, "call bank at 15:00 remind 10m before")
    term = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": running_from(at(14, 49, 55))})
    term.wait_for("Reminder")
    term.type(b"z")
    term.wait_for("Snoozed until 15:00")
    quit_app(term)
    [(_, _, until)] = firings(db)
    assert until is not None and until.startswith("2026-12-07 14:00:0")  # UTC: 15:00:0x
    # ten minutes later, in a new instance: it comes back, live, once
    back = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": running_from(
        datetime.fromisoformat(until + "+00:00") - timedelta(seconds=5))})
    back.wait_for("call bank")
    wait_for_bytes(back, b"\x1b]9;todo-tui: call bank \xc2\xb7 due Mon 7 Dec 15:00 \xc2\xb7 "
                         b"snoozed\x07")
    quit_app(back)
    assert [r[0] for r in firings(db)] == ["-10m", "snooze"]


def test_enter_shows_the_task(tmp_path: Path) -> None:
    env = environment(tmp_path)
    db = tmp_path / "todo.db"
    add(env, db, "call bank at 15:00 remind 10m before")
    for title in ("aaa", "bbb", "ccc"):  # before it in Today, where the cursor starts
        add(env, db, f"{title} today 16:00 !high")
    term = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": running_from(at(14, 49, 55))})
    term.wait_for("Reminder")
    term.type(b"\r")
    term.read(1.0)
    mark = len(term.output)
    term.type(b"e")  # the task under the cursor is the one reminded of
    end = time.monotonic() + 30
    # the form's Title box (`▊  title`; the list's rows have no such edge): its Due box may be
    # scrolled out of the form while a notice under the dialog takes rows
    title_box = re.compile(r"▊ +(call bank|aaa|bbb|ccc)")
    found = None
    while time.monotonic() < end and found is None:
        term.read(0.1)
        shown = ANSI.sub(b"", term.output[mark:]).decode("utf-8", "replace")
        found = title_box.search(shown) if "Edit task" in shown else None
    # the form of call bank (the task reminded of), not of a task above it in Today
    assert found is not None and found.group(1) == "call bank", shown[-1500:]
    term.type(b"\x1b")
    quit_app(term)


def test_nothing_is_written_while_idle_between_reminders(tmp_path: Path) -> None:
    env = environment(tmp_path)
    db = tmp_path / "todo.db"
    add(env, db, "first thing today")

    async def reminders() -> None:
        services = await open_services(sqlite_url(db))
        try:
            for title, moment in (("one", at(14, 50, 6)), ("two", at(14, 50, 20))):
                await services.tasks.add(NewTask(
                    title=title, due=Due.at_local(at(16), "Europe/Berlin"),
                    reminders=(Reminder(at=moment),)))
        finally:
            await services.close()

    asyncio.run(reminders())
    term = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": running_from(at(14, 50))})
    term.wait_for("first thing")
    wait_for_bytes(term, b"\x1b]9;todo-tui: one")
    term.read(2.0)  # the dialog drawn, the lists read again after the firing
    before = len(term.output)
    term.read(10.0)  # idle: one timer waits for the next reminder
    assert len(term.output) == before, term.output[before:][:300]
    wait_for_bytes(term, b"\x1b]9;todo-tui: two", seconds=10)
    quit_app(term)


def test_a_reminder_added_elsewhere_is_picked_up(tmp_path: Path) -> None:
    env = environment(tmp_path)
    db = tmp_path / "todo.db"
    add(env, db, "water plants today")
    clock = running_from(at(14, 49, 48))
    term = Terminal(["--db", str(db)], {**env, "TODO_TUI_NOW": clock})
    term.wait_for("water plants")
    term.read(1.0)  # the app waits with no reminder to come
    subprocess.run([sys.executable, "-m", "todo_tui", "--db", str(db), "add",
                    "call bank at 15:00 remind 10m before"],
                   env={**env, "TODO_TUI_NOW": clock}, check=True, capture_output=True)
    term.wait_for("call bank")
    wait_for_bytes(term, b"\x1b]9;todo-tui: " + LINE + b"\x07")
    quit_app(term)
