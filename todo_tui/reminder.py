"""A reminder of a task: some minutes before its due time, or at one fixed moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from todo_tui.spans import format_minutes


@dataclass(frozen=True, slots=True)
class Reminder:
    """When to be reminded of a task: `minutes_before` its due time (0: at it), for each
    occurrence of a repeating task, or `at` one fixed moment (aware)."""

    minutes_before: int | None = None
    at: datetime | None = None

    def __post_init__(self) -> None:
        if (self.minutes_before is None) == (self.at is None):
            raise ValueError("a reminder is either some minutes before the due or at a moment")
        if self.at is not None and self.at.tzinfo is None:
            raise ValueError("a reminder's moment must be aware")

    @property
    def key(self) -> str:
        """A stable text for this reminder (the record of firings names it)."""
        if self.minutes_before is not None:
            return f"-{self.minutes_before}m"
        assert self.at is not None
        return "@" + self.at.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%MZ")

    def fire_at(self, due_at: datetime | None) -> datetime | None:
        """The instant it fires for a task due at `due_at` (None: never, as the task has no
        due time)."""
        if self.at is not None:
            return self.at
        if due_at is None or self.minutes_before is None:
            return None
        return due_at - timedelta(minutes=self.minutes_before)

    def describe(self, tz: str | None = None) -> str:
        """`10m before`, `at due`, `at 2026-12-07 14:30`: the words capture reads back."""
        if self.minutes_before is not None:
            if self.minutes_before == 0:
                return "at due"
            return f"{format_minutes(self.minutes_before)} before"
        assert self.at is not None
        local = self.at.astimezone(ZoneInfo(tz)) if tz else self.at
        return f"at {local:%Y-%m-%d %H:%M}"

    def words(self, tz: str | None = None, today: date | None = None) -> str:
        """For people: `10m before`, `at due`, `at Mon 7 Dec 2026 14:30` (without the year
        in `today`'s year; in the settings' date_format and clock: todo_tui.timefmt).
        describe() gives what the edit form's field reads back."""
        if self.at is None:
            return self.describe()
        from todo_tui import timefmt  # the date_format and clock settings

        local = self.at.astimezone(ZoneInfo(tz)) if tz else self.at
        return f"at {timefmt.moment(local, today)}"

    def to_json(self) -> dict[str, Any]:
        if self.minutes_before is not None:
            return {"minutes_before": self.minutes_before}
        assert self.at is not None
        return {"at": self.at.astimezone(ZoneInfo("UTC")).isoformat()}  # as stored

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Reminder:
        """The reminder `to_json` wrote; raises ValueError for anything else."""
        if "minutes_before" in value:
            return cls(minutes_before=int(value["minutes_before"]))
        return cls(at=datetime.fromisoformat(str(value["at"])))
