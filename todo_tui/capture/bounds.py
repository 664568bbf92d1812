"""Where a repeat starts and ends (`starting jan 5`, `until march`, `for 6 weeks`, `10 times`),
and repeats the grammar does not understand (`twice a week`), named in a notice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .dates import NUMBER_WORDS, DateSpec, Invalid, Words, count, word_at
from .when import match_when

_STARTS = {"starting": 1, "beginning": 1, "from": 1, "start": 1}
_ENDS = ("until", "till", "til", "through", "thru", "ending")
_SPAN_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_TIMES = ("times", "x")
_PER = ("a", "an", "per", "each", "every")
_PERIODS = ("day", "week", "month", "year", "fortnight")
_UNCLEAR_ALONE = ("biweekly", "bi-weekly", "bimonthly", "bi-monthly", "biannually", "hourly",
                  "bi-annually", "twice-weekly", "twice-monthly")  # fmt: skip
_GLUED_TIMES = re.compile(r"[0-9]{1,2}x")
# the words a phrase here may start with (besides numbers): phrases.py's fast path
FIRST_WORDS = frozenset({*_STARTS, *_ENDS, "for", *_UNCLEAR_ALONE, "twice", "thrice", "every",
                         "each", *NUMBER_WORDS})


@dataclass(frozen=True, slots=True)
class Bound:
    """The start or end of a repeat: `kind` is first, until, span (value: days and such) or
    count (value: occurrences)."""

    kind: str
    spec: DateSpec | None = None
    unit: str = ""
    amount: int = 0


def match_bound(words: Words, start: int, now: datetime) -> tuple[int, Bound] | None:
    """`starting jan 5`, `from monday`, `until dec 24`, `for 6 weeks`, `for 10 times`."""
    word = word_at(words, start)
    if word in _STARTS or word in _ENDS:
        lead = 1
        if word in ("starting", "beginning", "ending") and word_at(words, start + 1) in (
            "on",
            "from",
            "at",
            "in",
        ):
            lead = 2
        found = match_when(words, start + lead, now)
        if found is None or isinstance(found, Invalid):
            return None
        kind = "first" if word in _STARTS else "until"
        return found[0] + lead, Bound(kind, spec=found[1])
    lead = 1 if word == "for" else 0
    amount = count(word_at(words, start + lead))
    unit = word_at(words, start + lead + 1)
    if amount is None or unit is None:
        return None
    if lead and unit.removesuffix("s") in _SPAN_UNITS:
        return 3, Bound("span", unit=_SPAN_UNITS[unit.removesuffix("s")], amount=amount)
    if unit in ("times", "occurrences") and word_at(words, start + lead + 2) not in _PER:
        return lead + 2, Bound("count", amount=amount)
    return None


def match_unclear(words: Words, start: int) -> Invalid | None:
    """A repeat the rules cannot say (`twice a week`, `every few days`, `3 times a month`,
    `biweekly`): left in the title, with a notice that names it."""
    word = word_at(words, start)
    if word is None:
        return None
    length = 0
    if word in _UNCLEAR_ALONE:
        length = 1
    elif word in ("twice", "thrice"):
        length = _per_period(words, start + 1)
    elif (count(word) is not None and word_at(words, start + 1) in _TIMES) or (
        _GLUED_TIMES.fullmatch(word)
    ):
        skip = 1 if _GLUED_TIMES.fullmatch(word) else 2
        length = _per_period(words, start + skip)
        length = length and length + skip - 1
    elif word in ("every", "each"):
        after = word_at(words, start + 1)
        if after in ("few", "several", "couple") or after in ("hour", "minute"):
            end = start + 2
            while word_at(words, end) in ("of", "days", "weeks", "months", "hours"):
                end += 1
            length = end - start
        elif count(after) is not None and word_at(words, start + 2) in (
            "hours",
            "hour",
            "minutes",
            "minute",
            "mins",
        ):
            length = 3
    if not length:
        return None
    phrase = " ".join(w or "" for w in words[start : start + length])
    return Invalid(length, f"'{phrase}' is not a repeat this app can keep; left in the title")


def _per_period(words: Words, start: int) -> int:
    """The length of `a week`, `per month`, `every day` after `twice` (counting `twice`)."""
    if word_at(words, start) in _PER and word_at(words, start + 1) in _PERIODS:
        return 3
    if word_at(words, start) in ("daily", "weekly", "monthly", "yearly"):
        return 2  # twice daily
    return 0
