"""The quick-capture popup: one line in, a task out, with a live preview of the parse."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from todo_tui import clock
from todo_tui.domain import Due, Task
from todo_tui.errors import TodoError
from todo_tui.textsafe import one_line, visible
from todo_tui.ui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from todo_tui.capture import Capture


# The popup closes with the frame that shows the new row; at the latest after this long.
CLOSE_AFTER_S = 0.3


class WordSuggester(Suggester):
    """Completes the last word when it starts with `#`, `+` or `@`, from existing names."""

    def __init__(self, categories: list[str], tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.categories = categories
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, word = value.rpartition(" ")
        if len(word) < 2 or word[0] not in "#+@":
            return None
        names = self.categories if word[0] == "#" else self.tags
        typed = word[1:].casefold()
        for name in names:
            if name.casefold().startswith(typed) and name.casefold() != typed:
                shown = f'"{name}"' if " " in name and word[0] == "#" else name
                return f"{head} {word[0]}{shown}".lstrip() if head else f"{word[0]}{shown}"
        return None


class CaptureInput(Input):
    """An Input that offers one task per line when several lines are pasted."""

    class MultiLinePaste(Message):
        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def _on_paste(self, event: events.Paste) -> None:
        # Textual runs Input's own paste handler after this one unless prevented
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.prevent_default()
            event.stop()
            self.post_message(self.MultiLinePaste(lines))


class CaptureScreen(ModalScreen[None]):
    """Type a task in the capture grammar; enter saves, ctrl+n saves and stays open."""

    BINDINGS = [
        Binding("escape", "close", "Close (keeps draft)", priority=True),
        # enter saves as it is read, in order with the keys typed after it (escape, say),
        # not later through the input's Submitted message
        Binding("enter", "save(False)", "Save", show=False, priority=True),
        Binding("ctrl+n", "save(True)", "Save & next", priority=True),
        Binding("ctrl+r", "verbatim", "Verbatim on/off", priority=True),
    ]
    draft = ""

    def __init__(
        self,
        *,
        categories: list[str],
        tags: list[str] | None = None,
        default_category: str | None = None,
        due_today: bool = False,
        on_saved: Callable[..., object],
        read_ahead: Callable[[Task], Awaitable[object]] | None = None,
    ) -> None:
        super().__init__()
        self.categories = categories
        self.tags = tags or []
        self.default_category = default_category
        self.due_today = due_today
        self.on_saved = on_saved
        self.read_ahead = read_ahead  # reads the list with the new task before closing
        self.verbatim = False
        self.saving = False
        self.closing = False  # saved; closes with the frame that shows the row

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog capture-dialog"):
            yield Static(Text("Add a task", style="bold"), id="capture-title")
            yield CaptureInput(
                value=CaptureScreen.draft,
                placeholder="pay rent tomorrow 9am #home !high every month // notes",
                suggester=WordSuggester(self.categories, self.tags),
                id="capture-input",
            )
            yield Static(id="capture-preview")
            yield Static(Text(
                "enter save · ctrl+n save+next · ctrl+r verbatim · → complete · esc close",
                style="dim"), id="capture-keys")

    def on_mount(self) -> None:
        # at once (focus() waits for the queued events): keys typed in the same burst as the
        # one that opened this go into the box
        self.set_focus(self.query_one(CaptureInput))
        self.show_preview(self.query_one(CaptureInput).value)

    # -- parsing -------------------------------------------------------------------------

    def parse(self, text: str) -> Capture:
        """The capture for `text`, with the open list's defaults filled in."""
        from todo_tui.capture import parse, parse_verbatim

        if self.verbatim:
            capture = parse_verbatim(text)
        else:
            capture = parse(text, now=clock.now(), tz=clock.local_zone_name(),
                            categories=self.categories)
        if capture.category is None and self.default_category:
            capture = replace(capture, category=self.default_category, category_is_new=False)
        if capture.due is None and self.due_today:
            capture = replace(capture, due=Due.on(clock.now().date()))
        return capture

    @on(Input.Changed, "#capture-input")
    def _changed(self, event: Input.Changed) -> None:
        shown = visible(event.value)
        if shown != event.value:  # pasted control characters never reach the terminal
            event.input.value = shown
            return
        self.show_preview(event.value)

    def show_preview(self, text: str, error: str = "") -> None:
        preview = self.query_one("#capture-preview", Static)
        table = Table.grid(padding=(0, 1))
        table.add_column(style="dim", no_wrap=True)
        table.add_column(overflow="fold")
        if self.verbatim:
            table.add_row("Mode", Text("verbatim: saved exactly as typed", style="bold"))
        if text.strip():
            capture = self.parse(text)
            for label, value in capture.summary_lines():
                table.add_row(label, Text(one_line(value)))
            for notice in capture.notices:
                table.add_row("Note", Text(one_line(notice), style="italic"))
            if not capture.title:
                table.add_row("", Text("A task needs a title.", style="bold red"))
        else:
            table.add_row("", Text("Type a task; what it understands shows here.", style="dim"))
        if error:
            table.add_row("Error", Text(one_line(error), style="bold red"))
        preview.update(table)

    # -- saving ----------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # an enter typed ahead, sent on to the box once this opened (ui/typeahead.py)
        event.stop()
        self.action_save(False)

    def action_save(self, keep_open: bool) -> None:
        text = self.query_one(CaptureInput).value
        if self.saving or self.closing or not text.strip():
            return
        capture = self.parse(text)
        if not capture.title:
            self.show_preview(text, "Nothing left for the title.")
            return
        self.saving = True
        self.save([capture], keep_open)

    @work(group="capture-save")
    async def save(self, captures: list[Capture], keep_open: bool) -> None:
        services = getattr(self.app, "services", None)
        saved: Task | None = None
        try:
            if services is None:
                raise TodoError("the database is not open yet")
            for capture in captures:
                saved = await services.tasks.add(capture.to_new_task())
        except TodoError as exc:
            self.show_preview(self.query_one(CaptureInput).value, f"Not saved: {exc}")
            return
        finally:
            self.saving = False
        CaptureScreen.draft = ""
        if saved is not None and not keep_open:
            # close in the frame that shows the new row: one repaint, not the list as it
            # was and then the list with the row (and never later than CLOSE_AFTER_S)
            self.closing = True
            read = await self.read_ahead(saved) if self.read_ahead is not None else None
            self.on_saved(saved, self.close, read)
            self.set_timer(CLOSE_AFTER_S, self.close)
            return
        if saved is not None:
            self.on_saved(saved)
        if keep_open:
            field = self.query_one(CaptureInput)
            field.value = ""
            self.notify(f"Added: {one_line(saved.title) if saved else ''}", markup=False)
            self.categories = sorted(set(self.categories) | {c.category for c in captures
                                                              if c.category})
        else:
            self.dismiss(None)

    def close(self) -> None:
        """Leave, once (the list shown with the new row, or the time is up)."""
        if self.is_current:
            self.dismiss(None)

    @on(CaptureInput.MultiLinePaste)
    def _multi_paste(self, message: CaptureInput.MultiLinePaste) -> None:
        lines = message.lines

        def answered(yes: bool | None) -> None:
            if yes:
                self.saving = True
                self.save([self.parse(line) for line in lines], False)
            else:
                self.query_one(CaptureInput).insert_text_at_cursor(lines[0])

        preview = "\n".join(f"  {one_line(line)[:60]}" for line in lines[:8])
        more = f"\n  … and {len(lines) - 8} more" if len(lines) > 8 else ""
        self.app.push_screen(ConfirmScreen(
            f"Create {len(lines)} tasks, one per line?\n\n{preview}{more}",
            yes=f"Create {len(lines)}", no="Paste first line only"), answered)

    def draft_state(self) -> dict[str, object] | None:
        """What was typed, to keep if the app is killed (see todo_tui.drafts)."""
        text = self.query_one(CaptureInput).value
        if self.closing:
            return None  # saved already; the popup is closing
        return {"kind": "capture", "text": text} if text.strip() else None

    def action_verbatim(self) -> None:
        self.verbatim = not self.verbatim
        self.show_preview(self.query_one(CaptureInput).value)

    def action_close(self) -> None:
        if self.saving or self.closing:
            return  # being saved: it closes by itself as the list shows the task (the box
            # still holds the text, which must not come back as a draft and be saved twice)
        CaptureScreen.draft = self.query_one(CaptureInput).value
        self.dismiss(None)
