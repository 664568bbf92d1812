"""Quick capture from the main screen: opening the popup, saving what it hands over in the
order it was typed, and closing it in the frame that shows the new row.

This controller owns the capture draft: the text left in the popup when it closed, offered
again the next time it opens (and kept on disk if the app is killed).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from todo_tui.domain import ListKind, Task
from todo_tui.errors import TodoError
from todo_tui.textsafe import one_line
from todo_tui.ui.faults import guarded
from todo_tui.ui.messages import TaskSaved

if TYPE_CHECKING:
    from todo_tui.capture import Capture
    from todo_tui.ui.screens.capture import CaptureScreen
    from todo_tui.ui.screens.main.host import MainHost

# The popup closes with the frame that shows the new row; at the latest after this long.
CLOSE_AFTER_S = 0.3


class CaptureController:
    """The popup's saver: a queue of captures, saved one after another."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen
        self.draft = ""  # what the popup opens with
        self.popup: CaptureScreen | None = None
        # typed and queued, in order, with the task each is a subtask of (if any)
        self.pending: list[tuple[str, Capture, str | None]] = []
        self._saving = False
        self._closing = False  # close the popup once the queue is saved
        self._close_with_list = False  # close it when the list on its way is shown

    def open(self, parent: Task | None = None) -> None:
        """a: the popup, with the open list's defaults and the draft; A (`parent`): for a
        subtask of that task, which it files in its own category."""
        from todo_tui.ui.screens.capture import CaptureScreen, CaptureSetup

        lists = self.screen.lists
        categories = lists.counts.categories if lists.counts else ()
        default_category = None
        if lists.ref.kind is ListKind.CATEGORY:
            default_category = next(
                (c.name for c in categories if c.id == lists.ref.category_id), None)
        setup = CaptureSetup(
            categories=[c.name for c in categories], tags=list(lists.tag_names),
            default_category=default_category if parent is None else None,
            due_today=lists.ref.kind is ListKind.TODAY and parent is None,
            draft=self.draft,
            parent_id=None if parent is None else parent.id,
            parent_title=None if parent is None else parent.title)
        self.popup = CaptureScreen(setup, self)
        self._closing = False
        self.screen.app.push_screen(self.popup, self._closed)

    def _closed(self, leftover: str | None) -> None:
        self.popup = None
        self._close_with_list = False
        self.draft = leftover or ""

    # -- CaptureSaver --------------------------------------------------------------------

    @property
    def saving(self) -> bool:
        return self._saving

    def unsaved(self) -> list[str]:
        return [text for text, _capture, _parent in self.pending]

    def submit(self, popup: CaptureScreen, items: list[tuple[str, Capture]],
               close: bool) -> None:
        self.popup = popup
        parent_id = popup.setup.parent_id
        self.pending.extend((text, capture, parent_id) for text, capture in items)
        self._closing = self._closing or close
        if not self._saving:
            self._saving = True
            # the popup's worker: its state messages go to the popup, as a message to the
            # screen under a popup makes Textual repaint the whole terminal before the save
            popup.run_worker(self._save(), group="capture-save")

    def close_when_saved(self) -> None:
        self._closing = True

    @guarded
    async def _save(self) -> None:
        last: Task | None = None
        try:
            while self.pending:
                _text, capture, parent_id = self.pending[0]
                new = capture.to_new_task()
                if parent_id is not None and capture.parent is None:  # ^trip: the one named
                    new = replace(new, parent_id=parent_id)
                last = await self.screen.services.tasks.add(new, origin=self.screen.origin)
                self.pending.pop(0)
                if not self._closing:  # ctrl+n: shown in the list now; the popup stays
                    self.screen.post_message(TaskSaved(last))
                    self.screen.notify(f"Added: {one_line(last.title)}", markup=False)
        except TodoError as exc:
            self._not_saved(exc)
            return
        finally:
            self._saving = False
        if self._closing and last is not None:
            await self._close_with(last)
        elif self._closing and self.popup is not None:
            self.popup.close()

    def _not_saved(self, exc: TodoError) -> None:
        unsaved = self.unsaved()
        self.pending.clear()
        self._closing = False
        if self.popup is not None and self.popup.is_attached:
            self.popup.not_saved(unsaved, str(exc))
        else:  # closed meanwhile: the text is the next draft, and the error is told
            self.draft = "  ".join([*unsaved, self.draft]).strip()
            raise exc

    async def _close_with(self, task: Task) -> None:
        """Close the popup in the frame that shows `task` in the list (one repaint, not the
        list as it was and then the list with the row), and never later than CLOSE_AFTER_S."""
        lists = self.screen.lists
        read = await lists.read_ahead(task)  # read while the popup is still up
        if read is not None and lists.shown_read(read, task):
            self._close_popup()
            return
        self._close_with_list = True
        lists.reload(select_id=task.id)
        self.screen.set_timer(CLOSE_AFTER_S, self._close_popup)

    def list_shown(self) -> None:
        """The main screen drew a list: a popup waiting for it closes now."""
        if self._close_with_list:
            self._close_popup()

    def _close_popup(self) -> None:
        self._close_with_list = False
        if self.popup is not None:
            self.popup.close()

    def draft_state(self) -> dict[str, object] | None:
        """The capture text to keep if the app is killed now."""
        if self.popup is not None:
            return self.popup.draft_state()
        text = "  ".join(t for t in [*self.unsaved(), self.draft] if t.strip())
        return {"kind": "capture", "text": text} if text else None
