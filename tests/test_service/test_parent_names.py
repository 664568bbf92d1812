"""Quick capture's `^trip` (issue 16): the parent named in the line of text, by its title or
its id, found in the same unit of work as the save; several or none are refused, unsaved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from todo_tui.capture import parse
from todo_tui.domain import NewTask, Task
from todo_tui.errors import NotFoundError, TodoError, ValidationError
from todo_tui.service import Services

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


async def captured(services: Services, text: str) -> Task:
    capture = parse(text, now=NOW, tz="UTC", categories=["Travel", "Home"])
    return await services.tasks.add(capture.to_new_task())


async def titles(services: Services) -> list[str]:
    return sorted(task.title for task in await services.tasks.all(include_done=True))


async def test_a_parent_named_by_its_title_whatever_its_case(services: Services) -> None:
    travel = await services.categories.create("Travel")
    trip = await services.tasks.add(NewTask(title="Trip to Lisbon", category_id=travel.id))
    hotel = await captured(services, "book hotel tomorrow ^trip !high")
    assert (hotel.title, hotel.parent_id, hotel.category_id) == ("book hotel", trip.id, travel.id)
    assert hotel.due is not None
    # quoted, several words; a title in other letters than ASCII, another case
    ferry = await captured(services, 'ferry ^"TRIP TO lisbon"')
    assert ferry.parent_id == trip.id
    uber = await services.tasks.add(NewTask(title="Übung planen"))
    assert (await captured(services, "notes ^übung")).parent_id == uber.id
    # under a subtask: any depth
    room = await captured(services, 'sea view ^"book hotel"')
    assert room.parent_id == hotel.id
    assert room.category_id == travel.id


async def test_a_parent_named_by_its_id_prefix(services: Services) -> None:
    trip = await services.tasks.add(NewTask(title="trip"))
    task = await captured(services, f"book ^{trip.id[:6]}")
    assert task.parent_id == trip.id
    # a done task by its id: adding under it reopens it (as for A); by title it is not found
    await services.tasks.set_done(trip.id, True)
    with pytest.raises(NotFoundError, match="no open task"):
        await captured(services, "pack ^trip")
    again = await captured(services, f"pack ^{trip.id[:8].upper()}")
    assert again.parent_id == trip.id
    assert not (await services.tasks.get(trip.id)).done


async def test_an_exact_title_wins_over_titles_starting_with_it(services: Services) -> None:
    trip = await services.tasks.add(NewTask(title="trip"))
    planning = await services.tasks.add(NewTask(title="trip planning"))
    assert (await captured(services, "x ^Trip")).parent_id == trip.id
    assert (await captured(services, 'y ^"trip  PL"')).parent_id == planning.id


@pytest.mark.parametrize("text", ["x ^trip", "x ^tri"])
async def test_a_name_that_fits_several_open_tasks_is_refused_and_nothing_saved(
        services: Services, text: str) -> None:
    first = await services.tasks.add(NewTask(title="trip"))
    second = await services.tasks.add(NewTask(title="TRIP"))
    if text.endswith("tri"):
        await services.tasks.add(NewTask(title="tripod"))
    before = await titles(services)
    with pytest.raises(ValidationError) as refused:
        await captured(services, text)
    message = str(refused.value)
    assert "'trip'" in message and "'TRIP'" in message
    assert first.id[:8] in message and second.id[:8] in message
    assert await titles(services) == before


async def test_a_name_that_fits_no_open_task_is_refused_and_nothing_saved(
        services: Services) -> None:
    gone = await services.tasks.add(NewTask(title="old trip"))
    await services.tasks.delete(gone.id)  # in the trash: not a parent by title, nor by id
    before = await titles(services)
    for text in ("x ^trip", "x ^old", f"x ^{gone.id[:8]}", "x ^100%", "x ^a_b"):
        with pytest.raises(TodoError) as refused:
            await captured(services, text)
        assert "no open task" in str(refused.value)
    assert await titles(services) == before


async def test_wildcards_in_the_name_are_plain_characters(services: Services) -> None:
    await services.tasks.add(NewTask(title="100 push-ups"))
    percent = await services.tasks.add(NewTask(title="100% done"))
    under = await services.tasks.add(NewTask(title="a_b"))
    await services.tasks.add(NewTask(title="axb"))
    assert (await captured(services, "x ^100%")).parent_id == percent.id
    assert (await captured(services, "y ^a_b")).parent_id == under.id
    # shorter than a trigram (SQLite's index cannot look it up): found all the same
    short = await services.tasks.add(NewTask(title="Go", notes="trip to plan"))
    assert (await captured(services, "z ^go")).parent_id == short.id
    # text in a task's notes only does not make it a parent by title
    with pytest.raises(NotFoundError):
        await captured(services, "w ^plan")


async def test_a_parent_given_twice_is_refused(services: Services) -> None:
    trip = await services.tasks.add(NewTask(title="trip"))
    other = await services.tasks.add(NewTask(title="other"))
    capture = parse("x ^trip", now=NOW, tz="UTC")
    with pytest.raises(ValidationError, match="given twice"):
        await services.tasks.add(NewTask(title=capture.title, parent_id=other.id,
                                         parent_name=capture.parent))
    assert await titles(services) == ["other", "trip"]
    assert (await services.tasks.get(trip.id)).parent_id is None


async def test_the_add_under_a_named_parent_is_one_undoable_step(services: Services) -> None:
    trip = await services.tasks.add(NewTask(title="trip"))
    await services.tasks.set_done(trip.id, True)
    task = await captured(services, f"pack ^{trip.id[:8]}")
    assert not (await services.tasks.get(trip.id)).done
    await services.history.undo()
    assert (await services.tasks.get(trip.id)).done
    assert task.title not in await titles(services)
