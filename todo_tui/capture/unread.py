"""Words left in the title that look like a date or a time: the preview names them, so that
nothing that might have been meant as a date is dropped into the title silently."""

from __future__ import annotations

import re

from todo_tui.recurrence.words import MONTHS, RELATIVE_DAYS, WEEKDAYS

_SHAPES = (
    re.compile(r"[0-9]{1,2}(?:[:.][0-9]{2})?(?:am|pm|a\.m\.|p\.m\.)"),  # 13pm, 0am
    re.compile(r"[0-9]{1,2}:[0-9]{2}"),  # 10:75
    re.compile(r"[0-9]{1,4}/[0-9]{1,2}(?:/[0-9]{2,4})?"),  # 12/01, 1/2/27
    re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2,4}"),  # 1.12.2026
)
_PUNCTUATION = ".,;:!?)"
_DATE_WORDS = {*RELATIVE_DAYS, *WEEKDAYS, "tonight", "noon", "midnight", "eow", "eom", "eoq"}
_REPEAT_WORDS = ("every", "every!", "each")
_UNITS = ("day", "week", "month", "year", "hour", "minute")


def looks_like_date(word: str, following: str | None) -> bool:
    """Whether a title word (lowercased) looks like a date or time that was not read."""
    if any(shape.fullmatch(word) for shape in _SHAPES):
        return True
    core = word.rstrip(_PUNCTUATION)
    if core != word and (core in _DATE_WORDS or any(s.fullmatch(core) for s in _SHAPES)):
        return True  # `tomorrow.`: punctuation keeps a word as typed
    if word in _REPEAT_WORDS and following is not None:  # `every 3`, `every 5 hours`
        return following[:1].isdigit() or following.rstrip("s").endswith(_UNITS)
    return word in MONTHS and len(word) > 3 and following is not None and following[:1].isdigit()
