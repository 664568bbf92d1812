"""What the main screen does when the user acts on a task, a category or a list's sort."""

from __future__ import annotations

from typing import TYPE_CHECKING

from todo_tui import clock
from todo_tui.domain import Category, ListKind, ListRef, Sort, Task
from todo_tui.errors import TodoError
from todo_tui.ui.faults import guarded
from todo_tui.ui.glyphs import fit
from todo_tui.ui.messages import TaskSaved
from todo_tui.ui.text import short
from todo_tui.words import count_of

if TYPE_CHECKING:
    from todo_tui.search.terms import SearchQuery
    from todo_tui.ui.screens.main.host import MainHost

SORT_LABELS = {
    Sort.SMART: "Smart: due first, then priority, then manual order",
    Sort.DUE: "Due date",
    Sort.PRIORITY: "Priority",
    Sort.CREATED: "Newest first",
    Sort.TITLE: "Title",
    Sort.MANUAL: "Manual order (J/K)",
}
INBOX_CHOICE = "\x00inbox"
# the actions that apply to every marked task when some are marked (bulk.py does them)
ON_MARKED = frozenset({"toggle", "delete", "priority", "move", "tags", "due", "repeat"})


class TaskActions:
    """done, priority, delete, move and reorder on tasks; sorts remembered per list."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen

    def request(self, action: str, task: Task) -> None:
        """An action the task list asked for (edit goes to the edit controller; marks and
        actions on the marked tasks to theirs)."""
        if action in ("mark", "mark_all"):
            self.screen.marks.request(action, task)
            return
        if self.screen.lists.ref.kind is ListKind.TRASH:
            self._in_trash(action, task)
            return
        if action in ("tags", "due", "repeat") or (
                self.screen.marks.active and action in ON_MARKED):
            self.screen.bulk.request(action, task)
            return
        match action:
            case "edit":
                self.screen.edits.open(task)
            case "toggle":
                self.screen.run_worker(self._toggle(task), group="write")
            case "priority":
                self.screen.run_worker(self._priority(task), group="write")
            case "delete":
                self._confirm_delete(task)
            case "move":
                self._choose_category(task)
            case "restore":
                self.screen.notify("r restores a task from the Trash (the last list on the "
                                   "left); u takes back the last change.", markup=False)
            case "subtask":
                self.screen.subtasks.add_under(task)
            case "indent":
                self.screen.subtasks.indent(task)
            case "outdent":
                self.screen.subtasks.outdent(task)

    # -- in the Trash: restore, or delete for good -------------------------------------------

    def _in_trash(self, action: str, task: Task) -> None:
        if action == "restore":
            self.screen.run_worker(self._restore(task), group="write")
        elif action == "delete":
            from todo_tui.ui.screens.confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self.screen.run_worker(self._purge(task), group="write")

            self.screen.app.push_screen(ConfirmScreen(
                f"Delete this task for good?\n\n{short(task.title, 200)}\n\n"
                "Only u (undo) can bring it back.", yes="Delete for good", no="Keep"),
                answered)
        else:
            self.screen.notify("This task is in the Trash: r restores it first.",
                               markup=False)

    @guarded
    async def _restore(self, task: Task) -> None:
        back = await self.screen.write(
            self.screen.services.tasks.restore(task.id, origin=self.screen.origin))
        if back is not None:
            where = back.category_name or "the Inbox"
            # what came back with it (its parents in the Trash, its subtasks), as the history
            # of this window has it
            with_it = ""
            try:
                done = await self.screen.services.history.peek_undo(self.screen.origin)
            except TodoError:  # only the message is at stake: it names the task alone
                done = None
            if done is not None and done.kind == "restore":
                with_it = done.summary.removeprefix(f"restore {back.title!r}")
            self.screen.post_message(TaskSaved(
                back, f"Restored to {where}: {short(back.title)}{with_it}", select=False))

    @guarded
    async def _purge(self, task: Task) -> None:
        # this window's change: `u` right after takes it back (not an older change instead)
        gone = await self.screen.write(
            self.screen.services.tasks.purge(task.id, origin=self.screen.origin))
        if gone is not None:
            self.screen.post_message(TaskSaved(None, f"Deleted for good: {short(gone.title)}"))

    @guarded
    async def _toggle(self, task: Task) -> None:
        result = await self.screen.write(
            self.screen.services.tasks.toggle_tree(task.id, origin=self.screen.origin))
        if result is None:
            return
        changed, follow_up = result.task, result.follow_up
        note = f"{'Done' if changed.done else 'Reopened'}: {short(changed.title)}"
        if result.subtasks:
            note += f", and {count_of(result.subtasks, 'subtask')}"
        if follow_up is not None and follow_up.due is not None:
            note += f"\nNext: {follow_up.due.describe()}"
        self.screen.post_message(TaskSaved(changed, note))

    @guarded
    async def _priority(self, task: Task) -> None:
        changed = await self.screen.write(self.screen.services.tasks.cycle_priority(
            task.id, origin=self.screen.origin))
        if changed is not None:
            self.screen.post_message(TaskSaved(changed))

    def _confirm_delete(self, task: Task) -> None:
        from todo_tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.run_worker(self._delete(task), group="write")

        self.screen.app.push_screen(ConfirmScreen(
            f"Delete this task?\n\n{short(task.title, 200)}\n\n(It goes to the Trash.)",
            yes="Delete", no="Keep"), answered)

    @guarded
    async def _delete(self, task: Task) -> None:
        gone = await self.screen.write(
            self.screen.services.tasks.delete(task.id, origin=self.screen.origin))
        if gone is not None:
            self.screen.post_message(
                TaskSaved(None, f"Deleted: {short(gone.title)} (in the Trash; u brings it back)"))

    def _choose_category(self, task: Task) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        counts = self.screen.lists.counts
        categories = counts.categories if counts else ()
        choices = [(INBOX_CHOICE, "Inbox")] + [(c.id, c.name) for c in categories]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                target = None if choice == INBOX_CHOICE else choice
                self.screen.run_worker(self._move(task, target), group="write")

        self.screen.app.push_screen(
            PickerScreen(fit(self.screen.app, "Move to…"), choices,
                         task.category_id or INBOX_CHOICE), chosen)

    @guarded
    async def _move(self, task: Task, category_id: str | None) -> None:
        moved = await self.screen.write(self.screen.services.tasks.move_to(
            task.id, category_id, origin=self.screen.origin), refused="Not moved")
        if moved is not None:
            self.screen.post_message(
                TaskSaved(moved, f"Moved to {moved.category_name or 'Inbox'}"))

    def reorder(self, task: Task, neighbour: Task) -> None:
        lists = self.screen.lists
        shown = None
        if lists.sort is not Sort.MANUAL:
            # the manual order becomes the order on screen first, so that the task moves
            # one place where the user sees it, and nothing else moves
            shown = (lists.ref, lists.sort, self.screen.search.query)
            self.remember_sort(lists.ref, Sort.MANUAL)
            self.screen.notify("This list is now in manual order (s changes the sort).",
                               markup=False)
        self.screen.run_worker(self._swap(task, neighbour, shown), group="write")

    @guarded
    async def _swap(self, task: Task, neighbour: Task,
                    shown: tuple[ListRef, Sort, SearchQuery | None] | None) -> None:
        tasks = self.screen.services.tasks
        spec = None
        if shown is not None:
            ref, sort, query = shown
            moment = clock.now()
            spec = (ref, sort, query, moment.date(), moment)
        pair = await self.screen.write(tasks.swap_order(
            task.id, neighbour.id, shown=spec, origin=self.screen.origin), refused="Not moved")
        if pair is not None:
            self.screen.post_message(TaskSaved(pair[0]))

    # -- sorts, remembered per list ---------------------------------------------------------

    def choose_sort(self) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        lists = self.screen.lists

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.remember_sort(lists.ref, Sort(choice))
                current = self.screen.task_list.current_task
                lists.reload(select_id=current.id if current else None)

        choices = [(sort.value, label) for sort, label in SORT_LABELS.items()]
        self.screen.app.push_screen(
            PickerScreen(fit(self.screen.app, "Sort this list by…"), choices, lists.sort.value),
            chosen)

    def remember_sort(self, ref: ListRef, sort: Sort) -> None:
        """Keep `sort` for `ref`, in the database too (it outlives a restart)."""
        self.screen.lists.sorts[ref] = sort
        self.screen.run_worker(self._save_sort(ref, sort), group="write")

    @guarded
    async def _save_sort(self, ref: ListRef, sort: Sort) -> None:
        await self.screen.write(self.screen.services.lists.set_sort(ref, sort))


class CategoryActions:
    """new, rename, delete and reorder on the categories of the lists pane."""

    def __init__(self, screen: MainHost) -> None:
        self.screen = screen

    def request(self, action: str, category: Category | None) -> None:
        from todo_tui.ui.screens.prompt import PromptScreen

        screen = self.screen
        match action:
            case "new":
                def named(name: str | None) -> None:
                    if name:
                        screen.run_worker(self._create(name), group="write")

                screen.app.push_screen(PromptScreen("New category", placeholder="name"), named)
            case "rename" if category is not None:
                def renamed(name: str | None) -> None:
                    if name and name != category.name:
                        screen.run_worker(self._rename(category, name), group="write")

                screen.app.push_screen(PromptScreen("Rename category", category.name), renamed)
            case "delete" if category is not None:
                self._confirm_delete(category)
            case "up" | "down" if category is not None:
                step = -1 if action == "up" else 1
                screen.run_worker(self._move(category, step), group="write")

    @guarded
    async def _create(self, name: str) -> None:
        new = await self.screen.write(self.screen.services.categories.create(
            name, origin=self.screen.origin))
        if new is not None:
            self.screen.lists.open(ListRef(ListKind.CATEGORY, new.id))

    @guarded
    async def _rename(self, category: Category, name: str) -> None:
        if await self.screen.write(
                self.screen.services.categories.rename(
                    category.id, name, origin=self.screen.origin)) is not None:
            self.screen.lists.reload()

    @guarded
    async def _move(self, category: Category, step: int) -> None:
        if await self.screen.write(
                self.screen.services.categories.move(
                    category.id, step, origin=self.screen.origin)) is not None:
            self.screen.lists.reload()

    def _confirm_delete(self, category: Category) -> None:
        from todo_tui.ui.screens.picker import PickerScreen

        tasks = f"{category.open_count} open and any done"
        # "Keep it" first and the default; the cursor does not wrap, so the destructive
        # choice at the bottom is reached only by going down to it
        choices = [
            ("cancel", "Keep it (change nothing)"),
            ("inbox", f"Delete it, and move its tasks ({tasks}) to the Inbox"),
            ("all", f"Delete it, and delete its tasks too ({tasks})"),
        ]

        def chosen(choice: str | None) -> None:
            if choice in ("inbox", "all"):
                self.screen.run_worker(self._delete(category, choice == "all"), group="write")

        self.screen.app.push_screen(PickerScreen(
            f"Delete the category {short(category.name)}?", choices, default="cancel",
            wrap=False), chosen)

    @guarded
    async def _delete(self, category: Category, with_tasks: bool) -> None:
        count = await self.screen.write(
            self.screen.services.categories.delete(
                category.id, delete_tasks=with_tasks, origin=self.screen.origin))
        if count is None:
            return
        fate = "in the Trash with it" if with_tasks else "moved to the Inbox"
        self.screen.notify(f"Deleted {short(category.name)}; {count_of(count, 'task')} {fate}. "
                           "u brings it all back.", markup=False)
        self.screen.lists.open(ListRef(ListKind.INBOX))
