"""The repeat rules quick capture can say, and their spelling as RFC 5545 RRULE text.

A stored rule is the body of an RFC 5545 RRULE (`FREQ=MONTHLY;BYMONTHDAY=15`), read with
the task's due as DTSTART: `dateutil.rrule.rrulestr` and other calendars step it exactly as
we do. Whether it repeats from the completion (`every!`) is not part of the rule: RFC 5545
has no place for it, so it lives in its own column (`recurrence_from_completion`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .words import DAY_CODES, days_in_month


class RecurrenceError(ValueError):
    """A recurrence rule or an argument that cannot be used."""


class SeriesEnded(RecurrenceError):
    """The rule has no occurrence after the day asked about (its UNTIL has passed)."""


FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WORKDAYS = (0, 1, 2, 3, 4)
WEEKEND = (5, 6)
MAX_INTERVAL = 9999


@dataclass(frozen=True, slots=True)
class Rule:
    """A repeat as the grammar means it, spelled as RFC 5545 by `to_rrule`.

    `monthdays` are days of the month as a person means them: 1..31 is that day, or the
    month's last day when the month is shorter (31 -> 30 Apr, 28/29 Feb); -1 is the last
    day. RFC 5545 skips a month that lacks the day instead, so `to_rrule` spells the
    clamping out with `BYMONTHDAY=-1` or `BYSETPOS`.
    """

    freq: str
    interval: int = 1
    byday: tuple[int, ...] = ()  # 0 = Monday
    monthdays: tuple[int, ...] = ()  # 1..31, or -1 for the last day
    bymonth: tuple[int, ...] = ()
    nth: int = 0  # MONTHLY with one weekday: its 1st..5th (-1: last) in the month, BYDAY=3FR
    until: date | None = None  # the last day an occurrence may fall on (UNTIL, inclusive)

    @property
    def plain(self) -> bool:
        """No BY parts: the days come from DTSTART (the due)."""
        return not (self.byday or self.monthdays or self.bymonth)

    def to_rrule(self) -> str:
        """The RRULE body, valid RFC 5545: e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO`."""
        pieces = [f"FREQ={self.freq}"]
        if self.interval != 1:
            pieces.append(f"INTERVAL={self.interval}")
        if self.bymonth:
            pieces.append("BYMONTH=" + _csv(self.bymonth))
        if self.monthdays:
            monthdays, setpos = _spell_monthdays(self.monthdays, self._month_lengths())
            if setpos and len(self.bymonth) > 1:  # BYSETPOS would count across the months
                raise RecurrenceError(f"no RFC 5545 spelling for {self!r}")
            pieces.append("BYMONTHDAY=" + _csv(monthdays))
            if setpos:
                pieces.append("BYSETPOS=" + _csv(setpos))
        if self.byday:
            pieces.append("BYDAY=" + ",".join(DAY_CODES[d] for d in self.byday))
        if self.nth:  # the 3rd Friday: BYDAY=FR;BYSETPOS=3 (not 3FR, read by fewer programs)
            pieces.append(f"BYSETPOS={self.nth}")
        if self.until is not None:  # DTSTART is a floating local date-time: so is UNTIL
            pieces.append(f"UNTIL={self.until:%Y%m%d}T235959")
        return ";".join(pieces)

    def _month_lengths(self) -> tuple[int, int]:
        """The shortest and longest month the rule's month days fall in."""
        if self.freq == "YEARLY" and self.bymonth:
            lengths = [days_in_month(2000, m) for m in self.bymonth]  # 2000: Feb has 29
            short = min(28 if m == 2 else n for m, n in zip(self.bymonth, lengths, strict=True))
            return short, max(lengths)
        return 28, 31


_NTHS = ("1", "2", "3", "4", "5", "-1")
_UNTIL = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T235959)?")


def _csv(values: tuple[int, ...] | list[int]) -> str:
    return ",".join(str(v) for v in values)


def _spell_monthdays(
    days: tuple[int, ...], lengths: tuple[int, int]
) -> tuple[list[int], list[int]]:
    """BYMONTHDAY and BYSETPOS values that give `days`, clamped to the month end.

    In a month of L days (short <= L <= longest) the wanted days are the days <= L, and L
    itself when any wanted day is later. A day >= longest is always the last day: -1. With
    the last day wanted, every clamped day lands on it, so BYMONTHDAY is enough. Otherwise
    the candidates are the early days and short..max: BYSETPOS keeps the early days (from
    the start), each wanted later day but the last (from the start: the candidates from
    `short` on are consecutive), and the last candidate (-1): the latest day, or L.
    """
    short, longest = lengths
    wanted = {-1 if d == -1 or (d >= longest > short) else d for d in days}
    positive = sorted(d for d in wanted if d > 0)
    last = [-1] if -1 in wanted else []
    late = [d for d in positive if d > short]
    if not late or last:
        return positive + last, []
    early = [d for d in positive if d < short]
    top = late[-1]
    if all(d in wanted for d in range(short, top + 1)):
        return positive, []  # every candidate is wanted: plain BYMONTHDAY clamps by itself
    setpos = list(range(1, len(early) + 1))
    setpos += [len(early) + d - short + 1 for d in positive if short <= d < top]
    return early + list(range(short, top + 1)), setpos + [-1]


def parts(text: str) -> dict[str, str] | None:
    """The parts of an RRULE body (`RRULE:` optional), uppercased; None when malformed."""
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
    return fields


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


def _read(fields: dict[str, str]) -> Rule | None:
    """FREQ, INTERVAL, BYDAY and BYMONTH of a rule (BYMONTHDAY is left to the caller)."""
    freq = fields.pop("FREQ", "")
    if freq not in FREQUENCIES or fields.pop("WKST", "MO") != "MO":
        return None
    interval = fields.pop("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= MAX_INTERVAL:
        return None
    rule = Rule(freq, int(interval))
    if "BYDAY" in fields:
        codes = [code.strip() for code in fields.pop("BYDAY").split(",")]
        if any(code not in DAY_CODES for code in codes):
            return None
        rule = replace(rule, byday=tuple(sorted({DAY_CODES.index(c) for c in codes})))
    if "UNTIL" in fields:
        until = _UNTIL.fullmatch(fields.pop("UNTIL"))
        if until is None:
            return None
        try:
            rule = replace(rule, until=date(*(int(until.group(i)) for i in (1, 2, 3))))
        except ValueError:
            return None
    if "BYMONTH" in fields:
        months = _ints(fields.pop("BYMONTH"), 1, 12)
        if months is None:
            return None
        rule = replace(rule, bymonth=months)
    return rule


def _supported(rule: Rule) -> bool:
    if rule.freq == "DAILY":
        return not rule.monthdays and not rule.bymonth and (not rule.byday or rule.interval == 1)
    if rule.freq == "WEEKLY":
        return not rule.monthdays and not rule.bymonth
    if rule.freq == "MONTHLY":
        if rule.nth:
            return len(rule.byday) == 1 and not rule.monthdays and not rule.bymonth
        return not rule.byday and not rule.bymonth
    return not rule.byday and len(rule.bymonth) <= 1 and bool(rule.bymonth) == bool(rule.monthdays)


def _selected(monthdays: tuple[int, ...], setpos: tuple[int, ...], length: int) -> tuple[int, ...]:
    """The days BYMONTHDAY and BYSETPOS pick in a month of `length` days (RFC 5545)."""
    days = sorted({d if d > 0 else length + 1 + d for d in monthdays if -length <= d <= length})
    picked = {days[p - 1 if p > 0 else p] for p in setpos if -len(days) <= p <= len(days)}
    return tuple(sorted(picked))


def parse_rule(text: str) -> Rule | None:
    """The Rule an RRULE body spells, or None when it is not spelled as `Rule.to_rrule`
    would (another program's rule: still valid RFC 5545, stepped by dateutil all the same)."""
    fields = parts(text)
    if fields is None:
        return None
    wanted = dict(fields)
    monthday_text = fields.pop("BYMONTHDAY", None)
    setpos_text = fields.pop("BYSETPOS", None)
    rule = _read(fields)
    if rule is None or fields:
        return None
    if monthday_text is not None:
        monthdays = _ints(monthday_text, -31, 31)
        if monthdays is None:
            return None
        if setpos_text is not None:
            setpos = _ints(setpos_text, -366, 366)
            if setpos is None:
                return None
            monthdays = _selected(monthdays, setpos, rule._month_lengths()[1])
            if not monthdays:
                return None
        rule = replace(rule, monthdays=monthdays)
    elif setpos_text is not None:
        if rule.freq != "MONTHLY" or len(rule.byday) != 1 or setpos_text not in _NTHS:
            return None
        rule = replace(rule, nth=int(setpos_text))
    if not _supported(rule) or any(d < -1 for d in rule.monthdays):
        return None
    try:
        spelled = parts(rule.to_rrule())
    except RecurrenceError:
        return None
    return rule if spelled is not None and _same(spelled, wanted) else None


def _same(left: dict[str, str], right: dict[str, str]) -> bool:
    """Whether two rules' parts are equal, up to order, INTERVAL=1 and WKST=MO."""

    def canonical(fields: dict[str, str]) -> dict[str, tuple[str, ...]]:
        out = {k: tuple(sorted(v.replace(" ", "").split(","))) for k, v in fields.items()}
        if out.get("INTERVAL") == ("1",):
            del out["INTERVAL"]
        if out.get("WKST") == ("MO",):
            del out["WKST"]
        return out

    return canonical(left) == canonical(right)


def anchor(rule: Rule, day: date) -> Rule:
    """Pins a plain monthly rule started on the 29th-31st, or a plain yearly one started on
    29 Feb, to that day (clamped to shorter months), so it never drifts or skips a month."""
    if not rule.plain:
        return rule
    if rule.freq == "MONTHLY" and day.day >= 29:
        return replace(rule, monthdays=(day.day,))
    if rule.freq == "YEARLY" and (day.month, day.day) == (2, 29):
        return replace(rule, bymonth=(2,), monthdays=(29,))
    return rule


def anchor_text(text: str, day: date) -> str:
    """`anchor` for stored RRULE text: the text itself unless the anchor changes it."""
    rule = parse_rule(text)
    if rule is None or not rule.plain:
        return text
    anchored = anchor(rule, day)
    return text if anchored == rule else anchored.to_rrule()


def stored_rule(text: str | None, day: date | None, from_completion: bool) -> str | None:
    """The rule to save with a task due on `day`: pinned by `anchor` when it repeats from
    the due, so that it steps the same read with the due as DTSTART (RFC 5545) as we step it.
    A rule repeating from the completion is left as it is: its start is the completion day."""
    if text is None or day is None or from_completion:
        return text
    return anchor_text(text, day)
