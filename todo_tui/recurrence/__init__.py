"""Repeating tasks: the rule model, its RFC 5545 spelling, stepping with dateutil.rrule, and
words for a rule. Pure functions: no SQLAlchemy, no Textual; dateutil is imported on first use.
"""

from .describe import describe_rrule, describe_rule
from .engine import first_on_or_after, next_after, next_occurrence
from .rule import (
    RecurrenceError,
    Rule,
    SeriesEnded,
    anchor,
    anchor_text,
    parse_rule,
    stored_rule,
)

__all__ = [
    "RecurrenceError",
    "Rule",
    "SeriesEnded",
    "anchor",
    "anchor_text",
    "describe_rrule",
    "describe_rule",
    "first_on_or_after",
    "next_after",
    "next_occurrence",
    "parse_rule",
    "stored_rule",
]
