"""Quick capture: one line of text becomes a title, a due date, a category, tags and more."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from todo_tui.domain import Due, NewTask, Priority
from todo_tui.recurrence import Rule, anchor, describe_rrule, first_on_or_after, next_after
from todo_tui.recurrence.local import resolve_local
from todo_tui.recurrence.words import DAY_ABBR, MONTH_ABBR

from .dates import DateKind, DateSpec, Invalid, match_date, match_time, resolve_day
from .recurrence import CaptureError, match_recurrence
from .start import match_start

_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s+")
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
_CLOSE_AFTER = r"(?=[\s.,;:!?)]|$)"
_NAME = re.compile(r"\w+(?:[-/.&']\w+)*")
_LETTER = re.compile(r"[^\W\d]")
_PRIORITIES = {
    "!high": Priority.HIGH, "!h": Priority.HIGH, "!1": Priority.HIGH, "p1": Priority.HIGH,
    "!medium": Priority.MEDIUM, "!med": Priority.MEDIUM, "!m": Priority.MEDIUM,
    "!2": Priority.MEDIUM, "p2": Priority.MEDIUM,
    "!low": Priority.LOW, "!l": Priority.LOW, "!3": Priority.LOW, "p3": Priority.LOW,
    "!none": Priority.NONE, "p4": Priority.NONE,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Capture:
    """What one line of quick capture asks for."""

    title: str
    notes: str = ""
    category: str | None = None
    category_is_new: bool = False
    tags: tuple[str, ...] = ()
    priority: Priority = Priority.NONE
    due: Due | None = None
    recurrence: str | None = None
    recurrence_from_completion: bool = False
    notices: tuple[str, ...] = ()
    today: date | None = field(default=None, compare=False, repr=False)
    start: date | None = None  # capture/start.py

    def to_new_task(self) -> NewTask:
        """The NewTask this capture describes."""
        return NewTask(
            title=self.title,
            notes=self.notes,
            priority=self.priority,
            due=self.due,
            recurrence=self.recurrence,
            recurrence_from_completion=self.recurrence_from_completion,
            category=self.category,
            tags=self.tags,
            start=self.start,
        )

    def to_json(self) -> dict[str, object]:
        """The parse as a JSON object (for `todo-tui add --dry-run --json`)."""
        return {
            "title": self.title,
            "notes": self.notes,
            "category": self.category,
            "category_is_new": self.category_is_new,
            "tags": list(self.tags),
            "priority": self.priority.label,
            "due": None if self.due is None else self.due.iso(),
            "due_tz": None if self.due is None else self.due.tz,
            "recurrence": self.recurrence,
            "recurrence_from_completion": self.recurrence_from_completion,
            "notices": list(self.notices),
            "start": None if self.start is None else self.start.isoformat(),
        }

    def summary_lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the fields that are set, Title first."""
        lines = [("Title", self.title)]
        if self.due is not None:
            lines.append(("Due", format_due(self.due, self.today)))
        if self.category is not None:
            suffix = " (new)" if self.category_is_new else ""
            lines.append(("Category", self.category + suffix))
        if self.priority is not Priority.NONE:
            lines.append(("Priority", self.priority.label))
        if self.tags:
            lines.append(("Tags", ", ".join(self.tags)))
        if self.recurrence is not None:
            text = describe_rrule(self.recurrence, self.recurrence_from_completion)
            lines.append(("Repeats", text))
        if self.notes:
            lines.append(("Notes", self.notes))
        if self.start is not None:
            lines.append(("Starts", format_due(Due.on(self.start), self.today)))
        return lines


def format_due(due: Due, today: date | None = None) -> str:
    """`Sat 28 Nov 09:00`; the year is added when it is not `today`'s year (or unknown)."""
    day = due.day
    text = f"{DAY_ABBR[day.weekday()]} {day.day} {MONTH_ABBR[day.month]}"
    if today is None or today.year != day.year:
        text += f" {day.year}"
    clock = due.local_time()
    return text if clock is None else f"{text} {clock:%H:%M}"


def parse_verbatim(text: str) -> Capture:
    """A Capture whose title is the text as typed, without any parsing."""
    return Capture(title=text.strip())


@dataclass(slots=True)
class _Token:
    text: str  # what the title shows
    key: str | None  # lowercased for matching; None when quoted or escaped
    category: str | None = None  # from #"two words"


class _Quotes:
    """Where each kind of closing quote may end a quoted run (found once, then bisected)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ends: dict[str, list[int]] = {}

    def close(self, quote: str, after: int) -> int | None:
        ends = self._ends.get(quote)
        if ends is None:
            pattern = re.compile(re.escape(quote) + _CLOSE_AFTER)
            ends = [m.start() for m in pattern.finditer(self._text)]
            self._ends[quote] = ends
        index = bisect_right(ends, after)
        return ends[index] if index < len(ends) else None


def _tokenize(text: str) -> tuple[list[_Token], str]:
    """The words of `text` before ` // `, with quotes and escapes resolved, and the notes."""
    tokens: list[_Token] = []
    quotes = _Quotes(text)
    position = 0
    while True:
        space = _SPACE.match(text, position)
        if space is not None:
            position = space.end()
        word_match = _WORD.match(text, position)
        if word_match is None:
            return tokens, ""
        word = word_match.group()
        if word == "//":
            return tokens, text[word_match.end() :].strip()
        first = word[0]
        if first == "\\" and len(word) > 1:
            tokens.append(_Token(word[1:], None))
            position = word_match.end()
            continue
        opener = 1 if first == "#" and len(word) > 1 and word[1] in _QUOTES else 0
        quote = word[opener]
        if quote in _QUOTES:
            end = quotes.close(_QUOTES[quote], position + opener)
            inner = "" if end is None else " ".join(text[position + opener + 1 : end].split())
            if end is not None and inner:  # empty quotes are plain text
                position = end + 1
                if opener:
                    tokens.append(_Token("#" + inner, None, category=inner))
                    continue
                rest = _WORD.match(text, position)
                if rest is not None:
                    inner += rest.group()
                    position = rest.end()
                tokens.append(_Token(inner, None))
                continue
        tokens.append(_Token(word, word.lower()))
        position = word_match.end()


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
    tags: dict[str, str] = field(default_factory=dict)
    priority: Priority | None = None
    # (title slot, first token, length, value): the slot holds "" unless the phrase loses
    dates: list[tuple[int, int, int, DateSpec]] = field(default_factory=list)
    times: list[tuple[int, int, int, time]] = field(default_factory=list)
    rules: list[tuple[int, int, int, Rule, bool]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    start: date | None = None


def _single(token: _Token, found: _Found) -> bool:
    """Category, tag or priority words; True when the word was used."""
    key = token.key or ""
    if key in _PRIORITIES:
        found.priority = _PRIORITIES[key]
        return True
    sigil, body = token.text[0], token.text[1:]
    name = _name(body) if sigil in "#+@" else None
    if name is None:
        return False
    if sigil == "#":
        found.categories.append(name)
    else:
        found.tags.setdefault(name.casefold(), name)
    return True


def _scan(tokens: list[_Token], today: date) -> _Found:
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
        if token.key is None:
            found.title.append(token.text)
            index += 1
            continue
        start = match_start(keys, index, today)
        if isinstance(start, tuple):
            found.start, index = start[1], index + start[0]
            continue
        if start is not None:  # `start:` without a date: kept in the title
            found.notices.append(start.notice)
            found.title.extend(t.text for t in tokens[index : index + start.length])
            index += start.length
            continue
        at_time = match_time(keys, index) if token.key.startswith("@") else None
        if at_time is None and _single(token, found):
            index += 1
            continue
        length = _phrase(keys, index, today, found)
        if length > 0:
            index += length
            continue
        end = index + max(1, -length)  # a word of the title, or an invalid date as typed
        found.title.extend(t.text for t in tokens[index:end])
        index = end
    return found


def _phrase(keys: list[str | None], index: int, today: date, found: _Found) -> int:
    """Records a phrase at `index`: its length, 0 for none, minus the length of a bad date."""
    rule = match_recurrence(keys, index)
    if rule is not None:
        found.rules.append((len(found.title), index, rule[0], rule[1], rule[2]))
        found.title.append("")
        return rule[0]
    day = match_date(keys, index, today)
    if isinstance(day, Invalid):
        found.notices.append(day.notice)
        return -day.length
    if day is not None:
        found.dates.append((len(found.title), index, day[0], day[1]))
        found.title.append("")
        return day[0]
    clock = match_time(keys, index)
    if clock is not None:
        found.times.append((len(found.title), index, clock[0], clock[1]))
        found.title.append("")
        return clock[0]
    return 0


def _restore(found: _Found, tokens: list[_Token]) -> None:
    """Earlier phrases of one kind go back into the title; only the last one counts."""
    kinds: list[tuple[str, list[tuple[int, int, int]]]] = [
        ("repeat rules", [hit[:3] for hit in found.rules]),
        ("dates", [hit[:3] for hit in found.dates]),
        ("times", [hit[:3] for hit in found.times]),
    ]
    for what, hits in kinds:
        if len(hits) > 1:
            found.notices.append(f"several {what} given; using the last one")
        for slot, start, length in hits[:-1]:
            found.title[slot] = " ".join(t.text for t in tokens[start : start + length])


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
    now: datetime,
    today: date,
    tz: str,
    notices: list[str],
) -> Due | None:
    """The due date the phrases describe (see the grammar help for the rules)."""
    if spec is not None and clock is None:
        clock = spec.default_time

    def passed(day: date) -> bool:
        return clock is not None and resolve_local(day, clock, tz)[0] < now

    if spec is not None:
        day = resolve_day(spec, today)
        if spec.kind is DateKind.WEEKDAY and day == today and passed(day):
            day += timedelta(days=7)
    elif pattern is not None:
        day = first_on_or_after(pattern, today)
        if day == today and passed(day):
            day = next_after(pattern.to_rrule(), today, today)
    elif clock is not None:
        day = today + timedelta(days=1) if passed(today) else today
    else:
        return None
    if clock is None:
        return Due.on(day)
    moment, notice = resolve_local(day, clock, tz)
    if notice is not None:
        notices.append(notice)
    return Due.at_local(moment, tz)


def parse(
    text: str, *, now: datetime, tz: str, categories: Iterable[str] = ()
) -> Capture:
    """Parse one line of quick capture typed at `now` in the zone `tz`."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise CaptureError(f"unknown time zone {tz!r}") from None
    if now.tzinfo is None:
        raise CaptureError("now must be an aware datetime")
    now_local = now.astimezone(zone)
    today = now_local.date()
    tokens, notes = _tokenize(text)
    found = _scan(tokens, today)
    _restore(found, tokens)
    category, is_new = _category(found.categories, categories, found.notices)
    rule = found.rules[-1] if found.rules else None
    pattern = rule[3] if rule is not None else None
    date_spec = found.dates[-1][3] if found.dates else None
    clock = found.times[-1][3] if found.times else None
    due: Due | None = None
    try:
        due = _due(date_spec, clock, pattern, now, today, tz, found.notices)
    except (OverflowError, ValueError):
        found.notices.append("that date is out of range; no due date set")
    if pattern is not None and due is not None:
        pattern = anchor(pattern, due.day)  # a plain monthly rule from the 31st stays on it
    recurrence = None if pattern is None else pattern.to_rrule()
    title = " ".join(" ".join(part for part in found.title if part).split())
    return Capture(
        title=title,
        notes=notes,
        category=category,
        category_is_new=is_new,
        tags=tuple(found.tags.values()),
        priority=Priority.NONE if found.priority is None else found.priority,
        due=due,
        recurrence=recurrence,
        recurrence_from_completion=rule is not None and rule[4],
        notices=tuple(found.notices),
        today=today,
        start=found.start,
    )
