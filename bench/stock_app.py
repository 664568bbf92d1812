"""The small apps `python -m bench.stock` times: each of todo-tui's line-drawn widgets beside
the stock Textual widget it replaced, in the same layout, on the same data.

    python bench/stock_app.py lists ours|stock      # CategoryPane vs OptionList, 9 entries
    python bench/stock_app.py keys ours|stock       # KeyBar vs Footer, 3 focusable panes
    python bench/stock_app.py tasks ours|stock N    # TaskList vs OptionList, N fake rows

Both variants of a scenario share the layout (the main screen's CSS, reduced), the data and
the todo_tui modules it needs (the domain; in `keys` the real panes' bindings); each imports
its own widget only, so a widget's import is part of its cost. No database: the rows are made
in memory, before the first frame, by both variants alike.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from todo_tui.domain import Category, Due, ListCounts, ListKind, ListRef, Priority, Status, Task

# the main screen's layout (todo_tui/ui/app.tcss), reduced to what these apps show
CSS = """
Screen { layout: vertical; }
#header { height: 1; background: $panel; padding: 0 1; }
#body { height: 1fr; }
.pane { height: 100%; border: round $panel-lighten-2; background: $surface; }
.pane:focus { border: round $primary; }
#categories { width: 26; border-title-color: $text-muted; }
#main { width: 1fr; height: 100%; layout: horizontal; }
#tasks { width: 1fr; }
#detail { width: 42%; }
"""

CATEGORIES = ("Work", "Home", "Errands")  # with the 5 smart lists and the heading: 9 lines
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def counts() -> ListCounts:
    cats = tuple(Category(f"c{i}", name, None, i, WHEN, WHEN, open_count=10 * (i + 1))
                 for i, name in enumerate(CATEGORIES))
    return ListCounts(inbox=3, today=12, upcoming=25, all=60, done=140, categories=cats)


def fake_tasks(n: int, today: date) -> list[Task]:
    """`n` tasks as a list would hold them: some due, some tagged, in three categories."""
    priorities = list(Priority)
    return [
        Task(id=f"{i:032x}", title=f"Fake task {i:06d} water the plants and call the bank",
             notes="", status=Status.OPEN, priority=priorities[i % 4],
             due=Due.on(today + timedelta(days=i % 15 - 3)) if i % 3 else None,
             recurrence=None, recurrence_from_completion=False, category_id=f"c{i % 3}",
             category_name=CATEGORIES[i % 3], tags=("home",) if i % 5 == 0 else (),
             position=i, created_at=WHEN, updated_at=WHEN, completed_at=None, version=1)
        for i in range(n)
    ]


def task_prompt(task: Task, today: date) -> Text:
    """What a stock OptionList would show for a row: the TaskList's columns, unfitted."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append("[x] " if task.done else "[ ] ")
    line.append(task.title)
    labels = [f"#{task.category_name}"] if task.category_name else []
    labels += [f"+{tag}" for tag in task.tags]
    if labels:
        line.append(" " + " ".join(labels), style="dim")
    if task.due is not None:
        line.append(f"  {task.due.relative(today):>11}", style="cyan")
    mark = {Priority.HIGH: "!!!", Priority.MEDIUM: "!!", Priority.LOW: "!"}.get(task.priority)
    if mark:
        line.append(f" {mark}", style="bold red")
    return line


class Bench(App[None]):
    CSS = CSS

    def __init__(self, scenario: str, variant: str, size: int) -> None:
        super().__init__()
        self.scenario, self.variant, self.rows_wanted = scenario, variant, size

    def compose(self) -> ComposeResult:
        yield Static(f"stock bench · {self.scenario} · {self.variant}", id="header")
        lists, tasks, detail = getattr(self, f"panes_{self.scenario}")()
        with Horizontal(id="body"):
            yield lists
            with Container(id="main"):
                yield tasks
                yield detail
        if self.scenario == "keys":
            yield from self.bar()

    # -- 1: the lists pane -------------------------------------------------------------

    def panes_lists(self) -> tuple[Widget, Widget, Widget]:
        if self.variant == "ours":
            from todo_tui.ui.widgets.category_pane import CategoryPane

            pane: Widget = CategoryPane(id="categories")
        else:
            data = counts()
            width = 26 - 2 - 2  # the border, and the option's padding
            options = [Option(self._entry(name, n, width), id=kind.value) for kind, name, n in (
                (ListKind.INBOX, "Inbox", data.inbox), (ListKind.TODAY, "Today", data.today),
                (ListKind.UPCOMING, "Upcoming", data.upcoming), (ListKind.ALL, "All", data.all),
                (ListKind.DONE, "Done", data.done))]
            options.append(Option(Text("Categories", style="bold dim"), id="-", disabled=True))
            options += [Option(self._entry(c.name, c.open_count, width), id=c.id)
                        for c in data.categories]
            pane = OptionList(*options, id="categories")
        pane.add_class("pane")
        pane.border_title = "Lists"
        return (pane, Static("tasks", id="tasks", classes="pane"),
                Static("detail", id="detail", classes="pane"))

    @staticmethod
    def _entry(name: str, count: int, width: int) -> Text:
        label = Text(name, no_wrap=True, end="")
        label.truncate(width - 4, overflow="ellipsis", pad=True)
        label.append(f" {count:>3}", style="dim")
        return label

    def _mount_lists(self) -> None:
        pane = self.query_one("#categories")
        if self.variant == "ours":
            from todo_tui.ui.widgets.category_pane import CategoryPane

            assert isinstance(pane, CategoryPane)
            pane.show_counts(counts(), ListRef(ListKind.TODAY))
        else:
            assert isinstance(pane, OptionList)
            pane.highlighted = 1  # Today, as the app opens on
        pane.focus()

    # -- 2: the key bar ----------------------------------------------------------------

    def panes_keys(self) -> tuple[Widget, Widget, Widget]:
        return (ListsPane("lists pane", id="categories", classes="pane"),
                TasksPane("tasks pane", id="tasks", classes="pane"),
                DetailPane("detail pane", id="detail", classes="pane"))

    def bar(self) -> ComposeResult:
        if self.variant == "ours":
            from todo_tui.ui.widgets.key_bar import KeyBar

            yield KeyBar(id="keys")
        else:
            yield Footer(id="keys")

    def _mount_keys(self) -> None:
        self.query_one("#tasks").focus()

    # -- 3: the task list --------------------------------------------------------------

    def panes_tasks(self) -> tuple[Widget, Widget, Widget]:
        today = date.today()
        self.rows = fake_tasks(self.rows_wanted, today)
        if self.variant == "ours":
            from todo_tui.ui.widgets.task_list import TaskList

            tasks: Widget = TaskList(id="tasks")
        else:
            tasks = OptionList(*(Option(task_prompt(t, today)) for t in self.rows),
                               id="tasks", markup=False)
        tasks.add_class("pane")
        return (Static("lists", id="categories", classes="pane"), tasks,
                Static("detail", id="detail", classes="pane"))

    def _mount_tasks(self) -> None:
        tasks = self.query_one("#tasks")
        if self.variant == "ours":
            from todo_tui.domain import TaskPage
            from todo_tui.ui.widgets.task_list import TaskList

            assert isinstance(tasks, TaskList)
            self.page = lambda offset: TaskPage(
                tuple(self.rows[offset:offset + tasks.page_size]), len(self.rows), offset)
            tasks.reset(self.page(0))
        tasks.focus()

    def on_task_list_page_needed(self, message: object) -> None:
        # as the app answers it from the database: here from the list in memory
        tasks = self.query_one("#tasks")
        tasks.add_page(self.page(message.offset))  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        getattr(self, f"_mount_{self.scenario}")()


class Pane(Static, can_focus=True):
    pass


def _bindings(module: str, name: str) -> list[Binding]:
    import importlib

    return list(getattr(importlib.import_module(module), name).BINDINGS)


class ListsPane(Pane):
    """The lists pane's bindings (New category, Rename, Delete; the moves hidden)."""

    BINDINGS = _bindings("todo_tui.ui.widgets.category_pane", "CategoryPane")


class TasksPane(Pane):
    """The task list's bindings (Edit, Done, Delete; the moves hidden)."""

    BINDINGS = _bindings("todo_tui.ui.widgets.task_list", "TaskList")


class DetailPane(Pane):
    """The detail pane: no bindings of its own."""


class KeysBench(Bench):
    """The app's and the main screen's bindings, for the key bar scenario."""

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("a", "capture", "Add"),
        Binding("slash", "search", "Search"),
        Binding("s", "sort", "Sort", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]


def main(argv: list[str]) -> None:
    scenario, variant = argv[0], argv[1]
    size = int(argv[2]) if len(argv) > 2 else 0
    app = (KeysBench if scenario == "keys" else Bench)(scenario, variant, size)
    app.run()


if __name__ == "__main__":
    main(sys.argv[1:])
