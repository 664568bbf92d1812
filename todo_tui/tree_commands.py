"""The shell's side of subtasks: `todo-tui move`, and listing tasks under their parents.
Nothing here imports Textual."""

from __future__ import annotations

import argparse
from typing import Any

from todo_tui import domain
from todo_tui.printing import print_json, print_line
from todo_tui.textsafe import one_line

ORIGIN = "cli"
INDENT = "  "


def register(commands: Any) -> None:
    """Add `move` to the shell's sub-commands."""
    move = commands.add_parser(
        "move", help="put a task under another one, or back at the top",
        description="Make a task (with its subtasks) a subtask of another task, which files "
        "it in that task's category; or, with --top, a task of its own again.")
    move.add_argument("id", help="the task's id, or a unique prefix of it")
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--parent", metavar="ID", help="the new parent's id or a unique prefix")
    where.add_argument("--top", action="store_true", help="no parent: a task of its own")
    move.add_argument("--json", action="store_true", help="print the task as JSON")


def in_tree_order(tasks: list[domain.Task]) -> list[tuple[domain.Task, int]]:
    """The tasks with each subtask right under its parent, and each one's depth; siblings
    keep the order they came in. A subtask whose parent is not among them is at the top."""
    ids = {task.id for task in tasks}
    children: dict[str | None, list[domain.Task]] = {}
    for task in tasks:
        parent = task.parent_id if task.parent_id in ids else None
        children.setdefault(parent, []).append(task)
    ordered: list[tuple[domain.Task, int]] = []
    stack = [(task, 0) for task in reversed(children.get(None, []))]
    seen: set[str] = set()
    while stack:
        task, depth = stack.pop()
        if task.id in seen:  # never twice, whatever the data
            continue
        seen.add(task.id)
        ordered.append((task, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(task.id, [])))
    return ordered


async def cmd_move(url: str, args: argparse.Namespace) -> int:
    from todo_tui.service import open_services

    services = await open_services(url)
    try:
        task_id = await services.tasks.resolve_id(args.id)
        parent_id = None if args.top else await services.tasks.resolve_id(args.parent)
        task = await services.subtasks.set_parent(task_id, parent_id, origin=ORIGIN)
    finally:
        await services.close()
    if args.json:
        print_json(task.to_json())
        return 0
    where = "at the top" if not task.path else "under " + " > ".join(task.path)
    box = "[x]" if task.done else "[ ]"
    print_line(one_line(f"moved {where}: {task.short_id} {box} {task.title}"))
    return 0
