"""todo.txt and done.txt lines (todotxt/todo.txt README.md, the format todo.sh writes).

`x` -> done, then the completion and creation dates; `(A)` -> priority (priorities.py; a
done line's `pri:A` too); `+project` -> category (the first; more are kept in extras);
`@context` -> tags; `due:YYYY-MM-DD` -> due; `rec:1w` (from the completion) and `rec:+1w`
(strict, from the due) -> a repeat (d, w, m, y); `t:YYYY-MM-DD` (the threshold date of
todo.txt's add-ons) -> start; any other `key:value` is kept in extras. The title is the
rest of the text. A line has no id: it is the same task as another
when its text without the completion mark, the priority and those dates is the same, so the
source id is a digest of that text. An export gives a line that came from todo.txt back as
it was read, as long as what it says still matches the task.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any, TextIO

from todo_tui.domain import Due, Priority
from todo_tui.transfer import priorities
from todo_tui.transfer.record import Exported, FormatError, Record, local_midnight

SOURCE = "todotxt"
DONE = re.compile(r"x (?:(\d{4}-\d{2}-\d{2}) (?:(\d{4}-\d{2}-\d{2}) )?)?")
PRIORITY = re.compile(r"\(([A-Z])\) ")
CREATED = re.compile(r"(\d{4}-\d{2}-\d{2}) ")
KEY_VALUE = re.compile(r"([^:\s]+):([^:\s]+)")
REC = re.compile(r"(\+?)(\d*)([dwmy])")
# our extensions, each a plain `key:value` that todo.sh and other tools leave alone:
# `at:17h00` the time of the `due:` day (a colon cannot be in a value), `rrule:FREQ=...` a
# repeat `rec:` cannot say (`every monday`), `todotui:<id>` the task of ours a line was
# written from (only when its text is not the task's todo.txt identity: a task that did
# not come from todo.txt, or whose line we wrote anew)
PRI = re.compile(r"pri:[A-Z]")
AT = re.compile(r"(\d{1,2})h(\d{2})")
OURS = re.compile(r"todotui:([0-9a-f]{32})")
UNIT = {"d": "DAILY", "w": "WEEKLY", "m": "MONTHLY", "y": "YEARLY"}
UNIT_OUT = {freq: unit for unit, freq in UNIT.items()}


# what marks a line as todo.txt: a completion mark, a priority or a creation date in front,
# or a word that is a +project, an @context or one of the key:value extensions
MARKED = re.compile(r"(?:x \d{4}-\d{2}-\d{2} |\([A-Z]\) |\d{4}-\d{2}-\d{2} )"
                    r"|.*(?:^|\s)(?:[+@][^\s+@]\S*|(?:due|t|rec|pri|id|h):[^:\s]+)(?:\s|$)")


def sniff(head: str, name: str = "") -> bool:
    """Text lines most of which (of the first 20) carry a todo.txt mark, or any text lines
    in a file named `*.txt` (todo.txt, done.txt); plain prose or a configuration file is
    not guessed to be todo.txt (`--format todotxt` reads it)."""
    lines = [line.strip() for line in head.splitlines()[:20] if line.strip()]
    if not lines or head.lstrip().startswith(("[", "{", "BEGIN:", "TYPE,")) \
            or any("\x00" in line for line in lines):
        return False
    return name.lower().endswith(".txt") \
        or sum(1 for line in lines if MARKED.match(line)) * 2 >= len(lines)


def identity(body: str) -> str:
    """The source id of a line: a digest of its text without mark, priority (a done line's
    `pri:A` too) and dates; the same in todo.txt and done.txt, under any file name."""
    text = " ".join(word for word in body.split() if not PRI.fullmatch(word))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _day(text: str, where: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormatError(f"{where}: {what}: not a date: {text!r} (YYYY-MM-DD)") from None


def _rule(value: str) -> tuple[str, bool] | None:
    found = REC.fullmatch(value)
    if not found:
        return None
    count = int(found[2] or 1)
    if count < 1:
        return None
    rule = f"FREQ={UNIT[found[3]]}" + (f";INTERVAL={count}" if count != 1 else "")
    return rule, not found[1]


def parse_line(line: str, where: str, tz: str) -> Record:
    rest = line.strip()
    done = False
    completed: date | None = None
    created: date | None = None
    letter: str | None = None
    mark = DONE.match(rest)
    if rest.startswith("x ") and mark:
        done = True
        if mark[1]:
            completed = _day(mark[1], where, "completion date")
        if mark[2]:
            created = _day(mark[2], where, "creation date")
        rest = rest[mark.end():]
    else:
        pri = PRIORITY.match(rest)
        if pri:
            letter = pri[1]
            rest = rest[pri.end():]
        made = CREATED.match(rest)
        if made:
            created = _day(made[1], where, "creation date")
            rest = rest[made.end():]
    body = rest.strip()
    ours = [found[1] for word in body.split() if (found := OURS.fullmatch(word))]
    if ours:  # our id is not part of the text
        body = " ".join(word for word in body.split() if not OURS.fullmatch(word))
    extras: dict[str, Any] = {"_text": body}
    record = Record(source=SOURCE, source_id=identity(body), title="", where=where,
                    done=done, extras=extras, ours=ours[0] if ours else None,
                    keep=("notes",))  # todo.txt has no notes: an import leaves them
    words: list[str] = []
    tags: list[str] = []
    projects: list[str] = []
    keys: dict[str, str] = {}
    for word in body.split():
        if len(word) > 1 and word[0] == "+":
            projects.append(word[1:])
        elif len(word) > 1 and word[0] == "@":
            tags.append(word[1:])
        elif (pair := KEY_VALUE.fullmatch(word)) and not pair[2].startswith("//"):
            key, value = pair[1], pair[2]
            if key == "due":
                record.due = Due.on(_day(value, where, "due"))
            elif key == "rec" and (rule := _rule(value)) is not None:
                record.recurrence, record.from_completion = rule
            elif key == "rrule" and "FREQ=" in value.upper():
                record.recurrence, record.from_completion = value.upper(), False
            elif key == "at" and AT.fullmatch(value):
                keys[key] = value  # the due's time: read once the line is read
            elif key == "t" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                record.start = _day(value, where, "threshold (t:)")
            elif key == "pri" and len(value) == 1 and value.isupper():
                letter = value
            else:
                keys[key] = value
        else:
            words.append(word)
    _due_time(record, keys, where, tz)
    record.title = " ".join(words) or body
    record.tags = tuple(tags)
    if projects:
        record.category = projects[0]
    if len(projects) > 1:
        extras["_projects"] = projects[1:]
    if letter is not None:
        record.priority = priorities.todotxt(letter)
        extras["_pri"] = letter
    if keys:
        extras["keys"] = keys
    if created is not None:
        record.created_at = local_midnight(created, tz)
    if completed is not None:
        record.completed_at = local_midnight(completed, tz)
    return record


def _due_time(record: Record, keys: dict[str, str], where: str, tz: str) -> None:
    """`at:17h00` beside `due:`: the due at that time of its day, in the local zone."""
    from zoneinfo import ZoneInfo

    found = AT.fullmatch(keys.get("at", ""))
    if found is None or record.due is None:
        return
    try:
        moment = datetime.combine(record.due.day, time(int(found[1]), int(found[2])),
                                  tzinfo=ZoneInfo(tz))
    except ValueError:
        raise FormatError(f"{where}: at: not a time: {keys['at']!r} (HHhMM)") from None
    record.due = Due.at_local(moment, tz)
    del keys["at"]


def read(stream: TextIO, name: str, tz: str) -> Iterator[Record]:
    for number, line in enumerate(stream, 1):
        if line.strip():
            yield parse_line(line, f"{name}:{number}", tz)


def _local(moment: datetime | None, tz: str) -> str:
    from zoneinfo import ZoneInfo

    return "" if moment is None else moment.astimezone(ZoneInfo(tz)).date().isoformat()


def _body(task: Exported) -> str:
    extras = task.own_extras(SOURCE)
    words = [task.title]
    if task.category:
        words.append("+" + task.category.replace(" ", "_"))
    words += ["+" + name for name in extras.get("_projects", [])]
    words += ["@" + tag for tag in task.tags]
    if task.due is not None:
        words.append(f"due:{task.due.day.isoformat()}")
        local = task.due.local()
        if local is not None:
            words.append(f"at:{local.hour:02d}h{local.minute:02d}")
    if task.start is not None:
        words.append(f"t:{task.start.isoformat()}")
    if task.recurrence:
        parts = dict(part.split("=", 1) for part in task.recurrence.split(";") if "=" in part)
        if set(parts) <= {"FREQ", "INTERVAL"} and parts.get("FREQ") in UNIT_OUT:
            strict = "" if task.from_completion else "+"
            words.append(f"rec:{strict}{parts.get('INTERVAL', '1')}{UNIT_OUT[parts['FREQ']]}")
        else:
            words.append(f"rrule:{task.recurrence}")
    words += [f"{key}:{value}" for key, value in (extras.get("keys") or {}).items()]
    return " ".join(words)


def line_of(task: Exported, tz: str) -> str:
    extras = task.own_extras(SOURCE)
    letter = extras.get("_pri")
    if task.priority is Priority.NONE:
        letter = None
    elif letter is None or priorities.todotxt(letter) != task.priority:
        letter = priorities.TODOTXT_OUT[task.priority]
    body = _body(task)
    original = extras.get("_text")
    if isinstance(original, str):
        again = parse_line(original, "", tz)
        tags = sorted(tag.casefold() for tag in again.tags)
        if (again.title, again.category, tags, again.due, again.start, again.recurrence,
                again.from_completion) == (task.title, task.category,
                                           sorted(tag.casefold() for tag in task.tags),
                                           task.due, task.start, task.recurrence,
                                           task.from_completion):
            body = original
    if body != original or task.source != SOURCE:
        body += f" todotui:{task.id}"  # the text is not its identity: our id says which
    created = _local(task.created_at, tz)
    if task.done:
        if letter and "pri:" not in body:
            body += f" pri:{letter}"
        return f"x {_local(task.completed_at or task.updated_at, tz)} {created} {body}"
    return (f"({letter}) " if letter else "") + f"{created} {body}"


class Writer:
    """One line per task."""

    def __init__(self, out: TextIO, tz: str) -> None:
        self.out, self.tz, self.count = out, tz, 0

    def add(self, task: Exported) -> None:
        self.out.write(line_of(task, self.tz) + "\n")
        self.count += 1

    def close(self) -> None:
        pass
