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


def test_the_fast_path_lets_every_phrase_start_through() -> None:
    """phrases.may_start skips words no phrase starts with; at every word of every phrase
    here and in test_parse.py, a word some matcher reads must pass it."""
    from todo_tui.capture.matching import Context
    from todo_tui.capture.phrases import OWN, may_start
    from todo_tui.capture.tokens import tokenize

    from .test_parse import CASES
    from .test_properties import VOCABULARY

    texts = [p.text for p in PHRASES] + [text for text, _ in CASES] + [" ".join(VOCABULARY)]
    now = datetime.fromisoformat(PHRASES[0].now)
    context = Context(now, now.date(), "Europe/Berlin")
    missed = set()
    for text in texts:
        tokens, _ = tokenize(text)
        keys = [t.key for t in tokens]
        for index, key in enumerate(keys):
            if key is None or may_start(key):
                continue
            if any(matcher(keys, index, context) is not None for matcher in OWN):
                missed.add(key)
    assert missed == set()
