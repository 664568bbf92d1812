"""Small helpers shared by the test packages."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from todo_tui.db import models
from todo_tui.db.engine import Database


async def insert_task(db: Database, task_id: str, title: str, **values: Any) -> None:
    """Insert a task row with a chosen id, bypassing the service (for id-prefix tests)."""
    row = {
        "id": task_id, "title": title, "notes": "", "status": "open", "priority": 0,
        "recurrence_from_completion": False, "position": 0, "created_at": models.utcnow(),
        "updated_at": models.utcnow(), "version": 1,
    }
    row.update(values)
    async with db.write() as session:
        await session.execute(insert(models.Task.__table__), [row])


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to the file, closed after use (outside the app's engine)."""
    connection = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def scalar(path: Path, sql: str, *params: Any) -> Any:
    """The first column of the first row of a query on the file."""
    with raw(path) as connection:
        row = connection.execute(sql, params).fetchone()
    return None if row is None else row[0]


# --- the command line, run as a user would ---------------------------------------------

FROZEN_NOW = "2026-11-27T10:00:00+01:00"


@dataclass(frozen=True)
class Ran:
    """What one `todo-tui` run did."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment whose user directories are all under `home`, with a frozen clock."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TODO_TUI_", "XDG_")) and k not in ("TZ", "HOME")}
    env.update({
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TZ": "Europe/Berlin",
        "TODO_TUI_NOW": FROZEN_NOW,
        "PYTHONIOENCODING": "utf-8",
    })
    env.update(extra)
    return env


def run_cli(
    args: Sequence[str | os.PathLike[str]], env: dict[str, str], *, stdin: str | None = None,
    cwd: Path | None = None,
) -> Ran:
    """Run `python -m todo_tui ARGS` in a subprocess."""
    done = subprocess.run(
        [sys.executable, "-m", "todo_tui", *map(str, args)],
        env=env, input=stdin, capture_output=True, text=True, encoding="utf-8",
        timeout=120, cwd=cwd or env["HOME"],
    )
    return Ran(done.returncode, done.stdout, done.stderr)
