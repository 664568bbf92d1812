"""The main screen's search box and the views it saves.

A helper the screen owns: it keeps the search (its text, the list it was typed in and the
parsed query the list reads use) and asks the screen's loader to read the list again.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from todo_tui.domain import ListKind, ListRef
from todo_tui.errors import TodoError
from todo_tui.ui.faults import guarded
from todo_tui.ui.text import short
from todo_tui.ui.widgets.search_bar import HINT, SearchBar

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from todo_tui.domain import SavedView
    from todo_tui.search.terms import SearchQuery
    from todo_tui.ui.screens.main.host import MainHost

# Keystrokes closer together than this share one query; the first after a pause runs at once.
DEBOUNCE_S = 0.05


def parse(text: str) -> SearchQuery:
    """The search as typed; raises ValidationError (imported at the first search, not before
    the first frame)."""
    from todo_tui.search.parse import parse_query

    return parse_query(text)


class SearchController:
    """What the search box is doing for one screen."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen
        self.text = ""  # the search whose results are shown
        self.scope: ListRef | None = None  # the list it was typed in
        self.query: SearchQuery | None = None  # what list reads filter by (None: no search)
        self._pending: str | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._last_run = 0.0
        self._bar: SearchBar | None = None

    @property
    def active(self) -> bool:
        return self.query is not None

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
            # asyncio's timer, not a Textual one-shot: one that finds itself late before it
            # ever slept skips its only tick (a loaded machine), and every keystroke after it
            # would wait here for good (the gate's poll had the same fault: ui/keygate.py)
            self._timer = asyncio.get_running_loop().call_later(
                wait, self.screen.call_next, self._flush)

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
        lists = self.screen.lists
        if query.text == self.text and self.scope == lists.ref:
            self.show_total(self.screen.task_list.total, over_error=True)
            return True
        bar.show_status(HINT)
        self.text = query.text
        self.scope = lists.ref
        self.query = None if query.empty else query
        lists.open(lists.ref)
        return True

    def submit(self, text: str) -> None:
        """Enter: keep the filter (the box stays, showing it) and go back to the list."""
        if self._timer is not None:
            self._timer.cancel()
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
            self._timer.cancel()
            self._timer = None
        self._pending = None
        was_active = self.active
        self.forget()
        if was_active:
            self.screen.lists.open(self.screen.lists.ref)
        self.screen.task_list.focus()

    def forget(self) -> None:
        """Drop the search without reloading (another list is being opened)."""
        self.text = ""
        self.scope = None
        self.query = None
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
        ref = self.screen.lists.ref
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

        def named(name: str | None) -> None:
            if name:
                self.screen.run_worker(self._save_view(name, text, scope), group="write")

        self.screen.app.push_screen(
            PromptScreen("Save this search as a view", placeholder=f"name, e.g. {short(text)}"),
            named)

    @guarded
    async def _save_view(self, name: str, text: str, scope: ListRef) -> None:
        view = await self.screen.write(self.screen.services.lists.save_view(
            name, text, scope, origin=self.screen.origin))
        if view is None:
            return
        self.forget()
        self.screen.notify(f"Saved the view {short(view.name)}", markup=False)
        self.screen.lists.open(ListRef(ListKind.VIEW, view_id=view.id))

    def view_requested(self, action: str, view: SavedView) -> None:
        """d or r on a view in the lists pane."""
        from todo_tui.ui.screens.confirm import ConfirmScreen
        from todo_tui.ui.screens.prompt import PromptScreen

        if action == "rename":
            def renamed(name: str | None) -> None:
                if name and name != view.name:
                    self.screen.run_worker(self._rename_view(view, name), group="write")

            self.screen.app.push_screen(PromptScreen("Rename view", view.name), renamed)
        elif action == "delete":
            def answered(yes: bool | None) -> None:
                if yes:
                    self.screen.run_worker(self._delete_view(view), group="write")

            self.screen.app.push_screen(ConfirmScreen(
                f"Delete the view {short(view.name)}?\n\nIts search: {short(view.query, 200)}"
                "\n(The tasks stay as they are.)", yes="Delete", no="Keep"), answered)

    @guarded
    async def _rename_view(self, view: SavedView, name: str) -> None:
        if await self.screen.write(self.screen.services.lists.rename_view(
                view.id, name, origin=self.screen.origin)):
            self.screen.lists.reload()

    @guarded
    async def _delete_view(self, view: SavedView) -> None:
        if await self.screen.write(self.screen.services.lists.delete_view(
                view.id, origin=self.screen.origin)) is None:
            return
        self.screen.notify(f"Deleted the view {short(view.name)}", markup=False)
        lists = self.screen.lists
        if lists.ref == ListRef(ListKind.VIEW, view_id=view.id):
            lists.open(ListRef(ListKind.ALL))
        else:
            lists.reload()

    def empty_hint(self) -> str | None:
        """What an empty list says while a search filters it."""
        if not self.active:
            return None
        return f"Nothing here matches {short(self.text, 60)!r}. Escape shows the whole list."
