"""Pilot tests: search as you type, filter errors, enter and escape, sorts remembered across a
restart, saved views, and scrolling far down a large list. Each checks the database too."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from todo_tui.db.engine import sqlite_url
from todo_tui.domain import ListKind, ListRef, NewTask, Priority, Sort
from todo_tui.search.parse import parse_query
from todo_tui.service import Services, open_services
from todo_tui.ui.app import TodoApp, make_app
from todo_tui.ui.messages import TaskSaved
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.main.loading import Phase
from todo_tui.ui.screens.picker import PickerScreen
from todo_tui.ui.screens.prompt import PromptScreen
from todo_tui.ui.widgets.search_bar import SearchBar

from .conftest import NOW, TODAY, World, day

SIZE = (120, 35)
TODAY_LIST = ListRef(ListKind.TODAY)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The world's "now", in UTC; drafts and logs in the test's own directory."""
    monkeypatch.setenv("TODO_TUI_NOW", NOW.isoformat())
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("TODO_TUI_DRAFTS_DIR", str(tmp_path / "drafts"))
    monkeypatch.setenv("TODO_TUI_LOG", str(tmp_path / "todo-tui.log"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def settle(pilot: Pilot[Any], rounds: int = 80) -> None:
    """Wait out the search's debounce, then until no worker runs and the lists are loaded."""
    app = pilot.app
    await pilot.pause(0.08)
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = app.main_screen
        busy = any(worker.is_running for worker in app.workers)
        if main.ready and not busy and main.counts is not None and main.lists.phase is Phase.SHOWN:
            return
    raise AssertionError("the app did not settle")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def titles(app: TodoApp) -> list[str]:
    tasks = app.main_screen.task_list
    return [task.title for i in range(tasks.total) if (task := tasks.task_at(i)) is not None]


def bar(app: TodoApp) -> SearchBar:
    return app.main_screen.query_one(SearchBar)


def status(app: TodoApp) -> str:
    content = bar(app).query_one("#search-status", Static).content
    return content.plain if isinstance(content, Text) else str(content)


def pane_labels(app: TodoApp) -> list[str]:
    pane = app.main_screen.category_pane
    labels = []
    for index in range(pane.option_count):
        prompt = pane.get_option_at_index(index).prompt
        labels.append(" ".join((prompt.plain if isinstance(prompt, Text) else str(prompt)).split()))
    return labels


async def service_titles(services: Services, ref: ListRef, text: str,
                         sort: Sort = Sort.SMART) -> list[str]:
    page = await services.tasks.page(ref, today=TODAY, now=NOW, sort=sort,
                                     query=parse_query(text))
    return [task.title for task in page.tasks]


async def test_search_as_you_type_filters_the_open_list(world: World, db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert main.ref == TODAY_LIST
        assert set(titles(app)) == {"Call the dentist", "Pay rent", "Stand-up at eight"}
        await press(pilot, "slash")
        assert bar(app).is_open and app.focused is bar(app).input
        for key in "dent":
            await pilot.press(key)
        await settle(pilot)
        assert titles(app) == ["Call the dentist"]
        assert main.search_query is not None and main.search_query.text == "dent"
        assert "1 task matches" in status(app)
        assert "1 task" in str(main.query_one("#header", Static).content)
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"rent or up")
        await settle(pilot)
        assert set(titles(app)) == {"Pay rent", "Stand-up at eight"}
        # what the list shows is what the service says for that search
        assert titles(app) == await service_titles(world.services, TODAY_LIST, "rent or up")
        # the detail pane follows the cursor within the results
        assert main.task_list.current_task is not None
        assert main.task_list.current_task.title == titles(app)[0]


async def test_a_malformed_term_is_shown_and_the_results_stay(world: World, db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        bar(app).input.value = "rent"
        await settle(pilot)
        assert titles(app) == ["Pay rent"]
        for broken, message in (("rent due:", "'due:' needs a value"),
                                ("rent pri:urgent", "unknown priority"),
                                ('rent "oops', "unclosed quote"),
                                ("rent or", "'or' needs a term on each side")):
            bar(app).input.value = broken
            await settle(pilot)
            assert message in status(app)
            assert bar(app).has_class("-error")
            assert titles(app) == ["Pay rent"]  # the last good search's results
            assert app.main_screen.search_query is not None
            assert app.main_screen.search_query.text == "rent"
        bar(app).input.value = "rent due:overdue"
        await settle(pilot)
        assert not bar(app).has_class("-error")
        assert titles(app) == ["Pay rent"]
        assert app.main_screen.search_query.text == "rent due:overdue"
        assert app.is_running


async def test_enter_keeps_the_filter_and_escape_clears_it(world: World, db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        everything = titles(app)
        await press(pilot, "slash", *"dentist", "enter")
        assert app.focused is main.task_list
        assert bar(app).is_open and bar(app).value == "dentist"
        assert titles(app) == ["Call the dentist"]
        await press(pilot, "j", "k")  # the list keeps its keys
        assert main.task_list.current_task.title == "Call the dentist"
        await press(pilot, "escape")
        assert not bar(app).is_open and main.search_query is None
        assert titles(app) == everything
        # escape in the box drops the search and leaves the box
        await press(pilot, "slash", *"rent")
        assert titles(app) == ["Pay rent"]
        await press(pilot, "escape")
        assert not bar(app).is_open and main.search_query is None
        assert app.focused is main.task_list
        assert titles(app) == everything
        # a search belongs to its list: opening another list drops it
        await press(pilot, "slash", *"rent", "enter")
        main.action_open_list("all")
        await settle(pilot)
        assert main.search_query is None and not bar(app).is_open
        assert len(titles(app)) == 9
        # user text is data: markup in a search is searched for, and shown as typed
        await press(pilot, "slash", *"[/]x")
        assert titles(app) == []
        assert "[/]x" in main.task_list.empty_message


async def test_the_sort_is_remembered_across_a_restart(world: World, db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        options = picker.query_one(OptionList)
        options.highlighted = options.get_option_index(Sort.TITLE.value)
        await press(pilot, "enter")
        assert app.main_screen.sort is Sort.TITLE
        assert titles(app) == ["Call the dentist", "Pay rent", "Stand-up at eight"]
    services = await open_services(db_url)
    try:
        assert await services.lists.sorts() == {TODAY_LIST: Sort.TITLE}
    finally:
        await services.close()

    again = make_app(db_url)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = again.main_screen
        assert main.sort is Sort.TITLE
        assert titles(again) == ["Call the dentist", "Pay rent", "Stand-up at eight"]
        assert "sorted by title" in str(main.query_one("#header", Static).content)
        main.action_open_list("all")  # other lists keep their own (the smart default)
        await settle(pilot)
        assert main.sort is Sort.SMART
        assert titles(again)[0] == "Pay rent"


async def test_a_search_saved_as_a_view(world: World, db_url: str) -> None:
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.action_open_list("all")
        await settle(pilot)
        await press(pilot, "S")  # nothing to save yet
        assert not isinstance(app.screen, PromptScreen)
        await press(pilot, "slash", *"#home", "enter", "S")
        assert isinstance(app.screen, PromptScreen)
        await press(pilot, *"[b]Home[/]", "enter")
        views = await world.services.lists.views(today=TODAY, now=NOW)
        assert [(v.name, v.query, v.scope, v.count) for v in views] == [
            ("[b]Home[/]", "#home", ListRef(ListKind.ALL), 2)]
        view_ref = ListRef(ListKind.VIEW, view_id=views[0].id)
        assert main.ref == view_ref and main.search_query is None and not bar(app).is_open
        assert set(titles(app)) == {"Call the dentist", "Pay rent"}
        labels = pane_labels(app)
        assert labels[:6] == ["Inbox 4", "Today 3", "Upcoming 4", "All 9", "Done 1",
                              "/[b]Home[/] 2"]
        assert "/[b]Home[/]" in str(main.query_one("#header", Static).content)
        # a search inside the view narrows it, and saving that keeps both
        await press(pilot, "slash", *"rent", "enter")
        assert titles(app) == ["Pay rent"]
        await press(pilot, "S", *"Rent at home", "enter")
        views = await world.services.lists.views(today=TODAY, now=NOW)
        assert [(v.name, v.query, v.count) for v in views][1] == ("Rent at home", "#home rent", 1)
        # the count follows the data
        await world.services.tasks.set_done(world.tasks["Pay rent"].id, True, now=NOW)
        main.reload()
        await settle(pilot)
        assert "/[b]Home[/] 1" in pane_labels(app)
        # d in the lists pane deletes the highlighted view, after asking
        pane = main.category_pane
        pane.focus()
        pane.highlighted = pane.get_option_index(f"view:{views[1].id}")
        await settle(pilot)
        assert main.ref == ListRef(ListKind.VIEW, view_id=views[1].id)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert [v.name for v in await world.services.lists.views(today=TODAY, now=NOW)] == [
            "[b]Home[/]"]
        assert main.ref == ListRef(ListKind.ALL)
        assert not any(label.startswith("/Rent") for label in pane_labels(app))


async def test_scrolling_far_down_a_large_list_and_back(large_copy: Path) -> None:
    url = sqlite_url(large_copy)
    app = make_app(url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.action_open_list("all")
        await settle(pilot)
        tasks = main.task_list
        total = tasks.total
        assert total > 10_000
        services = app.services
        last = (await services.tasks.page(ListRef(ListKind.ALL), today=TODAY, now=NOW,
                                          offset=total - 1, limit=1)).tasks[0]
        first = (await services.tasks.page(ListRef(ListKind.ALL), today=TODAY, now=NOW,
                                           limit=1)).tasks[0]
        await press(pilot, "G")
        assert tasks.cursor == total - 1
        assert tasks.current_task is not None and tasks.current_task.id == last.id
        assert tasks.task_at(total - 2) is not None
        # only the pages that were on screen are held (the first and the last), not the list
        assert len(tasks._rows) <= 2 * tasks.page_size + total % tasks.page_size
        await press(pilot, "k", "k")
        assert tasks.cursor == total - 3
        await press(pilot, "g")
        assert tasks.cursor == 0 and tasks.current_task.id == first.id
        assert len(tasks._rows) <= 2 * tasks.page_size + total % tasks.page_size
        await press(pilot, "pagedown", "pagedown")
        assert tasks.current_task is not None
        assert tasks.current_task.id == (await services.tasks.page(
            ListRef(ListKind.ALL), today=TODAY, now=NOW, offset=tasks.cursor, limit=1)).tasks[0].id


async def test_a_saved_task_deep_in_a_large_list_is_selected(large_copy: Path) -> None:
    app = make_app(sqlite_url(large_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.action_open_list("all")
        await settle(pilot)
        task = await app.services.tasks.add(NewTask(title="Deep new task", due=day(35),
                                                     priority=Priority.LOW))
        await pilot.pause(0.7)  # the app's change watcher reloads the list once, keeping row 0
        await settle(pilot)
        assert main.task_list.cursor == 0
        main.post_message(TaskSaved(task))
        await settle(pilot)
        index = await app.services.tasks.index_in_list(ListRef(ListKind.ALL), task.id,
                                                       today=TODAY)
        assert index is not None and index > 5_000
        assert main.task_list.cursor == index
        assert main.task_list.current_task.id == task.id
