"""Wall-clock times in a time zone, and what DST does to them (gaps and overlaps)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from .words import MONTH_ABBR


def short_date(day: date) -> str:
    """`28 Nov 2026`, without locale-dependent strftime."""
    return f"{day.day} {MONTH_ABBR[day.month]} {day.year}"


def resolve_local(day: date, clock: time, tz: str) -> tuple[datetime, str | None]:
    """The aware local datetime for a wall-clock time in `tz`, and a notice if DST moved it.

    A time in a spring-forward gap moves forward by the gap length (02:30 -> 03:30);
    a time in a fall-back overlap takes its first occurrence (fold=0, summer time).
    """
    zone = ZoneInfo(tz)
    naive = datetime.combine(day, clock)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first, None
    wall = f"{clock:%H:%M}"
    where = f"{short_date(day)} in {tz}"
    round_trip = first.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        return round_trip, (
            f"{wall} does not exist on {where} (clocks go forward); "
            f"using {round_trip:%H:%M} {round_trip.tzname()}"
        )
    return first, (
        f"{wall} happens twice on {where} (clocks go back); "
        f"using the first, {wall} {first.tzname()}"
    )
