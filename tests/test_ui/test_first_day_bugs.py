"""The first-day bugs of issue 15 that live in the task list, the detail pane and the dialogs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from todo_tui.domain import Due, ListKind, ListRef, Priority, Sort, Status
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp
from todo_tui.ui.screens.picker import PickerScreen
from todo_tui.ui.screens.prompt import PromptScreen
from todo_tui.ui.widgets.task_detail import TaskDetail

from .conftest import (
    SIZE,
    TODAY,
    add,
    detail_text,
    fresh,
    plain,
    press,
    screen_text,
    settle,
    titles,
    type_text,
)

pytestmark = pytest.mark.sqlite_only


def task_rows(app: TodoApp) -> list[str]:
    """The task list's lines as the terminal shows them."""
    region = app.main_screen.task_list.content_region
    lines = screen_text(app).splitlines()[region.y:region.bottom]
    return [line[region.x:region.right] for line in lines]


def row_of(app: TodoApp, words: str) -> str:
    found = [row for row in task_rows(app) if words in row]
    assert found, (words, task_rows(app))
    return found[0]


async def open_list(pilot, kind: str) -> None:
    pilot.app.main_screen.action_open_list(kind)
    await settle(pilot)


# -- 2: a completed task is never overdue ------------------------------------------------


async def test_a_done_task_never_shows_as_overdue(app: TodoApp, services: Services):
    late = await add(services, "renew the passport", due=Due.on(date(2026, 11, 19)))
    await services.tasks.toggle(late.id)
    timed = await add(services, "call the bank",
                      due=Due.at_local(datetime(2026, 11, 27, 8, 0, tzinfo=UTC), "UTC"))
    await services.tasks.toggle(timed.id)
    await add(services, "file the taxes", due=Due.on(date(2026, 11, 19)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "8d overdue" in row_of(app, "file the taxes")  # an open one still is
        await open_list(pilot, "done")
        assert (await fresh(services, late.id)).status is Status.DONE
        row = row_of(app, "renew the passport")
        assert "overdue" not in row and "19 Nov" in row
        assert "overdue" not in row_of(app, "call the bank")
        for _ in range(2):
            assert "overdue" not in detail_text(app)
            await press(pilot, "j")


# -- 3 and 6: the row's columns use the room there is ------------------------------------


@pytest.mark.parametrize("size", [(120, 35), (80, 24)])
async def test_the_due_shows_its_time_and_titles_use_the_room(
    app: TodoApp, services: Services, size: tuple[int, int]
):
    tomorrow_930 = Due.at_local(datetime(2026, 11, 28, 9, 30, tzinfo=UTC), "UTC")
    await add(services, "standup", due=tomorrow_930, recurrence="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    await add(services, "pay rent", due=Due.on(TODAY), priority=Priority.HIGH)
    long = "very long title " * 8
    await add(services, long.strip())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_list(pilot, "all")
        assert "tomorrow 09:30" in row_of(app, "standup")
        width = app.main_screen.task_list.scrollable_content_region.width
        row = row_of(app, "very long")
        # the title runs to the row's end: no due and no priority to keep room for
        assert row.rstrip().endswith("…")
        assert len(row.rstrip()) >= width - 2, (row, width)
        rent = row_of(app, "pay rent")
        assert "today" in rent and "!!!" in rent
        # dues end in one column, whatever their length
        assert row_of(app, "standup").index("09:30") + 5 == rent.index("today") + 5


async def test_a_title_is_cut_only_when_the_row_is_full(app: TodoApp, services: Services):
    title = "a title that fits in the row, just so"
    await add(services, title, due=Due.on(TODAY))
    await add(services, "another one", due=Due.on(TODAY), tags=("home",))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main_screen.task_list.scrollable_content_region.width < 60
        row = row_of(app, "a title")
        assert title in row and "today" in row
        assert "…" not in row
        assert row_of(app, "another one").rstrip().endswith("+home today")


# -- 4: HTML in notes shows as typed -------------------------------------------------------

HTML_NOTES = "press <Enter> to go\n\nuse a Vec<String> here\n\nmail <a@b.com>\n\n<script>x</script>"


async def test_html_in_notes_shows_literally_in_the_detail_pane(
    app: TodoApp, services: Services
):
    task = await add(services, "notes with html", due=Due.on(TODAY), notes=HTML_NOTES)
    shown = plain(TaskDetail.render_notes(task), width=100)
    for typed in ("press <Enter> to go", "Vec<String>", "<a@b.com>", "<script>x</script>"):
        assert typed in shown, (typed, shown)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.query_one(TaskDetail).storage_loaded()
        await pilot.pause()
        text = detail_text(app)
        for typed in ("<Enter>", "Vec<String>", "<a@b.com>", "<script>x</script>"):
            assert typed in text, (typed, text)


def test_markdown_still_formats_notes():
    from todo_tui.domain import Task

    task = Task(id="1" * 32, title="t", notes="**bold** and `a<b>`\n\n- one\n- two",
                status=Status.OPEN, priority=Priority.NONE, due=None, recurrence=None,
                recurrence_from_completion=False, category_id=None, category_name=None,
                tags=(), position=1, created_at=datetime.now(UTC),
                updated_at=datetime.now(UTC), completed_at=None, version=1)
    shown = plain(TaskDetail.render_notes(task), width=60)
    assert "**" not in shown and "bold and a<b>" in shown
    assert "• one" in shown


# -- 5: the delete-category dialog ---------------------------------------------------------


async def test_the_delete_category_dialog_never_wraps_to_a_destructive_choice(
    app: TodoApp, services: Services
):
    home = await services.categories.create("Home")
    task = await add(services, "fix the sink", category_id=home.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "shift+tab", "G", "d")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        options = picker.query_one("#picker")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(3)]
        assert options.highlighted == 0 and labels[0].startswith("Keep it")
        assert "move its tasks (1 open and any done) to the Inbox" in labels[1]
        assert "delete its tasks too" in labels[2]
        for key in ("up", "k", "up"):  # at the top it stays on "Keep it"
            await press(pilot, key)
            assert options.highlighted == 0
        await press(pilot, "enter")
        assert [c.id for c in await services.categories.list()] == [home.id]
        assert (await fresh(services, task.id)).category_id == home.id

        await press(pilot, "d", "end", "down", "j")  # at the bottom it stays there too
        assert app.screen.query_one("#picker").highlighted == 2
        await press(pilot, "escape")
        assert [c.id for c in await services.categories.list()] == [home.id]


# -- 10: the search box's hint says what works ---------------------------------------------


async def test_the_search_hint_promises_only_what_works(app: TodoApp, services: Services):
    await add(services, "buy milk", due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "milk")
        status = " ".join(screen_text(app).split())
        assert "enter keep, then S save as a view" in status
        await type_text(pilot, "S")  # in the box, S is a letter
        assert app.main_screen.search.text == "milkS"
        await press(pilot, "backspace", "enter", "S")  # from the list, it saves
        assert isinstance(app.screen, PromptScreen)
        await type_text(pilot, "dairy")
        await press(pilot, "enter")
        views = await services.lists.views(today=TODAY, now=datetime.now(UTC))
        assert [v.name for v in views] == ["dairy"]


# -- 11: J/K in a list sorted by anything but manual ---------------------------------------


async def test_shift_j_in_a_sorted_list_moves_the_task_where_it_is_seen(
    app: TodoApp, services: Services
):
    for name in ("charlie", "alpha", "delta", "bravo"):
        await add(services, name, due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.tasks.remember_sort(ListRef(ListKind.TODAY), Sort.TITLE)
        main.lists.reload()
        await settle(pilot)
        assert titles(app) == ["alpha", "bravo", "charlie", "delta"]
        await press(pilot, "J")
        assert main.sort is Sort.MANUAL
        assert titles(app) == ["bravo", "alpha", "charlie", "delta"]
        assert main.task_list.current_task.title == "alpha"
        ordered = sorted(await services.tasks.all(), key=lambda t: t.position)
        assert [t.title for t in ordered] == ["bravo", "alpha", "charlie", "delta"]
        await press(pilot, "J", "J")
        assert titles(app) == ["bravo", "charlie", "delta", "alpha"]
        ordered = sorted(await services.tasks.all(), key=lambda t: t.position)
        assert [t.title for t in ordered] == ["bravo", "charlie", "delta", "alpha"]


# -- 12: in ASCII mode the lists cut their text with "..." ---------------------------------


def pane_rows(app: TodoApp, widget) -> list[str]:
    region = widget.content_region
    lines = screen_text(app).splitlines()[region.y:region.bottom]
    return [line[region.x:region.right] for line in lines]


async def test_in_ascii_mode_the_lists_cut_text_with_three_dots(
    db_url: str, services: Services, monkeypatch: pytest.MonkeyPatch
):
    from todo_tui.ui.app import make_app

    home = await services.categories.create("a category with a very long name indeed")
    await add(services, "very long title " * 8, due=Due.on(TODAY), category_id=home.id,
              tags=("one", "two", "three", "four", "five", "six"))
    monkeypatch.setenv("TODO_TUI_ASCII", "1")
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.has_class("-ascii")
        main = app.main_screen
        for widget in (main.task_list, main.category_pane):
            shown = "\n".join(pane_rows(app, widget))
            assert "…" not in shown and "·" not in shown, shown
            assert "..." in shown, shown
        tasks = main.task_list
        row = tasks.render_task(tasks.current_task, 40)
        assert row.cell_len == 39 and "..." in row.plain


async def test_shift_j_typed_twice_at_once_in_a_sorted_list_moves_two_places(
    app: TodoApp, services: Services
):
    from .conftest import send_key

    for name in ("charlie", "alpha", "delta", "bravo"):
        await add(services, name, due=Due.on(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.tasks.remember_sort(ListRef(ListKind.TODAY), Sort.TITLE)
        main.lists.reload()
        await settle(pilot)
        send_key(app, "J")
        send_key(app, "J")
        await pilot.pause(0.2)
        await settle(pilot)
        assert titles(app) == ["bravo", "charlie", "alpha", "delta"]
        assert main.task_list.current_task.title == "alpha"
    ordered = sorted(await services.tasks.all(), key=lambda t: t.position)
    assert [t.title for t in ordered] == ["bravo", "charlie", "alpha", "delta"]
