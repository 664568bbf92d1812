"""The import/export tests: the CLI run as a user runs it, on both backends, and the real
taskwarrior, todo.txt-cli and todoman (installed by .ci/clients; a test whose program is
missing says so and is skipped)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from ..helpers import Ran, cli_env, run_cli

ROOT = Path(__file__).resolve().parents[2]
TODOMAN = ROOT / ".clients" / "todoman" / "bin" / "todo"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


Cli = Callable[..., Ran]


@pytest.fixture
def cli(db_url: str, env: dict[str, str]) -> Cli:
    """`todo-tui --db-url URL ARGS...` on the test's own database (SQLite or PostgreSQL)."""

    def run(*args: str | os.PathLike[str], stdin: str | None = None, code: int = 0) -> Ran:
        ran = run_cli(["--db-url", db_url, *args], env, stdin=stdin)
        assert ran.code == code, (ran.code, ran.out, ran.err)
        return ran

    return run


def exported(cli: Cli, *query: str) -> list[dict[str, Any]]:
    """Our JSON export, as a list of dicts."""
    return list(json.loads(cli("export", "--format", "json", *query).out))


def program(name: str, path: str | Path | None = None) -> str:
    """The path of a real client, or skip the test saying why."""
    found = str(path) if path is not None and Path(path).exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (.ci/clients installs it): cannot test against "
                    "the real program")
    return found


class Taskwarrior:
    """The real `task`, with its own data folder and rc file."""

    def __init__(self, home: Path, env: dict[str, str]) -> None:
        self.binary = program("task")
        self.data = home / "taskdata"
        self.rc = home / "taskrc"
        self.rc.write_text(f"data.location={self.data}\nconfirmation=off\nverbose=nothing\n"
                           "json.array=on\nuda.estimate.type=numeric\n"
                           "uda.estimate.label=Estimate\nrecurrence.confirmation=no\n")
        self.env = {**env, "TASKRC": str(self.rc), "TASKDATA": str(self.data)}

    def __call__(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([self.binary, *args], env=self.env, input=stdin,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def export(self) -> list[dict[str, Any]]:
        return list(json.loads(self("export")))


@pytest.fixture
def task(tmp_path: Path, env: dict[str, str]) -> Taskwarrior:
    return Taskwarrior(tmp_path, env)


class TodoTxt:
    """The real todo.sh (Debian's `todo-txt`), on its own folder."""

    def __init__(self, home: Path, env: dict[str, str]) -> None:
        self.binary = program("todo-txt") if shutil.which("todo-txt") else program("todo.sh")
        self.folder = home / "todotxt"
        self.folder.mkdir()
        self.config = home / "todo.cfg"
        self.config.write_text(
            f'export TODO_DIR="{self.folder}"\nexport TODO_FILE="$TODO_DIR/todo.txt"\n'
            'export DONE_FILE="$TODO_DIR/done.txt"\nexport REPORT_FILE="$TODO_DIR/report.txt"\n')
        self.env = env

    def __call__(self, *args: str) -> str:
        done = subprocess.run([self.binary, "-d", str(self.config), "-p", *args], env=self.env,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    @property
    def todo(self) -> Path:
        return self.folder / "todo.txt"

    @property
    def done(self) -> Path:
        return self.folder / "done.txt"


@pytest.fixture
def todotxt(tmp_path: Path, env: dict[str, str]) -> TodoTxt:
    return TodoTxt(tmp_path, env)


class Todoman:
    """The real todoman (`todo`), over a folder of lists (vdirs)."""

    def __init__(self, home: Path, env: dict[str, str]) -> None:
        self.binary = program("todoman", TODOMAN)
        self.lists = home / "calendars"
        self.config = home / "todoman.py"
        self.env = env
        self.point_at(self.lists)

    def point_at(self, lists: Path) -> None:
        self.config.write_text(
            f'path = "{lists}/*"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
            f'default_list = "personal"\ncache_path = "{self.config.parent}/todoman.sqlite3"\n'
            'default_due = 0\n')

    def __call__(self, *args: str) -> str:
        done = subprocess.run([self.binary, "--config", str(self.config), *args],
                              env=self.env, capture_output=True, text=True, timeout=60,
                              check=False, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def todos(self) -> list[dict[str, Any]]:
        return sorted(json.loads(self("--porcelain", "list", "--status", "ANY")),
                      key=lambda todo: todo["summary"])


@pytest.fixture
def todoman(tmp_path: Path, env: dict[str, str]) -> Todoman:
    man = Todoman(tmp_path, env)
    (man.lists / "personal").mkdir(parents=True)
    return man


def by(items: Sequence[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {item[key]: item for item in items}
