"""`start:` in quick capture: any date phrase right after it sets the start day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from todo_tui.capture import parse
from todo_tui.domain import Due

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday


def cap(text: str):  # type: ignore[no-untyped-def]
    return parse(text, now=NOW, tz="UTC")


@pytest.mark.parametrize(("text", "start"), [
    ("call bob start:fri", date(2026, 12, 11)),
    ("call bob START:Friday", date(2026, 12, 11)),
    ("call bob start:tomorrow", date(2026, 12, 8)),
    ("call bob start:2026-12-20", date(2026, 12, 20)),
    ("call bob start:next week", date(2026, 12, 14)),
    ("call bob start:in 3 days", date(2026, 12, 10)),
    ("call bob start: jan 5", date(2027, 1, 5)),
    ("call bob start:mon", date(2026, 12, 7)),  # today included, as for a due
])
def test_a_start_phrase_sets_the_start_day(text: str, start: date) -> None:
    found = cap(text)
    assert (found.title, found.start, found.due, found.notices) == ("call bob", start, None, ())


def test_start_and_due_together() -> None:
    found = cap("report start:fri mon #work")
    assert found.start == date(2026, 12, 11) and found.due == Due.on(date(2026, 12, 7))
    assert found.title == "report" and found.category == "work"
    assert found.to_new_task().start == date(2026, 12, 11)
    assert found.to_json()["start"] == "2026-12-11"
    assert ("Starts", "Fri 11 Dec") in found.summary_lines()


@pytest.mark.parametrize(("text", "title"), [
    ("fix start:foo", "fix start:foo"),
    ("fix start:", "fix start:"),
    ("fix start:feb 30", "fix start:feb 30"),
])
def test_start_without_a_date_stays_in_the_title_with_a_notice(text: str, title: str) -> None:
    found = cap(text)
    assert (found.title, found.start) == (title, None) and found.notices


@pytest.mark.parametrize("text", ["restart:fri now", '"start:fri" later', r"\start:fri x"])
def test_start_counts_only_as_a_whole_unquoted_word(text: str) -> None:
    assert cap(text).start is None


def test_the_start_help_is_in_the_readme_and_its_examples_parse() -> None:
    from pathlib import Path

    from todo_tui.capture.start import START_HELP

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert START_HELP.rstrip() in readme
    for example in ("start:fri", "start:tomorrow", "start:2026-12-11", "start:in 3 days",
                    "start:next week", "start: fri"):
        assert example in START_HELP
        assert cap(f"x {example}").start is not None, example
