"""Subtasks (issue 16): the tree's rules in the service, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from todo_tui.domain import Due, ListKind, ListRef, NewTask, Sort, Status, Task
from todo_tui.errors import ValidationError
from todo_tui.search.parse import parse_query
from todo_tui.service import Services

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


async def add(services: Services, title: str, parent: Task | None = None, **kw: Any) -> Task:
    return await services.tasks.add(NewTask(title=title, parent_id=parent.id if parent else None,
                                            **kw))


async def trip(services: Services) -> dict[str, Task]:
    """trip > (book > (hotel, train), pack), three levels, in the category Travel."""
    travel = await services.categories.create("Travel")
    top = await add(services, "trip", category_id=travel.id)
    book = await add(services, "book", top)
    hotel = await add(services, "hotel", book)
    train = await add(services, "train", book)
    pack = await add(services, "pack", top)
    return {t.title: t for t in (top, book, hotel, train, pack)}


async def shown(services: Services, ref: ListRef, sort: Sort = Sort.SMART, **kw: Any
                ) -> list[tuple[str, int]]:
    page = await services.tasks.page(ref, today=TODAY, sort=sort, now=NOW, **kw)
    return [(t.title, t.depth) for t in page.tasks]


async def get(services: Services, task: Task) -> Task:
    return await services.tasks.get(task.id)


async def test_a_subtask_goes_in_its_parents_category_with_its_own_fields(
        services: Services) -> None:
    tasks = await trip(services)
    hotel = await services.tasks.add(NewTask(
        title="ring hotel", parent_id=tasks["hotel"].id, category="Elsewhere",
        due=Due.on(TODAY), tags=("phone",)))
    assert hotel.parent_id == tasks["hotel"].id
    assert hotel.category_id == tasks["trip"].category_id
    assert (hotel.due, hotel.tags) == (Due.on(TODAY), ("phone",))
    assert hotel.to_json()["parent_id"] == tasks["hotel"].id
    assert tasks["trip"].to_json()["parent_id"] is None


async def test_a_category_list_is_a_tree_in_its_sort_with_progress(services: Services) -> None:
    tasks = await trip(services)
    ref = ListRef(ListKind.CATEGORY, tasks["trip"].category_id)
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("book", 1), ("hotel", 2), ("train", 2), ("pack", 1)]
    # siblings in the list's sort: by title, pack before book's... no: book < pack
    assert await shown(services, ref, Sort.TITLE) == [
        ("trip", 0), ("book", 1), ("hotel", 2), ("train", 2), ("pack", 1)]
    await services.tasks.set_done(tasks["train"].id, True, now=NOW)
    page = await services.tasks.page(ref, today=TODAY, sort=Sort.MANUAL, now=NOW)
    by_title = {t.title: t for t in page.tasks}
    assert (by_title["book"].subtasks_done, by_title["book"].subtasks_total) == (1, 2)
    assert (by_title["trip"].subtasks_done, by_title["trip"].subtasks_total) == (0, 2)
    assert "train" not in by_title  # done: out of the open list
    assert by_title["hotel"].path == ("trip", "book")


async def test_a_collapsed_task_hides_its_subtree_and_it_is_remembered(
        services: Services) -> None:
    tasks = await trip(services)
    ref = ListRef(ListKind.CATEGORY, tasks["trip"].category_id)
    await services.subtasks.set_collapsed(tasks["book"].id, True)
    assert await shown(services, ref, Sort.MANUAL) == [("trip", 0), ("book", 1), ("pack", 1)]
    book = await get(services, tasks["book"])
    assert book.collapsed and book.version == tasks["book"].version  # a preference
    assert await services.tasks.index_in_list(ref, tasks["pack"].id, today=TODAY,
                                              sort=Sort.MANUAL) == 2
    assert await services.tasks.index_in_list(ref, tasks["hotel"].id, today=TODAY,
                                              sort=Sort.MANUAL) is None
    page = await services.tasks.page(ref, today=TODAY, sort=Sort.MANUAL, around=tasks["pack"].id,
                                     limit=2, now=NOW)
    assert (page.focus, page.offset, [t.title for t in page.tasks]) == (2, 2, ["pack"])
    await services.subtasks.set_collapsed(tasks["book"].id, False)
    assert len(await shown(services, ref, Sort.MANUAL)) == 5


async def test_smart_lists_and_searches_show_each_match_with_its_path(
        services: Services) -> None:
    tasks = await trip(services)
    await services.subtasks.set_collapsed(tasks["book"].id, True)  # a search finds it anyway
    found = await services.tasks.page(ListRef(ListKind.ALL), today=TODAY, now=NOW,
                                      query=parse_query("hotel"))
    assert [(t.title, t.path) for t in found.tasks] == [("hotel", ("trip", "book"))]
    in_category = await shown(services, ListRef(ListKind.CATEGORY, tasks["trip"].category_id),
                              query=parse_query("train"))
    assert in_category == [("train", 2)]


async def test_a_task_cannot_become_its_own_ancestor(services: Services) -> None:
    tasks = await trip(services)
    with pytest.raises(ValidationError, match="one of its own subtasks"):
        await services.subtasks.set_parent(tasks["trip"].id, tasks["hotel"].id)
    with pytest.raises(ValidationError, match="itself"):
        await services.subtasks.set_parent(tasks["book"].id, tasks["book"].id)
    assert (await get(services, tasks["trip"])).parent_id is None


async def test_completing_a_parent_completes_its_subtasks_in_one_undoable_step(
        services: Services) -> None:
    tasks = await trip(services)
    await services.tasks.set_done(tasks["hotel"].id, True, now=NOW)
    toggled = await services.tasks.toggle_tree(tasks["trip"].id)
    assert toggled.task.done and toggled.subtasks == 3  # book, train, pack (hotel was done)
    for title in tasks:
        assert (await get(services, tasks[title])).done
    ops = await services.history.recent(1)
    assert ops[0].summary == "complete 'trip' and 3 subtasks"
    await services.history.undo()
    states = {t: (await get(services, tasks[t])).status for t in tasks}
    assert states == {"trip": Status.OPEN, "book": Status.OPEN, "hotel": Status.DONE,
                      "train": Status.OPEN, "pack": Status.OPEN}


async def test_the_last_subtask_done_leaves_the_parent_open(services: Services) -> None:
    tasks = await trip(services)
    for title in ("hotel", "train"):
        await services.tasks.set_done(tasks[title].id, True, now=NOW)
    page = await services.tasks.page(ListRef(ListKind.CATEGORY, tasks["trip"].category_id),
                                     today=TODAY, sort=Sort.MANUAL, now=NOW)
    book = next(t for t in page.tasks if t.title == "book")
    assert not book.done and (book.subtasks_done, book.subtasks_total) == (2, 2)


async def test_reopening_a_subtask_reopens_its_completed_ancestors(services: Services) -> None:
    tasks = await trip(services)
    await services.tasks.set_done(tasks["trip"].id, True, now=NOW)
    await services.tasks.set_done(tasks["hotel"].id, False, now=NOW)
    states = {t: (await get(services, tasks[t])).status for t in tasks}
    assert states == {"trip": Status.OPEN, "book": Status.OPEN, "hotel": Status.OPEN,
                      "train": Status.DONE, "pack": Status.DONE}
    await services.history.undo()  # one step
    assert [(await get(services, tasks[t])).done for t in tasks] == [True] * 5


async def test_a_subtask_added_under_a_done_task_reopens_it(services: Services) -> None:
    tasks = await trip(services)
    await services.tasks.set_done(tasks["trip"].id, True, now=NOW)
    await add(services, "visa", tasks["book"])
    assert not (await get(services, tasks["book"])).done
    assert not (await get(services, tasks["trip"])).done
    assert (await get(services, tasks["pack"])).done


async def test_a_repeating_parents_next_occurrence_has_its_subtasks_open_again(
        services: Services) -> None:
    week = await services.tasks.add(NewTask(title="weekly review", due=Due.on(TODAY),
                                            recurrence="FREQ=WEEKLY"))
    inbox = await add(services, "empty inbox", week, due=Due.on(TODAY))
    await add(services, "archive mail", inbox)
    await services.tasks.set_done(inbox.id, True, now=NOW)
    done, follow = await services.tasks.set_done(week.id, True, now=NOW)
    assert follow is not None and follow.due == Due.on(date(2026, 12, 4))
    subs = await services.subtasks.under(follow.id)
    assert [(t.title, t.status, t.due) for t in subs] == [
        ("empty inbox", Status.OPEN, Due.on(date(2026, 12, 4)))]
    deeper = await services.subtasks.under(subs[0].id)
    assert [(t.title, t.status) for t in deeper] == [("archive mail", Status.OPEN)]
    # the completed series keeps its own, done
    assert all(t.done for t in await services.subtasks.under(done.id))
    # reopening the occurrence takes the untouched next one away, subtasks and all
    await services.tasks.set_done(week.id, False, now=NOW)
    titles = sorted(t.title for t in await services.tasks.all(include_done=True))
    assert titles == ["archive mail", "empty inbox", "weekly review"]


async def test_deleting_a_parent_trashes_its_subtree_and_restore_brings_it_back(
        services: Services) -> None:
    tasks = await trip(services)
    await services.tasks.delete(tasks["book"].id)
    trash = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY, now=NOW)
    assert sorted(t.title for t in trash.tasks) == ["book", "hotel", "train"]
    assert (await services.history.recent(1))[0].summary == "delete 'book' and 2 subtasks"
    await services.tasks.restore(tasks["book"].id)
    ref = ListRef(ListKind.CATEGORY, tasks["trip"].category_id)
    assert len(await shown(services, ref, Sort.MANUAL)) == 5
    # a subtask restored alone brings its parents in the trash back with it
    await services.tasks.delete(tasks["trip"].id)
    await services.tasks.restore(tasks["hotel"].id)
    assert await shown(services, ref, Sort.MANUAL) == [("trip", 0), ("book", 1), ("hotel", 2)]
    # deleting for good takes the subtree with it, and undo brings it all back
    await services.tasks.delete(tasks["trip"].id)
    await services.tasks.purge(tasks["trip"].id)
    assert await services.tasks.all(include_done=True) == []
    await services.history.undo()
    trash = await services.tasks.page(ListRef(ListKind.TRASH), today=TODAY, now=NOW)
    assert len(trash.tasks) == 5


async def test_moving_a_parent_to_another_category_moves_its_subtree(services: Services) -> None:
    tasks = await trip(services)
    work = await services.categories.create("Work")
    await services.tasks.move_to(tasks["book"].id, work.id)
    # a subtask filed elsewhere leaves its parent, with its own subtasks
    book = await get(services, tasks["book"])
    assert (book.parent_id, book.category_id) == (None, work.id)
    assert (await get(services, tasks["hotel"])).category_id == work.id
    assert await shown(services, ListRef(ListKind.CATEGORY, work.id), Sort.MANUAL) == [
        ("book", 0), ("hotel", 1), ("train", 1)]
    await services.tasks.move_to(tasks["trip"].id, work.id)
    assert (await get(services, tasks["pack"])).category_id == work.id
    await services.history.undo()
    assert (await get(services, tasks["pack"])).category_id == tasks["trip"].category_id


async def test_set_parent_moves_a_subtree_under_another_task_and_to_the_top(
        services: Services) -> None:
    tasks = await trip(services)
    errand = await add(services, "errands")  # the Inbox
    await services.subtasks.set_parent(errand.id, tasks["pack"].id)
    moved = await get(services, errand)
    assert (moved.parent_id, moved.category_id) == (tasks["pack"].id, tasks["trip"].category_id)
    await services.subtasks.set_parent(tasks["book"].id, None)
    ref = ListRef(ListKind.CATEGORY, tasks["trip"].category_id)
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("pack", 1), ("errands", 2), ("book", 0), ("hotel", 1), ("train", 1)]
    assert (await services.history.recent(1))[0].summary == "move 'book' to the top level"
    await services.history.undo()
    assert (await get(services, tasks["book"])).parent_id == tasks["trip"].id


async def test_indent_and_outdent_as_shown(services: Services) -> None:
    tasks = await trip(services)
    ref = ListRef(ListKind.CATEGORY, tasks["trip"].category_id)
    view = (ref, Sort.MANUAL, None, TODAY, NOW)
    # pack goes under book, the sibling above it (not under train, the row above it)
    await services.subtasks.indent(tasks["pack"].id, view)
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("book", 1), ("hotel", 2), ("train", 2), ("pack", 2)]
    with pytest.raises(ValidationError, match="nothing above"):
        await services.subtasks.indent(tasks["hotel"].id, view)
    # hotel comes up one level, right after book
    await services.subtasks.outdent(tasks["hotel"].id)
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("book", 1), ("train", 2), ("pack", 2), ("hotel", 1)]
    await services.subtasks.outdent(tasks["book"].id)
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("hotel", 1), ("book", 0), ("train", 1), ("pack", 1)]
    with pytest.raises(ValidationError, match="not a subtask"):
        await services.subtasks.outdent(tasks["trip"].id)
    await services.history.undo()
    await services.history.undo()
    await services.history.undo()
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("book", 1), ("hotel", 2), ("train", 2), ("pack", 1)]


async def test_moving_among_siblings_carries_the_subtree(services: Services) -> None:
    tasks = await trip(services)
    ref = ListRef(ListKind.CATEGORY, tasks["trip"].category_id)
    view = (ref, Sort.MANUAL, None, TODAY, NOW)
    assert await services.subtasks.swap_with_sibling(tasks["pack"].id, -1, view) is not None
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("pack", 1), ("book", 1), ("hotel", 2), ("train", 2)]
    assert await services.subtasks.swap_with_sibling(tasks["pack"].id, -1, view) is None
    assert await services.subtasks.swap_with_sibling(tasks["train"].id, 1, view) is None
    # in another sort the shown order becomes the manual one first
    by_title = (ref, Sort.TITLE, None, TODAY, NOW)
    await services.subtasks.swap_with_sibling(tasks["book"].id, 1, by_title)
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("pack", 1), ("book", 1), ("hotel", 2), ("train", 2)]
    await services.history.undo()
    assert await shown(services, ref, Sort.MANUAL) == [
        ("trip", 0), ("pack", 1), ("book", 1), ("hotel", 2), ("train", 2)]


async def test_undo_and_redo_of_an_add_under_a_parent(services: Services) -> None:
    tasks = await trip(services)
    visa = await add(services, "visa", tasks["trip"])
    await services.subtasks.set_collapsed(tasks["trip"].id, True)  # not a change to undo
    undone = await services.history.undo()
    assert undone.summary.startswith("Undid: add 'visa'") or "visa" in undone.summary
    assert [t.title for t in await services.subtasks.under(tasks["trip"].id)] == [
        "book", "pack"]
    await services.history.redo()
    assert (await get(services, visa)).parent_id == tasks["trip"].id


async def test_the_first_subtasks_of_a_big_parent(services: Services) -> None:
    tasks = await trip(services)
    subs = await services.subtasks.under(tasks["trip"].id, limit=1)
    assert [t.title for t in subs] == ["book"]
    assert (subs[0].subtasks_done, subs[0].subtasks_total) == (0, 2)


async def test_a_restore_names_what_came_back_with_the_task(services: Services) -> None:
    tasks = await trip(services)
    await services.tasks.delete(tasks["trip"].id)
    await services.tasks.restore(tasks["hotel"].id)  # its parent and grandparent come back
    assert (await services.history.recent(1))[0].summary == (
        "restore 'hotel' and its 2 parents 'book' and 'trip'")
    await services.tasks.delete(tasks["book"].id)
    await services.tasks.restore(tasks["train"].id)
    assert (await services.history.recent(1))[0].summary == "restore 'train' and its parent 'book'"
    await services.tasks.delete(tasks["book"].id)  # book, and hotel and train under it
    await services.tasks.restore(tasks["book"].id)
    assert (await services.history.recent(1))[0].summary == "restore 'book' and 2 subtasks"
    await services.tasks.delete(tasks["trip"].id)
    await services.tasks.restore(tasks["book"].id)
    assert (await services.history.recent(1))[0].summary == (
        "restore 'book' and its parent 'trip' and 2 subtasks")
