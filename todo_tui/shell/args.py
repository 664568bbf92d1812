"""The arguments of `todo-tui list` (a search, a sort, a limit) and of `todo-tui edit`.

cli.py builds its parser with these at every start, the TUI's too: argparse only here."""

from __future__ import annotations

import argparse
from typing import Any

SORTS = ("smart", "due", "priority", "created", "title", "manual")  # domain.Sort's values
LIST_HELP = (
    "List open tasks in the smart order, or those QUERY finds: the search language of the "
    "app's / box (words, \"phrases\", due:, due<fri, pri:high, tag:, #category, is:, has:, "
    "start:, a or b). Ids are shown as their shortest unique prefix (4 characters or more); "
    "every command takes one."
)
EDIT_HELP = (
    "Change a task. TEXT is read by the quick-capture grammar: the words it recognises set "
    "their fields (#category, +tag, !priority, a due date and time, every ..., start:..., "
    "// notes) and nothing else changes; words it does not recognise are refused unless "
    "--title is given. Options may repeat; they are applied after TEXT. The whole edit is "
    "one change in the history: todo-tui undo reverts it."
)


def list_arguments(lst: argparse.ArgumentParser) -> None:
    """`list [QUERY] [--sort S] [--limit N]`, beside its --all and --json."""
    lst.description = LIST_HELP
    lst.add_argument("query", nargs="*", metavar="QUERY",
                     help="a search, e.g. 'pri:high #home due<fri' (words may be separate)")
    lst.add_argument("--sort", choices=SORTS, default="smart", help="the order (default smart)")
    lst.add_argument("--limit", type=int, metavar="N", help="at most N tasks")


def edit_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """`edit ID [TEXT...] [--title T] [--due TEXT] [--repeat TEXT] ...`."""
    edit = commands.add_parser("edit", help="change a task: todo-tui edit ID 'tomorrow #home'",
                               description=EDIT_HELP)
    edit.add_argument("id", help="the task's id, or a unique prefix of it")
    edit.add_argument("text", nargs="*", metavar="TEXT", help="fields in the capture grammar")
    edit.add_argument("--title", action="append", help="the new title")
    edit.add_argument("--due", action="append", metavar="TEXT",
                      help="a due date and time (tomorrow 9am, fri, 2026-12-01), or none")
    edit.add_argument("--repeat", action="append", metavar="TEXT",
                      help="a repeat (every weekday 9:30, every! 3 days), or none")
    edit.add_argument("--start", action="append", metavar="TEXT",
                      help="the start day (fri, in 3 days, 2026-12-01), or none")
    edit.add_argument("--priority", action="append", metavar="P",
                      help="none, low, medium or high")
    edit.add_argument("--category", action="append", metavar="C",
                      help="a category by name (made when new); none: the Inbox")
    edit.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag")
    edit.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag")
    edit.add_argument("--notes", action="append", metavar="T", help="the new notes")
    edit.add_argument("--json", action="store_true", help="print the task as JSON")
    intermixed(edit)


def intermixed(parser: argparse.ArgumentParser) -> None:
    """Let TEXT come before, between or after the options (`edit ID --title T tomorrow`):
    plain argparse takes the positionals of one run only and refuses the rest."""
    plain = parser.parse_known_args
    inside = False

    def parse_known_args(args: Any = None, namespace: Any = None) -> Any:
        nonlocal inside
        if inside:  # parse_known_intermixed_args calls back in: the plain parse
            return plain(args, namespace)
        inside = True
        try:
            return parser.parse_known_intermixed_args(args, namespace)
        finally:
            inside = False

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign]
