"""The grammar help text, the public API, and the import cost of the capture package."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

import todo_tui.capture as capture
from todo_tui.capture import GRAMMAR_HELP, parse
from todo_tui.capture.remind import describe_reminders

EXAMPLES = [
    "#home", '#"two words"', "+errand", "@phone", "!high", "!h", "!1", "p1", "p4",
    "today", "tod", "tomorrow", "tom", "tonight", "20:00", "yesterday", "fri", "friday",
    "next fri", "this fri", "next week", "next month", "in 3 days", "in 2 weeks", "in 1 month",
    "jan 5", "5 jan", "january 5th", "5th of january", "2026-12-01", "12/01", "end of month",
    "eom", "5pm", "5:30pm", "17:30", "at 9", "at 5pm", "noon", "midnight", "9am", "on fri",
    "buy may tickets", "buy 3 apples", "sat down", "every day", "daily", "every weekday",
    "every monday", "every 2 weeks", "weekly", "every month", "monthly", "every year", "yearly",
    "annually", "every 15th", "every 3 days", "every day 9am", "every!", " // ",
    "'next friday'", "\\#hashtag", "\\tomorrow", "C#", "a@b.com", "https://x/#frag",
    "02:30", "03:30", "first", "the last one counts",
]  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES)
def test_help_documents_each_rule(example: str) -> None:
    assert example in GRAMMAR_HELP


def test_help_is_plain_text() -> None:
    assert "[" not in GRAMMAR_HELP and "]" not in GRAMMAR_HELP
    assert all(len(line) <= 96 for line in GRAMMAR_HELP.splitlines())


def test_help_examples_parse_as_documented() -> None:
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    headline = parse("pay rent tomorrow 9am #home !high every month // ref 42", now=now, tz="UTC")
    assert headline.title == "pay rent"
    assert parse("sat down", now=now, tz="UTC").title == "down"
    assert parse("\\sat down", now=now, tz="UTC").title == "sat down"


def test_public_api() -> None:
    assert set(capture.__all__) >= {
        "parse", "parse_verbatim", "Capture", "CaptureError", "describe_rrule",
        "next_occurrence", "GRAMMAR_HELP",
    }


def test_import_is_small_and_dateutil_is_lazy() -> None:
    code = (
        "import sys, todo_tui.capture\n"
        "heavy = [m for m in ('dateutil.rrule', 'dateutil.relativedelta', 'textual',"
        " 'sqlalchemy') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "PYTHONPATH": root}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60,
        env=env,
    )
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(("spelling", "reminder"), [
    ("remind 10m before", "10m before"),
    ("remind at due", "at due"),
    ("remind when due", "at due"),
    ("remind at 14:30", "14:30"),
    ("remind tomorrow 9am", "09:00"),
])
def test_help_documents_each_reminder_spelling(spelling: str, reminder: str) -> None:
    assert spelling in GRAMMAR_HELP
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    parsed = parse(f"call bank at 15:00 {spelling}", now=now, tz="UTC")
    assert parsed.title == "call bank" and len(parsed.reminders) == 1
    assert reminder in describe_reminders(parsed.reminders, "UTC")
