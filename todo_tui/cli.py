"""The `todo-tui` shell commands. Nothing here imports Textual."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from todo_tui import __version__
from todo_tui.errors import StorageError, TodoError, UsageError
from todo_tui.remind_cli import add_remind_parser
from todo_tui.shell.args import edit_parser, list_arguments
from todo_tui.transfer.cli import add_commands as add_transfer_commands


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports a usage error on one line, with exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="todo-tui",
        description="A fast, calm terminal task manager. With no command, opens the TUI.",
    )
    parser.add_argument("--version", action="version", version=f"todo-tui {__version__}")
    parser.add_argument("--db", metavar="PATH", help="SQLite database file to use")
    parser.add_argument(
        "--db-url", metavar="URL",
        help="database URL (sqlite+aiosqlite:///PATH or postgresql+asyncpg://...); "
        "default: $TODO_TUI_DB_URL, else todo.db in the user data directory",
    )
    parser.add_argument(
        "--config", metavar="PATH",
        help="settings file (default: $TODO_TUI_CONFIG, else config.toml in the user config "
        "directory; see todo-tui config path)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    add = commands.add_parser(
        "add", help="save a task: todo-tui add 'pay rent tomorrow 9am #home !high'",
        description="Save a task written in the quick-capture grammar "
        "(see the README or the app's help screen). Use - to read one task per line from stdin.",
    )
    add.add_argument("text", nargs="+", help="the task, or - for one task per line of stdin")
    add.add_argument("--json", action="store_true", help="print the saved task as JSON")
    add.add_argument("--dry-run", action="store_true", help="show the parse; save nothing")
    add.add_argument("--verbatim", action="store_true", help="save the text as the title, unparsed")
    add.add_argument("--parent", metavar="ID",
                     help="save it as a subtask of this task (an id or a unique prefix)")

    lst = commands.add_parser("list", help="list open tasks", description="List open tasks.")
    lst.add_argument("--all", action="store_true", help="include done tasks")
    lst.add_argument("--json", action="store_true", help="print one JSON array")
    from todo_tui.tree_commands import register as register_tree_commands

    register_tree_commands(commands)
    list_arguments(lst)
    edit_parser(commands)

    for name, text in (("done", "mark a task done"), ("undone", "mark a task open again"),
                       ("rm", "move a task to the trash")):
        sub = commands.add_parser(name, help=text, description=f"{text.capitalize()}.")
        sub.add_argument("id", help="the task's id, or a unique prefix of it")
        sub.add_argument("--json", action="store_true", help="print the task as JSON")

    history = commands.add_parser(
        "history", help="list recent changes",
        description="List the most recent changes, newest first: when, which window or "
        "command made them, and what they were.",
    )
    history.add_argument("-n", type=int, default=20, metavar="N", help="how many (default 20)")
    history.add_argument("--json", action="store_true", help="print one JSON array")
    for name, text in (("undo", "revert the most recent change not yet undone"),
                       ("redo", "make the most recently undone change again")):
        sub = commands.add_parser(
            name, help=text, description=f"Show the change, then {text[0].lower()}{text[1:]} "
            "(asks first; without a terminal, --yes is needed). Refused when something it "
            "would write was changed since.")
        sub.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        if name == "undo":
            sub.add_argument(
                "--pass-over", type=int, metavar="ID",
                help="when change ID is the newest and cannot be undone: leave it as it is "
                "and undo the change before it")
    trash = commands.add_parser(
        "trash", help="list, restore or empty the trash",
        description="List the tasks in the trash, newest first; restore one; or empty it.",
    )
    trash.add_argument("--json", action="store_true", help="print one JSON array")
    trash_commands = trash.add_subparsers(dest="trash_command", metavar="ACTION",
                                          parser_class=ArgumentParser)
    restore_task = trash_commands.add_parser(
        "restore", help="take a task out of the trash",
        description="Put a task back where it was (its category too, if that was deleted).")
    restore_task.add_argument("id", help="the task's id, or a unique prefix of it")
    restore_task.add_argument("--json", action="store_true", help="print the task as JSON")
    empty = trash_commands.add_parser(
        "empty", help="delete everything in the trash for good",
        description="Delete every task in the trash for good (asks first).")
    empty.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    demo = commands.add_parser(
        "demo", help="fill the database with realistic demo tasks",
        description="Add N realistic demo tasks over about 8 categories.",
    )
    demo.add_argument("--tasks", type=int, default=200, metavar="N", help="how many (default 200)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")

    backup = commands.add_parser(
        "backup", help="save a snapshot of the database",
        description="Save a consistent snapshot of the database (SQLite only). Without PATH it "
        "goes to the backups directory next to the database.",
    )
    backup.add_argument("path", nargs="?", metavar="PATH", help="a new file, or a directory")
    restore = commands.add_parser(
        "restore", help="replace the database with a backup",
        description="Check that FILE is a todo-tui database, back up the current database, "
        "then replace it with FILE. Asks first; --yes skips the question.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_remind_parser(commands)
    add_transfer_commands(commands)
    from todo_tui.settings.command import add_parser as add_config_parser

    add_config_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None, open_tui: Callable[[str], int] | None = None) -> int:
    """Run one shell command; returns the exit code."""
    from todo_tui.logs import log_path, log_quietly, setup_logging

    setup_logging()
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        from todo_tui.settings.command import read_settings

        settings = read_settings(args)
        if args.command == "config":
            from todo_tui.settings.command import run_config

            return run_config(args, settings)
        from todo_tui.config import database_url

        try:
            url = database_url(args.db, args.db_url, str(settings["database_url"]))
        except OSError as exc:  # the default data directory cannot be made
            raise StorageError(
                f"cannot create the data directory {exc.filename}: {exc.strerror}"
            ) from None
        if args.command is None:
            if open_tui is None:
                raise UsageError("no command given (see todo-tui --help)")
            return open_tui(url)
        from todo_tui import commands

        handler = getattr(args, "run", None) or getattr(commands, f"cmd_{args.command}")
        return int(asyncio.run(handler(url, args)))
    except TodoError as exc:
        log_quietly(logging.INFO, "error: %s", exc)
        from todo_tui.textsafe import multi_line

        said = multi_line(str(exc))  # it may quote what was typed: never a control character
        if isinstance(exc, StorageError):  # the log holds the details
            sys.stderr.write(f"todo-tui: {said} (details in {log_path()})\n")
        else:
            sys.stderr.write(f"todo-tui: {said}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("todo-tui: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: keep the traceback in the log, not on the user's shell
        log_quietly(logging.ERROR, "unexpected error", exc_info=True)
        sys.stderr.write(f"todo-tui: unexpected error: {exc!r} (details in {log_path()})\n")
        return 1
