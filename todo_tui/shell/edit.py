"""`todo-tui edit ID [TEXT] [--title T] [--due TEXT] ...`: change a task from the shell.

TEXT is read by the quick-capture grammar: each field it recognises is set, nothing else
changes, and words it does not recognise are refused (they would have been the title) unless
--title is given. The options are applied after TEXT; the whole edit is one change in the
history (TaskService.edit), so `todo-tui undo` reverts it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from todo_tui import clock, domain
from todo_tui.domain import UNSET, Priority, TaskChanges, Unset
from todo_tui.errors import UsageError, ValidationError
from todo_tui.printing import print_json, print_line
from todo_tui.service import open_services
from todo_tui.shell.common import ORIGIN, cleaned
from todo_tui.shell.show import describe_task
from todo_tui.textsafe import one_line

# the grammar's words for "no priority" (Capture.priority cannot tell them from no word;
# tests/test_cli/test_edit.py checks the grammar still reads them so)
NO_PRIORITY = ("!none", "p4")
CLEAR = ("none", "-")
RECOGNISED = "#category, +tag, !priority, a date or time, every ..., start:..., // notes"


@dataclass
class Plan:
    """What one edit changes: the fields, and the category and tags by name."""

    fields: dict[str, Any] = field(default_factory=dict)
    category: str | None | Unset = UNSET
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.fields or self.add_tags or self.remove_tags) \
            and self.category is UNSET


class Reader:
    """Reads option values and TEXT with the capture grammar at one moment, in one zone."""

    def __init__(self, categories: list[str]) -> None:
        self.now: datetime = clock.now()
        self.zone = clock.local_zone_name()
        self.categories = categories

    def parse(self, text: str) -> Any:
        from todo_tui.capture import parse

        found = parse(text, now=self.now, tz=self.zone, categories=self.categories)
        if found.parent is not None:
            raise ValidationError(f"edit: ^{found.parent} names a parent; to move the task "
                                  "under another, use todo-tui move ID --parent ID")
        return found

    def due(self, text: str) -> domain.Due | None:
        if text.strip().lower() in CLEAR:
            return None
        found = self.parse(text)
        if found.recurrence is not None:
            raise ValidationError(f"--due {text!r}: a repeat goes in --repeat")
        if found.due is None or found.title or found.start is not None:
            raise ValidationError(
                f"--due: cannot read {text!r} as a date (try: tomorrow 9am, fri, 2026-12-01 "
                "17:30, or none)")
        return found.due  # type: ignore[no-any-return]

    def start(self, text: str) -> date | None:
        if text.strip().lower() in CLEAR:
            return None
        found = self.parse(text)
        day = found.start if found.start is not None else (
            None if found.due is None else found.due.day)
        if day is None or found.title or found.recurrence is not None:
            raise ValidationError(
                f"--start: cannot read {text!r} as a day (try: fri, in 3 days, 2026-12-01, "
                "or none)")
        return day  # type: ignore[no-any-return]

    def repeat(self, text: str) -> Any:
        if text.strip().lower() in CLEAR:
            return None
        found = self.parse(text)
        if found.recurrence is None or found.title:
            raise ValidationError(
                f"--repeat: cannot read {text!r} as a repeat (try: every weekday 9:30, "
                "every! 3 days, every month, or none)")
        return found


def _last(values: list[str] | None) -> str | None:
    return None if not values else cleaned(values[-1])


def read_text(plan: Plan, text: str, reader: Reader, title_given: bool) -> None:
    """The fields TEXT sets; its unrecognised words are refused unless a title is given."""
    found = reader.parse(text)
    if found.title and not title_given:
        raise ValidationError(
            f"edit: {found.title!r} is not a field it can set (it reads {RECOGNISED}); "
            "to change the title, use --title")
    if found.title:
        plan.notices.append(f"left out, the title comes from --title: {found.title}")
    if found.due is not None:
        plan.fields["due"] = found.due
    if found.recurrence is not None:
        plan.fields["recurrence"] = found.recurrence
        plan.fields["recurrence_from_completion"] = found.recurrence_from_completion
    if found.priority is not Priority.NONE or any(
            word.lower() in NO_PRIORITY for word in text.split()):
        plan.fields["priority"] = found.priority
    if found.category is not None:
        plan.category = found.category
    plan.add_tags.extend(found.tags)
    if found.notes:
        plan.fields["notes"] = found.notes
    if found.start is not None:
        plan.fields["start"] = found.start
    plan.notices.extend(found.notices)


def plan_edit(task: domain.Task, args: argparse.Namespace, reader: Reader) -> Plan:
    """Everything `args` asks of `task`: TEXT first, then the options (the last of each)."""
    plan = Plan()
    text = cleaned(" ".join(args.text))
    if text.strip():
        read_text(plan, text, reader, title_given=bool(args.title))
    if (title := _last(args.title)) is not None:
        plan.fields["title"] = title
    if (due := _last(args.due)) is not None:
        plan.fields["due"] = reader.due(due)
    if (repeat := _last(args.repeat)) is not None:
        found = reader.repeat(repeat)
        plan.fields["recurrence"] = None if found is None else found.recurrence
        plan.fields["recurrence_from_completion"] = found is not None and \
            found.recurrence_from_completion
        if found is not None and task.due is None and "due" not in plan.fields:
            plan.fields["due"] = found.due  # a repeat needs a due: its first occurrence
    if (start := _last(args.start)) is not None:
        plan.fields["start"] = reader.start(start)
    if (notes := _last(args.notes)) is not None:
        plan.fields["notes"] = notes
    if (priority := _last(args.priority)) is not None:
        try:
            plan.fields["priority"] = Priority.parse(priority)
        except ValueError as exc:
            raise UsageError(f"--priority: {exc}") from None
    if (category := _last(args.category)) is not None:
        plan.category = None if category.strip().lower() in ("none", "inbox") else category
    plan.add_tags.extend(cleaned(tag).lstrip("+@") for tag in args.tag)
    plan.remove_tags.extend(cleaned(tag).lstrip("+@") for tag in args.untag)
    for tags in (plan.add_tags, plan.remove_tags):
        if any(not tag.strip() for tag in tags):
            raise UsageError("--tag and --untag take a tag name")
    return plan


async def cmd_edit(url: str, args: argparse.Namespace) -> int:
    services = await open_services(url)
    try:
        task = await services.tasks.get(await services.tasks.resolve_id(args.id))
        reader = Reader([category.name for category in await services.categories.list()])
        plan = plan_edit(task, args, reader)
        if plan.empty:
            raise UsageError("nothing to change: give TEXT or an option "
                             "(see todo-tui edit --help)")
        edited = await services.tasks.edit(
            task.id, TaskChanges(**plan.fields), category=plan.category,
            add_tags=plan.add_tags, remove_tags=plan.remove_tags, origin=ORIGIN)
        prefix = (await services.tasks.id_prefixes([edited.id]))[edited.id]
    finally:
        await services.close()
    for notice in plan.notices:
        sys.stderr.write(one_line(f"todo-tui: note: {notice}") + "\n")
    if args.json:
        print_json(edited.to_json())
    else:
        print_line(f"edited: {describe_task(edited, reader.now.date(), prefix, reader.zone)}")
    return 0
