"""`todo-tui config path | show | check`, and reading the settings for every command.

`check` and `show` also judge and list the [keys], whose actions are the Textual bindings of
the UI's classes: they import todo_tui.ui.keymap for that (the only shell command that loads
Textual; the others never do).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from todo_tui.settings import SETTINGS, Problem, Settings, config_path, load, use


def add_parser(commands: Any) -> None:
    """The `config` sub-command, on the command line's sub-parsers."""
    config = commands.add_parser(
        "config", help="where the settings file is, what is in effect, and checking it",
        description="path: the settings file's path. show: every setting's effective value "
        "and where it comes from (default, file:line, environment, flag), and every key. "
        "check: exit 1 naming file:line and the problem for each bad entry.")
    config.add_argument("action", choices=("path", "show", "check"), help="path, show or check")


def read_settings(args: argparse.Namespace) -> Settings:
    """The settings every command (and the TUI) reads: --config or $TODO_TUI_CONFIG or the
    default file, overridden by the environment and the command-line options."""
    flags: dict[str, object] = {}
    if getattr(args, "db_url", None):
        flags["database_url"] = args.db_url
    elif getattr(args, "db", None):
        from todo_tui.config import sqlite_url

        flags["database_url"] = sqlite_url(args.db)
    return use(load(config_path(getattr(args, "config", None)), flags=flags))


def key_problems(settings: Settings) -> tuple[list[Problem], Any]:
    """What is wrong in [keys] and in [themes] as Textual reads them (this loads the UI's
    classes), and the key map."""
    from todo_tui.ui.commands import COMMANDS
    from todo_tui.ui.keymap import Keymap
    from todo_tui.ui.themes import users_themes

    keymap = Keymap(settings, palette=COMMANDS)
    problems = [*users_themes(settings)[1], *keymap.complete()]
    try:
        return problems, keymap
    finally:
        keymap.uninstall()


def run_config(args: argparse.Namespace, settings: Settings) -> int:
    out = sys.stdout
    if args.action == "path":
        out.write(f"{settings.path}\n")
        return 0
    problems, keymap = key_problems(settings)
    problems = [*settings.problems, *problems]
    if args.action == "check":
        for problem in problems:
            out.write(f"{problem}\n")
        if not settings.exists:
            out.write(f"{settings.path}: no such file; every setting has its default\n")
        elif not problems:
            out.write(f"{settings.path}: OK\n")
        return 1 if problems else 0
    out.write(f"# settings file: {settings.path}"
              f"{'' if settings.exists else ' (not there: defaults)'}\n")
    width = max(len(name) for name in SETTINGS)
    for name in SETTINGS:
        value = settings.values[name]
        out.write(f"{name:<{width}} = {_toml(value.value)}  # {value.origin()}\n")
    for theme in settings.themes:
        out.write(f"[themes.{theme}]  # file\n")
    if keymap is None:
        return 0
    from todo_tui.ui.keymap import context_classes, load_all

    load_all()
    contexts = keymap.contexts or {}
    if not contexts:
        from todo_tui.ui.keymap import actions_of

        contexts = {name: actions_of(cls) for name, cls in context_classes().items()}
    for context in sorted(contexts):
        out.write(f"\n[keys.{context}]\n")
        for action in contexts[context].values():
            keys = ", ".join(f'"{key}"' for key in action.keys) or '"none"'
            out.write(f"{action.name} = [{keys}]  # {action.source}\n")
    if problems:
        out.write("\n# problems (todo-tui config check):\n")
        for problem in problems:
            out.write(f"# {problem}\n")
    return 0


def _toml(value: object) -> str:
    if value is None:  # remind_default's "none"
        return '"none"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
