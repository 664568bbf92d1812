"""Repeat rules become valid RFC 5545 that dateutil's rrulestr steps as todo-tui does.

Up to 0003 a rule's BYMONTHDAY meant "that day, or the month's last day when it is
shorter", and a plain monthly rule due on the 29th-31st (yearly: due 29 Feb) was stepped by
adding months (years) to the due. RFC 5545 skips a month that lacks the day instead. Each
stored rule is read the old way and written in the spelling todo_tui.recurrence.Rule gives
it (`BYMONTHDAY=31` -> `BYMONTHDAY=-1`, `BYMONTHDAY=30` -> `BYMONTHDAY=28,29,30;BYSETPOS=-1`,
`FREQ=MONTHLY` due on the 31st -> `FREQ=MONTHLY;BYMONTHDAY=-1`); a rule repeating from the
completion is not pinned to its due (it starts on the completion day). Rules outside the
subset quick capture writes are left as they are. Nothing changes in the schema: whether a
rule repeats from the completion already has its own column.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlalchemy as sa
from alembic import op

from todo_tui.recurrence.rule import RecurrenceError, Rule, anchor

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _ints(text: str, low: int, high: int) -> tuple[int, ...] | None:
    values: list[int] = []
    for item in text.split(","):
        item = item.strip()
        if not item.lstrip("+-").isdigit() or len(item) > 4:
            return None
        value = int(item)
        if not low <= value <= high or value == 0:
            return None
        values.append(value)
    return tuple(sorted(set(values)))


def legacy_rule(text: str) -> Rule | None:
    """A rule as revisions 0001-0003 read it (frozen here: BYMONTHDAY clamps to the month end)."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    fields: dict[str, str] = {}
    for part in body.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().upper()
        if not sep or key in fields:
            return None
        fields[key] = value.strip().upper()
    freq = fields.pop("FREQ", "")
    if freq not in _FREQUENCIES or fields.pop("WKST", "MO") != "MO":
        return None
    interval = fields.pop("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= 9999:
        return None
    rule = Rule(freq, int(interval))
    if "BYDAY" in fields:
        codes = [code.strip() for code in fields.pop("BYDAY").split(",")]
        if any(code not in _CODES for code in codes):
            return None
        rule = replace(rule, byday=tuple(sorted({_CODES.index(c) for c in codes})))
    if "BYMONTHDAY" in fields:
        monthdays = _ints(fields.pop("BYMONTHDAY"), -1, 31)
        if monthdays is None:
            return None
        rule = replace(rule, monthdays=monthdays)
    if "BYMONTH" in fields:
        months = _ints(fields.pop("BYMONTH"), 1, 12)
        if months is None:
            return None
        rule = replace(rule, bymonth=months)
    if fields:
        return None
    if freq == "DAILY":
        ok = not rule.monthdays and not rule.bymonth and (not rule.byday or rule.interval == 1)
    elif freq == "WEEKLY":
        ok = not rule.monthdays and not rule.bymonth
    elif freq == "MONTHLY":
        ok = not rule.byday and not rule.bymonth
    else:
        ok = not rule.byday and bool(rule.bymonth) == bool(rule.monthdays)
    return rule if ok else None


def rewritten(text: str, due_day: date | None, from_completion: bool) -> str:
    """The RFC 5545 spelling of a rule stored by 0001-0003 (the text itself when it has none)."""
    rule = legacy_rule(text)
    if rule is None:
        return text
    if due_day is not None and not from_completion:
        rule = anchor(rule, due_day)
    try:
        return rule.to_rrule()
    except RecurrenceError:  # several months with a clamped day: RFC 5545 has no spelling
        return text


def upgrade() -> None:
    connection = op.get_bind()
    tasks = sa.table(
        "tasks",
        sa.column("id", sa.String(32)),
        sa.column("recurrence", sa.String(200)),
        sa.column("recurrence_from_completion", sa.Boolean()),
        sa.column("due_date", sa.Date()),
    )
    rows = connection.execute(
        sa.select(tasks.c.id, tasks.c.recurrence, tasks.c.recurrence_from_completion,
                  tasks.c.due_date).where(tasks.c.recurrence.is_not(None))
    ).all()
    for task_id, text, from_completion, due_day in rows:
        new = rewritten(text, due_day, bool(from_completion))
        if new != text:
            connection.execute(
                sa.update(tasks).where(tasks.c.id == task_id).values(recurrence=new)
            )


def downgrade() -> None:
    # Nothing to undo: 0003's engine steps the new spellings the same way (BYMONTHDAY=-1 is
    # the last day there too; a BYSETPOS rule goes to its dateutil fallback).
    pass
