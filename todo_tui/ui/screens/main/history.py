"""Undo and redo from the main screen: `u` takes back the last change made in this window,
`U` makes it again; each says what it did and puts the cursor on the task concerned.

A change that cannot be undone (something it wrote was changed since, elsewhere) is never
skipped silently: `u` says so and changes nothing; `u` again right after passes over it (it
stays as it is) and undoes the change before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from todo_tui.errors import ConflictError, NothingToUndo, TodoError, UndoRefused
from todo_tui.textsafe import one_line
from todo_tui.ui.faults import guarded, tell

if TYPE_CHECKING:
    from todo_tui.ui.screens.main.host import MainHost


class HistoryController:
    """Walks this window's changes back (undo) and forth (redo), one step per key."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen
        # the change the last undo refused: the next `u` passes over it
        self.refused: int | None = None

    def undo(self) -> None:
        self.screen.run_worker(self._step(redo=False), group="write")

    def redo(self) -> None:
        self.screen.run_worker(self._step(redo=True), group="write")

    @guarded
    async def _step(self, redo: bool) -> None:
        history = self.screen.services.history
        origin = self.screen.origin
        pass_over, self.refused = self.refused, None
        try:
            done = await (history.redo(origin=origin) if redo
                          else history.undo(origin=origin, pass_over=pass_over))
        except NothingToUndo as exc:
            self.screen.notify(one_line(str(exc)), markup=False)
            return
        except UndoRefused as exc:  # changed since, elsewhere: nothing was written
            self.refused = exc.operation_id
            self.screen.app.bell()
            self.screen.notify(
                f"Can't undo {one_line(exc.summary)}: {one_line(str(exc))}.\n"
                "u again leaves it as it is and undoes the change before it.",
                title="Not undone", severity="error", timeout=10, markup=False)
            return
        except ConflictError as exc:  # changed since, elsewhere: nothing was written
            tell(self.screen, exc, title="Not redone" if redo else "Not undone")
            return
        except TodoError as exc:
            tell(self.screen, exc, title="Not redone" if redo else "Not undone")
            return
        self.screen.notify(f"{'Redid' if redo else 'Undid'}: {one_line(done.summary)}",
                           markup=False)
        self.screen.lists.reload(select_id=done.task_id, elsewhere=done.ref_hint)
