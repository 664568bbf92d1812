"""The edit form: every field of a task."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from todo_tui import clock
from todo_tui.domain import Category, Due, Priority, Reminder, Task, TaskChanges
from todo_tui.textsafe import multi_line, visible
from todo_tui.ui.glyphs import ascii_mode, fit, key_hints
from todo_tui.ui.screens.confirm import ConfirmScreen
from todo_tui.ui.screens.edit_fields import (
    EditResult,
    FormValues,
    parse_due,
    parse_repeat,
    parse_start,
    parse_tags,
    schedule,
    values_of,
)
from todo_tui.ui.text import safe

INBOX = "\x00inbox"


class EditScreen(ModalScreen[EditResult | None]):
    """Edit a task; ctrl+s saves, escape cancels (asking first when something changed)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self, task: Task, categories: list[Category], draft: FormValues | None = None
    ) -> None:
        super().__init__()
        self.editing = task
        self.categories = categories
        self.initial = values_of(task)
        if draft is not None and draft.repeat is None:
            draft = replace(draft, repeat=self.initial.repeat)
        self.start = draft or self.initial
        self.latest = self.start  # what the form holds, kept as it changes

    def compose(self) -> ComposeResult:
        start = self.start
        with Vertical(classes="dialog edit-dialog"):
            yield Static(Text("Edit task", style="bold"), classes="dialog-text")
            with VerticalScroll(id="edit-fields"):
                yield Label("Title")
                yield Input(value=start.title, id="edit-title")
                yield Label("Notes (Markdown)")
                yield TextArea(start.notes, id="edit-notes", soft_wrap=True, tab_behavior="focus")
                with Horizontal(classes="edit-row"):
                    with Vertical():
                        yield Label("Due (e.g. fri 9am, 2026-12-01)")
                        yield Input(value=start.due, id="edit-due", placeholder="no due date")
                        yield Static("", id="edit-due-note", classes="edit-note")
                    with Vertical():
                        yield Label("Repeat (e.g. every weekday 9:30)")
                        yield Input(value=start.repeat or "", id="edit-repeat",
                                    placeholder="no repeat")
                        yield Static("", id="edit-repeat-note", classes="edit-note")
                with Horizontal(classes="edit-row"):
                    with Vertical():
                        yield Label("Priority")
                        yield Select(
                            [(Text(p.label), p) for p in reversed(Priority)],
                            value=start.priority, allow_blank=False, id="edit-priority",
                        )
                    with Vertical():
                        yield Label("Category")
                        options = [(Text("Inbox"), INBOX)] + [
                            (safe(category.name), category.id) for category in self.categories
                        ]
                        yield Select(
                            options, value=start.category_id or INBOX, allow_blank=False,
                            id="edit-category",
                        )
                with Horizontal(classes="edit-row"):
                    with Vertical():
                        yield Label("Tags (separated by spaces)")
                        yield Input(value=start.tags, id="edit-tags")
                    with Vertical():
                        yield Label("Reminders (e.g. 10m before)")
                        yield Input(id="edit-reminders", placeholder="none")
                        yield Static("", id="edit-reminders-note", classes="edit-note -none")
                yield Label("Start (hidden until then but in All and Scheduled; e.g. fri)")
                yield Input(value=start.start, id="edit-start", placeholder="no start day")
            yield Static("", id="edit-error")
            yield Static(Text(key_hints(self.app, "ctrl+s save", "escape cancel",
                                        "tab next field"), style="dim"))

    def on_mount(self) -> None:
        if ascii_mode(self.app):  # Select draws its arrows as ▼ and ▲ whatever the terminal
            for arrow in self.query("SelectCurrent .down-arrow").results(Static):
                arrow.update("v")
            for arrow in self.query("SelectCurrent .up-arrow").results(Static):
                arrow.update("^")
        # at once (focus() waits for the queued events): keys typed in the same burst as the
        # one that opened this go into the box
        self.set_focus(self.query_one("#edit-title", Input))
        self.check_fields(self.start)
        self.run_worker(self._load_reminders(), group="reminders", exit_on_error=False)

    # -- the Reminders field: read after the form opens, saved apart from the task's fields --

    reminders_text: str | None = None  # as read from the database; None until then

    async def _load_reminders(self) -> None:
        from todo_tui.capture.remind import describe_reminders

        services = getattr(self.app, "services", None)
        if services is None:
            return
        found = await services.reminders.for_tasks([self.editing.id])
        text = describe_reminders(found.get(self.editing.id, ()), clock.local_zone_name())
        field = self.query_one("#edit-reminders", Input)
        if not field.value:  # nothing typed there meanwhile
            field.value = text
        self.reminders_text = text

    def reminders(self) -> tuple[Reminder, ...] | None:
        """The Reminders field read, or None when unchanged; raises ValueError."""
        from todo_tui.capture import CaptureError
        from todo_tui.capture.remind import parse_reminders

        text = self.query_one("#edit-reminders", Input).value.strip()
        if text == (self.reminders_text or ""):
            return None
        try:
            return parse_reminders(text, clock.now(), clock.local_zone_name())
        except CaptureError as exc:
            raise ValueError(str(exc)) from None

    def on_input_changed(self, event: Input.Changed) -> None:
        shown = visible(event.value)
        if shown != event.value:  # pasted control characters never reach the terminal
            event.input.value = shown
        values = self.current()
        if event.input.id in ("edit-due", "edit-repeat"):
            self.check_fields(values)
        if event.input.id in ("edit-due", "edit-reminders"):
            self.check_reminders(values)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        shown = multi_line(event.text_area.text)
        if shown != event.text_area.text:
            event.text_area.text = shown
        self.current()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self.current()

    def current(self) -> FormValues:
        """What the form holds now (what it last held while it is built, or once it is gone:
        the title's first change can come before the fields below it are mounted)."""
        if not self.is_attached:
            return self.latest
        try:
            category = self.query_one("#edit-category", Select).value
            priority = self.query_one("#edit-priority", Select).value
            self.latest = FormValues(
                title=self.query_one("#edit-title", Input).value,
                notes=self.query_one("#edit-notes", TextArea).text,
                due=self.query_one("#edit-due", Input).value,
                priority=priority if isinstance(priority, Priority) else self.initial.priority,
                category_id=(None if category == INBOX or not isinstance(category, str)
                             else category),
                tags=self.query_one("#edit-tags", Input).value,
                repeat=self.query_one("#edit-repeat", Input).value,
                start=self.query_one("#edit-start", Input).value,
            )
        except NoMatches:
            pass
        return self.latest

    def draft_state(self) -> dict[str, object]:
        """What was typed, to keep if the app is killed (see todo_tui.drafts)."""
        values = self.current()
        return {
            "kind": "edit", "task_id": self.editing.id, "task_title": self.editing.title,
            "values": {
                "title": values.title, "notes": values.notes, "due": values.due,
                "priority": int(values.priority), "category_id": values.category_id,
                "tags": values.tags, "repeat": values.repeat, "start": values.start,
            },
        }

    def changes(self, values: FormValues) -> TaskChanges:
        """The fields that differ from the task; raises ValueError for bad input."""
        initial = self.initial
        if not values.title.strip():
            raise ValueError("A task needs a title.")
        errors = self.field_errors(values)
        if errors:
            raise ValueError(" ".join(f"{name}: {why}" for name, why in errors.items()))
        fields: dict[str, object] = {}
        if values.title != initial.title:
            fields["title"] = values.title
        if values.notes != initial.notes:
            fields["notes"] = values.notes
        due_changed = values.due.strip() != initial.due
        due = parse_due(values.due) if due_changed else self.editing.due
        if due_changed:
            fields["due"] = due
        if (values.repeat or "").strip() != (initial.repeat or ""):
            repeat = parse_repeat(values.repeat or "")
            fields["recurrence"] = repeat.rule
            fields["recurrence_from_completion"] = repeat.from_completion
            scheduled = schedule(due, repeat, typed=due_changed)
            if scheduled != due:
                fields["due"] = scheduled
        if values.priority != initial.priority:
            fields["priority"] = values.priority
        if values.category_id != initial.category_id:
            fields["category_id"] = values.category_id
        if parse_tags(values.tags) != parse_tags(initial.tags):
            fields["tags"] = parse_tags(values.tags)
        if values.start.strip() != initial.start:
            fields["start"] = parse_start(values.start)
        return TaskChanges(**fields)  # type: ignore[arg-type]

    def field_errors(self, values: FormValues) -> dict[str, str]:
        """Why the Due and Repeat fields' text cannot be used, by field (empty: it can).

        Only a field changed from what the task has is read (the Repeat field shows a rule it
        cannot spell in the grammar in words)."""
        errors: dict[str, str] = {}
        due: Due | None = self.editing.due
        typed = values.due.strip() != self.initial.due
        if typed:
            try:
                due = parse_due(values.due)
            except ValueError as exc:
                errors["Due"] = str(exc)
        if (values.repeat or "").strip() != (self.initial.repeat or ""):
            try:
                schedule(due, parse_repeat(values.repeat or ""), typed=typed)
            except ValueError as exc:
                errors["Repeat"] = str(exc)
        return errors

    def check_fields(self, values: FormValues) -> None:
        """Under Due and Repeat: what they will save, or why they cannot."""
        from todo_tui.capture import format_due

        errors = self.field_errors(values)
        today = clock.now().date()
        try:
            due_note = self.query_one("#edit-due-note", Static)
            repeat_note = self.query_one("#edit-repeat-note", Static)
        except NoMatches:
            return
        if "Due" in errors:
            due_note.update(Text(errors["Due"], style="bold red"))
        elif values.due.strip() and values.due.strip() != self.initial.due:
            due = parse_due(values.due)
            words = "" if due is None else fit(self.app, "→ ") + format_due(due, today)
            due_note.update(Text(words, style="dim"))
        else:
            due_note.update("")
        if "Repeat" in errors:
            repeat_note.update(Text(errors["Repeat"], style="bold red"))
        elif (values.repeat or "").strip() and values.repeat != self.initial.repeat:
            repeat = parse_repeat(values.repeat or "")
            repeat_note.update(Text(fit(self.app, "→ ") + repeat.words(today), style="dim"))
        else:
            repeat_note.update("")

    def check_reminders(self, values: FormValues) -> None:
        """Under Reminders: a reminder counted from the due time (`10m before`) on a task
        that has none cannot go off (it is saved all the same)."""
        from todo_tui.capture import CaptureError
        from todo_tui.capture.remind import parse_reminders, silent_reminders

        try:
            note = self.query_one("#edit-reminders-note", Static)
            text = self.query_one("#edit-reminders", Input).value
        except NoMatches:
            return
        due: Due | None = self.editing.due
        try:
            if values.due.strip() != self.initial.due:
                due = parse_due(values.due)
            reminders = parse_reminders(text, clock.now(), clock.local_zone_name())
        except (CaptureError, ValueError):
            note.update("")
            note.set_class(True, "-none")
            return
        notices = silent_reminders(reminders, due)
        note.update(Text("\n".join(notices), style="bold") if notices else "")
        note.set_class(not notices, "-none")  # takes no room while there is nothing to say

    def reminders_unchanged(self) -> bool:
        text = self.query_one("#edit-reminders", Input).value.strip()
        return text == (self.reminders_text or "")

    def show_error(self, message: str) -> None:
        self.query_one("#edit-error", Static).update(Text(message, style="bold red"))

    def action_save(self) -> None:
        values = self.current()
        try:
            changes = self.changes(values)
            reminders = self.reminders()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(EditResult(changes, values, reminders))

    def action_cancel(self) -> None:
        if self.current() == self.initial and self.reminders_unchanged():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard your changes to this task?", yes="Discard", no="Keep editing"),
            answered,
        )
