"""Local times that daylight saving time skips or repeats, in Europe/Berlin and America/New_York."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from todo_tui.capture import parse
from todo_tui.domain import Due

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"


def utc_due(instant: datetime, tz: str) -> Due:
    """The expected due, built from the UTC instant so it does not depend on the parser."""
    return Due.at_local(instant, tz)


@pytest.mark.parametrize(
    ("text", "now", "tz", "instant", "local", "notice"),
    [
        (  # spring forward in Berlin: 02:00 CET -> 03:00 CEST
            "x mar 28 2:30am",
            datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo(BERLIN)),
            BERLIN,
            datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
            time(3, 30),
            "02:30 does not exist on 28 Mar 2027 in Europe/Berlin (clocks go forward); "
            "using 03:30 CEST",
        ),
        (  # fall back in Berlin: 03:00 CEST -> 02:00 CET; the first 02:30 is CEST
            "x oct 25 02:30",
            datetime(2026, 10, 1, 10, 0, tzinfo=ZoneInfo(BERLIN)),
            BERLIN,
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            time(2, 30),
            "02:30 happens twice on 25 Oct 2026 in Europe/Berlin (clocks go back); "
            "using the first, 02:30 CEST",
        ),
        (  # spring forward in New York: 02:00 EST -> 03:00 EDT
            "x 2027-03-14 at 2:30am",
            datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo(NEW_YORK)),
            NEW_YORK,
            datetime(2027, 3, 14, 7, 30, tzinfo=UTC),
            time(3, 30),
            "02:30 does not exist on 14 Mar 2027 in America/New_York (clocks go forward); "
            "using 03:30 EDT",
        ),
        (  # fall back in New York: 02:00 EDT -> 01:00 EST; the first 01:30 is EDT
            "x nov 1 1:30am",
            datetime(2026, 10, 15, 10, 0, tzinfo=ZoneInfo(NEW_YORK)),
            NEW_YORK,
            datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
            time(1, 30),
            "01:30 happens twice on 1 Nov 2026 in America/New_York (clocks go back); "
            "using the first, 01:30 EDT",
        ),
        (  # a time alone on the gap day, typed before the gap: today, moved forward
            "x 2:30am",
            datetime(2027, 3, 28, 0, 30, tzinfo=ZoneInfo(BERLIN)),
            BERLIN,
            datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
            time(3, 30),
            "02:30 does not exist on 28 Mar 2027 in Europe/Berlin (clocks go forward); "
            "using 03:30 CEST",
        ),
        (  # a repeat whose first occurrence falls in the gap
            "x every day 2:30am",
            datetime(2027, 3, 27, 12, 0, tzinfo=ZoneInfo(BERLIN)),
            BERLIN,
            datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
            time(3, 30),
            "02:30 does not exist on 28 Mar 2027 in Europe/Berlin (clocks go forward); "
            "using 03:30 CEST",
        ),
    ],
)
def test_gaps_move_forward_and_overlaps_take_the_first(
    text: str, now: datetime, tz: str, instant: datetime, local: time, notice: str
) -> None:
    got = parse(text, now=now, tz=tz)
    assert got.title == "x"
    assert got.due == utc_due(instant, tz)
    assert got.due is not None and got.due.local_time() == local
    assert got.notices == (notice,)


def test_a_time_after_the_gap_has_passed_is_tomorrow_without_a_notice() -> None:
    now = datetime(2027, 3, 28, 4, 0, tzinfo=ZoneInfo(BERLIN))
    got = parse("x 2:30am", now=now, tz=BERLIN)
    assert got.due == utc_due(datetime(2027, 3, 29, 0, 30, tzinfo=UTC), BERLIN)
    assert got.notices == ()


def test_ordinary_times_around_the_change_have_no_notice() -> None:
    now = datetime(2027, 3, 27, 12, 0, tzinfo=ZoneInfo(BERLIN))
    got = parse("x tomorrow 9am", now=now, tz=BERLIN)
    assert got.due == utc_due(datetime(2027, 3, 28, 7, 0, tzinfo=UTC), BERLIN)
    assert got.due is not None and got.due.day == date(2027, 3, 28)
    assert got.notices == ()
