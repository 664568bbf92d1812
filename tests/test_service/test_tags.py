"""Tags: made on demand, shared between tasks without regard to case, replaced by update."""

from __future__ import annotations

from pathlib import Path

import pytest

from todo_tui.domain import NewTask, TaskChanges
from todo_tui.errors import ValidationError
from todo_tui.service import Services

from ..helpers import scalar


async def test_tags_are_created_on_demand(services: Services, db_path: Path) -> None:
    assert scalar(db_path, "SELECT count(*) FROM tags") == 0
    task = await services.tasks.add(NewTask(title="x", tags=("urgent", "home")))
    assert task.tags == ("home", "urgent")
    assert scalar(db_path, "SELECT group_concat(name, ',') FROM (SELECT name FROM tags "
                           "ORDER BY name)") == "home,urgent"


async def test_tags_are_shared_between_tasks_without_regard_to_case(
    services: Services, db_path: Path
) -> None:
    first = await services.tasks.add(NewTask(title="a", tags=("Work",)))
    second = await services.tasks.add(NewTask(title="b", tags=("WORK",)))
    assert scalar(db_path, "SELECT count(*) FROM tags") == 1
    # the first spelling is kept
    assert first.tags == ("Work",)
    assert second.tags == ("Work",)
    assert (await services.tasks.get(second.id)).tags == ("Work",)


async def test_tags_given_twice_are_saved_once(services: Services, db_path: Path) -> None:
    task = await services.tasks.add(NewTask(title="a", tags=("x", "X", "+x", "y", "x")))
    assert task.tags == ("x", "y")
    assert scalar(db_path, "SELECT count(*) FROM task_tags WHERE task_id = ?", task.id) == 2


async def test_tags_come_back_in_one_order_from_add_and_get(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="a", tags=("zeta", "Alpha", "mid")))
    assert task.tags == ("Alpha", "mid", "zeta")
    assert (await services.tasks.get(task.id)).tags == task.tags
    updated = await services.tasks.update(task.id, TaskChanges(tags=("b", "a")))
    assert updated.tags == ("a", "b")
    assert (await services.tasks.get(task.id)).tags == updated.tags


async def test_update_replaces_the_tags(services: Services, db_path: Path) -> None:
    task = await services.tasks.add(NewTask(title="a", tags=("old", "keep")))
    other = await services.tasks.add(NewTask(title="b", tags=("old",)))
    updated = await services.tasks.update(task.id, TaskChanges(tags=("KEEP", "new")))
    assert updated.tags == ("keep", "new")
    assert (await services.tasks.get(task.id)).tags == ("keep", "new")
    assert scalar(db_path, "SELECT count(*) FROM task_tags WHERE task_id = ?", task.id) == 2
    assert (await services.tasks.get(other.id)).tags == ("old",)
    cleared = await services.tasks.update(task.id, TaskChanges(tags=()))
    assert cleared.tags == ()
    assert scalar(db_path, "SELECT count(*) FROM task_tags WHERE task_id = ?", task.id) == 0


async def test_update_without_tags_keeps_them(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="a", tags=("keep",)))
    updated = await services.tasks.update(task.id, TaskChanges(title="b"))
    assert updated.tags == ("keep",)


@pytest.mark.parametrize("bad", ["two words", "", "  ", "+"])
async def test_a_tag_that_is_not_one_word_is_refused(services: Services, bad: str) -> None:
    with pytest.raises(ValidationError):
        await services.tasks.add(NewTask(title="a", tags=("fine", bad)))
    assert await services.tasks.all(include_done=True) == []
