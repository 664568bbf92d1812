"""TaskService: capture, read, edit, complete, order and delete, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from todo_tui.domain import (
    Due,
    ListKind,
    ListRef,
    NewTask,
    Priority,
    Sort,
    Status,
    TaskChanges,
)
from todo_tui.errors import (
    AmbiguousIdError,
    ConflictError,
    NotFoundError,
    UsageError,
    ValidationError,
)
from todo_tui.service import Services

from ..helpers import insert_task, scalar

BERLIN = ZoneInfo("Europe/Berlin")


async def count_tasks(services: Services) -> int:
    return len(await services.tasks.all(include_done=True))


# --- add and get -------------------------------------------------------------------------


async def test_add_saves_a_task_that_get_returns_unchanged(services: Services) -> None:
    due = Due.on(date(2026, 12, 1))
    added = await services.tasks.add(
        NewTask(title="Pay rent", notes="by transfer", priority=Priority.HIGH, due=due,
                category="Home", tags=("bills", "money"))
    )
    assert added.title == "Pay rent"
    assert added.notes == "by transfer"
    assert added.status is Status.OPEN
    assert added.priority is Priority.HIGH
    assert added.due == due
    assert added.category_name == "Home"
    assert added.category_id is not None
    assert added.tags == ("bills", "money")
    assert added.completed_at is None
    assert added.version == 1
    assert len(added.id) == 32 and all(ch in "0123456789abcdef" for ch in added.id)
    assert added.created_at.tzinfo is not None
    assert await services.tasks.get(added.id) == added


async def test_add_puts_each_task_at_the_end_of_the_manual_order(services: Services) -> None:
    first = await services.tasks.add(NewTask(title="one"))
    second = await services.tasks.add(NewTask(title="two"))
    third = await services.tasks.add(NewTask(title="three"))
    assert first.position < second.position < third.position


@pytest.mark.parametrize("title", ["", "   ", "\t\n  \r\n"])
async def test_add_refuses_an_empty_title_and_saves_nothing(
    services: Services, title: str
) -> None:
    with pytest.raises(ValidationError, match="title"):
        await services.tasks.add(NewTask(title=title))
    assert await count_tasks(services) == 0


async def test_add_refuses_an_over_long_title(services: Services) -> None:
    with pytest.raises(ValidationError):
        await services.tasks.add(NewTask(title="x" * 1001))
    assert await count_tasks(services) == 0


async def test_add_makes_the_title_one_line_and_replaces_nul(
    services: Services, db_path: Path
) -> None:
    added = await services.tasks.add(
        NewTask(title="  buy\x00 \n milk  ", notes="line one\x00\nline two\n\n")
    )
    assert added.title == "buy\ufffd milk"
    assert added.notes == "line one\ufffd\nline two"
    stored = scalar(db_path, "SELECT title || '|' || notes FROM tasks WHERE id = ?", added.id)
    assert "\x00" not in stored
    assert stored == "buy\ufffd milk|line one\ufffd\nline two"


async def test_add_with_an_unknown_category_id_is_refused(services: Services) -> None:
    with pytest.raises(NotFoundError):
        await services.tasks.add(NewTask(title="x", category_id="0" * 32))
    assert await count_tasks(services) == 0


async def test_add_with_a_known_category_name_in_another_case_reuses_it(
    services: Services,
) -> None:
    home = await services.categories.create("Home")
    added = await services.tasks.add(NewTask(title="x", category="HOME"))
    assert added.category_id == home.id
    assert added.category_name == "Home"
    assert [c.name for c in await services.categories.list()] == ["Home"]


async def test_get_an_unknown_id_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        await services.tasks.get("f" * 32)


async def test_a_timed_due_round_trips_with_its_zone(services: Services, db_path: Path) -> None:
    due = Due.at_local(datetime(2026, 11, 28, 9, 30, tzinfo=BERLIN), "Europe/Berlin")
    added = await services.tasks.add(NewTask(title="call", due=due))
    got = await services.tasks.get(added.id)
    assert got.due == due
    assert got.due is not None and got.due.at == datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    assert got.due.iso() == "2026-11-28T09:30:00+01:00"
    # stored as naive UTC plus the zone name
    stored = scalar(db_path, "SELECT due_at || ' ' || due_tz FROM tasks WHERE id = ?", added.id)
    assert stored.startswith("2026-11-28 08:30:00") and stored.endswith(" Europe/Berlin")


# --- update ------------------------------------------------------------------------------


async def test_update_changes_each_field_and_leaves_the_rest(services: Services) -> None:
    work = await services.categories.create("Work")
    task = await services.tasks.add(NewTask(title="draft", notes="n", tags=("a",)))
    timed = Due.at_local(datetime(2026, 12, 3, 17, 0, tzinfo=BERLIN), "Europe/Berlin")
    steps: list[tuple[TaskChanges, dict[str, object]]] = [
        (TaskChanges(title="  final  title "), {"title": "final title"}),
        (TaskChanges(notes="new notes\x00"), {"notes": "new notes\ufffd"}),
        (TaskChanges(priority=Priority.MEDIUM), {"priority": Priority.MEDIUM}),
        (TaskChanges(due=Due.on(date(2026, 12, 2))), {"due": Due.on(date(2026, 12, 2))}),
        (TaskChanges(due=timed), {"due": timed}),
        (TaskChanges(due=None), {"due": None}),
        (TaskChanges(recurrence="FREQ=WEEKLY"), {"recurrence": "FREQ=WEEKLY"}),
        (TaskChanges(recurrence_from_completion=True), {"recurrence_from_completion": True}),
        (TaskChanges(recurrence=None), {"recurrence": None}),
        (TaskChanges(category_id=work.id), {"category_id": work.id, "category_name": "Work"}),
        (TaskChanges(category_id=None), {"category_id": None, "category_name": None}),
        (TaskChanges(tags=("x", "y")), {"tags": ("x", "y")}),
    ]
    for changes, expected in steps:
        before = await services.tasks.get(task.id)
        after = await services.tasks.update(task.id, changes)
        for name, value in expected.items():
            assert getattr(after, name) == value, (changes, name)
        # every other field is as it was
        for name in ("title", "notes", "priority", "due", "recurrence",
                     "recurrence_from_completion", "category_id", "tags", "status", "position",
                     "created_at", "completed_at"):
            if name not in expected and not (name == "category_id" and "category_name" in expected):
                assert getattr(after, name) == getattr(before, name), (changes, name)
        assert after.version == before.version + 1
        assert after.updated_at >= before.updated_at
        assert await services.tasks.get(task.id) == after


async def test_update_with_an_empty_title_is_refused_and_changes_nothing(
    services: Services,
) -> None:
    task = await services.tasks.add(NewTask(title="keep"))
    with pytest.raises(ValidationError):
        await services.tasks.update(task.id, TaskChanges(title="  ", notes="lost"))
    assert await services.tasks.get(task.id) == task


async def test_update_to_an_unknown_category_is_refused(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="keep"))
    with pytest.raises(NotFoundError):
        await services.tasks.update(task.id, TaskChanges(category_id="a" * 32))
    assert await services.tasks.get(task.id) == task


async def test_update_of_an_unknown_task_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        await services.tasks.update("a" * 32, TaskChanges(title="x"))


async def test_update_refuses_a_stale_expected_version(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="v1"))
    edited_elsewhere = await services.tasks.update(
        task.id, TaskChanges(title="v2"), expected_version=task.version
    )
    assert edited_elsewhere.version == task.version + 1
    with pytest.raises(ConflictError, match="changed elsewhere"):
        await services.tasks.update(task.id, TaskChanges(title="v3"), expected_version=task.version)
    assert await services.tasks.get(task.id) == edited_elsewhere
    latest = await services.tasks.update(
        task.id, TaskChanges(title="v3"), expected_version=edited_elsewhere.version
    )
    assert latest.title == "v3"


# --- done, priority, moving, ordering, deleting ------------------------------------------


async def test_set_done_sets_and_clears_completed_at(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="do it"))
    moment = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    done, follow_up = await services.tasks.set_done(task.id, True, now=moment)
    assert follow_up is None
    assert done.status is Status.DONE and done.done
    assert done.completed_at == moment
    assert (await services.tasks.get(task.id)).completed_at == moment
    # doing it again is a no-op: same completion time, no new version
    again, _ = await services.tasks.set_done(task.id, True, now=datetime(2027, 1, 1, tzinfo=UTC))
    assert again == done
    reopened, _ = await services.tasks.set_done(task.id, False)
    assert reopened.status is Status.OPEN
    assert reopened.completed_at is None
    assert await services.tasks.get(task.id) == reopened


async def test_toggle_flips_between_open_and_done(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="flip"))
    done, _ = await services.tasks.toggle(task.id)
    assert done.status is Status.DONE and done.completed_at is not None
    opened, _ = await services.tasks.toggle(task.id)
    assert opened.status is Status.OPEN and opened.completed_at is None
    assert (await services.tasks.get(task.id)).status is Status.OPEN


async def test_set_done_of_an_unknown_task_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        await services.tasks.set_done("b" * 32, True)


async def test_cycle_priority_steps_through_all_four_and_back(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="p"))
    seen = []
    for _ in range(5):
        task = await services.tasks.cycle_priority(task.id)
        seen.append(task.priority)
    assert seen == [Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.NONE, Priority.LOW]
    assert (await services.tasks.get(task.id)).priority is Priority.LOW


async def test_move_to_files_a_task_under_a_category_and_back_to_the_inbox(
    services: Services,
) -> None:
    home = await services.categories.create("Home")
    task = await services.tasks.add(NewTask(title="move me"))
    moved = await services.tasks.move_to(task.id, home.id)
    assert (moved.category_id, moved.category_name) == (home.id, "Home")
    today = date(2026, 11, 27)
    in_home = await services.tasks.page(ListRef(ListKind.CATEGORY, home.id), today=today)
    assert [t.id for t in in_home.tasks] == [task.id]
    back = await services.tasks.move_to(task.id, None)
    assert (back.category_id, back.category_name) == (None, None)
    inbox = await services.tasks.page(ListRef(ListKind.INBOX), today=today)
    assert [t.id for t in inbox.tasks] == [task.id]
    with pytest.raises(NotFoundError):
        await services.tasks.move_to(task.id, "c" * 32)


async def test_swap_order_exchanges_two_places_in_the_manual_order(services: Services) -> None:
    a, b, c = [await services.tasks.add(NewTask(title=t)) for t in "abc"]
    first, second = await services.tasks.swap_order(a.id, c.id)
    assert (first.position, second.position) == (c.position, a.position)
    page = await services.tasks.page(ListRef(ListKind.ALL), today=date(2026, 1, 1),
                                     sort=Sort.MANUAL)
    assert [t.title for t in page.tasks] == ["c", "b", "a"]


async def test_swap_order_separates_two_tasks_on_the_same_position(
    services: Services,
) -> None:
    await insert_task(services.db, "1" * 32, "one", position=5)
    await insert_task(services.db, "2" * 32, "two", position=5)
    first, second = await services.tasks.swap_order("1" * 32, "2" * 32)
    assert first.position != second.position


async def test_moving_in_a_sorted_list_adopts_the_shown_order_as_one_change(
    services: Services,
) -> None:
    home = await services.categories.create("Home")
    added = {t: await services.tasks.add(NewTask(title=t, category_id=home.id))
             for t in ("c", "a", "d", "b")}
    other = await services.tasks.add(NewTask(title="elsewhere"))  # between, in no list of Home
    late = await services.tasks.add(NewTask(title="0 last", category_id=home.id))
    await insert_task(services.db, "1" * 32, "e", position=late.position, category_id=home.id)
    ref, today = ListRef(ListKind.CATEGORY, home.id), date(2026, 1, 1)
    before = {t.id: t.position for t in await services.tasks.all()}
    # J on "a" in the title order: a moves below b, as the user sees it
    await services.tasks.swap_order(added["a"].id, added["b"].id,
                                    shown=(ref, Sort.TITLE, None, today, None))
    page = await services.tasks.page(ref, today=today, sort=Sort.MANUAL)
    assert [t.title for t in page.tasks] == ["0 last", "b", "a", "c", "d", "e"]
    positions = [t.position for t in page.tasks]
    assert positions == sorted(set(positions))  # each task a place of its own
    assert (await services.tasks.get(other.id)).position == other.position
    # one change: one undo puts every task back where it was
    await services.history.undo()
    assert {t.id: t.position for t in await services.tasks.all()} == before


async def test_delete_trashes_the_task_and_purging_removes_its_tag_links(
    services: Services, db_path: Path
) -> None:
    keep = await services.tasks.add(NewTask(title="keep", tags=("shared",)))
    gone = await services.tasks.add(NewTask(title="gone", tags=("shared", "own")))
    returned = await services.tasks.delete(gone.id)
    assert returned == gone
    with pytest.raises(NotFoundError):
        await services.tasks.get(gone.id)
    with pytest.raises(NotFoundError):
        await services.tasks.delete(gone.id)
    assert scalar(db_path, "SELECT count(*) FROM task_tags WHERE task_id = ?", gone.id) == 2
    purged = await services.tasks.purge(gone.id)
    assert (purged.id, purged.title, purged.tags) == (gone.id, gone.title, gone.tags)
    assert purged.trashed_at is not None
    assert scalar(db_path, "SELECT count(*) FROM task_tags WHERE task_id = ?", gone.id) == 0
    assert (await services.tasks.get(keep.id)).tags == ("shared",)
    assert [t.id for t in await services.tasks.all(include_done=True)] == [keep.id]


# --- resolve_id --------------------------------------------------------------------------


async def test_resolve_id_takes_a_full_id_or_a_unique_prefix(services: Services) -> None:
    await insert_task(services.db, "abcd" + "0" * 28, "first")
    await insert_task(services.db, "abce" + "0" * 28, "second")
    await insert_task(services.db, "1234" + "0" * 28, "third")
    assert await services.tasks.resolve_id("abcd" + "0" * 28) == "abcd" + "0" * 28
    assert await services.tasks.resolve_id("abcd") == "abcd" + "0" * 28
    assert await services.tasks.resolve_id("1") == "1234" + "0" * 28
    assert await services.tasks.resolve_id(" ABCE ") == "abce" + "0" * 28


async def test_resolve_id_refuses_an_ambiguous_prefix(services: Services) -> None:
    await insert_task(services.db, "abcd" + "0" * 28, "first")
    await insert_task(services.db, "abce" + "0" * 28, "second")
    with pytest.raises(AmbiguousIdError, match="abc"):
        await services.tasks.resolve_id("abc")


@pytest.mark.parametrize("prefix", ["9", "abcf", "abcd" + "0" * 28 + "0"])
async def test_resolve_id_refuses_an_unknown_id(services: Services, prefix: str) -> None:
    await insert_task(services.db, "abcd" + "0" * 28, "first")
    with pytest.raises(NotFoundError):
        await services.tasks.resolve_id(prefix)


@pytest.mark.parametrize("prefix", ["", "  ", "xyz", "abc-d", "ab%", "a_", "abcd'"])
async def test_resolve_id_refuses_text_that_is_not_hex(services: Services, prefix: str) -> None:
    await insert_task(services.db, "abcd" + "0" * 28, "first")
    with pytest.raises(NotFoundError) as caught:
        await services.tasks.resolve_id(prefix)
    assert isinstance(caught.value, UsageError)


# --- recurring tasks ---------------------------------------------------------------------


async def test_completing_a_recurring_task_adds_its_next_occurrence(services: Services) -> None:
    task = await services.tasks.add(NewTask(
        title="water plants", notes="the big one", priority=Priority.HIGH,
        due=Due.on(date(2026, 11, 27)), recurrence="FREQ=WEEKLY", category="Home",
        tags=("garden",)))
    moment = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    done, follow_up = await services.tasks.set_done(task.id, True, now=moment)
    assert done.status is Status.DONE
    assert follow_up is not None and follow_up.id != task.id
    assert follow_up.due == Due.on(date(2026, 12, 4))
    assert follow_up.status is Status.OPEN and follow_up.completed_at is None
    assert (follow_up.title, follow_up.notes, follow_up.priority, follow_up.recurrence,
            follow_up.category_id, follow_up.tags) == (
        task.title, task.notes, task.priority, task.recurrence, task.category_id, task.tags)
    assert follow_up.position > task.position
    assert await services.tasks.get(follow_up.id) == follow_up
    # completing it again (already done) adds nothing more
    _, again = await services.tasks.set_done(task.id, True, now=moment)
    assert again is None
    assert len(await services.tasks.all(include_done=True)) == 2


async def test_a_recurring_task_without_a_due_repeats_nothing(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="someday", recurrence="FREQ=DAILY"))
    _, follow_up = await services.tasks.set_done(task.id, True)
    assert follow_up is None
    assert len(await services.tasks.all(include_done=True)) == 1


async def test_a_broken_rule_refuses_completion_and_changes_nothing(services: Services) -> None:
    task = await services.tasks.add(NewTask(title="odd", due=Due.on(date(2026, 11, 27)),
                                            recurrence="FREQ=NEVERLY"))
    with pytest.raises(ValidationError, match="repeat"):
        await services.tasks.set_done(task.id, True)
    assert await services.tasks.get(task.id) == task
    assert len(await services.tasks.all(include_done=True)) == 1


async def test_lone_surrogates_are_replaced_before_storing(services: Services) -> None:
    added = await services.tasks.add(NewTask(title="caf\udce9", notes="x\ud800"))
    assert "\udce9" not in added.title and added.title.startswith("caf")
    assert "\ud800" not in added.notes
    assert await services.tasks.get(added.id) == added
