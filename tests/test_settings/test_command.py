"""`todo-tui config path | show | check`, --config and $TODO_TUI_CONFIG, and the settings
the shell and the database layer read (database_url, backups, trash_days)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import update

from todo_tui import settings
from todo_tui.db import models
from todo_tui.db.backup_files import keep_count
from todo_tui.domain import ListKind, ListRef, NewTask
from todo_tui.service import open_services, trash_days

from ..helpers import cli_env, run_cli


def test_config_path_flag_env_and_default(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    assert run_cli(["config", "path"], env).out == f"{tmp_path}/config/todo-tui/config.toml\n"
    env["TODO_TUI_CONFIG"] = str(tmp_path / "env.toml")
    assert run_cli(["config", "path"], env).out == f"{tmp_path}/env.toml\n"
    flagged = run_cli(["--config", tmp_path / "flag.toml", "config", "path"], env)
    assert flagged.out == f"{tmp_path}/flag.toml\n"


def test_config_check_names_each_bad_entry_and_exits_1(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    path = tmp_path / "config" / "todo-tui" / "config.toml"
    assert run_cli(["config", "check"], env).code == 0  # no file: defaults, fine
    path.parent.mkdir(parents=True)
    path.write_text('# mine\ntheme = "nord"\nbackups = -2\n[keys]\nundo = "ctrl+u"\n'
                    'redo = "ctrl+u"\n')
    ran = run_cli(["config", "check"], env)
    assert ran.code == 1
    assert ran.out.splitlines() == [
        f"{path}:3: backups: -2 is not between 0 and 10000; using the default 7",
        f"{path}:6: keys: ctrl+u is bound to both 'undo' and 'redo' in main; it stays on "
        "'undo', and 'redo' keeps its default keys (U)",
    ]
    path.write_text('[keys.task_list]\ndone = "d"\n')  # the tryout: done had no key left
    ran = run_cli(["config", "check"], env)
    assert (ran.code, ran.out) == (1, f"{path}:2: keys: d is bound to both 'delete' and 'done' "
                                      "in task_list; it stays on 'delete', and 'done' keeps "
                                      "its default keys (space, x)\n")
    shown = run_cli(["config", "show"], env).out
    assert '\ndone = ["space", "x"]  # default\n' in shown
    assert '\ndone = ["none"]' not in shown
    path.write_text('theme = "nord"\n[keys]\nundo = "ctrl+u"\n')
    ran = run_cli(["config", "check"], env)
    assert (ran.code, ran.out) == (0, f"{path}: OK\n")


def test_config_show_gives_each_value_and_where_it_came_from(tmp_path: Path) -> None:
    env = cli_env(tmp_path, TODO_TUI_BACKUPS="2", TODO_TUI_SNOOZE="15")
    path = tmp_path / "c.toml"
    path.write_text('trash_days = 9\nbackups = 5\nnotify = "osc9"\n'
                    '[keys]\nundo = ["ctrl+u", "f5"]\n')
    ran = run_cli(["--config", path, "--db", tmp_path / "x.db", "config", "show"], env)
    assert ran.code == 0, ran
    lines = ran.out.splitlines()
    # the names are aligned on the longest, remind_default
    assert f'trash_days     = 9  # file ({path}:1)' in lines
    assert "backups        = 2  # environment (TODO_TUI_BACKUPS)" in lines
    assert 'theme          = "textual-dark"  # default' in lines
    assert any(line.startswith("database_url   = \"sqlite+aiosqlite:///") and
               line.endswith("x.db\"  # flag (--db-url, --db)") for line in lines)
    # the reminder settings are settings like the others
    assert f'notify         = "osc9"  # file ({path}:3)' in lines
    assert "snooze         = 15  # environment (TODO_TUI_SNOOZE)" in lines
    assert "bell           = false  # default" in lines
    assert 'remind_default = "none"  # default' in lines
    assert f'undo = ["ctrl+u", "f5"]  # file ({path}:5)' in lines
    assert 'done = ["space", "x"]  # default' in lines  # every action is listed


def test_a_bad_file_does_not_stop_a_shell_command(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    path = tmp_path / "c.toml"
    path.write_text("this is not toml\n")
    added = run_cli(["--config", path, "--db", tmp_path / "x.db", "add", "pay rent"], env)
    assert added.code == 0, added


def test_database_url_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'database_url = "{tmp_path / "mine.db"}"\n')
    env = cli_env(tmp_path, TODO_TUI_CONFIG=str(path))
    assert run_cli(["add", "pay rent"], env).code == 0
    assert (tmp_path / "mine.db").is_file()
    assert "pay rent" in run_cli(["list"], env).out
    assert "pay rent" not in run_cli(["--db", tmp_path / "other.db", "list"], env).out


def test_backups_kept_from_the_file(tmp_path: Path) -> None:
    assert keep_count() == 7
    path = tmp_path / "config.toml"
    path.write_text("backups = 2\n")
    settings.use(settings.load(path, env={}))
    assert keep_count() == 2


async def test_trash_days_from_the_file(tmp_path: Path, db_url: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text("trash_days = 3\n")
    settings.use(settings.load(path, env={}))
    assert trash_days() == 3
    services = await open_services(db_url)
    try:
        task = await services.tasks.add(NewTask(title="old"))
        kept = await services.tasks.add(NewTask(title="recent"))
        await services.tasks.delete(task.id)
        await services.tasks.delete(kept.id)
        async with services.db.write() as session:
            await session.execute(update(models.Task).where(models.Task.id == task.id)
                                  .values(trashed_at=models.utcnow() - timedelta(days=4)))
            await session.execute(update(models.Task).where(models.Task.id == kept.id)
                                  .values(trashed_at=models.utcnow() - timedelta(days=2)))
    finally:
        await services.close()
    again = await open_services(db_url)  # a start purges what is older than trash_days
    try:
        trash = await again.tasks.page(ListRef(ListKind.TRASH), today=date(2026, 11, 27))
        assert [t.title for t in trash.tasks] == ["recent"]
    finally:
        await again.close()


def test_config_check_reads_theme_colours_as_textual_does(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('theme = "mine"\n[themes.mine]\nprimary = "#00ff00"\n'
                    'background = "nocolour"\n')
    ran = run_cli(["--config", path, "config", "check"], cli_env(tmp_path))
    assert (ran.code, ran.out) == (
        1, f"{path}:4: themes.mine.background: 'nocolour' is not a colour; ignored\n")
