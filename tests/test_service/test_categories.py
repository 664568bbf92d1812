"""CategoryService: create, rename, reorder, delete, and what happens to the tasks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from todo_tui.domain import ListKind, ListRef, NewTask
from todo_tui.errors import NotFoundError, ValidationError
from todo_tui.service import Services

from ..helpers import scalar


async def names(services: Services) -> list[str]:
    return [category.name for category in await services.categories.list()]


async def test_create_adds_categories_at_the_end(services: Services) -> None:
    home = await services.categories.create("  Home  ", colour="green")
    work = await services.categories.create("Work")
    assert (home.name, home.colour) == ("Home", "green")
    assert home.position < work.position
    assert await names(services) == ["Home", "Work"]
    assert await services.categories.get(home.id) == home


@pytest.mark.parametrize("clash", ["Home", "home", "HOME", " hOmE "])
async def test_create_refuses_a_name_in_use_in_any_case(services: Services, clash: str) -> None:
    await services.categories.create("Home")
    with pytest.raises(ValidationError, match="exists"):
        await services.categories.create(clash)
    assert await names(services) == ["Home"]


@pytest.mark.parametrize("name", ["", "   ", "\n"])
async def test_create_refuses_an_empty_name(services: Services, name: str) -> None:
    with pytest.raises(ValidationError):
        await services.categories.create(name)
    assert await names(services) == []


async def test_find_ignores_case(services: Services) -> None:
    home = await services.categories.create("Home")
    assert await services.categories.find("hOME") == home
    assert await services.categories.find("Work") is None


async def test_get_an_unknown_category_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        await services.categories.get("0" * 32)


async def test_rename_changes_the_name_its_tasks_show(services: Services) -> None:
    home = await services.categories.create("Home")
    task = await services.tasks.add(NewTask(title="x", category_id=home.id))
    renamed = await services.categories.rename(home.id, "House")
    assert renamed.name == "House"
    assert (await services.tasks.get(task.id)).category_name == "House"
    assert await services.categories.find("house") == renamed
    assert await services.categories.find("home") is None


async def test_rename_to_a_name_another_category_has_is_refused(services: Services) -> None:
    home = await services.categories.create("Home")
    await services.categories.create("Work")
    with pytest.raises(ValidationError, match="exists"):
        await services.categories.rename(home.id, "WORK")
    assert await names(services) == ["Home", "Work"]


async def test_rename_may_change_only_the_case_of_its_own_name(services: Services) -> None:
    home = await services.categories.create("home")
    renamed = await services.categories.rename(home.id, "HOME")
    assert renamed.name == "HOME"
    assert await names(services) == ["HOME"]


async def test_rename_refuses_an_empty_name_and_an_unknown_id(services: Services) -> None:
    home = await services.categories.create("Home")
    with pytest.raises(ValidationError):
        await services.categories.rename(home.id, " ")
    with pytest.raises(NotFoundError):
        await services.categories.rename("0" * 32, "Other")
    assert await names(services) == ["Home"]


async def test_delete_keeping_tasks_moves_them_to_the_inbox(
    services: Services, db_path: Path
) -> None:
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    in_home = [
        await services.tasks.add(NewTask(title=f"home {n}", category_id=home.id, tags=("t",)))
        for n in range(3)
    ]
    done, _ = await services.tasks.set_done(in_home[0].id, True)
    in_work = await services.tasks.add(NewTask(title="work", category_id=work.id))

    assert await services.categories.delete(home.id, delete_tasks=False) == 3

    assert await names(services) == ["Work"]
    with pytest.raises(NotFoundError):
        await services.categories.get(home.id)
    for before in in_home:
        after = await services.tasks.get(before.id)
        assert (after.category_id, after.category_name) == (None, None)
        assert after.title == before.title and after.tags == ("t",)
        assert after.version > before.version
    assert (await services.tasks.get(done.id)).completed_at == done.completed_at
    assert (await services.tasks.get(in_work.id)).category_id == work.id
    inbox = await services.tasks.page(ListRef(ListKind.INBOX), today=date(2026, 1, 1))
    assert {t.id for t in inbox.tasks} == {in_home[1].id, in_home[2].id}
    assert scalar(db_path, "SELECT count(*) FROM task_tags") == 3


async def test_delete_with_tasks_trashes_them_and_emptying_removes_their_tag_links(
    services: Services, db_path: Path
) -> None:
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    doomed = [
        await services.tasks.add(NewTask(title=f"home {n}", category_id=home.id,
                                         tags=("shared", f"own{n}")))
        for n in range(2)
    ]
    kept = await services.tasks.add(NewTask(title="work", category_id=work.id, tags=("shared",)))
    assert scalar(db_path, "SELECT count(*) FROM task_tags") == 5

    assert await services.categories.delete(home.id, delete_tasks=True) == 2

    for task in doomed:
        with pytest.raises(NotFoundError):
            await services.tasks.get(task.id)
    assert [t.id for t in await services.tasks.all(include_done=True)] == [kept.id]
    # in the trash they keep their tags (a restore brings them back); emptying it removes them
    assert scalar(db_path, "SELECT count(*) FROM task_tags") == 5
    assert await services.tasks.empty_trash() == 2
    assert scalar(db_path, "SELECT count(*) FROM task_tags") == 1
    assert scalar(db_path, "SELECT count(*) FROM task_tags WHERE task_id = ?", kept.id) == 1
    assert (await services.tasks.get(kept.id)).tags == ("shared",)
    assert await names(services) == ["Work"]


async def test_delete_an_unknown_category_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        await services.categories.delete("0" * 32, delete_tasks=True)


async def test_move_reorders_and_stops_at_the_ends(services: Services) -> None:
    a = await services.categories.create("A")
    await services.categories.create("B")
    c = await services.categories.create("C")
    assert [x.name for x in await services.categories.move(c.id, -1)] == ["A", "C", "B"]
    assert [x.name for x in await services.categories.move(c.id, -1)] == ["C", "A", "B"]
    assert [x.name for x in await services.categories.move(c.id, -1)] == ["C", "A", "B"]
    assert [x.name for x in await services.categories.move(a.id, 1)] == ["C", "B", "A"]
    assert [x.name for x in await services.categories.move(a.id, 1)] == ["C", "B", "A"]
    assert await names(services) == ["C", "B", "A"]
    positions = [x.position for x in await services.categories.list()]
    assert positions == sorted(set(positions))
    with pytest.raises(NotFoundError):
        await services.categories.move("0" * 32, 1)


async def test_a_new_category_goes_after_the_reordered_ones(services: Services) -> None:
    await services.categories.create("A")
    b = await services.categories.create("B")
    await services.categories.move(b.id, -1)
    await services.categories.create("C")
    assert await names(services) == ["B", "A", "C"]


async def test_list_counts_only_open_tasks(services: Services) -> None:
    home = await services.categories.create("Home")
    await services.categories.create("Empty")
    tasks = [await services.tasks.add(NewTask(title=f"t{n}", category_id=home.id))
             for n in range(4)]
    await services.tasks.add(NewTask(title="inbox"))
    await services.tasks.set_done(tasks[0].id, True)
    counts = {c.name: c.open_count for c in await services.categories.list()}
    assert counts == {"Home": 3, "Empty": 0}


async def test_deleting_a_category_counts_its_tasks_in_words(services: Services) -> None:
    home = await services.categories.create("Home")
    work = await services.categories.create("Work")
    await services.tasks.add(NewTask(title="one", category_id=home.id))
    await services.categories.delete(home.id, delete_tasks=True)
    await services.categories.delete(work.id, delete_tasks=False)
    assert [op.summary for op in await services.history.recent(2)] == [
        "delete category 'Work', moving its 0 tasks to the Inbox",
        "delete category 'Home' and its 1 task"]
