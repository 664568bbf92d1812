"""The phrasebook (issue 19) read by the parser itself, and the issue's own table."""

from __future__ import annotations

from datetime import datetime

import pytest

from todo_tui.capture import parse

from .phrasebook import ISSUE, PHRASES, Phrase, check_json


def test_the_phrasebook_is_large_enough() -> None:
    assert len(PHRASES) - len(ISSUE) >= 150
    assert len({(p.text, p.now, p.zone) for p in PHRASES}) == len(PHRASES)


@pytest.mark.parametrize("phrase", PHRASES, ids=[f"{p.text}@{p.now[:16]}" for p in PHRASES])
def test_phrase(phrase: Phrase) -> None:
    got = parse(phrase.text, now=datetime.fromisoformat(phrase.now), tz=phrase.zone)
    assert check_json(phrase, got.to_json()) == []


def test_the_preview_shows_the_duration() -> None:
    now = datetime.fromisoformat(ISSUE[0].now)
    got = parse("meeting 3pm-4pm", now=now, tz="Europe/Berlin")
    assert ("Duration", "1 h") in got.summary_lines()
    assert got.to_new_task().duration_minutes == 60
    assert ("Duration", "1 h 30 min") in parse("x for 90 min", now=now, tz="UTC").summary_lines()
