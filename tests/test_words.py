"""The one pluralising helper of messages."""

from __future__ import annotations

from todo_tui.words import count_of


def test_count_of_says_one_task_and_many_tasks() -> None:
    assert [count_of(n, "task") for n in (0, 1, 2)] == ["0 tasks", "1 task", "2 tasks"]
    assert count_of(1, "marked task") == "1 marked task"
    assert count_of(3, "category", "categories") == "3 categories"
