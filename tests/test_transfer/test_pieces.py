"""The pure pieces: the streaming JSON reader, taskwarrior's repeats, todo.txt lines."""

from __future__ import annotations

import io

import pytest

from todo_tui.domain import Due, Priority
from todo_tui.transfer import jsonstream, taskwarrior, todotxt
from todo_tui.transfer.record import FormatError

ITEMS = [{"n": n, "text": "x" * (n * 7), "nested": [{"a": n}]} for n in range(40)]


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1 << 16])
@pytest.mark.parametrize("shape", ["array", "lines"])
def test_values_are_read_one_at_a_time_across_any_chunk(
        monkeypatch: pytest.MonkeyPatch, chunk: int, shape: str) -> None:
    import json

    monkeypatch.setattr(jsonstream, "CHUNK", chunk)
    if shape == "array":
        text = "[\n" + ",\n".join(json.dumps(item) for item in ITEMS) + "\n]\n"
    else:
        text = "\n".join(json.dumps(item) for item in ITEMS) + "\n"
    got = list(jsonstream.values(io.StringIO(text), "f"))
    assert [value for _i, _line, value in got] == ITEMS
    assert [line for _i, line, _v in got][:3] == ([2, 3, 4] if shape == "array" else [1, 2, 3])


@pytest.mark.parametrize(("text", "message"), [
    ('[{"a": 1}, {"a": 2}', "f, line 1: the JSON array is not closed"),
    ('[{"a": 1} {"a": 2}]', "f, line 1: expected ',' or ']' after record 1"),
    ('[{"a": 1},\n{"a": }]', "f, line 2, record 2: not valid JSON"),
    ('[{"a": 1}] x', "f, line 1: text after the end of the JSON array"),
])
def test_malformed_json_is_named(monkeypatch: pytest.MonkeyPatch, text: str,
                                 message: str) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK", 4)
    with pytest.raises(FormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        list(jsonstream.values(io.StringIO(text), "f"))


@pytest.mark.parametrize(("recur", "rule", "back"), [
    ("daily", "FREQ=DAILY", "daily"), ("weekly", "FREQ=WEEKLY", "weekly"),
    ("2w", "FREQ=WEEKLY;INTERVAL=2", "2w"), ("3d", "FREQ=DAILY;INTERVAL=3", "3d"),
    ("monthly", "FREQ=MONTHLY", "monthly"), ("quarterly", "FREQ=MONTHLY;INTERVAL=3", "3mo"),
    ("2mo", "FREQ=MONTHLY;INTERVAL=2", "2mo"), ("yearly", "FREQ=YEARLY", "yearly"),
    ("P1W", "FREQ=WEEKLY", "weekly"), ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                                       "weekdays"),
    ("biweekly", "FREQ=WEEKLY;INTERVAL=2", "2w"),
])
def test_taskwarrior_repeats_both_ways(recur: str, rule: str, back: str) -> None:
    assert taskwarrior.rrule_of(recur) == rule
    assert taskwarrior.recur_of(rule) == back


def test_a_repeat_taskwarrior_cannot_say_is_kept() -> None:
    assert taskwarrior.rrule_of("3h") is None
    assert taskwarrior.recur_of("FREQ=MONTHLY;BYMONTHDAY=15") is None


def test_a_todo_txt_line() -> None:
    line = "(B) 2026-12-01 call +work the bank @phone due:2026-12-05 rec:+2m t:2026-12-03 " \
        "https://example.org/x"
    record = todotxt.parse_line(line, "todo.txt:1", "Europe/Berlin")
    assert (record.title, record.category, record.tags, record.priority, record.due) == (
        "call the bank https://example.org/x", "work", ("phone",), Priority.MEDIUM,
        Due.on(__import__("datetime").date(2026, 12, 5)))
    assert (record.recurrence, record.from_completion) == ("FREQ=MONTHLY;INTERVAL=2", False)
    assert "keys" not in record.extras  # t: is the start
    assert record.start == __import__("datetime").date(2026, 12, 3)
    same = todotxt.parse_line("x 2026-12-09 2026-12-01 " + line[4 + 11:], "done.txt:1",
                              "Europe/Berlin")
    assert same.source_id == record.source_id and same.done


def test_a_todo_txt_line_comes_back_as_it_was_read() -> None:
    from datetime import UTC, datetime

    from todo_tui.transfer.record import Exported

    line = "2026-12-01 call @zz the bank @aa +work due:2026-12-05 ref:7"
    record = todotxt.parse_line(line, "todo.txt:1", "UTC")
    stamp = datetime(2026, 12, 1, tzinfo=UTC)
    task = Exported(
        id="a" * 32, title=record.title, notes="", done=False, trashed=False,
        priority=Priority.NONE, due=record.due, recurrence=None, from_completion=False,
        category=record.category, tags=("aa", "zz"), position=1, created_at=stamp,
        updated_at=stamp, completed_at=None, trashed_at=None, source="todotxt",
        source_id=record.source_id, extras=record.extras)
    assert todotxt.line_of(task, "UTC") == line
    moved = Exported(**{**{name: getattr(task, name) for name in task.__slots__},
                        "due": Due.on(__import__("datetime").date(2026, 12, 6))})
    # written anew, its text is no longer the identity it was imported with: our id says
    assert todotxt.line_of(moved, "UTC") == (
        "2026-12-01 call the bank +work @aa @zz due:2026-12-06 ref:7 todotui:" + "a" * 32)
