"""Text and time: invalid text is replaced with a note, any Unicode keeps the list's columns
aligned, a huge note stays cheap to show, and all-day tasks do not move with TZ."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from rich.markdown import Markdown
from rich.text import Text

from todo_tui.db.engine import sqlite_url
from todo_tui.domain import Due, NewTask, Priority, Task
from todo_tui.service import open_services
from todo_tui.service.validate import REPLACED_NOTE
from todo_tui.ui.app import make_app
from todo_tui.ui.widgets.task_detail import PLAIN_LIMIT, TaskDetail

from ..helpers import cli_env, run_cli
from .conftest import settle

TODAY = date(2026, 11, 27)


def cli(args: list[str | bytes | Path], env: dict[str, str], stdin: bytes | None = None
        ) -> subprocess.CompletedProcess[bytes]:
    """Run todo-tui with arguments and input as raw bytes, as a shell would pass them."""
    return subprocess.run([sys.executable, "-m", "todo_tui", *args], input=stdin, env=env,
                          capture_output=True, timeout=60, cwd=env["HOME"])


def test_invalid_text_from_the_shell_is_replaced_with_a_note(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    db = tmp_path / "todo.db"
    from_argv = cli(["--db", db, "add", b"caf\xe9 au lait"], env)
    from_stdin = cli(["--db", db, "add", "-"], env,
                     stdin=b"milk\x00 and eggs\nplain line\nbad \xff byte\n")
    listed = run_cli(["--db", db, "list", "--json"], env)

    assert from_argv.returncode == 0 and from_stdin.returncode == 0, (from_argv, from_stdin)
    note = f"todo-tui: note: {REPLACED_NOTE}: "
    assert from_argv.stderr.decode().splitlines() == [note + "caf\ufffd au lait"]
    assert from_stdin.stderr.decode().splitlines() == [
        note + "milk\ufffd and eggs", note + "bad \ufffd byte"]
    titles = sorted(task["title"] for task in json.loads(listed.out))
    assert titles == ["bad \ufffd byte", "caf\ufffd au lait", "milk\ufffd and eggs",
                      "plain line"]


HARD_TITLES = [
    "plain ascii title",
    "日本語のタスクを完了する、とても長い名前",
    "emoji 🎉🎂 party",
    "family 👨\u200d👩\u200d👧\u200d👦 and 🏳\ufe0f\u200d🌈 flag",
    "flags 🇩🇪🇯🇵🇺🇸 trip",
    "combining e\u0301e\u0301 cafe\u0301 n\u0303 a\u0308\u0308\u0308",
    "RTL שלום עולם مرحبا بالعالم",
    "a日b本c語d🎉e",
    "zero\u200bwidth\u200bspaces and \u2028 separators",
    "heart ❤\ufe0f and keycap 1\ufe0f\u20e3",
    "한국어 할 일 목록",
    "x" * 400,
]


async def test_any_unicode_keeps_the_list_columns_aligned(tmp_path: Path) -> None:
    path = tmp_path / "todo.db"
    services = await open_services(sqlite_url(path))
    try:
        home = await services.categories.create("家 🏠 Home")
        tasks: list[Task] = []
        for i, title in enumerate(HARD_TITLES):
            tasks.append(await services.tasks.add(NewTask(
                title=title, due=Due.on(TODAY), priority=Priority.HIGH,
                category_id=home.id if i % 2 else None,
                tags=("タグ", "🏷") if i % 3 == 0 else ())))
    finally:
        await services.close()

    app = make_app(sqlite_url(path))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        task_list = app.main_screen.task_list
        for mixes in (False, True):
            task_list.mixes_categories = mixes
            for width in range(24, 161):
                rows = [task_list.render_task(task, width) for task in tasks]
                reference = rows[0]
                # the due ends in one column and the priority follows; the title and labels
                # take the rest of the row (issue 15: no fixed, half-empty due column)
                tail = " today !!!"
                assert reference.cell_len == width - 1, width
                for task, row in zip(tasks, rows, strict=True):
                    assert row.cell_len == reference.cell_len, (width, task.title, row.plain)
                    assert row.plain.endswith(tail), (width, task.title, row.plain)
        long_row = task_list.render_task(tasks[-1], 80).plain
        assert "…" in long_row and "x" * 400 not in long_row


def test_a_long_title_wraps_in_the_detail_pane() -> None:
    task = _task("word " * 200)
    console = Console(width=60, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(TaskDetail.render_fields(task))
    lines = captured.get().splitlines()
    title_lines = lines[: lines.index("")]
    assert len(title_lines) > 10 and all(len(line) <= 60 for line in title_lines)
    assert " ".join(" ".join(title_lines).split()) == " ".join(("word " * 200).split())


def test_a_one_megabyte_note_takes_the_plain_path() -> None:
    huge = ("# heading\n" + "lorem ipsum **dolor** sit amet " * 40 + "\n") * 800
    assert len(huge) > 1_000_000
    shown = TaskDetail.render_notes(_task("big notes", notes=huge))
    assert isinstance(shown, Text) and not isinstance(shown, Markdown)
    assert shown.plain.startswith(huge[:PLAIN_LIMIT])
    assert shown.plain.endswith(f"… {len(huge) - PLAIN_LIMIT} more characters (press e to edit)")
    small = TaskDetail.render_notes(_task("small notes", notes="# heading\n\n**bold**"))
    assert isinstance(small, Markdown)


def _task(title: str, notes: str = "") -> Task:
    from datetime import UTC, datetime

    from todo_tui.domain import Status

    stamp = datetime(2026, 11, 20, tzinfo=UTC)
    return Task(id="a" * 32, title=title, notes=notes, status=Status.OPEN,
                priority=Priority.NONE, due=None, recurrence=None,
                recurrence_from_completion=False, category_id=None, category_name=None,
                tags=(), position=1, created_at=stamp, updated_at=stamp, completed_at=None,
                version=1)


@pytest.mark.parametrize("now", ["2026-11-27T23:30:00+00:00", "2026-11-27T10:00:00+00:00"])
def test_an_all_day_task_keeps_its_date_in_another_time_zone(tmp_path: Path, now: str) -> None:
    db = tmp_path / "todo.db"
    tokyo = cli_env(tmp_path, TZ="Asia/Tokyo", TODO_TUI_NOW=now)
    los_angeles = cli_env(tmp_path, TZ="America/Los_Angeles", TODO_TUI_NOW=now)
    saved = [json.loads(run_cli(["--db", db, "add", "--json", text], tokyo).out)
             for text in ("pay rent tomorrow", "file taxes 2026-12-01")]
    listed = {t["title"]: t for t in json.loads(
        run_cli(["--db", db, "list", "--json"], los_angeles).out)}
    shown = run_cli(["--db", db, "list"], los_angeles).out

    tomorrow_in_tokyo = "2026-11-29" if now.startswith("2026-11-27T23") else "2026-11-28"
    assert saved[0]["due"] == tomorrow_in_tokyo and saved[1]["due"] == "2026-12-01"
    assert listed["pay rent"]["due"] == tomorrow_in_tokyo
    assert listed["file taxes"]["due"] == "2026-12-01"
    assert listed["pay rent"]["due_tz"] is None
    # shown for people, relative to today in Los Angeles (27 Nov): the same days
    day = int(tomorrow_in_tokyo[-2:])
    words = "tomorrow" if day == 28 else f"{date(2026, 11, day):%a}"
    assert f"pay rent  (due {words})" in shown
    assert "file taxes  (due Tue)" in shown
