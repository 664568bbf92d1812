"""Quick capture: one line of text becomes a title, a due date, a category, tags and more.

The line is cut into words (tokens.py); each word is tried by the MATCHERS in turn, and the
first that reads a phrase there wins; what no matcher reads is the title. A new spelling is
one more matcher (see matching.py) and a line in `parse` that reads its hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from todo_tui.domain import Due, Priority, format_duration
from todo_tui.recurrence import Rule, anchor, first_on_or_after, next_after
from todo_tui.recurrence.local import resolve_local

from . import phrases
from .bounds import Bound
from .dates import DateKind, DateSpec, Invalid, add_months, add_years, resolve_day
from .matching import Context, Hit, Matcher
from .phrases import DATE, DURATION, END, FIRST, REPEAT, TIME, Repeat
from .recurrence import CaptureError
from .remind import silent_reminders, take_reminders
from .result import Capture, format_due
from .start import START, start_phrase
from .times import Clock
from .tokens import Token, tokenize
from .unread import looks_like_date
from .when import SOMEDAY

__all__ = ["MATCHERS", "Capture", "format_due", "format_duration", "parse", "parse_verbatim"]

_NAME = re.compile(r"\w+(?:[-/.&']\w+)*")
# ^trip, ^3fa1, ^o'neil's: a word with a letter or digit in it, and no caret
_PARENT = re.compile(r"[^\s^\\]*\w[^\s^\\]*")
_LETTER = re.compile(r"[^\W\d]")
_PRIORITIES = {
    "!high": Priority.HIGH, "!h": Priority.HIGH, "!1": Priority.HIGH, "p1": Priority.HIGH,
    "!medium": Priority.MEDIUM, "!med": Priority.MEDIUM, "!m": Priority.MEDIUM,
    "!2": Priority.MEDIUM, "p2": Priority.MEDIUM,
    "!low": Priority.LOW, "!l": Priority.LOW, "!3": Priority.LOW, "p3": Priority.LOW,
    "!none": Priority.NONE, "p4": Priority.NONE,
}  # fmt: skip

# Tried in this order at each word; the first that reads a phrase wins. A new spelling is
# one more entry here (its own module under capture/; see matching.py).
MATCHERS: tuple[Matcher, ...] = (
    start_phrase,  # start:fri (start.py)
    phrases.grammar,  # dates, times, durations, repeats and their bounds (phrases.OWN)
)


def parse_verbatim(text: str) -> Capture:
    """A Capture whose title is the text as typed, without any parsing."""
    return Capture(title=text.strip())


def _name(body: str) -> str | None:
    """A category or tag name: word characters joined by - / . & ', with a letter in it."""
    if _NAME.fullmatch(body) and _LETTER.search(body):
        return body
    return None


@dataclass(slots=True)
class _Found:
    """What the scan over the words found, before dates are resolved."""

    title: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    priority: Priority | None = None
    # kind -> (title slot, first token, length, value): the slot holds "" unless the hit loses
    hits: dict[str, list[tuple[int, int, int, object]]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def last(self, kind: str) -> object | None:
        """The value of the last hit of `kind` (the one that counts), or None."""
        hits = self.hits.get(kind)
        return hits[-1][3] if hits else None


def _single(token: Token, found: _Found) -> bool:
    """Category, tag or priority words; True when the word was used."""
    key = token.key or ""
    if key in _PRIORITIES:
        found.priority = _PRIORITIES[key]
        return True
    sigil, body = token.text[0], token.text[1:]
    if sigil == "^" and _PARENT.fullmatch(body):
        found.parents.append(body.rstrip(".,;:!?") or body)
        return True
    name = _name(body) if sigil in "#+@" else None
    if name is None:
        return False
    if sigil == "#":
        found.categories.append(name)
    else:
        found.tags.setdefault(name.casefold(), name)
    return True


def _scan(tokens: list[Token], context: Context) -> _Found:
    """Sorts the words into title words and recognised tokens and phrases."""
    found = _Found()
    keys = [t.key for t in tokens]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.category is not None:
            found.categories.append(token.category)
            index += 1
            continue
        if token.parent is not None:
            found.parents.append(token.parent)
            index += 1
            continue
        if token.key is None:
            found.title.append(token.text)
            index += 1
            continue
        at_time = phrases.time_of_day(keys, index, context) if token.key[0] == "@" else None
        if at_time is None and _single(token, found):
            index += 1
            continue
        length = _phrase(keys, index, context, found)
        if length > 0:
            index += length
            continue
        if length == 0 and looks_like_date(
            token.key, keys[index + 1] if index + 1 < len(keys) else None
        ):
            found.unread.append(token.text)
        end = index + max(1, -length)  # a word of the title, or an invalid phrase as typed
        found.title.extend(t.text for t in tokens[index:end])
        index = end
    return found


def _phrase(keys: list[str | None], index: int, context: Context, found: _Found) -> int:
    """Records a phrase at `index`: its length, 0 for none, minus the length of a bad one."""
    for matcher in MATCHERS:
        hit = matcher(keys, index, context)
        if isinstance(hit, Invalid):
            found.notices.append(hit.notice)
            return -hit.length
        if isinstance(hit, Hit):
            found.hits.setdefault(hit.kind, []).append(
                (len(found.title), index, hit.length, hit.value)
            )
            found.title.append("")
            return hit.length
    return 0


def _words(tokens: list[Token], start: int, length: int) -> str:
    return " ".join(t.text for t in tokens[start : start + length])


def _restore(found: _Found, tokens: list[Token]) -> None:
    """Earlier phrases of one kind go back into the title; only the last one counts.

    Without a repeat, `starting monday` is the word `starting` and the date `monday` (as
    before these words were read), `until friday` is the due date (like `by friday`), and
    `for 6 weeks` means nothing: back into the title, named as not read."""
    if REPEAT not in found.hits:
        for slot, start, length, first in found.hits.pop(FIRST, []):
            if isinstance(first, Bound) and first.spec is not None:  # a date, as before
                found.title[slot] = tokens[start].text  # the word `starting` stays
                found.hits.setdefault(DATE, []).append((slot, start, length, first.spec))
        for hit in found.hits.pop(END, []):
            bound = hit[3]
            if isinstance(bound, Bound) and bound.spec is not None:
                found.hits.setdefault(DATE, []).append((*hit[:3], bound.spec))
            else:
                found.title[hit[0]] = _words(tokens, hit[1], hit[2])
                found.unread.append(found.title[hit[0]])
        found.hits.get(DATE, []).sort()
    for kind, what in phrases.LABELS.items():
        hits = found.hits.get(kind, [])
        if len(hits) > 1:
            found.notices.append(f"several {what} given; using the last one")
        for slot, start, length, _value in hits[:-1]:
            found.title[slot] = _words(tokens, start, length)
    for kind, hits in found.hits.items():  # kinds other modules add
        if kind not in phrases.LABELS:
            for slot, start, length, _value in hits[:-1]:
                found.title[slot] = _words(tokens, start, length)


def _parent(found: _Found) -> str | None:
    """The last parent named (^trip); the notice says when there were several."""
    if not found.parents:
        return None
    if len(set(n.casefold() for n in found.parents)) > 1:
        found.notices.append(f"several parents given; using the last one, {found.parents[-1]}")
    return found.parents[-1]


def _category(
    names: list[str], existing: Iterable[str], notices: list[str]
) -> tuple[str | None, bool]:
    """The last category named, in its existing spelling when it exists."""
    if not names:
        return None, False
    if len(set(n.casefold() for n in names)) > 1:
        notices.append(f"several categories given; using the last one, {names[-1]}")
    wanted = names[-1].casefold()
    for name in existing:
        if " ".join(name.split()).casefold() == wanted:
            return name, False
    return names[-1], True


def _due(
    spec: DateSpec | None,
    clock: time | None,
    pattern: Rule | None,
    align: bool,
    now: datetime,
    today: date,
    tz: str,
    notices: list[str],
    either: bool = False,
) -> Due | None:
    """The due date the phrases describe (see the grammar help for the rules); `either`: the
    time is a bare hour from 7 to 11, the morning's or the evening's, whichever comes next."""
    if spec is not None and clock is None:
        clock = spec.default_time

    def passed(day: date) -> bool:
        return clock is not None and resolve_local(day, clock, tz)[0] < now

    if spec is not None:
        day = resolve_day(spec, today)
        if spec.kind is DateKind.WEEKDAY and day == today and passed(day):
            day += timedelta(days=7)
        if align and pattern is not None:  # `starting jan 5`: the first occurrence from then
            day = first_on_or_after(pattern, day)
    elif pattern is not None:
        day = first_on_or_after(pattern, today)
        if day == today and passed(day):
            day = next_after(pattern.to_rrule(), today, today)
    elif clock is not None:
        if either and passed(today):  # `at 9` at 10:00: 21:00 comes before 09:00 tomorrow
            evening = clock.replace(hour=clock.hour + 12)
            if resolve_local(today, evening, tz)[0] >= now:
                clock = evening
        day = today + timedelta(days=1) if passed(today) else today
    else:
        return None
    if clock is None:
        return Due.on(day)
    moment, notice = resolve_local(day, clock, tz)
    if notice is not None:
        notices.append(notice)
    return Due.at_local(moment, tz)


def _until(end: Bound, rule: Rule, due: Due, today: date) -> date:
    """The last day a repeat may fall on: `until dec 24`, `for 6 weeks`, `10 times`."""
    if end.spec is not None:
        return resolve_day(end.spec, today)
    if end.kind == "count":
        from todo_tui.recurrence.engine import nth_occurrence

        return nth_occurrence(rule.to_rrule(), due.day, end.amount)
    amount = end.amount
    if end.unit in ("days", "weeks"):
        return due.day + timedelta(days=amount * (7 if end.unit == "weeks" else 1) - 1)
    moved = add_months(due.day, amount) if end.unit == "months" else add_years(due.day, amount)
    return moved - timedelta(days=1)


def parse(text: str, *, now: datetime, tz: str, categories: Iterable[str] = ()) -> Capture:
    """Parse one line of quick capture typed at `now` in the zone `tz`."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise CaptureError(f"unknown time zone {tz!r}") from None
    if now.tzinfo is None:
        raise CaptureError("now must be an aware datetime")
    now_local = now.astimezone(zone)
    today = now_local.date()
    text, reminders = take_reminders(text, now, tz)
    tokens, notes = tokenize(text)
    found = _scan(tokens, Context(now_local, today, tz))
    _restore(found, tokens)
    parent = _parent(found)
    category, is_new = _category(found.categories, categories, found.notices)
    if parent is not None and category is not None:
        found.notices.append(f"a subtask goes in its parent's category: #{category} is left out")
        category, is_new = None, False
    repeat = found.last(REPEAT)
    rule = repeat if isinstance(repeat, Repeat) else None
    pattern = None if rule is None else rule.rule
    spec = found.last(DATE)
    first = found.last(FIRST)
    align = False  # `starting jan 5` (after any other date): the first occurrence from then
    if isinstance(first, Bound) and first.spec is not None:
        align = spec is None or found.hits[FIRST][-1][0] > found.hits[DATE][-1][0]
        spec = first.spec if align else spec
    if spec is SOMEDAY:
        found.notices.append("someday: no due date")
        spec = None
    date_spec = spec if isinstance(spec, DateSpec) else None
    clock_hit = found.last(TIME)
    clock = clock_hit.time if isinstance(clock_hit, Clock) else None
    if clock is None and rule is not None:
        clock = rule.clock
    start = found.last(START)
    length = found.last(DURATION)
    minutes = length if isinstance(length, int) else None
    if minutes is None and isinstance(clock_hit, Clock):
        minutes = clock_hit.minutes
    due: Due | None = None
    try:
        due = _due(date_spec, clock, pattern, align, now, today, tz, found.notices,
                   either=isinstance(clock_hit, Clock) and clock_hit.either)
    except (OverflowError, ValueError):
        found.notices.append("that date is out of range; no due date set")
    if pattern is not None and due is not None:
        pattern = anchor(pattern, due.day)  # a plain monthly rule from the 31st stays on it
        end = found.last(END)
        if isinstance(end, Bound):
            try:
                until = _until(end, pattern, due, today)
            except (OverflowError, ValueError):
                until = None
            if until is None or until < due.day:
                found.notices.append("the repeat ends before it starts; it is not kept")
                pattern = None
            else:
                pattern = replace(pattern, until=until)
    found.notices.extend(silent_reminders(reminders, due))
    title = " ".join(" ".join(part for part in found.title if part).split())
    return Capture(
        title=title,
        notes=notes,
        category=category,
        category_is_new=is_new,
        parent=parent,
        tags=tuple(found.tags.values()),
        priority=Priority.NONE if found.priority is None else found.priority,
        due=due,
        recurrence=None if pattern is None else pattern.to_rrule(),
        recurrence_from_completion=pattern is not None
        and rule is not None
        and rule.from_completion,
        notices=tuple(found.notices),
        today=today,
        reminders=reminders,
        duration_minutes=minutes,
        unread=tuple(found.unread),
        start=start if isinstance(start, date) else None,
    )
