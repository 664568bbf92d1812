"""`todo-tui list [QUERY]`: open tasks (or every one, --all), found with the search language
of the app's / box, in a sort, at most --limit of them."""

from __future__ import annotations

import argparse
import sys

from todo_tui import clock, domain
from todo_tui.errors import UsageError
from todo_tui.printing import print_json, print_line
from todo_tui.search.parse import parse_query
from todo_tui.search.terms import SearchQuery, StatusTerm
from todo_tui.service import Services, open_services
from todo_tui.shell.common import cleaned
from todo_tui.shell.show import describe_task
from todo_tui.textsafe import one_line
from todo_tui.tree_commands import INDENT, in_tree_order


def search_of(text: str, include_done: bool) -> SearchQuery:
    """The search typed; with `include_done`, over open and done tasks alike (a status the
    search names wins)."""
    query = parse_query(text)
    if include_done and not query.sets_status:
        either = (StatusTerm(domain.Status.OPEN), StatusTerm(domain.Status.DONE))
        query = SearchQuery(query.text, (*query.clauses, either))
    return query


async def found_tasks(services: Services, query: SearchQuery, sort: domain.Sort,
                      limit: int | None) -> tuple[list[domain.Task], int]:
    """The tasks of the All list that `query` finds, in `sort`, and how many there are."""
    from todo_tui.service.tasks import MAX_PAGE

    ref = domain.ListRef(domain.ListKind.ALL)
    now = clock.now()
    found: list[domain.Task] = []
    total = 0
    while limit is None or len(found) < limit:
        size = MAX_PAGE if limit is None else min(MAX_PAGE, limit - len(found))
        page = await services.tasks.page(ref, today=now.date(), sort=sort, offset=len(found),
                                         limit=size, query=query, now=now)
        found.extend(page.tasks)
        total = page.total
        if not page.tasks or len(found) >= total:
            break
    return found, total


async def cmd_list(url: str, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit takes a number of tasks, 1 or more")
    text = cleaned(" ".join(args.query))
    query = search_of(text, args.all)
    services = await open_services(url)
    try:
        tasks, total = await found_tasks(services, query, domain.Sort(args.sort), args.limit)
        ids = [task.id for task in tasks]
        prefixes = {} if args.json else await services.tasks.id_prefixes(ids)
        reminders = await services.reminders.for_tasks(ids) if args.json else {}
    finally:
        await services.close()
    shown = in_tree_order(tasks)  # subtasks under their parents, indented
    if args.json:
        print_json([{**task.to_json(),
                     "reminders": [r.to_json() for r in reminders.get(task.id, ())]}
                    for task, _depth in shown])
        return 0
    today = clock.now().date()
    zone = clock.local_zone_name()
    for task, depth in shown:
        print_line(INDENT * depth + describe_task(task, today, prefixes.get(task.id), zone))
    if not tasks and text.strip():
        sys.stderr.write(one_line(f"todo-tui: no task matches {text.strip()!r}") + "\n")
    elif not tasks:
        sys.stderr.write("todo-tui: no tasks (add one with: todo-tui add 'buy milk tomorrow')\n")
    elif len(tasks) < total:
        sys.stderr.write(f"todo-tui: {len(tasks)} of {total} tasks shown (--limit)\n")
    return 0
