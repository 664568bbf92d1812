"""The search box's language: text in, a SearchQuery out (pure: no database, no clock).

    dentist "pay rent"       words and quoted phrases, found in titles, notes, tags, categories
    due:today due:overdue    also due:tomorrow, due:week (the next 7 days), due:none, due:any,
    due<fri due>=2026-12-01  a comparison with a day: today, tomorrow, yesterday, a weekday
                             (the next one, today included), 2026-12-01, +3d, 2w
    pri:high pri>=medium     priority: none, low, medium, high (or n, l, m, h, 0-3)
    tag:work +work -tag:work a tag; - before any term negates it
    #home #"two words"       a category; cat:none is the Inbox
    is:open is:done          status; is:scheduled: the start day is still to come
    start:fri start<=+3d     the start day, compared as due is; start:none, start:any
    has:notes                also has:tags, has:due, has:repeat
    a or b                   either term; terms are otherwise all required

A malformed term raises ValidationError with a message fit to show under the box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from todo_tui.domain import Priority, Status
from todo_tui.errors import ValidationError
from todo_tui.recurrence.words import RELATIVE_DAYS, WEEKDAYS
from todo_tui.search.terms import (
    CategoryTerm,
    DueKind,
    DueTerm,
    HasTerm,
    PriorityTerm,
    SearchQuery,
    SearchTerm,
    StartTerm,
    StatusTerm,
    TagTerm,
    TextTerm,
)

MAX_QUERY = 1000
SPECIAL_DUE = {
    "overdue": DueKind.OVERDUE, "week": DueKind.WEEK, "none": DueKind.NONE, "any": DueKind.ANY,
}  # fmt: skip
HAS_FIELDS = ("notes", "tags", "due", "repeat")
KEYS = {
    "due": "due", "pri": "pri", "priority": "pri", "tag": "tag", "is": "is", "has": "has",
    "cat": "cat", "category": "cat", "start": "start",
}  # fmt: skip
_FIELD = re.compile(r"([A-Za-z]+)(<=|>=|:|<|>)(.*)", re.DOTALL)
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_OFFSET = re.compile(r"([+-]?)([0-9]{1,4})([dw])")
DAY_HELP = "today, tomorrow, fri, 2026-12-01 or +3d"


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # without the quotes
    raw: str  # as typed, for messages
    quoted: bool  # the body (after any prefix) was in quotes


def resolve_day(word: str, today: date) -> date:
    """The date a day word names, seen from `today`; raises ValidationError."""
    key = word.strip().lower()
    if key in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[key])
    if key in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[key] - today.weekday()) % 7)
    iso = _ISO.fullmatch(key)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise ValidationError(f"{word!r} is not a date") from None
    offset = _OFFSET.fullmatch(key)
    if offset:
        amount = int(offset[2]) * (7 if offset[3] == "w" else 1)
        return today + timedelta(days=-amount if offset[1] == "-" else amount)
    raise ValidationError(f"unknown day {word!r} (use {DAY_HELP})")


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        body: list[str] = []
        quoted = False
        while i < n and not text[i].isspace():
            if text[i] == '"':
                quoted = True
                i += 1
                while i < n and text[i] != '"':
                    if text[i] == "\\" and i + 1 < n:
                        i += 1
                    body.append(text[i])
                    i += 1
                if i >= n:
                    raise ValidationError(f"unclosed quote in {text[start:].strip()!r}")
                i += 1  # the closing quote
            else:
                body.append(text[i])
                i += 1
        tokens.append(_Token("".join(body), text[start:i], quoted))
    return tokens


def _field_term(key: str, op: str, value: str, raw: str) -> SearchTerm:
    lowered = value.strip().lower()
    if key == "due":
        if op == ":":
            if not lowered:
                raise ValidationError(
                    f"'{raw}' needs a value: overdue, week, none, any, or a day ({DAY_HELP})")
            if lowered in SPECIAL_DUE:
                return DueTerm(SPECIAL_DUE[lowered])
        if not lowered:
            raise ValidationError(f"'{raw}': compare with a day ({DAY_HELP})")
        if lowered in SPECIAL_DUE:
            raise ValidationError(f"'{raw}': compare due with a day, e.g. due{op}fri")
        try:
            resolve_day(lowered, date(2000, 1, 3))  # only checks the word
        except ValidationError as exc:
            raise ValidationError(f"'{raw}': {exc}") from None
        return DueTerm(DueKind.ON if op == ":" else DueKind(op), lowered)
    if key == "start":
        return _start_term(op, lowered, raw)
    if key == "pri":
        try:
            if not lowered:
                raise ValueError
            priority = Priority.parse(lowered)
        except ValueError:
            raise ValidationError(
                f"'{raw}': unknown priority (use high, medium, low or none)") from None
        return PriorityTerm("=" if op == ":" else op, priority)
    if op != ":":
        raise ValidationError(f"'{raw}': {key} takes a colon, e.g. {key}:{value or '…'}")
    if key == "tag":
        name = value.strip().lstrip("+@")
        if not name:
            raise ValidationError(f"'{raw}': which tag? e.g. tag:work")
        return TagTerm(name.casefold())
    if key == "cat":
        name = " ".join(value.split())
        if not name:
            raise ValidationError(f"'{raw}': which category? e.g. cat:home (cat:none: the Inbox)")
        return CategoryTerm(None if name.casefold() == "none" else name.casefold())
    if key == "is":
        if lowered in ("open", "todo"):
            return StatusTerm(Status.OPEN)
        if lowered in ("done", "completed"):
            return StatusTerm(Status.DONE)
        if lowered == "scheduled":
            return StartTerm(DueKind.AFTER, "today")
        raise ValidationError(f"'{raw}': use is:open or is:done (or is:scheduled)")
    if key == "has":
        if lowered in HAS_FIELDS:
            return HasTerm(lowered)
        raise ValidationError(f"'{raw}': use has:notes, has:tags, has:due or has:repeat")
    raise AssertionError(key)


def _start_term(op: str, lowered: str, raw: str) -> SearchTerm:
    if op == ":" and lowered in ("none", "any"):
        return StartTerm(DueKind.NONE if lowered == "none" else DueKind.ANY)
    if not lowered or lowered in SPECIAL_DUE:
        raise ValidationError(f"'{raw}': use a day ({DAY_HELP}), none or any, e.g. start:fri")
    try:
        resolve_day(lowered, date(2000, 1, 3))  # only checks the word
    except ValidationError as exc:
        raise ValidationError(f"'{raw}': {exc}") from None
    return StartTerm(DueKind.ON if op == ":" else DueKind(op), lowered)


def _term(token: _Token) -> SearchTerm:
    text, raw = token.text, token.raw
    negated = False
    if raw.startswith("-") and len(raw) > 1:
        negated = True
        text, raw_body = text[1:], raw[1:]
    else:
        raw_body = raw
    if raw_body.startswith('"'):
        term: SearchTerm = TextTerm(text)
        if not text.strip():
            raise ValidationError(f"'{raw}': an empty phrase")
    elif raw_body.startswith("#"):
        name = " ".join(text[1:].split())
        if not name:
            raise ValidationError(f"'{raw}': which category? e.g. #home or #\"two words\"")
        term = CategoryTerm(name.casefold())
    elif raw_body.startswith("+") and len(text) > 1 and not token.quoted:
        term = TagTerm(text[1:].casefold())
    else:
        match = _FIELD.fullmatch(text)
        key = KEYS.get(match[1].lower()) if match else None
        if match and key and not raw_body.startswith('"'):
            term = _field_term(key, match[2], match[3], raw)
        else:
            if not text.strip():
                raise ValidationError(f"'{raw}': nothing to search for")
            term = TextTerm(text)
    return replace(term, negated=True) if negated else term


def parse_query(text: str) -> SearchQuery:
    """Read a search; raises ValidationError naming the malformed term."""
    if len(text) > MAX_QUERY:
        raise ValidationError(f"a search is at most {MAX_QUERY} characters")
    tokens = _tokenize(text)
    clauses: list[list[SearchTerm]] = []
    pending_or = False
    for index, token in enumerate(tokens):
        if not token.quoted and token.raw.lower() == "or":
            if not clauses or pending_or or index == len(tokens) - 1:
                raise ValidationError("'or' needs a term on each side, e.g. milk or bread")
            pending_or = True
            continue
        if token.raw == "-":
            raise ValidationError("a lone '-' needs a term after it, e.g. -tag:work")
        term = _term(token)
        if pending_or:
            clauses[-1].append(term)
            pending_or = False
        else:
            clauses.append([term])
    return SearchQuery(text=text.strip(), clauses=tuple(tuple(clause) for clause in clauses))


def quote(text: str) -> str:
    """A word or name as the search language reads it back: quoted when it has to be."""
    if text and not any(ch.isspace() or ch in '"\\' for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
