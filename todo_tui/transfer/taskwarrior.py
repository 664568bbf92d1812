"""taskwarrior: the JSON of `task export`, read by `task import` (GothenburgBitFactory/
taskwarrior doc/devel/rfcs/task.md).

uuid -> source id; description -> title; annotations -> notes (one line each; the
annotations with their stamps are kept too); project -> category (a dotted sub-project
`home.garden` is one category of that name); tags -> tags; priority H/M/L (priorities.py);
due -> due (local midnight is a whole day); entry -> created; end -> completed (or trashed:
status deleted goes to the trash, from the import on); recur -> a repeat (RECUR below). A
recurring series is its template (status `recurring`): it becomes one repeating task; its
pending instances (`parent` set) are skipped, its completed ones kept as done tasks (the
`parent` of such an occurrence is a recurring template, not a subtask link: it stays in
extras). scheduled -> start (its local day; an instant that is not local midnight is kept
too, and written back while the start is that day); on export a start is written as
`scheduled` at local midnight. `wait` (the task is hidden until then) is not our start: it
is kept, like everything else (until, depends, parent, mask/imask, start - the moment work
began -, user-defined attributes), in extras and written back on export to taskwarrior.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any, TextIO

from todo_tui.domain import Priority
from todo_tui.transfer import priorities
from todo_tui.transfer.dates import taskwarrior_date, taskwarrior_text
from todo_tui.transfer.jsonstream import values
from todo_tui.transfer.record import REPEAT as REPEAT_COLUMNS
from todo_tui.transfer.record import (
    Exported,
    FormatError,
    Record,
    due_from_instant,
    due_instant,
    local_midnight,
)

SOURCE = "taskwarrior"
# taskwarrior's own fields that we map, or that it computes (never kept: id, urgency)
MAPPED = {"uuid", "description", "status", "project", "tags", "priority", "due", "entry",
          "end", "modified", "recur", "id", "urgency"}
# a named `recur` and its RRULE; `Nd`, `Nw`, `Nmo`, `Nq`, `Ny` (and long forms) too
RECUR = {
    "daily": "FREQ=DAILY", "day": "FREQ=DAILY",
    "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "weekly": "FREQ=WEEKLY", "week": "FREQ=WEEKLY",
    "biweekly": "FREQ=WEEKLY;INTERVAL=2", "fortnight": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY", "month": "FREQ=MONTHLY",
    "bimonthly": "FREQ=MONTHLY;INTERVAL=2",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "semiannual": "FREQ=MONTHLY;INTERVAL=6",
    "yearly": "FREQ=YEARLY", "annual": "FREQ=YEARLY", "year": "FREQ=YEARLY",
    "biannual": "FREQ=YEARLY;INTERVAL=2", "biyearly": "FREQ=YEARLY;INTERVAL=2",
}
UNITS = {"d": "DAILY", "day": "DAILY", "days": "DAILY", "w": "WEEKLY", "wk": "WEEKLY",
         "wks": "WEEKLY", "week": "WEEKLY", "weeks": "WEEKLY", "mo": "MONTHLY",
         "mos": "MONTHLY", "month": "MONTHLY", "months": "MONTHLY", "q": "QUARTER",
         "qtr": "QUARTER", "qtrs": "QUARTER", "quarter": "QUARTER", "quarters": "QUARTER",
         "y": "YEARLY", "yr": "YEARLY", "yrs": "YEARLY", "year": "YEARLY",
         "years": "YEARLY"}
ISO = re.compile(r"P(\d+)([DWMY])", re.IGNORECASE)
# our repeat as an attribute of ours (an orphan UDA to taskwarrior, which keeps it), written
# when `recur` cannot say it: no due (taskwarrior recurs from the due), a done task, a rule
# `recur` has no word for, or a repeat from the completion: `FREQ=...` [` completion`]
REPEAT = "todotui_repeat"
FROM_COMPLETION = "completion"
OUT = {"DAILY": ("daily", "d"), "WEEKLY": ("weekly", "w"), "MONTHLY": ("monthly", "mo"),
       "YEARLY": ("yearly", "y")}


def sniff(head: str) -> bool:
    text = head.lstrip()
    return text[:1] in "[{" and '"uuid"' in head and '"description"' in head \
        and '"status"' in head


def rrule_of(recur: str) -> str | None:
    """The RRULE of a taskwarrior `recur`, None when it has no counterpart (kept in extras)."""
    text = recur.strip().lower()
    if text in RECUR:
        return RECUR[text]
    iso = ISO.fullmatch(text)
    if iso:
        count, unit = int(iso[1]), iso[2].upper()
        freq = {"D": "DAILY", "W": "WEEKLY", "M": "MONTHLY", "Y": "YEARLY"}[unit]
    else:
        found = re.fullmatch(r"(\d*)\s*([a-z]+)", text)
        if not found or found[2] not in UNITS:
            return None
        count, freq = int(found[1] or 1), UNITS[found[2]]
    if count < 1:
        return None
    if freq == "QUARTER":
        freq, count = "MONTHLY", count * 3
    return f"FREQ={freq}" + (f";INTERVAL={count}" if count != 1 else "")


def recur_of(rule: str) -> str | None:
    """The taskwarrior `recur` of our RRULE; None when it has no counterpart."""
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    if rule == RECUR["weekdays"]:
        return "weekdays"
    if set(parts) - {"FREQ", "INTERVAL"} or parts.get("FREQ") not in OUT:
        return None
    interval = int(parts.get("INTERVAL", "1"))
    name, unit = OUT[parts["FREQ"]]
    return name if interval == 1 else f"{interval}{unit}"


def _date(task: dict[str, Any], name: str, where: str) -> Any:
    try:
        return taskwarrior_date(task[name])
    except (ValueError, TypeError, OverflowError):
        raise FormatError(f"{where}: {name}: not a taskwarrior date: {task[name]!r}") from None


def read(stream: TextIO, name: str, tz: str) -> Iterator[Record]:
    for index, line, task in values(stream, name):
        yield record_of(task, f"{name}, line {line}, record {index}", tz)


def record_of(task: Any, where: str, tz: str) -> Record:
    if not isinstance(task, dict):
        raise FormatError(f"{where}: a task is a JSON object, not {type(task).__name__}")
    for needed in ("uuid", "description", "status"):
        if not isinstance(task.get(needed), str):
            raise FormatError(f"{where}: no {needed} (taskwarrior writes it for every task)")
    status = task["status"]
    if status not in ("pending", "completed", "deleted", "waiting", "recurring"):
        raise FormatError(f"{where}: unknown status {status!r}")
    extras = {key: value for key, value in task.items() if key not in MAPPED}
    record = Record(source=SOURCE, source_id=task["uuid"], title=task["description"],
                    where=where, extras=extras, ours=task["uuid"].replace("-", "").lower())
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list):
        raise FormatError(f"{where}: annotations: not a list")
    record.notes = "\n".join(str(note.get("description", "")) for note in annotations
                             if isinstance(note, dict))
    project = task.get("project")
    if project is not None:
        record.category = str(project)
    tags = task.get("tags") or []
    if isinstance(tags, str):
        tags = tags.split(",")
    record.tags = tuple(str(tag) for tag in tags)
    priority = task.get("priority")
    if priority is not None:
        if priority in priorities.TASKWARRIOR:
            record.priority = priorities.TASKWARRIOR[priority]
        else:
            extras["priority"] = priority  # a user-defined priority value
    if "due" in task:
        record.due = due_from_instant(_date(task, "due", where), tz)
    if "scheduled" in task:
        scheduled = due_from_instant(_date(task, "scheduled", where), tz)
        record.start = scheduled.day
        if scheduled.at is None:
            del extras["scheduled"]  # the start says it all
    if "entry" in task:
        record.created_at = _date(task, "entry", where)
    if "modified" in task:
        record.updated_at = _date(task, "modified", where)
    end = _date(task, "end", where) if "end" in task else None
    if status == "completed":
        record.done = True
        record.completed_at = end
    elif status == "deleted":
        # into the trash now (kept there the trash's 30 days from the import); its `end`, when
        # it was deleted in taskwarrior, is kept in extras
        record.trashed = True
        if end is not None:
            extras["end"] = task["end"]
        if "parent" in task:
            record.skip = "a deleted occurrence of a repeating task"
    elif "parent" in task and status in ("pending", "waiting"):
        record.skip = "an occurrence of a repeating task (its template is imported)"
    if "recur" in task:
        rule = rrule_of(str(task["recur"]))
        if rule is None or "parent" in task:
            extras["recur"] = task["recur"]  # an occurrence's, or one we cannot say
        else:
            record.recurrence = rule
    if status == "recurring" and record.recurrence is None:
        extras["status"] = status
    _our_repeat(task, record)
    return record


def _our_repeat(task: dict[str, Any], record: Record) -> None:
    """Our REPEAT attribute back into the repeat (unless `recur` was changed in taskwarrior
    since), and a repeat the record cannot say (no due, done) left as it is."""
    ours = record.extras.pop(REPEAT, None)
    if isinstance(ours, str) and ours.strip():
        rule, _, how = ours.strip().partition(" ")
        recur = task.get("recur")
        if recur is None or "parent" in task or rrule_of(str(recur)) is None \
                or recur_of(rule) == str(recur).strip().lower():
            record.recurrence, record.from_completion = rule, how == FROM_COMPLETION
            if record.extras.get("recur") == recur:
                record.extras.pop("recur", None)
            return
    if record.recurrence is None and (record.due is None or record.done or record.trashed):
        record.keep = REPEAT_COLUMNS


def uuid_of(task: Exported) -> str:
    """The task's taskwarrior uuid: the one it came with, else its own id as a UUID."""
    if task.source == SOURCE and task.source_id:
        return task.source_id
    return str(uuid.UUID(hex=task.id))


def exported(task: Exported, tz: str) -> dict[str, Any]:
    """The task as `task import` reads it."""
    out: dict[str, Any] = dict(task.own_extras(SOURCE))
    out["uuid"] = uuid_of(task)
    out["description"] = task.title
    out["entry"] = taskwarrior_text(task.created_at)
    out["modified"] = taskwarrior_text(task.updated_at)
    if task.trashed:
        out["status"] = "deleted"
        out.setdefault("end", taskwarrior_text(task.trashed_at or task.updated_at))
    elif task.done:
        out["status"] = "completed"
        out["end"] = taskwarrior_text(task.completed_at or task.updated_at)
    else:
        out["status"] = out.get("status") if out.get("status") == "recurring" else "pending"
        out.pop("end", None)
    if task.category:
        out["project"] = task.category
    if task.tags:
        out["tags"] = list(task.tags)
    if task.priority is not Priority.NONE:
        out["priority"] = priorities.TASKWARRIOR_OUT[task.priority]
    elif out.get("priority") in priorities.TASKWARRIOR:
        del out["priority"]
    if task.due is not None:
        out["due"] = taskwarrior_text(due_instant(task.due, tz))
    _scheduled(out, task, tz)
    out.pop(REPEAT, None)
    if task.recurrence and not task.done and not task.trashed:
        recur = recur_of(task.recurrence)
        if recur is not None and task.due is not None:
            out["recur"] = recur
            out["status"] = "recurring"
            out.setdefault("mask", "")
    if task.recurrence and not _says_it(out.get("recur"), task):
        out[REPEAT] = task.recurrence + (f" {FROM_COMPLETION}" if task.from_completion else "")
    out["annotations"] = _annotations(task, out.get("annotations"))
    if not out["annotations"]:
        del out["annotations"]
    return out


def _says_it(recur: Any, task: Exported) -> bool:
    """Whether `recur` alone gives the task's repeat back on import."""
    from todo_tui.recurrence.rule import stored_rule

    if not isinstance(recur, str) or task.from_completion or task.due is None:
        return False
    rule = rrule_of(recur)
    return rule is not None and stored_rule(rule, task.due.day, False) == task.recurrence


def _scheduled(out: dict[str, Any], task: Exported, tz: str) -> None:
    """The start as `scheduled`: the kept instant while it is on that day, else midnight."""
    kept = out.pop("scheduled", None)
    if task.start is None:
        return
    if kept is not None:
        try:
            if due_from_instant(taskwarrior_date(kept), tz).day == task.start:
                out["scheduled"] = kept
                return
        except (ValueError, TypeError, OverflowError):
            pass
    out["scheduled"] = taskwarrior_text(local_midnight(task.start, tz))


def _annotations(task: Exported, kept: Any) -> list[dict[str, str]]:
    if isinstance(kept, list) and "\n".join(
            str(note.get("description", "")) for note in kept if isinstance(note, dict)
    ) == task.notes:
        return kept
    stamp = taskwarrior_text(task.updated_at)
    return [{"entry": stamp, "description": line} for line in task.notes.splitlines()
            if line.strip()]


class Writer:
    """A JSON array, one task a line, as `task export` writes it."""

    def __init__(self, out: TextIO, tz: str) -> None:
        self.out, self.tz, self.count = out, tz, 0
        out.write("[\n")

    def add(self, task: Exported) -> None:
        self.out.write(("," if self.count else "")
                       + json.dumps(exported(task, self.tz), ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        self.out.write("]\n")
