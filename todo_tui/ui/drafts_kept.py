"""What was being typed, kept across a close: written to disk when the app closes (a signal,
a bug, a quit), read back at the next start and offered once the user is free."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from todo_tui.ui.keygate import KeyGate
    from todo_tui.ui.screens.main import MainScreen

log = logging.getLogger("todo_tui")
# How often a kept draft waits for the user to finish what they are doing before it is offered.
OFFER_WAIT_S = 0.25

Draft = dict[str, object]


class DraftHost(Protocol):
    """What of the app the drafts need."""

    db_url: str
    main_screen: MainScreen
    keys: KeyGate

    @property
    def screen(self) -> object: ...

    def set_timer(self, delay: float, callback: Callable[[], object] | None = None
                  ) -> object: ...

    def notify(self, message: str, *, markup: bool = True) -> None: ...


class KeptDrafts:
    """The app's drafts: the ones to offer back, and whether this run's were written."""

    def __init__(self, app: DraftHost) -> None:
        self._app = app
        self.waiting: list[Draft] = []  # read at start, to offer once the user is free
        self.written = False

    def collect(self) -> list[Draft]:
        """The unsaved edit and capture text (each kept by the main screen's helper for it,
        also once the screens are closed), and the drafts not offered back yet."""
        main = self._app.main_screen
        drafts = [draft for draft in (main.edits.draft_state(), main.capture.draft_state())
                  if draft is not None]
        return [*drafts, *self.waiting]

    def write(self) -> None:
        """Write them to disk (a failure is logged: the app is closing)."""
        from todo_tui.drafts import save_drafts

        self.written = True
        try:
            path = save_drafts(self._app.db_url, self.collect())
            if path is not None:
                log.info("kept unsaved work in %s", path)
        except Exception:
            log.exception("could not keep the unsaved work")

    def read(self) -> None:
        """Take the drafts kept at the last close; quick-capture text is put back in the
        popup at once (before keys typed at start can open it), edits wait for `offer`."""
        from todo_tui.drafts import take_drafts

        self.waiting = take_drafts(self._app.db_url)
        for draft in [d for d in self.waiting if d.get("kind") == "capture"]:
            self.waiting.remove(draft)
            text = draft.get("text")
            if isinstance(text, str) and text.strip():
                capture = self._app.main_screen.capture
                capture.draft = "  ".join(t for t in (text, capture.draft) if t.strip())
                self._app.notify("Your unsaved quick-capture text is back: press a.",
                                 markup=False)

    def offer(self) -> None:
        """Offer back an edit that was open when the app was last closed by a signal, once
        the user is back on the main screen with no key waiting (never over a form they
        have started, where their keys would go to the wrong one)."""
        if not self.waiting:
            return
        app = self._app
        if app.screen is not app.main_screen or app.keys.holding:
            app.set_timer(OFFER_WAIT_S, self.offer)
            return
        drafts, self.waiting = self.waiting, []
        for draft in drafts:
            if draft.get("kind") == "edit":
                app.main_screen.edits.offer_draft(draft)
