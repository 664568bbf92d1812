"""The main screen's search box, the views it saves, and the sort remembered for each list.

A helper the screen owns (not a mixin): it keeps the search text, parses it, and asks the
screen to reload; the screen's list loads pass `screen.search_query` to the service.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.timer import Timer

from todo_tui.domain import ListCounts, ListKind, ListRef, Sort
from todo_tui.errors import TodoError
from todo_tui.textsafe import one_line
from todo_tui.ui.widgets.search_bar import HINT, SearchBar

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from todo_tui.terms import SavedView, SearchQuery
    from todo_tui.ui.screens.main_base import MainBase

# Keystrokes closer together than this share one query; the first after a pause runs at once.
DEBOUNCE_S = 0.05


def parse(text: str) -> SearchQuery:
    """The search as typed; raises ValidationError (imported late: the service layer is heavy)."""
    from todo_tui.service.search import parse_query

    return parse_query(text)


class SearchController:
    """What the search box is doing for one screen."""

    def __init__(self, screen: MainBase) -> None:
        self.screen = screen
        self.text = ""  # the search whose results are shown
        self.scope: ListRef | None = None  # the list it was typed in
        self._pending: str | None = None
        self._timer: Timer | None = None
        self._last_run = 0.0
        self._bar: SearchBar | None = None

    @property
    def active(self) -> bool:
        return self.screen.search_query is not None

    def bar(self) -> SearchBar:
        assert self._bar is not None, "the search box is made by the first open()"
        return self._bar

    # -- the box -----------------------------------------------------------------------

    def prepare(self) -> AwaitMount | None:
        """Put the hidden box over the task list. Not in the first frame (an Input and its
        styles cost it time): the app calls this once the first rows are drawn."""
        if self._bar is not None:
            return None
        self._bar = SearchBar(id="search")
        return self.screen.query_one("#main").mount(self._bar, before=0)

    async def open(self) -> None:
        """Show the box with the current search, ready to type."""
        mounting = self.prepare()  # `/` pressed before the app got to it
        if mounting is not None:
            await mounting
        bar = self.bar()
        bar.open(self.text)
        if not bar.has_class("-error"):
            bar.show_status(HINT)

    def changed(self, text: str) -> None:
        """A keystroke: search now, or with the next keystrokes if one just ran."""
        self._pending = text
        if self._timer is not None:
            return
        wait = DEBOUNCE_S - (time.monotonic() - self._last_run)
        if wait <= 0:
            self._flush()
        else:
            self._timer = self.screen.set_timer(wait, self._flush)

    def _flush(self) -> None:
        self._timer = None
        if self._pending is None:
            return
        text, self._pending = self._pending, None
        self._last_run = time.monotonic()
        self.apply(text)

    def apply(self, text: str) -> bool:
        """Filter the list by `text`; a malformed search is shown and changes nothing."""
        bar = self.bar()
        try:
            query = parse(text)
        except TodoError as exc:
            bar.show_error(str(exc))
            return False
        if query.text == self.text and self.scope == self.screen.ref:
            self.show_total(self.screen.task_list.total, over_error=True)
            return True
        bar.show_status(HINT)
        self.text = query.text
        self.scope = self.screen.ref
        self.screen.search_query = None if query.empty else query
        self.screen.task_list.cursor = 0
        self.screen.reload()
        return True

    def submit(self, text: str) -> None:
        """Enter: keep the filter (the box stays, showing it) and go back to the list."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._pending = None
        if not self.apply(text):
            return
        if not self.active:
            self.bar().close()
        self.screen.task_list.focus()

    def clear(self) -> None:
        """Escape: drop the search, close the box, show the whole list again."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._pending = None
        was_active = self.active
        self.forget()
        if was_active:
            self.screen.task_list.cursor = 0
            self.screen.reload()
        self.screen.task_list.focus()

    def forget(self) -> None:
        """Drop the search without reloading (another list is being opened)."""
        self.text = ""
        self.scope = None
        self.screen.search_query = None
        if self._bar is not None:
            self._bar.close()

    def follow(self, ref: ListRef) -> None:
        """The screen is about to load `ref`: a search made in another list no longer applies."""
        if self.scope is not None and ref != self.scope:
            self.forget()

    def show_total(self, total: int, *, over_error: bool = False) -> None:
        """The count of matches, under the box (an error stays until the search is fixed)."""
        bar = self._bar
        if bar is None or (bar.has_class("-error") and not over_error):
            return
        if self.active:
            noun = "task matches" if total == 1 else "tasks match"
            bar.show_status(f"{total} {noun} · {HINT}")
        else:
            bar.show_status(HINT)

    # -- saving it as a view -------------------------------------------------------------

    def saved_query(self) -> tuple[str, ListRef] | None:
        """The search to save and the list it searches in (a view's own search included)."""
        if not self.active:
            return None
        ref = self.screen.ref
        if ref.kind is ListKind.VIEW:
            view = self.screen.category_pane.views.get(ref.view_id or "")
            if view is None:
                return None
            return f"{view.query} {self.text}", view.scope
        return self.text, ref

    def save_view(self) -> None:
        """S: ask for a name, then save the search as a view and open it."""
        from todo_tui.ui.screens.prompt import PromptScreen

        wanted = self.saved_query()
        if wanted is None:
            self.screen.notify("Search first (/), then S saves the search as a view.",
                               markup=False)
            return
        text, scope = wanted
        lists = self.screen.services.lists

        def named(name: str | None) -> None:
            if not name:
                return

            def saved(view: SavedView) -> None:
                self.forget()
                self.screen.ref = ListRef(ListKind.VIEW, view_id=view.id)
                self.screen.task_list.cursor = 0
                self.screen.notify(f"Saved the view {short(view.name)}", markup=False)
                self.screen.reload()

            self.screen.write(lambda: lists.save_view(name, text, scope), saved)

        self.screen.app.push_screen(
            PromptScreen("Save this search as a view", placeholder=f"name, e.g. {short(text)}"),
            named)

    def view_requested(self, action: str, view: SavedView) -> None:
        """d or r on a view in the lists pane."""
        from todo_tui.ui.screens.confirm import ConfirmScreen
        from todo_tui.ui.screens.prompt import PromptScreen

        lists = self.screen.services.lists
        if action == "rename":
            def renamed(name: str | None) -> None:
                if name and name != view.name:
                    self.screen.write(lambda: lists.rename_view(view.id, name),
                                      lambda _: self.screen.reload())

            self.screen.app.push_screen(PromptScreen("Rename view", view.name), renamed)
        elif action == "delete":
            def answered(yes: bool | None) -> None:
                if yes:
                    self.screen.write(lambda: lists.delete_view(view.id), deleted)

            def deleted(_gone: SavedView) -> None:
                if self.screen.ref == ListRef(ListKind.VIEW, view_id=view.id):
                    self.screen.ref = ListRef(ListKind.ALL)
                self.screen.notify(f"Deleted the view {short(view.name)}", markup=False)
                self.screen.reload()

            self.screen.app.push_screen(ConfirmScreen(
                f"Delete the view {short(view.name)}?\n\nIts search: {short(view.query, 200)}"
                "\n(The tasks stay as they are.)", yes="Delete", no="Keep"), answered)

    def counts_loaded(self, counts: ListCounts) -> None:
        """The open view was deleted (here or elsewhere): show All instead."""
        ref = self.screen.ref
        if ref.kind is ListKind.VIEW and ref.view_id not in {v.id for v in counts.views}:
            self.screen.ref = ListRef(ListKind.ALL)
            self.screen.reload()

    def empty_hint(self) -> str | None:
        """What an empty list says while a search filters it."""
        if not self.active:
            return None
        return f"Nothing here matches {short(self.text, 60)!r}. Escape shows the whole list."

    # -- sorts, remembered per list --------------------------------------------------------

    def start(self, then: Callable[[], None]) -> None:
        """Read the saved sorts, then `then()` (fill the panes)."""

        async def load() -> None:
            try:
                self.screen.sorts.update(await self.screen.services.lists.sorts())
            except TodoError as exc:
                self.screen.notify(f"The saved sorts could not be read: {exc}",
                                   severity="warning", markup=False)
            then()

        self.screen.run_worker(load(), group="prefs", exclusive=True)

    def remember_sort(self, ref: ListRef, sort: Sort) -> None:
        """Keep `sort` for `ref`, in the database too (it outlives a restart)."""
        self.screen.sorts[ref] = sort
        lists = self.screen.services.lists
        self.screen.write(lambda: lists.set_sort(ref, sort), lambda _: None)


def short(text: str, limit: int = 40) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
