"""The command palette (ctrl+p): every action, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, action on the main screen or the app)
COMMANDS: list[tuple[str, str, str]] = [
    ("Add task", "quick capture (a)", "screen.capture"),
    ("Edit task", "edit the selected task (e)", "screen.task('edit')"),
    ("Toggle done", "mark the selected task done or open (space)", "screen.task('toggle')"),
    ("Delete task", "delete the selected task (d)", "screen.task('delete')"),
    ("Cycle priority", "none, low, medium, high (p)", "screen.task('priority')"),
    ("Move task", "file the selected task under another category (m)", "screen.task('move')"),
    ("Mark task", "mark or unmark the selected task; actions then apply to all marked (v)",
     "screen.task('mark')"),
    ("Mark all", "mark every task of the list (V)", "screen.task('mark_all')"),
    ("Set due", "tomorrow 9am, fri, +2d, none: the selected or marked tasks (D)",
     "screen.task('due')"),
    ("Set repeat", "every weekday 9:30, every! 3 days, none (R)", "screen.task('repeat')"),
    ("Tags", "+tag adds, -tag removes: the selected or marked tasks (t)", "screen.task('tags')"),
    ("Sort list", "choose how the list is ordered (s)", "screen.sort"),
    ("Search", "filter the list as you type (/)", "screen.search"),
    ("Save search as view", "list this search with the smart lists (S)", "screen.save_view"),
    ("New category", "create a category", "screen.category('new')"),
    ("Rename category", "rename the selected category", "screen.category('rename')"),
    ("Delete category", "delete the selected category", "screen.category('delete')"),
    ("Open Inbox", "tasks without a category", "screen.open_list('inbox')"),
    ("Open Today", "due today or overdue", "screen.open_list('today')"),
    ("Open Upcoming", "due in the next 7 days", "screen.open_list('upcoming')"),
    ("Open All", "every open task", "screen.open_list('all')"),
    ("Open Done", "completed tasks", "screen.open_list('done')"),
    ("Show or hide detail", "the right pane (i)", "screen.toggle_detail"),
    ("Help", "every key and the capture grammar (?)", "app.help"),
    ("Change theme", "pick the colours, with a live preview; saved in config.toml",
     "app.change_theme"),
    ("Quit", "leave todo-tui (q)", "app.quit"),
]


# where the keys a command's help names are bound
PALETTE_CONTEXTS = ("main", "task_list", "app")


def live_help(app: object, help_text: str) -> str:
    """The help text with the key in its trailing parentheses as it is bound now."""
    from todo_tui.ui.keymap import live_text

    keymap = getattr(app, "keymap", None)
    if keymap is None or not keymap.settings.keys or not help_text.endswith(")"):
        return help_text
    head, _, key = help_text[:-1].rpartition("(")
    return f"{head}({live_text(keymap, PALETTE_CONTEXTS, key)})" if head else help_text


class TodoCommands(Provider):
    """Commands for tasks, categories and lists."""

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)

    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action),
                               help=live_help(self.app, help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                run = partial(self._run, action)
                yield Hit(score, matcher.highlight(name), run,
                          help=live_help(self.app, help_text))
