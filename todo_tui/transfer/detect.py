"""Which format a file is in, recognised from its content, and each format's reader and
writer by name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from todo_tui.transfer.record import FormatError, Record

SQLITE_MAGIC = b"SQLite format 3\x00"
HEAD = 1 << 16
# what JSON starts with: an object's key or end, an array's first value or end (TOML's
# `[table]` is not JSON)
JSON_START = re.compile(r'\A\ufeff?\s*(?:\{\s*["}]|\[\s*(?:[\[{"\]\d-]|true|false|null))')
# exports that have a place for a task in the trash (taskwarrior: status deleted)
WITH_TRASH = ("json", "taskwarrior")


def detect_text(head: str, name: str) -> str:
    """The format of a text whose first HEAD characters are `head`."""
    from todo_tui.transfer import ical, jsonfmt, taskwarrior, todoist, todotxt

    for fmt, module in (("ical", ical), ("json", jsonfmt), ("taskwarrior", taskwarrior),
                        ("todoist", todoist)):
        if module.sniff(head):
            return fmt
    if JSON_START.match(head):
        raise FormatError(f"{name}: JSON, but neither taskwarrior's export nor ours "
                          "(use --format to say which)")
    if todotxt.sniff(head, name):
        return "todotxt"
    raise FormatError(f"cannot tell the format of {name}; use --format")


def detect_file(path: Path) -> str:
    with path.open("rb") as file:
        raw = file.read(HEAD)
    if raw.startswith(SQLITE_MAGIC):
        return "dooit"
    if not raw.strip():
        raise FormatError(f"{path}: the file is empty")
    return detect_text(raw.decode("utf-8", "replace"), str(path))


def read_stream(fmt: str, stream: TextIO, name: str, tz: str) -> Iterator[Record]:
    from importlib import import_module

    if fmt == "dooit":
        raise FormatError(f"{name}: a dooit database is read from its file")
    module = import_module(f"todo_tui.transfer.{MODULES[fmt]}")
    return module.read(stream, name, tz)  # type: ignore[no-any-return]


def read_file(fmt: str, path: Path, tz: str) -> Iterator[Record]:
    """The records of a file, read when iterated (the file is opened then, and closed)."""
    if fmt == "dooit":
        from todo_tui.transfer import dooit

        yield from dooit.read(path, tz)
        return
    newline = "" if fmt == "todoist" else None  # the csv module reads line ends itself
    with path.open(encoding="utf-8-sig", newline=newline) as stream:
        yield from read_stream(fmt, stream, str(path), tz)


MODULES = {"taskwarrior": "taskwarrior", "todotxt": "todotxt", "ical": "ical",
           "todoist": "todoist", "json": "jsonfmt", "dooit": "dooit"}


def writer(fmt: str, out: TextIO, tz: str, folder: Path | None) -> Any:
    from importlib import import_module

    module = import_module(f"todo_tui.transfer.{MODULES[fmt]}")
    if fmt == "ical":
        return module.Writer(out, tz, folder)
    return module.Writer(out, tz)
