"""Times of day in the quick-capture grammar: `5pm`, `7.30pm`, `17:30`, `at 3`, `3pm-4pm`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .dates import Invalid, Words, word_at

# A clock word: hours, optional `:MM` or `.MM`, optional am/pm.
_CLOCK = re.compile(r"([0-9]{1,2})(?:([:.])([0-9]{2}))?(am|pm|a\.m\.|p\.m\.)?")
_MERIDIEM = {"am": False, "a.m.": False, "pm": True, "p.m.": True}
_NAMED = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
# Parts of the day: read after a date (`tomorrow morning`), after `this` or `in the`.
PARTS_OF_DAY = {
    "morning": time(9, 0), "afternoon": time(15, 0), "evening": time(19, 0),
    "night": time(20, 0), "tonight": time(20, 0),
}  # fmt: skip
_LEADS = ("at", "by", "around", "before")
_DASHES = ("-", "\u2013", "to")
# the words a phrase here may start with (besides clock words and @9): phrases.py's fast path
FIRST_WORDS = frozenset({*_NAMED, *_LEADS, "this", "in", "from"})


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day read from the text; `minutes` is the length of a range (`3pm-4pm`)."""

    time: time
    minutes: int | None = None
    either: bool = False  # a bare hour from 7 to 11 (`at 9`): morning or evening, the next


def _either(word: str | None, clock: time) -> bool:
    bare = None if word is None else word.lstrip("@")
    return bare is not None and bare.isdigit() and not _padded(bare) and 7 <= clock.hour <= 11


def _padded(word: str) -> bool:
    """`04:09`, `05`, `09.30`: an hour written with a leading zero, the 24-hour clock."""
    return len(word) > 1 and word[0] == "0" and word[1].isdigit()


class _Bad:
    """A word shaped like a time that no clock shows (`13pm`, `25:00`)."""


_BAD = _Bad()


def _read(word: str | None, *, led: bool) -> time | _Bad | None:
    """One clock word. `led`: after `at`/`@`, where a bare hour counts (the bare-hour rule:
    1 to 6 is the afternoon, 7 to 11 the morning (or the evening, when a time alone comes
    sooner then: Clock.either), 0 and 12 to 23 the 24-hour clock, and so is an hour written
    with a leading zero: `at 04:09` is 04:09)."""
    if word is None:
        return None
    if word in _NAMED:
        return _NAMED[word]
    match = _CLOCK.fullmatch(word)
    if match is None:
        return None
    hour, sep, suffix = int(match.group(1)), match.group(2), match.group(4)
    minute = int(match.group(3) or 0)
    if suffix is None and (sep is None or sep == ".") and not led:
        return None  # a number (buy 3 apples) or a decimal (7.30) alone
    if suffix is not None:
        if not 1 <= hour <= 12 or minute > 59:
            return _BAD
        return time(hour % 12 + (12 if _MERIDIEM[suffix] else 0), minute)
    if minute > 59 or hour > 23:
        return _BAD if sep == ":" and minute <= 59 or (led and sep is not None) else None
    if led and 1 <= hour <= 6 and not _padded(word):
        hour += 12
    return time(hour, minute)


def _with_meridiem(words: Words, start: int, *, led: bool) -> tuple[int, time | _Bad] | None:
    """A clock word, or a number and a separate am/pm (`5 pm`)."""
    word = word_at(words, start)
    after = word_at(words, start + 1)
    shape = None if word is None or after not in _MERIDIEM else _CLOCK.fullmatch(word)
    if shape is not None and shape.group(4) is None:  # `5 pm`, `7:30 p.m.`
        merged = _read((word or "") + (after or ""), led=False)
        if merged is not None:
            return 2, merged
    clock = _read(word, led=led)
    return None if clock is None else (1, clock)


def _invalid(words: Words, length: int, word_index: int, shown: int = 1) -> Invalid:
    """A notice naming the `shown` words from `word_index`; `length` words stay as typed."""
    word = " ".join(w or "" for w in words[word_index : word_index + shown])
    return Invalid(length, f"'{word}' is not a valid time; left in the title")


def match_time(words: Words, start: int) -> tuple[int, Clock] | Invalid | None:
    """A time of day or a range of times at `start`: (length, clock)."""
    ranged = match_range(words, start)
    if ranged is not None:
        return ranged
    word = word_at(words, start)
    if word is None:
        return None
    if word in _LEADS[1:] and word_at(words, start + 1) == "at":
        found = match_time(words, start + 1)
        if isinstance(found, Invalid):
            return Invalid(found.length + 1, found.notice)
        return None if found is None else (found[0] + 1, found[1])
    if word in _LEADS:
        got = _with_meridiem(words, start + 1, led=word == "at")
        if got is None:
            return None
        if isinstance(got[1], _Bad):
            return _invalid(words, got[0] + 1, start + 1, got[0])
        bare = got[0] == 1 and _either(word_at(words, start + 1), got[1])
        return got[0] + 1, Clock(got[1], either=bare)
    if word == "this" and word_at(words, start + 1) in PARTS_OF_DAY:
        return 2, Clock(PARTS_OF_DAY[words[start + 1] or ""])
    if word == "in" and word_at(words, start + 1) == "the":
        part = word_at(words, start + 2)
        if part in PARTS_OF_DAY and part != "tonight":
            return 3, Clock(PARTS_OF_DAY[part])
        return None
    if word.startswith("@"):
        clock = _read(word[1:], led=True)
        if isinstance(clock, _Bad):
            return _invalid([word], 1, 0)
        return None if clock is None else (1, Clock(clock, either=_either(word, clock)))
    got = _with_meridiem(words, start, led=False)
    if got is None:
        return None
    if isinstance(got[1], _Bad):  # alone, only an hour past 23 is plainly meant as a time
        if got[0] == 1 and ":" in word and not word[-1].isalpha() and word[-1] != ".":
            return _invalid(words, 1, start)
        return None
    return got[0], Clock(got[1])


def _split(word: str) -> tuple[str, str] | None:
    for dash in _DASHES[:2]:
        left, sep, right = word.partition(dash)
        if sep and left and right:
            return left, right
    return None


def match_range(words: Words, start: int) -> tuple[int, Clock] | None:
    """`3pm-4pm`, `3-4pm`, `15:00-16:00`, `3pm - 4pm`, `from 3pm to 4pm`: the start and the
    length. A start without am/pm takes the half of the day that puts it before the end."""
    lead = 1 if word_at(words, start) in ("from", "at") else 0
    word = word_at(words, start + lead)
    if word is None:
        return None
    split = _split(word)
    if split is not None:
        left, right, length = split[0], split[1], lead + 1
    elif word_at(words, start + lead + 1) in _DASHES:
        left, right = word, word_at(words, start + lead + 2) or ""
        length = lead + 3
        if word_at(words, start + lead + 3) in _MERIDIEM:
            right += words[start + lead + 3] or ""
            length += 1
    else:
        return None
    end = _read(right, led=False)
    if not isinstance(end, time):
        return None
    begin = _read(left, led=False)
    bare = _CLOCK.fullmatch(left)
    if begin is None and bare is not None and bare.group(4) is None and ":" not in right:
        hour, minute = int(bare.group(1)), int(bare.group(3) or 0)  # 3-4pm, 11-1pm
        if 1 <= hour <= 12 and minute <= 59:
            morning = time(hour % 12, minute)
            evening = time(hour % 12 + 12, minute)
            same_half = evening if end.hour >= 12 else morning
            begin = same_half if same_half < end else (morning if end.hour >= 12 else evening)
    if not isinstance(begin, time):
        return None
    minutes = _minutes_between(begin, end)
    return length, Clock(begin, minutes)


def _minutes_between(begin: time, end: time) -> int:
    """From `begin` to `end`, across midnight when `end` is not later (10pm-1am)."""
    first = datetime.combine(datetime.min.date(), begin)
    second = datetime.combine(datetime.min.date(), end)
    if second <= first:
        second += timedelta(days=1)
    return int((second - first).total_seconds() // 60)
