"""Quick capture: parse one line of text into the fields of a new task."""

from .help import GRAMMAR_HELP
from .parser import Capture, format_due, parse, parse_verbatim
from .recurrence import CaptureError, describe_rrule, next_occurrence

__all__ = [
    "GRAMMAR_HELP",
    "Capture",
    "CaptureError",
    "describe_rrule",
    "format_due",
    "next_occurrence",
    "parse",
    "parse_verbatim",
]
