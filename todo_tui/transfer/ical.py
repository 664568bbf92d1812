"""iCalendar VTODOs (RFC 5545), in one `.ics` file or a folder of them as todoman and
vdirsyncer keep it (one VTODO a file), read and written with python's `icalendar`.

UID -> source id; SUMMARY -> title; DESCRIPTION -> notes; DUE (a DATE is a whole day, a
DATE-TIME keeps its TZID, or the local zone) -> due; PRIORITY 1-9 -> priority
(priorities.py); STATUS COMPLETED -> done (CANCELLED -> the trash, from the import on);
COMPLETED -> completed; CREATED -> created; CATEGORIES -> tags; RRULE -> repeat;
X-TODO-TUI-CATEGORY, or the folder's name for a vdir, -> category; RELATED-TO with
RELTYPE=PARENT (or no RELTYPE, as todoman writes it) -> the parent: the task becomes a
subtask of the VTODO with that UID (transfer/links.py), and is written back as
RELATED-TO;RELTYPE=PARENT. Every other property (DTSTART, other RELATED-TOs,
PERCENT-COMPLETE, X-...) is kept in extras as its content line and written back on export.
DTSTART -> start (its local day; a DATE-TIME that is not local midnight is kept too, and
written back while the start is that day); a start is written as DTSTART, a DATE, or local
midnight when the DUE has a time (RFC 5545: the same value type as DUE). DURATION (or our
X-TODO-TUI-DURATION) -> duration in whole minutes. RFC 5545 lets a VTODO have DURATION only
with DTSTART and without DUE, so a duration is written as DURATION then, else as
X-TODO-TUI-DURATION. DUE minus DTSTART is not read as a duration: it is how long a task is
open, not how long it takes.
A VTODO with DTSTART and RRULE and no DUE is due at its DTSTART (RFC 5545: the series is
anchored there, its first occurrence), unless our X-TODO-TUI-NO-DUE says it has no due.
VEVENTs and other components are skipped and counted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from todo_tui.domain import Due, Priority
from todo_tui.transfer import priorities
from todo_tui.transfer.record import (
    PARENT,
    Exported,
    FormatError,
    Record,
    due_from_instant,
    local_midnight,
)

SOURCE = "ical"
CATEGORY = "X-TODO-TUI-CATEGORY"
DURATION = "X-TODO-TUI-DURATION"
# a repeat from the completion (an RRULE steps from DTSTART/DUE): `COMPLETION`
REPEAT_FROM = "X-TODO-TUI-REPEAT-FROM"
# a repeating task of ours without a due (its DTSTART is not the due: see record_of)
NO_DUE = "X-TODO-TUI-NO-DUE"
MAPPED = {"UID", "SUMMARY", "DESCRIPTION", "DUE", "PRIORITY", "STATUS", "COMPLETED",
          "CREATED", "LAST-MODIFIED", "CATEGORIES", "RRULE", CATEGORY, "DTSTAMP", "DTSTART",
          "DURATION", DURATION, REPEAT_FROM, NO_DUE}
# the UID our export gives a task that did not come from iCalendar: our id
OUR_UID = re.compile(r"([0-9a-f]{32})@todo-tui")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def sniff(head: str) -> bool:
    return head.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCALENDAR")


def _instant(value: Any, tz: str) -> datetime:
    if isinstance(value, datetime):
        return (value.replace(tzinfo=ZoneInfo(tz)) if value.tzinfo is None else value)
    return datetime.combine(value, datetime.min.time(), tzinfo=ZoneInfo(tz))


def _due(value: Any, tz: str) -> Due:
    """A DATE is a whole day; a DATE-TIME keeps its TZID's zone, a floating or UTC one is
    read in the local zone (local midnight: a whole day, as todoman writes a date)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return Due.at_local(value.replace(tzinfo=ZoneInfo(tz)), tz)
        zone = getattr(value.tzinfo, "key", None)
        if zone and zone != "UTC":
            try:
                ZoneInfo(zone)
                return Due.at_local(value, zone)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return due_from_instant(value.astimezone(UTC), tz)
    if isinstance(value, date):
        return Due.on(value)
    raise ValueError(f"not a date: {value!r}")


def _line(name: str, value: Any) -> str:
    from icalendar import Parameters
    from icalendar.parser import Contentline

    params = getattr(value, "params", None) or Parameters()
    return str(Contentline.from_parts(name, params, value))


def _start_and_duration(todo: Any, record: Record, tz: str) -> None:
    if "DTSTART" in todo:
        start = _due(todo.decoded("DTSTART"), tz)
        record.start = start.day
        if start.at is not None:  # a time of day: kept, with the day it is on
            record.extras["dtstart"] = [_line("DTSTART", todo["DTSTART"]), start.day.isoformat()]
    for name in ("DURATION", DURATION):
        if name in todo:
            from icalendar.prop import vDuration

            value = todo.decoded(name) if name == "DURATION" \
                else vDuration.from_ical(str(todo[name]))  # type: ignore[no-untyped-call]
            if not isinstance(value, timedelta) or value.total_seconds() < 60:
                raise ValueError(f"{name}: not a duration of a minute or more: {value!r}")
            record.duration_minutes = int(value.total_seconds() // 60)


def _is_parent(link: Any) -> bool:
    return str(getattr(link, "params", {}).get("RELTYPE", "PARENT")).upper() == "PARENT"


def record_of(todo: Any, where: str, tz: str, category: str | None) -> Record:
    uid = str(todo.get("UID", "")).strip()
    if not uid:
        raise FormatError(f"{where}: a VTODO without a UID")
    where = f"{where} (UID {uid})"
    extras: dict[str, Any] = {}
    kept: list[str] = []
    for name, value in todo.property_items(recursive=False, sorted=False):
        if name in ("BEGIN", "END") or name in MAPPED or (name == "RELATED-TO"
                                                           and _is_parent(value)):
            continue
        kept.append(_line(name, value))
    if kept:
        extras["props"] = kept
    related = todo.get("RELATED-TO")
    for link in related if isinstance(related, list) else [related] if related else []:
        if _is_parent(link):
            extras[PARENT] = str(link)  # the parent's UID: made a subtask by links.py
    summary = str(todo.get("SUMMARY", "")).strip()
    record = Record(source=SOURCE, source_id=uid, title=summary, where=where,
                    notes=str(todo.get("DESCRIPTION", "")), extras=extras)
    if (own := OUR_UID.fullmatch(uid)) is not None:
        record.ours = own[1]  # written by our export: that task of ours
    if not summary:
        raise FormatError(f"{where}: no SUMMARY (a task needs a title)")
    try:
        if "DUE" in todo:
            record.due = _due(todo.decoded("DUE"), tz)
        _start_and_duration(todo, record, tz)
        if "COMPLETED" in todo:
            record.completed_at = _instant(todo.decoded("COMPLETED"), tz).astimezone(UTC)
        if "CREATED" in todo:
            record.created_at = _instant(todo.decoded("CREATED"), tz).astimezone(UTC)
        if "LAST-MODIFIED" in todo:
            record.updated_at = _instant(todo.decoded("LAST-MODIFIED"), tz).astimezone(UTC)
        priority = int(str(todo.get("PRIORITY", "0")) or 0)
    except (ValueError, TypeError) as exc:
        raise FormatError(f"{where}: {exc}") from None
    if not 0 <= priority <= 9:
        raise FormatError(f"{where}: PRIORITY {priority} is not 0-9")
    record.priority = priorities.ical(priority)
    if priority not in (0, priorities.ICAL_OUT[record.priority]):
        extras["priority"] = priority
    status = str(todo.get("STATUS", "NEEDS-ACTION")).upper()
    record.done = status == "COMPLETED" or (status != "CANCELLED" and "COMPLETED" in todo)
    if status == "CANCELLED":
        record.trashed = True
    if status not in ("NEEDS-ACTION", "COMPLETED"):
        extras["status"] = status
    tags: list[str] = []
    categories = todo.get("CATEGORIES")
    for item in categories if isinstance(categories, list) else [categories] if categories \
            else []:
        tags += [str(cat).strip() for cat in getattr(item, "cats", [item]) if str(cat).strip()]
    record.tags = tuple(tag.replace(" ", "_") for tag in tags)
    if CATEGORY in todo:  # ours wins over the folder's name; empty: no category
        record.category = str(todo[CATEGORY]).strip() or None
    else:
        record.category = category
    if "RRULE" in todo:
        rule = todo["RRULE"]
        record.recurrence = (rule[0] if isinstance(rule, list) else rule).to_ical().decode()
        record.from_completion = str(todo.get(REPEAT_FROM, "")).upper() == "COMPLETION"
        if record.due is None and "DTSTART" in todo and NO_DUE not in todo:
            # RFC 5545 anchors the recurrence set on DTSTART, its first occurrence: that is
            # the due a repeat steps from (without one, completing it would end the series)
            record.due = _due(todo.decoded("DTSTART"), tz)
    return record


def _components(text: str, where: str, tz: str, category: str | None,
                skipped: list[str]) -> Iterator[Record]:
    from icalendar import Calendar

    _check_nesting(text, where)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except ValueError as exc:
        raise FormatError(f"{where}: not iCalendar: {exc}") from None
    number = 0
    for calendar in calendars:
        for component in calendar.subcomponents:
            number += 1
            if component.name == "VTODO":
                yield record_of(component, f"{where}, component {number}", tz, category)
            elif component.name != "VTIMEZONE":
                skipped.append(str(component.name))


def _check_nesting(text: str, where: str) -> None:
    """Every BEGIN has its END, in order: `icalendar` drops a component left open (a cut
    file) without a word, which would import a truncated file as empty."""
    opened: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        name, colon, value = line.partition(":")
        kind = name.strip().upper()
        if not colon or kind not in ("BEGIN", "END"):
            continue
        component = value.strip().upper()
        if kind == "BEGIN":
            opened.append((component, number))
        elif not opened:
            raise FormatError(f"{where}, line {number}: END:{component} without a BEGIN")
        elif opened[-1][0] != component:
            raise FormatError(f"{where}, line {number}: END:{component} where "
                              f"END:{opened[-1][0]} was due")
        else:
            opened.pop()
    if opened:
        component, number = opened[-1]
        raise FormatError(f"{where}, line {number}: BEGIN:{component} has no "
                          f"END:{component} (the file is cut short?)")
    if not text.strip():
        return
    if not any(line.strip().upper() == "BEGIN:VCALENDAR" for line in text.splitlines()):
        raise FormatError(f"{where}: not iCalendar: no BEGIN:VCALENDAR")


def read(stream: TextIO, name: str, tz: str) -> Iterator[Record]:
    skipped: list[str] = []
    yield from _components(stream.read(), name, tz, None, skipped)
    yield from _skips(skipped, name)


def read_dir(path: Path, tz: str) -> Iterator[Record]:
    """A vdir: every `.ics` file in the folder (todoman's list; its name is the category)."""
    skipped: list[str] = []
    for file in sorted(path.glob("*.ics")):
        yield from _components(file.read_text(encoding="utf-8"), str(file), tz, path.name,
                               skipped)
    yield from _skips(skipped, str(path))


def _skips(skipped: list[str], where: str) -> Iterator[Record]:
    for component in skipped:
        yield Record(source=SOURCE, source_id="", title="", where=where,
                     skip=f"a {component}, not a task")


def uid_of(task: Exported) -> str:
    if task.source == SOURCE and task.source_id:
        return task.source_id
    return f"{task.id}@todo-tui"


def vtodo(task: Exported, tz: str, folder: bool = False) -> Any:
    """The task as a VTODO; in a `folder` (a vdir, whose name is the category of a task
    without one of its own) a task without a category says so with an empty
    X-TODO-TUI-CATEGORY."""
    from icalendar import Todo
    from icalendar.parser import Contentline
    from icalendar.prop import vUnknown

    extras = task.own_extras(SOURCE)
    todo = Todo()
    todo.add("UID", uid_of(task))
    todo.add("DTSTAMP", task.updated_at)
    todo.add("CREATED", task.created_at)
    todo.add("LAST-MODIFIED", task.updated_at)
    todo.add("SUMMARY", task.title)
    if task.notes:
        todo.add("DESCRIPTION", task.notes)
    if task.due is not None:
        local = task.due.local()
        todo.add("DUE", task.due.day if local is None else local)
    if task.priority is not Priority.NONE:
        kept = extras.get("priority")
        same = isinstance(kept, int) and priorities.ical(kept) == task.priority
        todo.add("PRIORITY", kept if same else priorities.ICAL_OUT[task.priority])
    status = extras.get("status")
    if task.trashed:
        todo.add("STATUS", "CANCELLED")
    elif task.done:
        todo.add("STATUS", "COMPLETED")
        todo.add("COMPLETED", (task.completed_at or task.updated_at).astimezone(UTC))
    else:
        todo.add("STATUS", status if status in ("IN-PROCESS",) else "NEEDS-ACTION")
    if task.tags:
        todo.add("CATEGORIES", list(task.tags))
    if task.category:
        todo.add(CATEGORY, task.category)
    elif folder:
        todo.add(CATEGORY, "")
    _write_start(todo, task, extras, tz)
    if task.parent_id is not None:
        parent = task.parent_source_id if task.parent_source == SOURCE \
            and task.parent_source_id else f"{task.parent_id}@todo-tui"
        todo.add("RELATED-TO", parent, parameters={"RELTYPE": "PARENT"})
    if task.recurrence:
        from icalendar.prop import vRecur

        todo.add("RRULE", vRecur.from_ical(task.recurrence))
        if task.from_completion:
            todo.add(REPEAT_FROM, "COMPLETION")
        if task.due is None and task.start is not None:
            todo.add(NO_DUE, "TRUE")
    for line in extras.get("props") or []:
        name, params, value = Contentline(line).parts()  # type: ignore[no-untyped-call, unused-ignore]
        raw = vUnknown(value)
        raw.params = params
        todo.add(name, raw, encode=False)
    return todo


def _write_start(todo: Any, task: Exported, extras: dict[str, Any], tz: str) -> None:
    from icalendar.parser import Contentline
    from icalendar.prop import vDuration, vUnknown

    if task.start is not None:
        kept = extras.get("dtstart")
        if isinstance(kept, list) and len(kept) == 2 and kept[1] == task.start.isoformat():
            name, params, value = Contentline(kept[0]).parts()  # type: ignore[no-untyped-call]
            raw = vUnknown(value)
            raw.params = params
            todo.add(name, raw, encode=False)
        elif task.due is not None and task.due.at is not None:
            todo.add("DTSTART", local_midnight(task.start, task.due.tz or tz).astimezone(
                ZoneInfo(task.due.tz or tz)))
        else:
            todo.add("DTSTART", task.start)
    if task.duration_minutes is not None:
        length = timedelta(minutes=task.duration_minutes)
        if task.start is not None and task.due is None:
            todo.add("DURATION", length)
        else:
            text = vDuration(length).to_ical()  # type: ignore[no-untyped-call]
            todo.add(DURATION, text.decode())


def calendar_of(todos: list[Any]) -> Any:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("PRODID", "-//todo-tui//EN")
    calendar.add("VERSION", "2.0")
    for todo in todos:
        calendar.add_component(todo)
    if hasattr(calendar, "add_missing_timezones"):  # a VTIMEZONE for each TZID used
        calendar.add_missing_timezones()
    return calendar


class Writer:
    """One calendar on a stream, or (`folder`) one `.ics` per task named after its UID."""

    def __init__(self, out: TextIO | None, tz: str, folder: Path | None = None) -> None:
        self.out, self.tz, self.folder, self.count = out, tz, folder, 0
        self.todos: list[Any] = []

    def add(self, task: Exported) -> None:
        todo = vtodo(task, self.tz, folder=self.folder is not None)
        self.count += 1
        if self.folder is None:
            self.todos.append(todo)
            return
        name = SAFE_NAME.sub("_", uid_of(task)) + ".ics"
        target = self.folder / name
        temporary = target.with_suffix(".ics.tmp")
        temporary.write_bytes(calendar_of([todo]).to_ical())
        os.replace(temporary, target)

    def close(self) -> None:
        if self.folder is None and self.out is not None:
            self.out.write(calendar_of(self.todos).to_ical().decode("utf-8"))
