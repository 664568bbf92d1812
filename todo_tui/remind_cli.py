"""`todo-tui remind`: the reminders that came due since the last run, each exactly once (for
cron or a systemd timer). The parser is light (cli.py builds it at every start); the command
imports the service layer only when it runs."""

from __future__ import annotations

import argparse
from typing import Any


def add_remind_parser(commands: Any) -> None:
    """The `remind` subcommand, added to cli.py's subparsers."""
    remind = commands.add_parser(
        "remind", help="print (or run a command for) each reminder due since the last run",
        description="For cron or a systemd timer: each reminder that came due since the last "
        "run, exactly once (a first run looks back one day). Prints one line per reminder; with "
        "--exec, runs CMD (with sh -c) once per reminder, the task in the environment: "
        "TODO_TUI_TASK_ID, TODO_TUI_TASK_TITLE, TODO_TUI_TASK_DUE, TODO_TUI_TASK_NOTES, "
        "TODO_TUI_REMINDER, TODO_TUI_TASK_JSON.",
    )
    remind.add_argument("--json", action="store_true", help="print one JSON array")
    remind.add_argument("--exec", metavar="CMD", dest="exec_cmd",
                        help="run CMD for each reminder, the task in its environment")
    remind.set_defaults(run=cmd_remind)  # run by cli.py instead of a commands.cmd_* function


def firing_env(firing: Any) -> dict[str, str]:
    """The environment variables `--exec` gives its command for one reminder."""
    import json

    task = firing.task
    return {
        "TODO_TUI_TASK_ID": task.id,
        "TODO_TUI_TASK_TITLE": task.title,
        "TODO_TUI_TASK_DUE": "" if task.due is None else task.due.iso(),
        "TODO_TUI_TASK_NOTES": task.notes,
        "TODO_TUI_REMINDER": firing.label,
        "TODO_TUI_TASK_JSON": json.dumps(firing.to_json(), ensure_ascii=False),
    }


async def cmd_remind(url: str, args: argparse.Namespace) -> int:
    import asyncio
    import os
    import sys

    from todo_tui import clock
    from todo_tui.printing import print_json, print_line
    from todo_tui.reminding.settings import reminder_settings
    from todo_tui.service import open_services
    from todo_tui.service.reminders import CLI
    from todo_tui.shell.common import ORIGIN
    from todo_tui.shell.show import describe_task
    from todo_tui.textsafe import one_line

    services = await open_services(url)
    try:
        firings = await services.reminders.fire_due(
            CLI, clock.now(), reminder_settings().default_minutes_before, origin=ORIGIN)
    finally:
        await services.close()
    if args.json:
        print_json([firing.to_json() for firing in firings])
    status = 0
    for firing in firings:
        if args.exec_cmd:
            process = await asyncio.create_subprocess_shell(
                args.exec_cmd, env={**os.environ, **firing_env(firing)})
            if await process.wait() != 0:
                sys.stderr.write(one_line(
                    f"todo-tui: {args.exec_cmd!r} failed for {firing.task.short_id} "
                    f"(exit {process.returncode})") + "\n")
                status = 1
        elif not args.json:
            when = firing.occurrence.astimezone(clock.now().tzinfo).strftime("%Y-%m-%d %H:%M")
            print_line(one_line(f"{when} {firing.label}: {describe_task(firing.task)}"))
    return status
