"""TaskService.edit (the shell's `edit`): fields, a category by name, tags added and removed,
as one change; and the shortest unique prefixes of ids."""

from __future__ import annotations

from todo_tui.db import models
from todo_tui.domain import NewTask, Priority, TaskChanges, unique_prefix
from todo_tui.service import Services


async def test_one_edit_is_one_change_that_one_undo_reverts(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="paint", tags=("Out", "wood"), category="Home"))
    edited = await services.tasks.edit(
        task.id, TaskChanges(priority=Priority.HIGH), category="Garden",
        add_tags=("new", "OUT"), remove_tags=("WOOD",), origin="cli")
    assert (edited.category_name, edited.priority) == ("Garden", Priority.HIGH)
    assert edited.tags == ("new", "Out")
    [latest, *_] = await services.history.recent(5)
    assert latest.origin == "cli" and latest.summary.startswith("edit 'paint'")
    await services.history.undo("cli")
    back = await services.tasks.get(task.id)
    assert (back.category_name, back.priority, back.tags) == ("Home", Priority.NONE,
                                                               ("Out", "wood"))
    # the category the edit made went with it
    assert [c.name for c in await services.categories.list()] == ["Home"]


async def test_category_none_files_the_task_in_the_inbox(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="x", category="Home"))
    moved = await services.tasks.edit(task.id, TaskChanges(), category=None)
    assert moved.category_id is None


async def test_an_existing_category_is_found_whatever_its_case(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="x", category="Home"))
    other = await services.tasks.add(NewTask(title="y"))
    moved = await services.tasks.edit(other.id, TaskChanges(), category="HOME")
    assert moved.category_id == task.category_id


def test_unique_prefix_is_one_longer_than_what_neighbours_share() -> None:
    assert unique_prefix("abcdef12", ("abcdee00", "abd00000")) == "abcdef"
    assert unique_prefix("abcdef12", (None, None)) == "abcd"
    assert unique_prefix("abcdef12", ("b0000000", None), minimum=2) == "ab"


async def test_id_prefixes_are_unique_among_every_task_the_trash_too(
    services: Services,
) -> None:
    ids = ["abcd0001" + "0" * 24, "abcd0002" + "0" * 24, "abce0000" + "0" * 24,
           "ffff0000" + "0" * 24]
    async with services.db.write() as session:
        for number, task_id in enumerate(ids):
            session.add(models.Task(id=task_id, title=f"t{number}", position=number))
    await services.tasks.delete(ids[1])
    found = await services.tasks.id_prefixes([ids[0], ids[2], ids[3]])
    assert found == {ids[0]: "abcd0001", ids[2]: "abce", ids[3]: "ffff"}
    for task_id, prefix in found.items():
        assert await services.tasks.resolve_id(prefix) == task_id
