"""The main screen's actions on tasks and categories."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding

from todo_tui.domain import ListKind, ListRef, Sort, Task
from todo_tui.errors import TodoError
from todo_tui.textsafe import one_line
from todo_tui.ui.faults import fault_text
from todo_tui.ui.messages import CountsLoaded, ListLoaded, TaskSaved
from todo_tui.ui.screens.main_base import MainBase
from todo_tui.ui.screens.search import SearchController
from todo_tui.ui.widgets.category_pane import CategoryPane
from todo_tui.ui.widgets.search_bar import SearchBar
from todo_tui.ui.widgets.task_list import TaskList

if TYPE_CHECKING:
    from concurrent.futures import Future

    from todo_tui.db.peek import FirstLook
    from todo_tui.ui.screens.edit import EditResult, FormValues

# The dialogs are imported when first opened, not before the first frame.
SORT_LABELS = {
    Sort.SMART: "Smart: due first, then priority, then manual order",
    Sort.DUE: "Due date",
    Sort.PRIORITY: "Priority",
    Sort.CREATED: "Newest first",
    Sort.TITLE: "Title",
    Sort.MANUAL: "Manual order (J/K)",
}


def short(text: str, limit: int = 40) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class MainScreen(MainBase):
    """The main screen: what happens when the user acts on a task or a category."""

    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("S", "save_view", "Save view", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    def __init__(self, look: Future[FirstLook | None] | None = None) -> None:
        super().__init__(look)
        self.search = SearchController(self)

    # -- search, saved views, sorts remembered per list (screens/search.py) --------------

    def start(self) -> None:
        self.search.start(super().start)

    def reload(self, select_id: str | None = None) -> None:
        self.search.follow(self.ref)
        super().reload(select_id)

    def empty_hint(self) -> str:
        return self.search.empty_hint() or super().empty_hint()

    async def action_search(self) -> None:
        await self.search.open()

    def action_save_view(self) -> None:
        self.search.save_view()

    def action_clear_search(self) -> None:
        if self.search.active:
            self.search.clear()

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self.search.changed(message.text)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        self.search.submit(message.text)

    def on_search_bar_cancelled(self, _message: SearchBar.Cancelled) -> None:
        self.search.clear()

    def on_list_loaded(self, message: ListLoaded) -> None:
        if message.generation == self.generation:
            self.search.show_total(message.page.total)

    def on_counts_loaded(self, message: CountsLoaded) -> None:
        self.search.counts_loaded(message.counts)

    def on_mount(self) -> None:
        self.category_pane.on_request = self._category_pane_request

    def _category_pane_request(self, message: object) -> None:
        if isinstance(message, CategoryPane.CategoryRequested):
            self.on_category_pane_category_requested(message)
        elif isinstance(message, CategoryPane.ViewRequested):
            self.on_category_pane_view_requested(message)

    def on_category_pane_view_requested(self, message: CategoryPane.ViewRequested) -> None:
        self.search.view_requested(message.action, message.view)

    # -- tasks ------------------------------------------------------------------

    def on_task_list_action_requested(self, message: TaskList.ActionRequested) -> None:
        handler = getattr(self, f"_task_{message.action}")
        handler(message.task)

    def _task_toggle(self, task: Task) -> None:
        def done(result: tuple[Task, Task | None]) -> None:
            changed, follow_up = result
            note = f"{'Done' if changed.done else 'Reopened'}: {short(changed.title)}"
            if follow_up is not None and follow_up.due is not None:
                note += f"\nNext: {follow_up.due.describe()}"
            self.post_message(TaskSaved(changed, note))

        self.write(lambda: self.services.tasks.toggle(task.id), done)

    def _task_priority(self, task: Task) -> None:
        self.write(lambda: self.services.tasks.cycle_priority(task.id),
                   lambda changed: self.post_message(TaskSaved(changed)))

    def _task_delete(self, task: Task) -> None:
        from todo_tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    lambda: self.services.tasks.delete(task.id),
                    lambda gone: self.post_message(
                        TaskSaved(None, f"Deleted: {short(gone.title)}")),
                )

        self.app.push_screen(ConfirmScreen(f"Delete this task?\n\n{short(task.title, 200)}",
                                           yes="Delete", no="Keep"), answered)

    def _task_move(self, task: Task) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        categories = self.counts.categories if self.counts else ()
        choices = [("\x00inbox", "Inbox")] + [(c.id, c.name) for c in categories]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            target = None if choice == "\x00inbox" else choice
            self.write(
                lambda: self.services.tasks.move_to(task.id, target),
                lambda moved: self.post_message(
                    TaskSaved(moved, f"Moved to {moved.category_name or 'Inbox'}")),
            )

        self.app.push_screen(
            PickerScreen("Move to…", choices, task.category_id or "\x00inbox"), chosen
        )

    def _task_edit(self, task: Task, draft: FormValues | None = None) -> None:
        from todo_tui.ui.screens.edit import EditScreen

        categories = list(self.counts.categories) if self.counts else []

        def edited(result: EditResult | None) -> None:
            if result is not None and result.changes.changed():
                self._save_edit(task, result)

        self.app.push_screen(EditScreen(task, categories, draft), edited)

    @work(group="write")
    async def _save_edit(self, task: Task, result: EditResult) -> None:
        """Save an edit in a worker; on failure reopen the form with what was typed."""
        from todo_tui.ui.screens.saving import KeptEditing, save_edit

        try:
            saved, note = await save_edit(self, task, result.changes, result.values)
        except KeptEditing as back:
            self.reload(select_id=task.id)
            self._task_edit(back.current, result.values)
            return
        except TodoError as exc:
            self.app.bell()
            self.notify(fault_text(exc), title="Not saved", severity="error", markup=False,
                        timeout=8)
            self._reopen_edit(task.id, result.values)
            return
        self.post_message(TaskSaved(saved, note if saved else "Edit discarded"))

    def offer_edit_draft(self, draft: dict[str, object]) -> None:
        """Ask whether to reopen an edit that was kept when the app was killed."""
        from todo_tui.ui.screens.confirm import ConfirmScreen
        from todo_tui.ui.screens.edit import values_from_draft

        values = values_from_draft(draft.get("values") or {})  # type: ignore[arg-type]
        task_id = draft.get("task_id")
        if values is None or not isinstance(task_id, str):
            return
        title = short(str(draft.get("task_title", "")), 60)

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def gone(_error: TodoError) -> None:
                self._save_as_new(values)

            self.write(lambda: self.services.tasks.get(task_id),
                       lambda fresh: self._task_edit(fresh, values), gone)

        self.app.push_screen(ConfirmScreen(
            f"todo-tui was closed while you were editing:\n\n{title}\n\n"
            "Open your unsaved edit again?", yes="Open it", no="Discard it"), answered)

    def _save_as_new(self, values: FormValues) -> None:
        from todo_tui.ui.screens.saving import new_task_of

        try:
            new = new_task_of(values)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.write(lambda: self.services.tasks.add(new),
                   lambda task: self.post_message(TaskSaved(task, "Saved as a new task")))

    def _reopen_edit(self, task_id: str, values: FormValues) -> None:
        """Open the form again with what the user typed, on the task as it is now."""
        self.write(lambda: self.services.tasks.get(task_id),
                   lambda fresh: self._task_edit(fresh, values))

    def on_task_list_reorder_requested(self, message: TaskList.ReorderRequested) -> None:
        if self.sort is not Sort.MANUAL:
            self.search.remember_sort(self.ref, Sort.MANUAL)
            self.notify("This list is now in manual order (s changes the sort).", markup=False)
        self.write(
            lambda: self.services.tasks.swap_order(message.task.id, message.neighbour.id),
            lambda pair: self.post_message(TaskSaved(pair[0])),
        )

    def action_sort(self) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.search.remember_sort(self.ref, Sort(choice))
                current = self.task_list.current_task
                self.reload(select_id=current.id if current else None)

        choices = [(sort.value, label) for sort, label in SORT_LABELS.items()]
        self.app.push_screen(PickerScreen("Sort this list by…", choices, self.sort.value), chosen)

    # -- quick capture ------------------------------------------------------------------

    def action_capture(self) -> None:
        from todo_tui.ui.screens.capture import CaptureScreen

        if not self.ready:
            self.notify("The database is still opening…", markup=False)
            return
        categories = self.counts.categories if self.counts else ()
        default_category = None
        if self.ref.kind is ListKind.CATEGORY:
            default_category = next(
                (c.name for c in categories if c.id == self.ref.category_id), None)
        self.app.push_screen(CaptureScreen(
            categories=[c.name for c in categories],
            tags=self.tag_names,
            default_category=default_category,
            due_today=self.ref.kind is ListKind.TODAY,
            on_saved=lambda task, shown=None, read=None: self.post_message(
                TaskSaved(task, shown=shown, read=read)),
            read_ahead=self.read_ahead,
        ))

    # -- categories ----------------------------------------------------------------------

    def on_category_pane_category_requested(self, message: CategoryPane.CategoryRequested) -> None:
        from todo_tui.ui.screens.prompt import PromptScreen

        category = message.category
        categories = self.services.categories

        def opened(new: Any) -> None:
            self.ref = ListRef(ListKind.CATEGORY, new.id)
            self.reload()

        match message.action:
            case "new":
                def named(name: str | None) -> None:
                    if name:
                        self.write(lambda: categories.create(name), opened)

                self.app.push_screen(PromptScreen("New category", placeholder="name"), named)
            case "rename" if category is not None:
                def renamed(name: str | None) -> None:
                    if name and name != category.name:
                        self.write(lambda: categories.rename(category.id, name),
                                   lambda _: self.reload())

                self.app.push_screen(PromptScreen("Rename category", category.name), renamed)
            case "delete" if category is not None:
                self._delete_category(category.id, category.name, category.open_count)
            case "up" | "down" if category is not None:
                step = -1 if message.action == "up" else 1
                self.write(lambda: categories.move(category.id, step), lambda _: self.reload())

    def _delete_category(self, category_id: str, name: str, open_count: int) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        choices = [
            ("inbox", f"Delete it and move its tasks to the Inbox ({open_count} open)"),
            ("all", "Delete it and all of its tasks"),
            ("cancel", "Keep it"),
        ]

        def chosen(choice: str | None) -> None:
            if choice in ("inbox", "all"):
                def deleted(count: int) -> None:
                    fate = "deleted" if choice == "all" else "moved to the Inbox"
                    self.ref = ListRef(ListKind.INBOX)
                    self.notify(f"Deleted {short(name)}; {count} task(s) {fate}", markup=False)
                    self.reload()

                self.write(lambda: self.services.categories.delete(
                    category_id, delete_tasks=choice == "all"), deleted)

        self.app.push_screen(PickerScreen(f"Delete the category {short(name)}?", choices,
                                          "cancel"), chosen)
