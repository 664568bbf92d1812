"""Where things live: the database URL and the user's directories."""

from __future__ import annotations

import os
from pathlib import Path

ENV_URL = "TODO_TUI_DB_URL"
APP_NAME = "todo-tui"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """`todo.db` in the user data directory, which is created with mode 0700."""
    directory = data_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory / "todo.db"


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The aiosqlite URL for a database file, built without importing SQLAlchemy (the TUI
    draws its first frame before the database layer is loaded)."""
    from urllib.parse import quote

    return "sqlite+aiosqlite:///" + quote(str(Path(path).expanduser()), safe="/ ")


def database_url(db_path: str | None = None, db_url: str | None = None,
                 configured: str = "") -> str:
    """The URL to open: --db-url, then --db, then $TODO_TUI_DB_URL, then `configured` (the
    settings file's database_url: a URL, or a SQLite file's path), then the default file."""
    if db_url:
        return db_url
    if db_path:
        return sqlite_url(db_path)
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    if configured:
        return configured if "://" in configured else sqlite_url(configured)
    return sqlite_url(default_db_path())
