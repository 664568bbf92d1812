"""Spans of whole minutes in words, short (`1h30m`, as quick capture reads them back) or long
(`1 h 30 min`, a task's duration as the detail pane and the shell show it)."""

from __future__ import annotations


def _units(minutes: int) -> list[tuple[int, str, str]]:
    """(count, short unit, long unit) for the days, hours and minutes of a span."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    return [(days, "d", " d"), (hours, "h", " h"), (mins, "m", " min")]


def format_minutes(minutes: int) -> str:
    """`10m`, `2h`, `1h30m`, `1d`: a span of whole minutes, short."""
    return "".join(f"{n}{short}" for n, short, _ in _units(minutes) if n) or "0m"


def format_duration(minutes: int) -> str:
    """`45 min`, `1 h`, `1 h 30 min`, `2 d 3 h` for a task's duration."""
    return " ".join(f"{n}{long}" for n, _, long in _units(minutes) if n) or "0 min"
