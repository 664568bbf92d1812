"""One table of day and month words, read by quick capture, the search box and descriptions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from todo_tui.capture import parse
from todo_tui.recurrence.words import MONTHS, WEEKDAYS
from todo_tui.search.parse import resolve_day

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize("word", sorted(WEEKDAYS))
def test_every_day_word_means_the_same_day_in_capture_and_search(word: str) -> None:
    now = datetime.combine(MONDAY, datetime.min.time(), UTC)
    wanted = MONDAY + timedelta(days=WEEKDAYS[word])
    captured = parse(f"x {word}", now=now, tz="UTC")
    assert captured.due is not None and captured.due.day == wanted
    assert resolve_day(word, MONDAY) == wanted
    assert resolve_day(word.upper(), MONDAY) == wanted


@pytest.mark.parametrize("word", sorted(MONTHS))
def test_every_month_word_is_a_month_in_capture(word: str) -> None:
    now = datetime(2026, 11, 30, tzinfo=UTC)
    captured = parse(f"x {word} 5 2030", now=now, tz="UTC")
    assert captured.due is not None and captured.due.day == date(2030, MONTHS[word], 5)
