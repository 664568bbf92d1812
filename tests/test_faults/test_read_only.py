"""A database this process cannot write opens read-only: reads work, every write is refused
with the reason, before anything is touched, in the service, the shell and the TUI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from todo_tui.db import health
from todo_tui.db.backup_files import list_backups
from todo_tui.db.engine import sqlite_url
from todo_tui.domain import Due, NewTask
from todo_tui.errors import StorageError
from todo_tui.service import open_services
from todo_tui.ui.app import make_app

from ..helpers import cli_env
from .conftest import (
    as_nobody_prefix,
    listing,
    make_db,
    notifications,
    screen_text,
    settle,
    sidecars,
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


def deny_writes(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """Make `paths` look unwritable to this process (the tests may run as root, where
    permission bits stop nothing; test_real_permissions covers the real thing)."""
    denied = {p.resolve() for p in paths}
    real = health.writable
    monkeypatch.setattr(health, "writable",
                        lambda p: Path(p).resolve() not in denied and real(p))


async def test_an_unwritable_file_opens_read_only_and_refuses_every_write(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "todo.db"
    await make_db(path, "read me")
    before = listing(data)
    deny_writes(monkeypatch, path)

    services = await open_services(sqlite_url(path))
    try:
        assert services.db.read_only_reason == f"the file {path} is not writable"
        [task] = await services.tasks.all()
        assert task.title == "read me"
        assert [c.name for c in await services.categories.list()] == []
        attempts = [
            lambda: services.tasks.add(NewTask(title="new")),
            lambda: services.tasks.set_done(task.id, True),
            lambda: services.tasks.delete(task.id),
            lambda: services.categories.create("Home"),
        ]
        for attempt in attempts:
            with pytest.raises(StorageError) as caught:
                await attempt()
            assert str(caught.value) == (
                f"read-only: the file {path} is not writable; nothing was saved")
        # not only our guard: the connections themselves cannot write, even as root
        with pytest.raises(OperationalError, match="readonly"):
            async with services.db.engine.begin() as connection:
                await connection.execute(text("DELETE FROM tasks"))
    finally:
        await services.close()
    assert listing(data) == before and sidecars(path) == []


async def test_an_unwritable_directory_opens_read_only_and_takes_no_backup(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "todo.db"
    await make_db(path, "read me")
    before = listing(data)
    deny_writes(monkeypatch, data)
    monkeypatch.setenv("TODO_TUI_NOW", "2026-11-28T10:00:00+00:00")  # a daily backup is due

    services = await open_services(sqlite_url(path))
    try:
        assert services.db.read_only_reason == f"the directory {data} is not writable"
        assert [t.title for t in await services.tasks.all()] == ["read me"]
        with pytest.raises(StorageError, match="^read-only: the directory"):
            await services.tasks.add(NewTask(title="new"))
    finally:
        await services.close()
    assert listing(data) == before and sidecars(path) == []


async def test_read_only_can_be_asked_for(data: Path) -> None:
    path = data / "todo.db"
    await make_db(path, "read me")
    before = listing(data)
    services = await open_services(sqlite_url(path), read_only=True)
    try:
        assert services.db.read_only_reason == "opened read-only on request"
        with pytest.raises(StorageError, match="^read-only: opened read-only on request"):
            await services.tasks.add(NewTask(title="new"))
    finally:
        await services.close()
    assert listing(data) == before


async def test_a_read_only_database_that_needs_an_upgrade_is_refused(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = data / "empty.db"
    empty.write_bytes(b"")
    deny_writes(monkeypatch, empty)
    with pytest.raises(StorageError) as caught:
        await open_services(sqlite_url(empty))
    assert "is empty and needs an upgrade" in str(caught.value)
    assert "read-only (the file" in str(caught.value)
    assert empty.read_bytes() == b"" and sidecars(empty) == []


@pytest.mark.parametrize("what", ["file", "directory"])
def test_real_permissions_reads_work_and_writes_exit_1(what: str) -> None:
    """chmod a-w on the directory, and on the file or not; as `nobody` when root."""
    prefix = as_nobody_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    base = Path(tempfile.mkdtemp(prefix="todo-ro-", dir="/tmp"))
    try:
        _check_real_permissions(base, prefix, what)
    finally:
        for root, dirs, _files in os.walk(base):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
        shutil.rmtree(base)


def _check_real_permissions(base: Path, prefix: list[str], what: str) -> None:
    os.chmod(base, 0o755)
    home, data = base / "home", base / "data"
    home.mkdir()
    data.mkdir()
    env = cli_env(home)

    def run(*args: str, who: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*who, sys.executable, "-m", "todo_tui", "--db",
                               str(data / "todo.db"), *args],
                              env=env, capture_output=True, text=True, timeout=60, cwd=base)

    assert run("add", "pay rent 2026-12-01", who=[]).returncode == 0
    assert run("list", who=[]).returncode == 0  # the day's backup is taken now
    if prefix:
        probe = subprocess.run([*prefix, sys.executable, "-c", "import todo_tui.cli"],
                               capture_output=True, timeout=60, cwd=base)
        if probe.returncode != 0:
            pytest.skip("the nobody user cannot run this Python")
        os.chown(home, 65534, 65534)
    db = data / "todo.db"
    if what == "file":
        os.chmod(db, 0o444)
    elif prefix:
        os.chown(db, 65534, 65534)  # the file is theirs and writable; the directory is not
    os.chmod(data / "backups", 0o555)
    os.chmod(data, 0o555)
    before = listing(data)

    listed = run("list", "--json", who=prefix)
    added = run("add", "not saved", who=prefix)
    done = run("done", listed.stdout.split('"id": "')[1][:8] if listed.stdout else "0",
               who=prefix)

    assert listed.returncode == 0, listed
    assert '"title": "pay rent"' in listed.stdout and '"due": "2026-12-01"' in listed.stdout
    for refused in (added, done):
        assert refused.returncode == 1, refused
        assert refused.stdout == "" and len(refused.stderr.splitlines()) == 1, refused
        reason = f"the file {db}" if what == "file" else f"the directory {data}"
        assert refused.stderr.startswith(f"todo-tui: read-only: {reason} is not "
                                         "writable; nothing was saved"), refused
        assert "Traceback" not in refused.stderr
    assert listing(data) == before and sidecars(db) == []
    assert [b.reason for b in list_backups(db)] == ["daily"]


async def test_the_tui_shows_read_only_and_says_why_a_write_cannot_run(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    path = data / "todo.db"
    services = await open_services(sqlite_url(path))
    try:
        await services.tasks.add(NewTask(title="due today", due=Due.on(date(2026, 11, 27))))
    finally:
        await services.close()
    before = listing(data)
    deny_writes(monkeypatch, path)

    app = make_app(sqlite_url(path))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.read_only_reason == f"the file {path} is not writable"
        assert "read-only" in screen_text(app).splitlines()[0]
        assert any(n.startswith("Opened read-only: the file") for n in notifications(app))
        await pilot.press("space")  # toggle done
        await settle(pilot)
        assert any(n.startswith(f"read-only: the file {path} is not writable")
                   for n in notifications(app))
        assert app.main_screen.task_list.current_task is not None
        assert not app.main_screen.task_list.current_task.done
    assert listing(data)["todo.db"] == before["todo.db"]


async def test_a_read_only_session_of_the_tui_leaves_no_files_behind(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # For a user (not root) those files are created read-only, and a later read-write open
    # fails with "attempt to write a readonly database" until they are deleted.
    path = data / "todo.db"
    await make_db(path, "x")
    deny_writes(monkeypatch, path)
    app = make_app(sqlite_url(path))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.read_only_reason
    assert sidecars(path) == []
