"""The right pane: every field of the selected task, notes as Markdown."""

from __future__ import annotations

import sys
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from todo_tui import clock, timefmt
from todo_tui.domain import Reminder, Task, format_duration
from todo_tui.textsafe import multi_line, one_line

MARKDOWN_LIMIT = 20_000
PLAIN_LIMIT = 100_000


def markdown_ready() -> bool:
    """Whether rich.markdown is imported (the app does it in a thread, after the first rows)."""
    return "rich.markdown" in sys.modules


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "-"
    local = moment.astimezone()
    return f"{timefmt.full_date(local.date())} {timefmt.clock(local.time())}"


class TaskDetail(VerticalScroll, can_focus=True):
    """Shows one task; scrolls when its notes are long."""

    DEFAULT_CSS = """
    TaskDetail { padding: 0 1; scrollbar-size-vertical: 1; }
    TaskDetail > #detail-fields { height: auto; }
    TaskDetail > #detail-notes { height: auto; margin-top: 1; }
    TaskDetail > #detail-subtasks { height: auto; margin-top: 1; }
    TaskDetail > #detail-subtasks.-none { display: none; }
    """

    _shown: Task | None = None
    _reminders = ""  # the shown task's reminders, described (show_reminders)

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-fields")
        yield Static(id="detail-subtasks", classes="-none")
        yield Static(id="detail-notes")

    def show_task(self, task: Task | None, empty_hint: str = "") -> None:
        """Show `task`, or the hint when there is none."""
        fields = self.query_one("#detail-fields", Static)
        notes = self.query_one("#detail-notes", Static)
        subtasks = self.query_one("#detail-subtasks", Static)
        subtasks.set_class(task is None or not task.subtasks_total, "-none")
        if task is not None and task.subtasks_total:  # their titles follow (show_subtasks)
            subtasks.update(Text(f"Subtasks {task.subtasks_done}/{task.subtasks_total}",
                                 style="bold"))
        if task is None:
            self._shown = None
            fields.update(Text(empty_hint, style="dim italic"))
            notes.update("")
            return
        if self._shown is None or self._shown.id != task.id:
            self._reminders = ""  # until show_reminders() has this task's
        fields.update(self.render_fields(task, self._reminders))
        self._shown = task
        if markdown_ready() or not task.notes.strip() or len(task.notes) > MARKDOWN_LIMIT:
            notes.update(self.render_notes(task))
        else:
            # the first rows are shown before the slow Markdown import is done: the notes
            # show as plain text until storage_loaded() says it is
            notes.update(Text(multi_line(task.notes)))
        self.scroll_home(animate=False)

    def show_subtasks(self, task_id: str, subtasks: list[Task]) -> None:
        """The subtasks of the shown task, with their state (ignored for another task)."""
        shown = self._shown
        if shown is None or shown.id != task_id:
            return
        lines = Text(f"Subtasks {shown.subtasks_done}/{shown.subtasks_total}", style="bold",
                     end="")
        for task in subtasks:
            row = Text("\n" + ("[x] " if task.done else "[ ] "), end="")
            title = Text(one_line(task.title), style="strike dim" if task.done else "")
            row.append_text(title)
            if task.subtasks_total:
                row.append(f" {task.subtasks_done}/{task.subtasks_total}", style="dim")
            lines.append_text(row)
        if shown.subtasks_total > len(subtasks):
            lines.append(f"\n… and {shown.subtasks_total - len(subtasks)} more", style="dim")
        widget = self.query_one("#detail-subtasks", Static)
        widget.set_class(not subtasks, "-none")
        widget.update(lines)

    def show_reminders(self, task_id: str, reminders: tuple[Reminder, ...]) -> None:
        """The reminders of the shown task (ignored for another task)."""
        shown = self._shown
        if shown is None or shown.id != task_id:
            return
        zone = clock.local_zone_name()
        text = ", ".join(reminder.words(zone) for reminder in reminders)
        if text != self._reminders:
            self._reminders = text
            self.query_one("#detail-fields", Static).update(self.render_fields(shown, text))

    def storage_loaded(self) -> None:
        """Markdown is imported now: draw the shown task's notes with it."""
        if self._shown is not None and self._shown.notes.strip():
            self.query_one("#detail-notes", Static).update(self.render_notes(self._shown))

    @staticmethod
    def render_fields(task: Task, reminders: str = "") -> RenderableType:
        title = Text(one_line(task.title), style="bold")
        if task.done:
            title.stylize("strike dim")
        table = Table.grid(padding=(0, 1))
        table.add_column(style="dim", no_wrap=True)
        table.add_column(overflow="fold")

        def row(label: str, value: str) -> None:
            table.add_row(label, Text(one_line(value)))

        if task.path:
            row("Under", " > ".join(task.path))
        row("Status", "done" if task.done else "open")
        row("Due", "-" if task.due is None else task.due.describe())
        if task.duration_minutes is not None:
            row("Duration", format_duration(task.duration_minutes))
        if reminders:
            row("Remind", reminders)
        row("Priority", task.priority.label)
        row("Category", task.category_name or "Inbox")
        row("Tags", ", ".join(task.tags) or "-")
        if task.recurrence:
            from todo_tui.capture import describe_rrule

            row("Repeats", describe_rrule(task.recurrence, task.recurrence_from_completion))
        if task.start is not None:
            row("Starts", f"{task.start:%a} {task.start.day} {task.start:%b %Y}")
        row("Created", _when(task.created_at))
        row("Updated", _when(task.updated_at))
        row("Completed", _when(task.completed_at))
        row("Id", task.id)
        return Group(title, Text(""), table)

    @staticmethod
    def render_notes(task: Task) -> RenderableType:
        if not task.notes.strip():
            return Text("No notes.", style="dim italic")
        text = multi_line(task.notes)
        if len(text) > MARKDOWN_LIMIT:
            # very long notes: plain text keeps the pane responsive
            shown = Text(text[:PLAIN_LIMIT])
            if len(text) > PLAIN_LIMIT:
                shown.append(f"\n… {len(text) - PLAIN_LIMIT} more characters (press e to edit)",
                             style="dim italic")
            return shown
        # Markdown never sees console markup; control characters are made visible first.
        return literal_html_markdown(text)


def literal_html_markdown(text: str) -> RenderableType:
    """`text` as Markdown in which HTML and <autolinks> show as typed: Rich's own parser
    reads them as HTML and drops them (`press <Enter>`, `Vec<String>` lost their words)."""
    # imported here, at the first notes shown: rich.markdown is slow to import
    from markdown_it import MarkdownIt
    from rich.markdown import Markdown

    parser = (MarkdownIt("commonmark", {"html": False})
              .enable("strikethrough").enable("table").disable("autolink"))
    markdown = Markdown("", hyperlinks=False)
    markdown.markup = text
    markdown.parsed = parser.parse(text)
    return markdown
