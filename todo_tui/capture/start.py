"""`start:fri`: the day a captured task starts. Before it the task waits: it is in no list
but All and Scheduled. Any date phrase of the grammar may follow `start:` (pure: words in,
a day out)."""

from __future__ import annotations

from datetime import date

from .dates import Invalid, Words, match_date, resolve_day
from .matching import Context, Hit

PREFIX = "start:"
START_HELP = """\
Start       start:fri, start:tomorrow, start:2026-12-11, start:in 3 days, start:next week
    Any date phrase right after start: (start: fri works too). Before that day the task
    is in no list but All and Scheduled; from it, it shows as usual.
    A repeating task's next occurrence starts as long before its due as this one."""


def match_start(words: Words, start: int, today: date) -> tuple[int, date] | Invalid | None:
    """`start:` and a date phrase at `start`: (its length in words, the day); Invalid when
    what follows `start:` is not a date (the words stay in the title); None for no `start:`."""
    word = words[start] if 0 <= start < len(words) else None
    if word is None or not word.startswith(PREFIX):
        return None
    body = word[len(PREFIX):]
    shifted = list(words)
    first = start
    if body:
        shifted[start] = body
    else:  # `start: fri`
        first = start + 1
    found = match_date(shifted, first, today)
    lead = first - start
    if found is None:
        return Invalid(1, f"'{word}' needs a date after it (e.g. start:fri); left in the title")
    if isinstance(found, Invalid):
        return Invalid(found.length + lead, found.notice)
    try:
        return found[0] + lead, resolve_day(found[1], today)
    except ValueError:
        return Invalid(found[0] + lead, "that start date is out of range; left in the title")


START = "start"  # the kind of hit parse reads (`found.last(START)`)


def start_phrase(words: Words, index: int, context: Context) -> Hit | Invalid | None:
    """The matcher of parser.MATCHERS for `start:`."""
    found = match_start(words, index, context.today)
    if found is None or isinstance(found, Invalid):
        return found
    return Hit(found[0], START, found[1])
