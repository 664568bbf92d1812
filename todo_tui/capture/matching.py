"""What a matcher is: a function that reads a phrase at one word of the line.

A new spelling plugs in as one matcher in `parser.MATCHERS` (its own module under capture/),
returning a Hit of a kind of its own; `parse` reads the last hit of that kind
(`found.last("kind")`). Earlier hits of one kind go back into the title, with a notice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from .dates import Invalid, Words


@dataclass(frozen=True, slots=True)
class Context:
    """When and where the line is typed."""

    now: datetime  # aware, in the zone `tz`
    today: date
    tz: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase read at one place: how many words, what kind of field, its value."""

    length: int
    kind: str
    value: object


# words (lowercased; None for a quoted or escaped word), the index to read at, the context
Matcher = Callable[[Words, int, Context], Hit | Invalid | None]
