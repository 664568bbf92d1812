"""The phrasebook (issue 19) in the quick-capture popup: one Pilot session puts every phrase in
the box, at its clock and in its zone, and reads the live preview (the issue's own lines are
typed key by key; the rest are set at once, which raises the same Input.Changed)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from todo_tui.domain import format_duration
from todo_tui.recurrence.words import DAY_ABBR, MONTH_ABBR
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.widgets.task_detail import TaskDetail

from ..test_capture.phrasebook import ISSUE, PHRASES, Phrase, check_json
from .conftest import SIZE, plain, press, screen_text, send_key, settle, type_text
from .test_capture import field, open_inbox, popup, preview

pytestmark = pytest.mark.sqlite_only  # the UI runs on one backend; services cover both


def _shown_due(phrase: Phrase) -> str:
    """The preview's words for the phrase's due: `Tue 8 Dec 15:00`, the year when not now's."""
    assert phrase.due is not None
    day = date.fromisoformat(phrase.due[:10])
    text = f"{DAY_ABBR[day.weekday()]} {day.day} {MONTH_ABBR[day.month]}"
    if str(day.year) != phrase.now[:4] and not phrase.zone == "Asia/Tokyo":
        text += f" {day.year}"
    return text + phrase.due[10:]


async def type_slowly(pilot: Any, text: str) -> None:
    """Type `text` key by key, letting the app catch up every few keys."""
    for start in range(0, len(text), 8):
        for char in text[start : start + 8]:
            send_key(pilot.app, char)
        await settle(pilot, rounds=200)


def expected_rows(phrase: Phrase) -> list[str]:
    rows = [phrase.title]
    if phrase.due is not None:
        rows.append(_shown_due(phrase))
    if phrase.duration is not None:
        rows.append(format_duration(phrase.duration))
    if phrase.recurrence is not None:
        rows.append("Repeats")
    if phrase.notice is not None:
        rows.append(phrase.notice)
    if phrase.unread:
        rows.append("Not read  " + ", ".join(phrase.unread))
    return rows


async def test_every_phrase_previews_as_the_phrasebook_says(
    app: TodoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_inbox(pilot)  # no list default: the preview shows only what was typed
        await press(pilot, "a")
        for phrase in PHRASES:
            monkeypatch.setenv("TZ", phrase.zone)
            monkeypatch.setenv("TODO_TUI_NOW", phrase.now)
            field(app).value = ""
            if phrase in ISSUE:  # typed key by key, as a person would
                await type_slowly(pilot, phrase.text)
            else:  # the rest set at once (Input.Changed: the same preview path), for speed
                field(app).value = phrase.text
                await settle(pilot, rounds=200)
            assert field(app).value == phrase.text
            found = check_json(phrase, popup(app).parse(phrase.text).to_json())
            shown = " ".join(preview(app).split())
            found += [f"preview lacks {row!r}: {shown!r}" for row in expected_rows(phrase)
                      if " ".join(row.split()) not in shown]
            if phrase.duration is None and "Duration" in shown:
                found.append(f"preview shows a duration: {shown!r}")
            if found:
                problems[f"{phrase.text} @ {phrase.now}"] = found
    assert problems == {}


async def test_a_duration_is_saved_and_shown_in_the_detail_pane(
    app: TodoApp, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("TODO_TUI_NOW", "2026-12-06T20:00:00+01:00")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_inbox(pilot)
        await press(pilot, "a")
        await type_text(pilot, "meeting tomorrow 3pm-4:30pm")
        assert "Duration 1 h 30 min" in " ".join(preview(app).split())
        await press(pilot, "enter")
        await settle(pilot)
        assert "Duration  1 h 30 min" in screen_text(app)  # the detail pane of the new task
    [task] = await services.tasks.all()
    assert (task.title, task.duration_minutes) == ("meeting", 90)
    assert "Duration 1 h 30 min" in " ".join(plain(TaskDetail.render_fields(task)).split())
