"""The search language: every term, `or`, quotes, negation, and what a malformed term says."""

from __future__ import annotations

from datetime import date

import pytest

from todo_tui.domain import Priority, Status
from todo_tui.errors import ValidationError
from todo_tui.search.parse import parse_query, quote, resolve_day
from todo_tui.search.terms import (
    CategoryTerm,
    DueKind,
    DueTerm,
    HasTerm,
    PriorityTerm,
    SearchTerm,
    StatusTerm,
    TagTerm,
    TextTerm,
)

FRIDAY = date(2026, 11, 27)


def terms(text: str) -> list[list[SearchTerm]]:
    return [list(clause) for clause in parse_query(text).clauses]


@pytest.mark.parametrize(("text", "term"), [
    ("dentist", TextTerm("dentist")),
    ('"pay rent"', TextTerm("pay rent")),
    ('"say \\"hi\\""', TextTerm('say "hi"')),
    ("due:today", DueTerm(DueKind.ON, "today")),
    ("due:overdue", DueTerm(DueKind.OVERDUE)),
    ("due:week", DueTerm(DueKind.WEEK)),
    ("due:none", DueTerm(DueKind.NONE)),
    ("due:any", DueTerm(DueKind.ANY)),
    ("DUE:Tomorrow", DueTerm(DueKind.ON, "tomorrow")),
    ("due<fri", DueTerm(DueKind.BEFORE, "fri")),
    ("due<=2026-12-01", DueTerm(DueKind.BY, "2026-12-01")),
    ("due>+3d", DueTerm(DueKind.AFTER, "+3d")),
    ("due>=2w", DueTerm(DueKind.FROM, "2w")),
    ("pri:high", PriorityTerm("=", Priority.HIGH)),
    ("priority:m", PriorityTerm("=", Priority.MEDIUM)),
    ("pri>=low", PriorityTerm(">=", Priority.LOW)),
    ("pri<3", PriorityTerm("<", Priority.HIGH)),
    ("pri:none", PriorityTerm("=", Priority.NONE)),
    ("tag:Work", TagTerm("work")),
    ("+errand", TagTerm("errand")),
    ("-tag:work", TagTerm("work", negated=True)),
    ("#home", CategoryTerm("home")),
    ('#"Side Project"', CategoryTerm("side project")),
    ("cat:none", CategoryTerm(None)),
    ("category:Home", CategoryTerm("home")),
    ("is:done", StatusTerm(Status.DONE)),
    ("is:open", StatusTerm(Status.OPEN)),
    ("has:notes", HasTerm("notes")),
    ("has:tags", HasTerm("tags")),
    ("-has:due", HasTerm("due", negated=True)),
    ("has:repeat", HasTerm("repeat")),
    ("-milk", TextTerm("milk", negated=True)),
    ('-"oat milk"', TextTerm("oat milk", negated=True)),
    ("-#home", CategoryTerm("home", negated=True)),
])
def test_each_term(text: str, term: SearchTerm) -> None:
    assert terms(text) == [[term]]


def test_terms_combine_with_and_and_or_joins_two_neighbours() -> None:
    assert terms('milk or "oat milk" due:today') == [
        [TextTerm("milk"), TextTerm("oat milk")],
        [DueTerm(DueKind.ON, "today")],
    ]
    assert terms("a OR b or c #home") == [
        [TextTerm("a"), TextTerm("b"), TextTerm("c")], [CategoryTerm("home")]]
    assert terms("pri:high or due:overdue") == [
        [PriorityTerm("=", Priority.HIGH), DueTerm(DueKind.OVERDUE)]]


def test_words_that_only_look_like_terms_are_text() -> None:
    assert terms("http://example.org note:x") == [
        [TextTerm("http://example.org")], [TextTerm("note:x")]]
    assert terms('"due:today" "or" C++ e-mail') == [
        [TextTerm("due:today")], [TextTerm("or")], [TextTerm("C++")], [TextTerm("e-mail")]]
    assert terms("+") == [[TextTerm("+")]]


def test_the_text_is_kept_trimmed_and_empty_means_no_filter() -> None:
    assert parse_query("  milk  ").text == "milk"
    assert parse_query("   ").empty
    assert not parse_query("x").empty
    assert parse_query("is:done milk").sets_status
    assert not parse_query("milk").sets_status


@pytest.mark.parametrize(("text", "message"), [
    ("due:", "'due:' needs a value"),
    ("due:someday", "'due:someday': unknown day 'someday'"),
    ("due<overdue", "compare due with a day"),
    ("due<", "'due<': compare with a day"),
    ("due:2026-02-30", "is not a date"),
    ("pri:urgent", "'pri:urgent': unknown priority"),
    ("pri:", "unknown priority"),
    ("tag:", "which tag?"),
    ("tag<x", "tag takes a colon"),
    ("is:maybe", "use is:open or is:done"),
    ("has:children", "use has:notes, has:tags, has:due or has:repeat"),
    ("#", "which category?"),
    ("cat:", "which category?"),
    ('"unclosed phrase', "unclosed quote"),
    ('""', "an empty phrase"),
    ("-", "a lone '-'"),
    ("or milk", "'or' needs a term on each side"),
    ("milk or", "'or' needs a term on each side"),
    ("milk or or bread", "'or' needs a term on each side"),
    ("x" * 1001, "at most 1000 characters"),
])
def test_a_malformed_term_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=None) as caught:
        parse_query(text)
    assert message in str(caught.value)


@pytest.mark.parametrize(("word", "day"), [
    ("today", FRIDAY), ("tod", FRIDAY), ("tomorrow", date(2026, 11, 28)),
    ("yesterday", date(2026, 11, 26)), ("fri", FRIDAY), ("friday", FRIDAY),
    ("sat", date(2026, 11, 28)), ("thu", date(2026, 12, 3)), ("mon", date(2026, 11, 30)),
    ("2027-01-05", date(2027, 1, 5)), ("+3d", date(2026, 11, 30)), ("3d", date(2026, 11, 30)),
    ("-2d", date(2026, 11, 25)), ("2w", date(2026, 12, 11)),
])
def test_day_words_resolve_against_today(word: str, day: date) -> None:
    assert resolve_day(word, FRIDAY) == day


def test_quote_reads_back_as_the_same_term() -> None:
    for name in ("home", "Side project", 'say "hi"', "back\\slash"):
        assert terms(f"#{quote(name)}") == [[CategoryTerm(name.casefold())]]
