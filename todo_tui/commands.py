"""What each shell command does, on the service layer. Nothing here imports Textual."""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import replace

from todo_tui import clock, domain
from todo_tui.errors import TodoError, UndoRefused, UsageError, ValidationError
from todo_tui.printing import print_json, print_line
from todo_tui.service import Services, open_services
from todo_tui.shell.common import ORIGIN, cleaned
from todo_tui.shell.edit import cmd_edit  # noqa: F401  (cli.py finds each cmd_ here)
from todo_tui.shell.listing import cmd_list  # noqa: F401
from todo_tui.shell.show import describe_task
from todo_tui.textsafe import one_line
from todo_tui.tree_commands import cmd_move as cmd_move
from todo_tui.words import count_of


def read_stdin() -> str:
    """Standard input as text; bytes that are not UTF-8 are kept for `cleaned` to replace."""
    raw = getattr(sys.stdin, "buffer", None)
    return raw.read().decode("utf-8", "surrogateescape") if raw else sys.stdin.read()


def capture_lines(args: argparse.Namespace) -> list[str]:
    if args.text == ["-"]:
        lines = [line.strip() for line in read_stdin().splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise ValidationError("no tasks on standard input")
        return lines
    return [" ".join(args.text)]


async def cmd_add(url: str, args: argparse.Namespace) -> int:
    from todo_tui.capture import parse, parse_verbatim

    lines = [cleaned(line) for line in capture_lines(args)]
    services = await open_services(url)
    try:
        names = [category.name for category in await services.categories.list()]
        now = clock.now()
        zone = clock.local_zone_name()
        captures = [
            parse_verbatim(line) if args.verbatim else parse(line, now=now, tz=zone,
                                                             categories=names)
            for line in lines
        ]
        for capture in captures:
            if not capture.title:
                raise ValidationError(f"a task needs a title (nothing left of {lines[0]!r})")
        if args.dry_run:
            for capture in captures:
                if args.json:
                    print_json(capture.to_json())
                else:
                    for label, value in capture.summary_lines():
                        print_line(one_line(f"{label + ':':<10} {value}"))
                    for notice in capture.notices:
                        print_line(one_line(f"note:      {notice}"))
                    if capture.unread:
                        print_line(one_line(f"not read:  {', '.join(capture.unread)}"))
            return 0
        parent_id = None if args.parent is None else await services.tasks.resolve_id(args.parent)
        for capture in captures:
            new = capture.to_new_task()
            if parent_id is not None:
                new = replace(new, parent_id=parent_id)
            task = await services.tasks.add(new, origin=ORIGIN)
            if args.json:
                print_json({**task.to_json(),
                            "reminders": [r.to_json() for r in capture.reminders]})
            else:
                print_line(describe_task(task, now.date()))
            for notice in capture.notices:
                sys.stderr.write(one_line(f"todo-tui: note: {notice}") + "\n")
        return 0
    finally:
        await services.close()


async def _change(url: str, args: argparse.Namespace, action: str) -> int:
    services = await open_services(url)
    try:
        task_id = await services.tasks.resolve_id(args.id)
        follow_up: domain.Task | None = None
        if action == "rm":
            task = await services.tasks.delete(task_id, origin=ORIGIN)
        else:
            task, follow_up = await services.tasks.set_done(task_id, action == "done",
                                                            origin=ORIGIN)
        shown = [task.id] if follow_up is None else [task.id, follow_up.id]
        prefixes = {} if args.json else await services.tasks.id_prefixes(shown)
    finally:
        await services.close()
    if action == "done" and follow_up is None and task.recurrence and task.due is None:
        # a repeat counts from the due: without one the series ends here, said, not silent
        sys.stderr.write(one_line(
            f"todo-tui: note: {task.title} repeats but has no due, so it has no next "
            "occurrence; give the next one a due to go on (todo-tui edit ID --due ...)") + "\n")
    if args.json:
        # a repeating task's next occurrence has an id of its own: scripts follow it here
        print_json(task.to_json() if follow_up is None
                   else {**task.to_json(), "next": follow_up.to_json()})
        return 0
    verb = {"rm": "deleted", "done": "done", "undone": "reopened"}[action]
    print_line(f"{verb}: {describe_task(task, prefix=prefixes.get(task.id))}")
    if follow_up is not None:
        print_line(f"next:  {describe_task(follow_up, prefix=prefixes.get(follow_up.id))}")
    return 0


async def cmd_done(url: str, args: argparse.Namespace) -> int:
    return await _change(url, args, "done")


async def cmd_undone(url: str, args: argparse.Namespace) -> int:
    return await _change(url, args, "undone")


async def cmd_rm(url: str, args: argparse.Namespace) -> int:
    return await _change(url, args, "rm")


async def cmd_demo(url: str, args: argparse.Namespace) -> int:
    from todo_tui.service.demo import fill_demo

    if args.tasks < 1 or args.tasks > 5_000_000:
        raise UsageError("--tasks takes a number from 1 to 5000000")
    services: Services = await open_services(url)
    try:
        added = await fill_demo(services.db, args.tasks, seed=args.seed, now=clock.now())
    finally:
        await services.close()
    print_line(f"added {count_of(added, 'demo task')}")
    return 0


async def cmd_backup(url: str, args: argparse.Namespace) -> int:
    from pathlib import Path

    from todo_tui.db.backup import backup_now, database_path

    path = database_path(url)
    made = await asyncio.to_thread(backup_now, path, Path(args.path) if args.path else None)
    print_line(f"backed up {path} to {made}")
    return 0


async def cmd_restore(url: str, args: argparse.Namespace) -> int:
    from pathlib import Path

    from todo_tui.db.backup import database_path, restore
    from todo_tui.errors import TodoError

    path, source = database_path(url), Path(args.file).expanduser()
    if not source.is_file():
        raise UsageError(f"there is no backup file at {source}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("restore replaces the database: run it on a terminal to confirm, "
                             "or pass --yes")
        sys.stderr.write(one_line(f"Replace {path} with {source}?") + "\n"
                         "The current database is backed up first. [y/N] ")
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            raise TodoError("restore cancelled; nothing was changed")
    previous = await asyncio.to_thread(restore, path, source)
    print_line(f"restored {path} from {source}")
    if previous is not None:
        print_line(f"the previous database is kept in {previous}")
    return 0


def confirm(question: str, what: str) -> None:
    """Ask on the terminal before a change; without one, refuse (exit 2): --yes is needed."""
    if not sys.stdin.isatty():
        raise UsageError(f"{what}: run it on a terminal to confirm, or pass --yes")
    sys.stderr.write(one_line(question) + " [y/N] ")
    sys.stderr.flush()
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise TodoError("cancelled; nothing was changed")


def describe_operation(operation: domain.Operation) -> str:
    """One line of the history: id, local time, origin, what; marked when undone."""
    when = operation.at.astimezone(clock.now().tzinfo).strftime("%Y-%m-%d %H:%M")
    mark = "  (undone)" if operation.undone else "  (passed over)" if operation.passed_over else ""
    return one_line(f"{operation.id:>6}  {when}  {operation.origin:<12}  "
                    f"{operation.summary}{mark}")


async def cmd_history(url: str, args: argparse.Namespace) -> int:
    if args.n < 1:
        raise UsageError("-n takes a number of changes, 1 or more")
    services = await open_services(url)
    try:
        found = await services.history.recent(args.n)
    finally:
        await services.close()
    if args.json:
        print_json([operation.to_json() for operation in found])
        return 0
    for operation in found:
        print_line(describe_operation(operation))
    if not found:
        sys.stderr.write("todo-tui: no changes recorded yet\n")
    return 0


async def _undo_or_redo(url: str, args: argparse.Namespace, redo: bool) -> int:
    verb = "redo" if redo else "undo"
    services = await open_services(url)
    try:
        history = services.history
        pass_over = None if redo else args.pass_over
        operation = await (history.peek_redo() if redo
                           else history.peek_undo(pass_over=pass_over))
        if not args.yes:
            confirm(f"{verb.capitalize()}: {describe_operation(operation).strip()}?",
                    f"{verb} changes the database")
        if redo:
            done = await history.redo(operation_id=operation.id)
        else:
            try:
                done = await history.undo(operation_id=operation.id, pass_over=pass_over)
            except UndoRefused as exc:
                raise UndoRefused(
                    f"cannot undo change {exc.operation_id} ({exc.summary}): {exc}. "
                    f"'todo-tui undo --pass-over {exc.operation_id}' leaves it as it is and "
                    "undoes the change before it", exc.operation_id, exc.summary) from None
    finally:
        await services.close()
    print_line(one_line(f"{'redid' if redo else 'undid'}: {done.summary}"))
    return 0


async def cmd_undo(url: str, args: argparse.Namespace) -> int:
    return await _undo_or_redo(url, args, redo=False)


async def cmd_redo(url: str, args: argparse.Namespace) -> int:
    return await _undo_or_redo(url, args, redo=True)


async def cmd_trash(url: str, args: argparse.Namespace) -> int:
    action = getattr(args, "trash_command", None)
    services = await open_services(url)
    try:
        if action == "restore":
            task = await services.tasks.restore(await services.tasks.resolve_id(args.id),
                                                origin=ORIGIN)
            if args.json:
                print_json(task.to_json())
            else:
                print_line(f"restored: {describe_task(task)}")
            return 0
        if action == "empty":
            count = (await services.tasks.counts(clock.now().date())).trash
            if not args.yes:
                confirm(f"Delete the {count_of(count, 'task')} in the trash for good?",
                        "emptying the trash deletes for good")
            emptied = await services.tasks.empty_trash(origin=ORIGIN)
            print_line(f"deleted {count_of(emptied, 'task')} for good")
            return 0
        tasks = await _trashed(services)
    finally:
        await services.close()
    if args.json:
        print_json([{**task.to_json(), "trashed_at": None if task.trashed_at is None
                     else task.trashed_at.isoformat()} for task in tasks])
        return 0
    today = clock.now().date()
    for task in tasks:
        when = "" if task.trashed_at is None else task.trashed_at.astimezone(
            clock.now().tzinfo).strftime("%Y-%m-%d %H:%M")
        print_line(f"{describe_task(task, today)}  [trashed {when}]")
    if not tasks:
        sys.stderr.write("todo-tui: the trash is empty\n")
    return 0


async def _trashed(services: Services) -> list[domain.Task]:
    from todo_tui.service.tasks import MAX_PAGE

    ref = domain.ListRef(domain.ListKind.TRASH)
    today = clock.now().date()
    found: list[domain.Task] = []
    while True:
        page = await services.tasks.page(ref, today=today, offset=len(found), limit=MAX_PAGE)
        found.extend(page.tasks)
        if not page.tasks or len(found) >= page.total:
            return found
