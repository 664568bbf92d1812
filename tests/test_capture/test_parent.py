"""`^trip` in quick capture (issue 16): the parent, named in the line of text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from todo_tui.capture import GRAMMAR_HELP, parse

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def read(text: str, categories: tuple[str, ...] = ()) -> tuple[str, str | None, tuple[str, ...]]:
    got = parse(text, now=NOW, tz="UTC", categories=categories)
    return got.title, got.parent, got.notices


@pytest.mark.parametrize(
    ("text", "title", "parent"),
    [
        ("book hotel ^trip", "book hotel", "trip"),
        ("^trip book hotel", "book hotel", "trip"),
        ('book hotel ^"plan the trip" ok', "book hotel ok", "plan the trip"),
        ("call ^3fa1c2.", "call", "3fa1c2"),
        ("ring ^o'neil's, now", "ring now", "o'neil's"),
        ("read ^Übung", "read", "Übung"),
        # not a parent: not at the start of a word, escaped, quoted, nothing or no word after
        ("2^10 is big", "2^10 is big", None),
        ("x \\^trip", "x ^trip", None),
        ("x '^trip'", "x ^trip", None),
        ("x ^", "x ^", None),
        ("x ^^", "x ^^", None),
        ("x ^_^ y", "x ^_^ y", None),
        ('x ^""', 'x ^""', None),
    ],
)
def test_the_parent_is_read_from_the_line(text: str, title: str, parent: str | None) -> None:
    assert read(text)[:2] == (title, parent)


def test_the_last_parent_counts_and_a_notice_says_so() -> None:
    assert read("x ^a ^b") == ("x", "b", ("several parents given; using the last one, b",))
    assert read("x ^trip ^TRIP") == ("x", "TRIP", ())


def test_a_subtask_goes_in_its_parents_category_so_a_category_is_left_out() -> None:
    got = parse("x #home ^trip tomorrow !high", now=NOW, tz="UTC", categories=("Home",))
    assert (got.title, got.parent, got.category, got.priority.label) == (
        "x", "trip", None, "high")
    assert got.due is not None
    assert got.notices == ("a subtask goes in its parent's category: #Home is left out",)


def test_the_preview_dry_run_and_json_name_the_parent() -> None:
    got = parse("x ^trip", now=NOW, tz="UTC")
    assert ("Under", "trip") in got.summary_lines()
    assert got.to_json()["parent"] == "trip"
    assert got.to_new_task().parent_name == "trip"
    assert parse("x", now=NOW, tz="UTC").to_json()["parent"] is None


def test_the_help_documents_it() -> None:
    for example in ("^trip", '^"plan the trip"', "^3fa1c2", "2^10", "\\^trip", "opened with A"):
        assert example in GRAMMAR_HELP


@pytest.mark.parametrize(
    ("read_field", "text"),
    [("due", "fri ^trip"), ("repeat", "every day ^trip"), ("start", "fri ^trip")],
)
def test_the_edit_forms_fields_refuse_a_parent(read_field: str, text: str) -> None:
    from todo_tui.capture.reschedule import parse_due, parse_repeat_change
    from todo_tui.ui.screens.edit_fields import parse_start

    reader = {"due": parse_due, "repeat": parse_repeat_change, "start": parse_start}[read_field]
    with pytest.raises(ValueError, match="cannot read"):
        reader(text)
