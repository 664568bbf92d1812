"""The settings file (config.toml): a registry of settings, read once per process.

`current()` is what the rest of the app reads; the command line calls `use(load(...))` with
its --config path and flags before anything asks. Nothing here imports Textual, SQLAlchemy
or tomlkit (writing the file, in settings/save.py, is the only place that needs it).
"""

from __future__ import annotations

import os
from pathlib import Path

from todo_tui.settings.load import ENV_CONFIG, Problem, Settings, Value, defaults, load
from todo_tui.settings.registry import SETTINGS, Setting, declare

__all__ = ["ENV_CONFIG", "SETTINGS", "Problem", "Setting", "Settings", "Value", "config_path",
           "current", "declare", "defaults", "load", "use"]

_current: list[Settings] = []  # the process's settings, once read (a list: no rebinding)


def config_path(flag: str | None = None) -> Path:
    """The settings file: --config, then $TODO_TUI_CONFIG, then config.toml in the user
    config directory (~/.config/todo-tui/ on Linux)."""
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get(ENV_CONFIG, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    from todo_tui.config import APP_NAME

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def use(settings: Settings) -> Settings:
    """Make `settings` the process's settings (the command line, tests)."""
    _current[:] = [settings]
    return settings


def current() -> Settings:
    """The process's settings: read from the default file the first time it is asked for."""
    if not _current:
        use(load(config_path()))
    return _current[0]
