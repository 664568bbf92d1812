"""The grammar's own matchers, in the order parser.MATCHERS tries them: each reads one kind
of phrase (a repeat, its start or end, a due date, a time, a duration) at one word."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from todo_tui.recurrence import Rule

from . import bounds, recurrence, times, when
from .bounds import match_bound, match_unclear
from .dates import Invalid, Words, word_at
from .matching import Context, Hit
from .recurrence import match_recurrence
from .times import match_time
from .when import match_when, minutes_of

# kinds of hit, in the order their "several given" notices are listed
REPEAT, DATE, TIME, DURATION, FIRST, END = "repeat", "date", "time", "duration", "first", "end"
LABELS = {
    REPEAT: "repeat rules", DATE: "dates", TIME: "times", DURATION: "durations",
    FIRST: "starts", END: "ends",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Repeat:
    """A repeat phrase: its rule, whether it counts from completion (`every!`), and the time
    of day it names (`every morning`)."""

    rule: Rule
    from_completion: bool
    clock: time | None


_DIGIT = re.compile(r"[0-9]")


def may_start(word: str) -> bool:
    """Whether any of the grammar's own phrases may start with this word: the fast path
    (most words of a title are none), tested against the matchers (test_phrasebook.py)."""
    return (word in FIRST_WORDS or word[0] == "@" or _DIGIT.search(word) is not None
            or word.startswith("due:"))


def grammar(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    """The grammar's own phrases at `index`: the first of OWN that reads one."""
    word = words[index]
    if word is None or not may_start(word):
        return None
    for matcher in OWN:
        found = matcher(words, index, context)
        if found is not None:
            return found
    return None


def unclear(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    """`twice a week` and other repeats no rule can say: a notice."""
    return match_unclear(words, index)


def repeat(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    found = match_recurrence(words, index)
    if found is None:
        return None
    return Hit(found[0], REPEAT, Repeat(found[1], found[2], found[3]))


def bound(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    found = match_bound(words, index, context.now)
    if found is None:
        return None
    return Hit(found[0], FIRST if found[1].kind == "first" else END, found[1])


def due_date(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    found = match_when(words, index, context.now)
    if found is None or isinstance(found, Invalid):
        return found
    return Hit(found[0], DATE, found[1])


def time_of_day(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    found = match_time(words, index)
    if found is None or isinstance(found, Invalid):
        return found
    return Hit(found[0], TIME, found[1])


def duration(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    """`for 45 minutes`, `for 1.5 hours`, `for an hour`, `for 2h`."""
    if word_at(words, index) != "for":
        return None
    found = minutes_of(words, index + 1)
    return None if found is None else Hit(found[0] + 1, DURATION, found[1])


# Tried in this order at each word; the first that reads a phrase wins.
OWN: tuple[Callable[[Words, int, Context], Hit | Invalid | None], ...] = (
    unclear,  # `twice a week`: a notice, before `a week` could be read
    repeat,  # before dates: `every monday` is not `monday`
    bound,  # `starting jan 5`, `until friday`, `for 6 weeks`
    due_date,
    duration,  # `for 45 minutes`
    time_of_day,
)
FIRST_WORDS = bounds.FIRST_WORDS | recurrence.FIRST_WORDS | times.FIRST_WORDS | when.FIRST_WORDS
