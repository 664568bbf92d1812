"""`todo-tui import` and `todo-tui export`. Importing this module costs only argparse (cli.py
builds its parser at every start, the TUI's too); the work is imported when a command runs."""

from __future__ import annotations

import argparse
from typing import Any

IMPORT_FORMATS = ("taskwarrior", "todotxt", "ical", "todoist", "dooit", "json")
EXPORT_FORMATS = ("taskwarrior", "todotxt", "ical", "todoist", "json")


def add_commands(commands: Any) -> None:
    """Add `import` and `export` to the `todo-tui` sub-command parsers."""
    imp = commands.add_parser(
        "import", help="import tasks from taskwarrior, todo.txt, iCalendar, Todoist, dooit",
        description="Import tasks from files (or - for standard input). The format is "
        "recognised from the content unless --format is given. All or nothing: a malformed "
        "file changes nothing. Running it again updates what changed and adds no duplicates; "
        "todo-tui undo removes one import.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH",
                     help="a file, a folder of .ics files (todoman, vdirsyncer), or -")
    imp.add_argument("--format", choices=IMPORT_FORMATS, help="the format of every PATH")
    imp.add_argument("--dry-run", action="store_true",
                     help="say what would be added and updated; write nothing")
    imp.set_defaults(run=cmd_import)
    exp = commands.add_parser(
        "export", help="export tasks for taskwarrior, todo.txt, iCalendar, Todoist or as JSON",
        description="Write every task (done ones too), or those QUERY finds (the search "
        "language), to standard output or --output. iCalendar to a folder writes one .ics "
        "per task, named after its UID, as todoman and vdirsyncer keep them.",
    )
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--output", metavar="PATH",
                     help="a file (replaced), or for ical a folder (made when missing)")
    exp.add_argument("query", nargs="*", metavar="QUERY", help="a search, e.g. '#work is:open'")
    exp.set_defaults(run=cmd_export)


def _fail(message: str) -> Exception:
    from todo_tui.transfer.record import FormatError

    return FormatError(message)


def _reader(path: str, fmt: str | None, tz: str) -> tuple[str, Any]:
    """(format, records) for one PATH; the records are read lazily."""
    import io
    import sys
    from pathlib import Path

    from todo_tui.transfer import detect

    if path == "-":
        raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else \
            sys.stdin.read().encode("utf-8")
        if raw.startswith(detect.SQLITE_MAGIC):
            raise _fail("standard input: a dooit database is read from its file, not from -")
        text = raw.decode("utf-8", "replace")
        fmt = fmt or detect.detect_text(text[:detect.HEAD], "standard input")
        return fmt, detect.read_stream(fmt, io.StringIO(text), "standard input", tz)
    file = Path(path)
    if file.is_dir():
        if fmt not in (None, "ical"):
            raise _fail(f"{path}: a folder can only be read as ical (a vdir of .ics files)")
        if not any(file.glob("*.ics")):
            raise _fail(f"{path}: a folder with no .ics file in it")
        from todo_tui.transfer import ical

        return "ical", ical.read_dir(file, tz)
    if not file.exists():
        raise _fail(f"{path}: no such file")
    fmt = fmt or detect.detect_file(file)
    return fmt, detect.read_file(fmt, file, tz)


async def cmd_import(url: str, args: argparse.Namespace) -> int:
    from itertools import chain
    from pathlib import Path

    from todo_tui import clock
    from todo_tui.printing import print_line
    from todo_tui.service import open_services
    from todo_tui.shell.common import ORIGIN
    from todo_tui.transfer.record import FormatError
    from todo_tui.transfer.store import import_records

    tz = clock.local_zone_name()
    readers = [_reader(path, args.format, tz) for path in args.paths]
    formats = sorted({fmt for fmt, _records in readers})
    names = [Path(path).name or path for path in args.paths]
    label = f"{', '.join(formats)} from " + (
        ", ".join(names) if len(names) <= 3 else f"{names[0]} and {len(names) - 1} more")
    services = await open_services(url)
    try:
        summary = await import_records(
            services.db, chain.from_iterable(records for _fmt, records in readers),
            label=label, origin=ORIGIN, dry_run=args.dry_run)
    except FormatError as exc:
        raise FormatError(f"{exc}; nothing was imported") from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text ({exc.reason} at byte {exc.start}); "
                          "nothing was imported") from None
    finally:
        await services.close()
    for line in summary.lines(args.dry_run):
        print_line(line)
    return 0


async def cmd_export(url: str, args: argparse.Namespace) -> int:
    import os
    import sys
    import tempfile
    from pathlib import Path

    from todo_tui import clock
    from todo_tui.search.parse import parse_query
    from todo_tui.service import open_services
    from todo_tui.transfer import detect
    from todo_tui.transfer.outgoing import exported_tasks

    tz = clock.local_zone_name()
    query = parse_query(" ".join(args.query)) if args.query else None
    target = Path(args.output) if args.output else None
    folder = None
    if args.format == "ical" and target is not None and (
            target.is_dir() or args.output.endswith(os.sep)):
        folder = target
        folder.mkdir(parents=True, exist_ok=True)
    services = await open_services(url)
    try:
        if target is None or folder is not None:
            writer = detect.writer(args.format, sys.stdout, tz, folder)
            async for task in exported_tasks(services.db, query,
                                             trashed=args.format in detect.WITH_TRASH):
                writer.add(task)
            writer.close()
        else:
            handle, temporary = tempfile.mkstemp(dir=target.parent or Path("."),
                                                 prefix=f".{target.name}.")
            try:
                newline = "" if args.format == "todoist" else None
                with open(handle, "w", encoding="utf-8", newline=newline) as out:
                    writer = detect.writer(args.format, out, tz, None)
                    async for task in exported_tasks(services.db, query,
                                                     trashed=args.format in detect.WITH_TRASH):
                        writer.add(task)
                    writer.close()
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
    finally:
        await services.close()
    if target is not None:
        sys.stderr.write(f"todo-tui: exported {writer.count} tasks to {target}\n")
    return 0
