"""Counts in messages: one pluralising helper, so no message says "1 tasks" or "task(s)"."""

from __future__ import annotations


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """`1 task`, `3 tasks` (`plural` for a noun that does not just take an s)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
