"""Where the command line keeps its database, and what it never imports."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from todo_tui.db.engine import sqlite_url

from ..helpers import cli_env, raw, run_cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_default_database_is_private_in_the_user_data_directory(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    ran = run_cli(["add", "private"], env)
    assert ran.code == 0, ran
    directory = tmp_path / "data" / "todo-tui"
    database = directory / "todo.db"
    assert database.is_file()
    assert mode(directory) == 0o700
    assert mode(database) == 0o600
    listing = run_cli(["list", "--json"], env)
    assert [t["title"] for t in json.loads(listing.out)] == ["private"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_the_environment_names_the_database_and_the_options_win(tmp_path: Path) -> None:
    from_env = tmp_path / "from-env.db"
    from_option = tmp_path / "from-option.db"
    env = cli_env(tmp_path, TODO_TUI_DB_URL=sqlite_url(from_env))

    assert run_cli(["add", "via env"], env).code == 0
    assert run_cli(["--db", from_option, "add", "via option"], env).code == 0
    other = tmp_path / "from-url.db"
    assert run_cli(["--db-url", f"sqlite:///{other}", "add", "via url"], env).code == 0

    for path, title in ((from_env, "via env"), (from_option, "via option"),
                        (other, "via url")):
        with raw(path) as connection:
            assert connection.execute("SELECT title FROM tasks").fetchall() == [(title,)]
    assert not (tmp_path / "data").exists()


SHELL_ONLY = textwrap.dedent(
    """
    import sqlite3, sys
    from todo_tui.entry import main

    path = sys.argv[1]
    codes = [main(["--db", path, "add", "x #home +tag !high"]),
             main(["--db", path, "list", "--json"]), main(["--db", path, "list", "--all"])]
    task_id = sqlite3.connect(path).execute("SELECT id FROM tasks").fetchone()[0]
    codes += [main(["--db", path, "done", task_id[:6]]), main(["--db", path, "undone", task_id]),
              main(["--db", path, "rm", task_id]), main(["--db", path, "done", "ffff"]),
              main(["--db", path, "demo", "--tasks", "20"]), main(["--db", path, "bogus"])]
    codes += [main(["--db", path, "history"]), main(["--db", path, "undo", "--yes"]),
              main(["--db", path, "redo", "--yes"]), main(["--db", path, "trash", "--json"]),
              main(["--db", path, "trash", "restore", task_id])]
    assert codes == [0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0], codes
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "textual"
                    or m.startswith("todo_tui.ui"))
    print("loaded:", loaded)
    """
)


def test_shell_commands_never_import_textual(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    ran = subprocess.run(
        [sys.executable, "-c", SHELL_ONLY, str(tmp_path / "todo.db")],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1] == "loaded: []"
