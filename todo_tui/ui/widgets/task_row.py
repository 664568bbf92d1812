"""One row of the task list, drawn: checkbox, indent and tree marker, title (with a subtask's
path), labels, due and priority in columns, a mark on a marked row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from rich.style import Style
from rich.text import Text

from todo_tui import timefmt
from todo_tui.domain import Due, Priority, Task
from todo_tui.textsafe import one_line
from todo_tui.ui.widgets.rows import cut

PRIORITY_MARK = {
    Priority.HIGH: "!!!", Priority.MEDIUM: "!! ", Priority.LOW: "!  ", Priority.NONE: "",
}
MARK = "\u25cf"  # a marked row's first cell (ASCII terminals: `*`)
# deeper subtasks are indented as much as this (a row keeps room for its title)
MAX_INDENT = 8
# a row narrower than this gives up the due's time before it cuts its title
MIN_TITLE_ROOM = 20
MIN_DUE_ROOM = 12  # a space and the 11 cells the due column had: never cut shorter


def due_words(task: Task, today: date, *, with_time: bool) -> str:
    """The due as the list shows it: relative words, or for a done task a past date (a task
    that is done is never overdue)."""
    due = task.due
    if due is None:
        return ""
    shown = due if with_time else Due.on(due.day)
    if task.done and due.day < today:
        words = timefmt.day_month(due.day) if due.day.year == today.year else (
            due.day.isoformat())
        clock = shown.local_time()
        return words + (f" {timefmt.clock(clock)}" if clock is not None else "")
    return shown.relative(today)


@dataclass(frozen=True)
class RowLook:
    """What drawing a row needs of its list: the widget's styles by component name, the app's
    glyphs as the terminal can show them, and what every row of the list shares."""

    style: Callable[[str], Style]
    glyph: Callable[[str], str]
    ellipsis: str
    today: date
    now: datetime
    mixes_categories: bool
    shows_tree: bool
    ascii: bool


def render_row(task: Task, width: int, look: RowLook, *, marked: bool = False) -> Text:
    """One row: checkbox and title, then tags and category, due and priority in columns;
    a marked row starts with a mark (`*` where the terminal is ASCII) and is highlighted.

    The due ends in one column on every row (the priority's after it); what a row does
    not use of those columns goes to its title and labels."""
    ellipsis = look.ellipsis
    meta_style = look.style("task-list--meta")
    labels = []
    if look.mixes_categories and task.category_name:
        labels.append(f"#{one_line(task.category_name)}")
    labels.extend(f"+{one_line(tag)}" for tag in task.tags)
    mark = PRIORITY_MARK[task.priority].rstrip()
    tail = Text(end="")
    if mark:
        tail.append(" ")
        tail.append(f"{mark:<3}", look.style(f"task-list--{task.priority.label}"))
    elif task.due is not None:
        tail.append(" " * 4)  # the priority's column, so that the due lines up
    box = "[x] " if task.done else "[ ] "
    if look.shows_tree:  # indented, with a marker on a task that has subtasks
        marker = (" " if not task.subtasks_total
                  else look.glyph("▸" if task.collapsed else "▾"))
        box = "  " * min(task.depth, MAX_INDENT) + marker + " " + box
    lead = 1 + len(box)
    due = Text(no_wrap=True, end="")
    if task.due is not None:
        overdue = not task.done and task.due.is_overdue(look.now, look.today)
        style = look.style("task-list--overdue" if overdue else "task-list--due")
        words = due_words(task, look.today, with_time=True)
        if width - 1 - lead - len(words) - 1 - tail.cell_len < MIN_TITLE_ROOM:
            words = due_words(task, look.today, with_time=False)  # a narrow row
        due.append(" ")
        due.append(words, style)
        cut(due, max(MIN_DUE_ROOM, width - 1 - lead - MIN_TITLE_ROOM - tail.cell_len),
            ellipsis)
    # a parent's progress (2/5) right after its title, never cut away
    progress = Text(no_wrap=True, end="", style=meta_style)
    if task.subtasks_total:
        progress.append(f" {task.subtasks_done}/{task.subtasks_total}")
    room = max(1, width - 1 - lead - due.cell_len - tail.cell_len - progress.cell_len)
    meta = Text(" ".join(labels), style=meta_style, no_wrap=True, end="")
    title = Text(one_line(task.title), no_wrap=True, end="")
    if task.path and not look.shows_tree:  # its ancestors' titles, dimmed, so it has context
        joint = look.glyph(" › ")
        path = Text(joint.join(one_line(ancestor) for ancestor in task.path),
                    no_wrap=True, end="", style=meta_style)
        # at most half the room: its own title is what the row is about
        cut(path, max(1, (room - meta.cell_len) // 2 - len(joint)), ellipsis)
        path.append(joint)
        title = path.append_text(title)
    # the title first; labels take what is left, and at least 3/10 of a crowded row
    left_over = room - title.cell_len - 1
    meta_room = min(meta.cell_len, max(left_over, room * 3 // 10))
    if meta_room < 4:
        meta_room = 0
    cut(meta, meta_room, ellipsis)
    title_room = max(1, room - (meta_room + 1 if meta_room else 0))
    if task.done:
        title.stylize(look.style("task-list--done"))
    cut(title, title_room, ellipsis)
    title.append_text(progress)
    # the labels end where the due begins
    title.pad_right(title_room + progress.cell_len - title.cell_len)
    line = Text(" " + box, no_wrap=True, end="")
    if marked:  # a symbol, not only a colour: NO_COLOR and monochrome terminals show it
        symbol = "*" if look.ascii else MARK
        line = Text(symbol + box, no_wrap=True, end="")
    line.append_text(title)
    if meta_room:
        line.append(" ")
        line.append_text(meta)
    line.append_text(due)
    line.append_text(tail)
    if marked:
        line.stylize(look.style("task-list--marked"))
    return line

