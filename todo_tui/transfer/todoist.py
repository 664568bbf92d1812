"""Todoist's CSV template (Todoist help: "Format a CSV file to import into Todoist").

A CSV is one project: its file name becomes the category. `task` rows are tasks: CONTENT ->
title, its `@labels` -> tags; DESCRIPTION -> notes; PRIORITY 1 (p1, most urgent) .. 4 (p4,
none) -> priority (priorities.py; an empty cell is none); DATE, in Todoist's words, is read
with our quick-capture grammar (`tomorrow`, `every day`, `2026-12-10`) into due and repeat,
and kept as written; INDENT 2+ makes a subtask of the task above it (transfer/links.py),
and a subtask is exported with its depth as INDENT when it comes right after its parent's
tree (else at INDENT 1: Todoist reads a subtask from the rows above it); a `note` row is a
comment on the task above: it is added to its notes; a
`section` row names the section of the tasks below (kept in extras). The other columns
(AUTHOR, RESPONSIBLE, DURATION, DEADLINE, ...) are kept in extras. The CSV has no ids: a task
is the same as another when its section and CONTENT are (the source id is their digest).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from todo_tui.transfer import priorities
from todo_tui.transfer.record import PARENT, Exported, FormatError, Record

SOURCE = "todoist"
COLUMNS = ["TYPE", "CONTENT", "DESCRIPTION", "PRIORITY", "INDENT", "AUTHOR", "RESPONSIBLE",
           "DATE", "DATE_LANG", "TIMEZONE", "DURATION", "DURATION_UNIT", "DEADLINE",
           "DEADLINE_LANG"]
MAPPED = {"TYPE", "CONTENT", "DESCRIPTION", "PRIORITY", "INDENT"}


def sniff(head: str) -> bool:
    first = head.lstrip("\ufeff").split("\n", 1)[0].upper()
    return first.startswith("TYPE,") and "CONTENT" in first


def _date(text: str, tz: str) -> Any:
    """Due and repeat of a Todoist DATE, read with the quick-capture grammar; None when it
    says more than a date and a repeat."""
    from todo_tui import clock
    from todo_tui.capture import parse

    marker = "todoisttaskmarker"
    capture = parse(f"{marker} {text}", now=clock.now(), tz=tz)
    if capture.title != marker:
        return None
    return capture


def read(stream: TextIO, name: str, tz: str) -> Iterator[Record]:
    rows = csv.DictReader(stream)
    if rows.fieldnames is None or "CONTENT" not in rows.fieldnames \
            or "TYPE" not in rows.fieldnames:
        raise FormatError(f"{name}: not Todoist's CSV (no TYPE and CONTENT columns)")
    project = None if name == "standard input" else Path(name).stem
    section = ""
    pending: Record | None = None
    parents: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, 2):
        where = f"{name}:{number}"
        if None in row:
            raise FormatError(f"{where}: more cells than the header has columns")
        kind = (row.get("TYPE") or "").strip().lower()
        content = (row.get("CONTENT") or "").strip()
        if kind == "note":
            if pending is None:
                raise FormatError(f"{where}: a note with no task above it")
            pending.notes = (pending.notes + "\n\n" if pending.notes else "") + content
            pending.extras.setdefault("notes", []).append(content)
            continue
        if pending is not None:
            yield pending
            pending = None
        if kind == "section":
            section = content
            continue
        if kind == "":
            continue  # the template's empty lines
        if kind != "task":
            raise FormatError(f"{where}: TYPE {kind!r} is not task, section or note")
        pending = _task(row, where, tz, project, section, parents, seen)
    if pending is not None:
        yield pending


def _task(row: dict[str, Any], where: str, tz: str, project: str | None, section: str,
          parents: list[str], seen: dict[str, int]) -> Record:
    content = (row.get("CONTENT") or "").strip()
    key = hashlib.sha1(f"{section}\x1f{content}".encode()).hexdigest()
    seen[key] = seen.get(key, 0) + 1
    if seen[key] > 1:
        key += f":{seen[key]}"
    extras: dict[str, Any] = {name: value for name, value in row.items()
                              if name not in MAPPED and value}
    if section:
        extras["section"] = section
    words = content.split()
    tags = tuple(word[1:] for word in words if len(word) > 1 and word[0] == "@")
    title = " ".join(word for word in words if not (len(word) > 1 and word[0] == "@"))
    record = Record(source=SOURCE, source_id=key, title=title or content, where=where,
                    notes=(row.get("DESCRIPTION") or "").strip(), tags=tags,
                    category=project, extras=extras)
    priority = (row.get("PRIORITY") or "").strip()
    if priority:
        if not priority.isdigit() or int(priority) not in priorities.TODOIST:
            raise FormatError(f"{where}: PRIORITY {priority!r} is not 1, 2, 3 or 4")
        record.priority = priorities.TODOIST[int(priority)]
    indent_text = (row.get("INDENT") or "1").strip() or "1"
    if not indent_text.isdigit() or int(indent_text) < 1:
        raise FormatError(f"{where}: INDENT {indent_text!r} is not 1, 2, 3, ...")
    indent = int(indent_text)
    del parents[indent - 1:]
    if indent > 1:
        if len(parents) < indent - 1:
            raise FormatError(f"{where}: INDENT {indent} under no task of INDENT {indent - 1}")
        extras[PARENT] = parents[-1]
        extras["INDENT"] = indent
    parents.append(key)
    date = (row.get("DATE") or "").strip()
    if date:
        capture = _date(date, tz)
        if capture is not None:
            record.due = capture.due
            record.recurrence = capture.recurrence
            record.from_completion = capture.recurrence_from_completion
    return record


def _date_words(task: Exported) -> str:
    from todo_tui.capture import describe_rrule

    kept = task.own_extras(SOURCE).get("DATE")
    if kept:
        return str(kept)
    words = []
    if task.recurrence:
        words.append(describe_rrule(task.recurrence, task.from_completion))
    if task.due is not None:
        local = task.due.local()
        words.append(task.due.day.isoformat() if local is None
                     else f"{task.due.day.isoformat()} {local:%H:%M}")
    return " ".join(words) if not task.recurrence or task.due is None else \
        f"{words[0]} starting {words[1]}"


class Writer:
    """Todoist's CSV template: a header, then one `task` row per task (its notes as notes)."""

    def __init__(self, out: TextIO, tz: str) -> None:
        self.rows = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        self.rows.writeheader()
        self.count = 0
        self.path: list[str] = []  # the ids of the last row and its ancestors, top first

    def add(self, task: Exported) -> None:
        extras = task.own_extras(SOURCE)
        content = " ".join([task.title] + ["@" + tag for tag in task.tags])
        row = {name: value for name, value in extras.items() if name in COLUMNS}
        notes = [str(note) for note in extras.get("notes") or []]
        description = task.notes
        joined = "\n\n".join(notes)
        if notes and description.endswith(joined):
            description = description[:-len(joined)].rstrip("\n")
        else:
            notes = []
        row.update(TYPE="task", CONTENT=content, DESCRIPTION=description,
                   PRIORITY=priorities.TODOIST_OUT[task.priority], INDENT=self._indent(task),
                   DATE=_date_words(task))
        self.rows.writerow(row)
        for note in notes:
            self.rows.writerow({"TYPE": "note", "CONTENT": note})
        self.count += 1

    def _indent(self, task: Exported) -> int:
        if task.parent_id is not None and task.parent_id in self.path:
            del self.path[self.path.index(task.parent_id) + 1:]
        else:
            self.path.clear()
        self.path.append(task.id)
        return len(self.path)

    def close(self) -> None:
        pass



