"""The quick-capture popup: one line in, a task out, with a live preview of the parse."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from todo_tui import clock
from todo_tui.domain import Due
from todo_tui.textsafe import one_line, visible
from todo_tui.ui.glyphs import ascii_mode, fit, key_hints
from todo_tui.ui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from todo_tui.capture import Capture


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
        """Several lines were pasted: one task each?"""

        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def on_paste(self, event: events.Paste) -> None:
        # runs before Input's own paste handler, which prevent_default() skips
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.prevent_default()
            event.stop()
            self.post_message(self.MultiLinePaste(lines))


class CaptureSaver(Protocol):
    """Who saves what the popup captures (the main screen's capture controller)."""

    def submit(self, popup: CaptureScreen, items: list[tuple[str, Capture]],
               close: bool) -> None: ...

    def close_when_saved(self) -> None: ...

    @property
    def saving(self) -> bool: ...

    def unsaved(self) -> list[str]: ...


@dataclass(frozen=True)
class CaptureSetup:
    """What the popup starts with: the names it completes, the open list's defaults, and the
    text left in it last time."""

    categories: list[str]
    tags: list[str] = field(default_factory=list)
    default_category: str | None = None
    due_today: bool = False
    draft: str = ""
    # A: the task the new ones are subtasks of, and its title for the popup's heading
    parent_id: str | None = None
    parent_title: str | None = None


class CaptureScreen(ModalScreen[str]):
    """Type a task in the capture grammar; enter saves, ctrl+n saves and stays open."""

    BINDINGS = [
        Binding("escape", "close", "Close (keeps draft)", priority=True),
        Binding("enter", "save(False)", "Save", show=False, priority=True),
        Binding("ctrl+n", "save(True)", "Save & next", priority=True),
        Binding("ctrl+r", "verbatim", "Verbatim on/off", priority=True),
    ]

    def __init__(self, setup: CaptureSetup, saver: CaptureSaver) -> None:
        super().__init__()
        self.setup = setup
        self.categories = list(setup.categories)
        self.saver = saver
        self.verbatim = False
        self.closing = False  # enter was pressed: closes once all is saved, with the row
        self.failed = ("", "")  # the text that could not be saved, and why
        self.entered = ""  # the text saved by enter, still in the box as the popup closes
        self.box_text = setup.draft  # what the box holds, kept as it changes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog capture-dialog"):
            yield Static(self.heading(), id="capture-title")
            yield CaptureInput(
                value=self.setup.draft,
                placeholder="pay rent tomorrow 9am #home !high every month // notes",
                suggester=WordSuggester(self.categories, self.setup.tags),
                id="capture-input",
            )
            yield Static(id="capture-preview")
            yield Static(Text(self.keys_help(), style="dim"), id="capture-keys")

    def heading(self) -> Text:
        """`Add a task`, or for A `Add a subtask of 'trip'` (user text: never markup)."""
        if self.setup.parent_title is None:
            return Text("Add a task", style="bold")
        title = one_line(self.setup.parent_title)
        title = title if len(title) <= 50 else title[:49] + fit(self.app, "…")
        return Text.assemble(("Add a subtask of ", "bold"), repr(title))

    def keys_help(self) -> str:
        """The popup's keys in one line; ASCII only in ASCII mode (TERM=linux, vt100...)."""
        complete = "right complete" if ascii_mode(self.app) else "→ complete"
        return key_hints(self.app, "enter save", "ctrl+n save+next", "ctrl+r verbatim on/off",
                         complete, "esc close")

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
        if capture.category is None and self.setup.default_category and capture.parent is None:
            capture = replace(capture, category=self.setup.default_category,
                              category_is_new=False)
        if capture.due is None and self.setup.due_today:
            capture = replace(capture, due=Due.on(clock.now().date()))
        return capture

    @on(Input.Changed, "#capture-input")
    def _changed(self, event: Input.Changed) -> None:
        shown = visible(event.value)
        if shown != event.value:  # pasted control characters never reach the terminal
            event.input.value = shown
            return
        text = event.input.value  # now: a change queued earlier must not show old text
        self.box_text = text
        failed_text, error = self.failed
        self.show_preview(text, error if text == failed_text else "")

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
                if label == "Under" and self.setup.parent_title is not None:
                    value += f" (instead of {one_line(self.setup.parent_title)!r})"
                table.add_row(label, Text(one_line(value)))
            for notice in capture.notices:
                table.add_row("Note", Text(one_line(notice), style="italic"))
            if capture.unread:  # looked like a date or time, but stays in the title
                words = ", ".join(capture.unread)
                table.add_row("Not read", Text(one_line(words), style="italic"))
            if not capture.title:
                table.add_row("", Text("A task needs a title.", style="bold red"))
        else:
            table.add_row("", Text("Type a task; what it understands shows here.", style="dim"))
        if error:
            table.add_row("Error", Text(one_line(error), style="bold red"))
        preview.update(table)

    # -- saving ----------------------------------------------------------------------------

    def action_save(self, keep_open: bool) -> None:
        field = self.query_one(CaptureInput)
        text = field.value
        if self.closing or not text.strip():
            return
        capture = self.parse(text)
        if not capture.title:
            self.show_preview(text, "Nothing left for the title.")
            return
        if keep_open:
            field.value = ""  # what is typed next, while this is saved, is a task of its own
        else:
            self.entered = text  # shown until the popup closes (no repaint while it saves)
        self.save_all([(text, capture)], close=not keep_open)

    def save_all(self, items: list[tuple[str, Capture]], close: bool) -> None:
        """Hand these to the saver, to be saved in order; with `close`, close once they are."""
        self.closing = self.closing or close
        for _text, capture in items:
            if capture.category:
                self.categories = sorted(set(self.categories) | {capture.category})
        self.saver.submit(self, items, close)

    def not_saved(self, unsaved: list[str], error: str) -> None:
        """Nothing is lost: what could not be saved goes back in the box, with the error."""
        self.closing = False
        field = self.query_one(CaptureInput)
        typed = self.typed_after_enter().strip()  # what enter sent is among the unsaved
        self.entered = ""
        field.value = "  ".join(unsaved + ([typed] if typed else []))
        self.failed = (field.value, f"Not saved: {error}")  # shown while the box holds it
        self.show_preview(*self.failed)

    def close(self) -> None:
        """Leave, once; anything typed after enter is what the popup returns (the draft)."""
        if self.is_current:
            self.dismiss(self.typed_after_enter().strip())

    def typed_after_enter(self) -> str:
        """The box, less the text enter saved (it stays shown until the popup closes)."""
        if self.is_attached:
            self.box_text = self.query_one(CaptureInput).value
        typed = self.box_text  # once the popup is gone (the app closing): what it last held
        if self.entered and typed.startswith(self.entered):
            return typed[len(self.entered):]
        return typed

    @on(CaptureInput.MultiLinePaste)
    def _multi_paste(self, message: CaptureInput.MultiLinePaste) -> None:
        lines = message.lines

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_all([(line, self.parse(line)) for line in lines], close=True)
            else:
                self.query_one(CaptureInput).insert_text_at_cursor(lines[0])

        preview = "\n".join(f"  {one_line(line)[:60]}" for line in lines[:8])
        more = f"\n  … and {len(lines) - 8} more" if len(lines) > 8 else ""
        self.app.push_screen(ConfirmScreen(
            f"Create {len(lines)} tasks, one per line?\n\n{preview}{more}",
            yes=f"Create {len(lines)}", no="Paste first line only"), answered)

    def draft_state(self) -> dict[str, object] | None:
        """What was typed, to keep if the app is killed (see todo_tui.drafts)."""
        # what is still being saved too: if the app is stopped before that ends, offering
        # it again is better than losing it
        texts = [*self.saver.unsaved(), self.typed_after_enter()]
        text = "  ".join(t for t in texts if t.strip())
        return {"kind": "capture", "text": text} if text else None

    def action_verbatim(self) -> None:
        self.verbatim = not self.verbatim
        self.show_preview(self.query_one(CaptureInput).value)

    def action_close(self) -> None:
        if self.closing:
            return  # it closes by itself once what was entered is saved
        if self.saver.saving:
            self.closing = True  # ctrl+n's tasks first; what is in the box stays a draft
            self.saver.close_when_saved()
            return
        self.dismiss(self.query_one(CaptureInput).value)
