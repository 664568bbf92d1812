"""A seeded-large database: searches are exact, and the hot paths use their indexes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from todo_tui.db.rows import COUNTS_ROW
from todo_tui.domain import ListKind, ListRef, Sort, Status, Task
from todo_tui.search.parse import parse_query
from todo_tui.service import Services

from .conftest import ALL, LARGE, NOW, TODAY, Ran, plans

pytestmark = pytest.mark.sqlite_only
EPOCH = datetime(1970, 1, 1).astimezone()


# --- a reference: the same searches, in Python, over every task ---------------------------


def has_text(task: Task, word: str) -> bool:
    word = word.casefold()
    haystack = [task.title, task.notes, *task.tags, task.category_name or ""]
    return any(word in part.casefold() for part in haystack)


REFERENCE: dict[str, Callable[[Task], bool]] = {
    "dentist": lambda t: has_text(t, "dentist"),
    "the": lambda t: has_text(t, "the"),
    "Review": lambda t: has_text(t, "review"),
    "urgent": lambda t: has_text(t, "urgent"),
    "de": lambda t: has_text(t, "de"),
    "Q3": lambda t: has_text(t, "q3"),
    '"pull request"': lambda t: has_text(t, "pull request"),
    "-the": lambda t: not has_text(t, "the"),
    "dentist or lisbon": lambda t: has_text(t, "dentist") or has_text(t, "lisbon"),
    "pri:high": lambda t: t.priority == 3,
    "tag:urgent": lambda t: "urgent" in t.tags,
    "-tag:urgent": lambda t: "urgent" not in t.tags,
    "#work": lambda t: t.category_name == "Work",
    "cat:none": lambda t: t.category_id is None,
    "due:overdue": lambda t: t.due is not None and t.due.is_overdue(NOW, TODAY),
    "due:week": lambda t: t.due is not None and TODAY <= t.due.day <= TODAY + timedelta(7),
    "due<fri": lambda t: t.due is not None and t.due.day < TODAY,
    "has:notes": lambda t: t.notes != "",
    "#home pri>=medium due:any": lambda t: (t.category_name == "Home" and t.priority >= 2
                                            and t.due is not None),
    "review or pri:high -tag:urgent": lambda t: ((has_text(t, "review") or t.priority == 3)
                                                 and "urgent" not in t.tags),
}


def smart_key(task: Task, dated_only: bool = False) -> tuple[Any, ...]:
    due = task.due
    head = () if dated_only else (due is None,)
    return (*head, due.day if due else date.min, -task.priority,
            (due is not None and due.at is not None, due.at if due and due.at else EPOCH),
            task.position, task.id)


@pytest.fixture(scope="module")
def everything() -> dict[str, list[Task]]:
    return {}


async def every_task(large: Services, cache: dict[str, list[Task]]) -> list[Task]:
    if "all" not in cache:
        cache["all"] = await large.tasks.all(include_done=True)
        assert len(cache["all"]) == LARGE
    return cache["all"]


async def whole_list(large: Services, ref: ListRef, text: str, sort: Sort = Sort.SMART,
                     limit: int = 1000) -> list[Task]:
    first = await large.tasks.page(ref, today=TODAY, now=NOW, sort=sort, limit=200,
                                   query=parse_query(text))
    found = list(first.tasks)
    offset = len(found)
    while offset < first.total:
        page = await large.tasks.page(ref, today=TODAY, now=NOW, sort=sort, offset=offset,
                                      limit=limit, query=parse_query(text))
        assert page.total == first.total
        found.extend(page.tasks)
        offset += len(page.tasks)
    assert len(found) == first.total
    return found


@pytest.mark.parametrize("text", list(REFERENCE))
async def test_searches_in_all_are_exact_and_in_order(
    large: Services, everything: dict[str, list[Task]], text: str
) -> None:
    tasks = await every_task(large, everything)
    expected = sorted((t for t in tasks if t.status is Status.OPEN and REFERENCE[text](t)),
                      key=smart_key)
    found = await whole_list(large, ALL, text)
    assert [t.id for t in found] == [t.id for t in expected]


@pytest.mark.parametrize("text", ["the", "de", "dentist or lisbon", "tag:urgent", "-the"])
async def test_searches_in_today_and_a_category_are_exact(
    large: Services, everything: dict[str, list[Task]], text: str
) -> None:
    tasks = await every_task(large, everything)
    today = sorted((t for t in tasks if t.status is Status.OPEN and t.due is not None
                    and t.due.day <= TODAY and REFERENCE[text](t)),
                   key=lambda t: smart_key(t, dated_only=True))
    assert [t.id for t in await whole_list(large, ListRef(ListKind.TODAY), text)] == [
        t.id for t in today]
    work = next(c for c in await large.categories.list() if c.name == "Work")
    in_work = {t.id for t in tasks if t.status is Status.OPEN and t.category_id == work.id
               and REFERENCE[text](t)}
    found = await whole_list(large, ListRef(ListKind.CATEGORY, work.id), text, Sort.TITLE)
    assert {t.id for t in found} == in_work
    titles = [t.title.casefold() for t in found]
    assert titles == sorted(titles)


async def test_a_deep_page_of_a_common_word_matches_the_whole_list(large: Services) -> None:
    whole = await whole_list(large, ALL, "the", limit=1000)
    deep = await large.tasks.page(ALL, today=TODAY, now=NOW, offset=3000, limit=200,
                                  query=parse_query("the"))
    assert [t.id for t in deep.tasks] == [t.id for t in whole[3000:3200]]


async def test_counts_and_views_count_the_same_as_the_lists(large: Services) -> None:
    counts = await large.tasks.counts(TODAY, now=NOW)
    for kind in (ListKind.INBOX, ListKind.TODAY, ListKind.UPCOMING, ListKind.ALL,
                 ListKind.DONE):
        page = await large.tasks.page(ListRef(kind), today=TODAY, now=NOW, limit=1)
        assert counts.for_kind(kind) == page.total, kind
    assert counts.all + counts.done == LARGE


async def test_the_page_around_a_deep_task(large: Services) -> None:
    whole = await whole_list(large, ALL, "")
    target = whole[12_345]
    page = await large.tasks.page(ALL, today=TODAY, now=NOW, limit=200, around=target.id)
    assert (page.offset, page.focus) == (12_200, 12_345)
    assert page.tasks[145].id == target.id


@pytest.mark.parametrize("sort", list(Sort))
async def test_where_a_task_stands_in_every_list_and_sort(large: Services, sort: Sort) -> None:
    work = next(c for c in await large.categories.list() if c.name == "Work")
    for ref in (ALL, ListRef(ListKind.TODAY), ListRef(ListKind.DONE),
                ListRef(ListKind.CATEGORY, work.id)):
        total = (await large.tasks.page(ref, today=TODAY, sort=sort, limit=1)).total
        for index in sorted({0, 1, total // 3, total // 2, total - 1}):
            task = (await large.tasks.page(ref, today=TODAY, sort=sort, offset=index,
                                           limit=1)).tasks[0]
            found = await large.tasks.index_in_list(ref, task.id, today=TODAY, sort=sort)
            assert found == index, (ref, sort, index)


# --- query plans ----------------------------------------------------------------------------


def window_plan(ran: list[Ran]) -> str:
    """The plan of the statement that picks a page's ids (in the list's order)."""
    found = [r for r in ran if r.sql.lstrip().startswith("SELECT tasks.id") and "ORDER BY" in
             r.sql and "row_number" not in r.sql]
    assert len(found) == 1, [r.sql for r in ran]
    return found[0].text


def count_plan(ran: list[Ran]) -> str:
    found = [r for r in ran if "count(*)" in r.sql]
    assert len(found) == 1, [r.sql for r in ran]
    return found[0].text


@pytest.mark.parametrize(("ref", "sort", "index"), [
    (ALL, Sort.SMART, "ix_tasks_smart"),
    (ALL, Sort.DUE, "ix_tasks_due"),
    (ALL, Sort.PRIORITY, "ix_tasks_priority"),
    (ALL, Sort.CREATED, "ix_tasks_created"),
    (ALL, Sort.TITLE, "ix_tasks_title"),
    (ALL, Sort.MANUAL, "ix_tasks_manual"),
    (ListRef(ListKind.DONE), Sort.SMART, "ix_tasks_completed_at"),
    (ListRef(ListKind.DONE), Sort.TITLE, "ix_tasks_title"),
    (ListRef(ListKind.TODAY), Sort.SMART, "ix_tasks_status_due"),
    (ListRef(ListKind.UPCOMING), Sort.SMART, "ix_tasks_status_due"),
    (ListRef(ListKind.INBOX), Sort.SMART, "ix_tasks_category_status"),
    (ListRef(ListKind.INBOX), Sort.MANUAL, "ix_tasks_category_manual"),
])
async def test_a_page_is_a_walk_over_a_list_index_never_a_sort(
    large: Services, ref: ListRef, sort: Sort, index: str
) -> None:
    for offset in (0, 5000):
        ran = await plans(large, lambda at=offset: large.tasks.page(
            ref, today=TODAY, now=NOW, sort=sort, offset=at))
        plan = window_plan(ran)
        # lower(title) is an expression: SQLite reads the row for it, still in index order
        used = f"INDEX {index}" if sort is Sort.TITLE else f"COVERING INDEX {index}"
        assert used in plan, plan
        assert "TEMP B-TREE" not in plan, plan
        assert "COVERING INDEX" in count_plan(ran)


async def test_a_category_list_walks_its_index(large: Services) -> None:
    work = next(c for c in await large.categories.list() if c.name == "Work")
    ref = ListRef(ListKind.CATEGORY, work.id)
    for sort, index in ((Sort.SMART, "ix_tasks_category_status"),
                        (Sort.MANUAL, "ix_tasks_category_manual")):
        ran = await plans(large, lambda by=sort: large.tasks.page(
            ref, today=TODAY, sort=by))
        plan = window_plan(ran)
        assert f"COVERING INDEX {index} (category_id=? AND status=?)" in plan, plan
        assert "TEMP B-TREE" not in plan


async def test_the_smart_list_counts_are_index_ranges(large: Services) -> None:
    ran = await plans(large, lambda: large.tasks.counts(TODAY, now=NOW))
    # inbox, today, upcoming, done in one statement (All is the Inbox plus the categories)
    counts = next(r for r in ran if r.sql.count("count(*)") == len(COUNTS_ROW))
    assert counts.text.count("COVERING INDEX") == len(COUNTS_ROW), counts.text
    assert "SCAN tasks" not in counts.text
    per_category = next(r for r in ran if "FROM categories" in r.sql)
    # each category's open count is a range of one index, read from the index alone
    assert "COVERING INDEX ix_tasks_category_manual (category_id=? AND status=?)" in \
        per_category.text, per_category.text
    assert "AUTOMATIC" not in per_category.text and "SCAN tasks" not in per_category.text


@pytest.mark.parametrize("word", ["dentist", "zeppelin"])
async def test_a_rare_word_is_looked_up_in_the_trigram_index(large: Services, word: str) -> None:
    ran = await plans(large, lambda: large.tasks.page(ALL, today=TODAY, now=NOW,
                                                      query=parse_query(word)))
    count = count_plan(ran)
    # counted from the index alone: no task row is read
    assert "SCAN search_fts VIRTUAL TABLE INDEX 0:M" in count, count
    assert "search_rows USING INTEGER PRIMARY KEY" in count, count
    assert "tasks" not in count
    if word == "zeppelin":  # nothing matched: nothing more to run
        assert not [r for r in ran if "ORDER BY" in r.sql]
        return
    plan = window_plan(ran)
    assert "COVERING INDEX ix_tasks_smart" in plan and "TEMP B-TREE" not in plan, plan
    assert "LIST SUBQUERY" in plan and "VIRTUAL TABLE INDEX 0:M" in plan, plan


async def test_a_common_word_walks_the_list_and_checks_each_row_by_key(large: Services) -> None:
    ran = await plans(large, lambda: large.tasks.page(ALL, today=TODAY, now=NOW,
                                                      query=parse_query("the")))
    plan = window_plan(ran)
    assert "COVERING INDEX ix_tasks_smart" in plan and "TEMP B-TREE" not in plan, plan
    assert "CORRELATED" in plan and "sqlite_autoindex_search_rows_1 (task_id=?)" in plan, plan
    assert "VIRTUAL TABLE INDEX 0:M" in plan


@pytest.mark.parametrize("text", ["pri:high", "tag:urgent", "#work", "due:overdue",
                                  "has:notes", "is:done", "dentist pri:high"])
async def test_filters_walk_a_list_index(large: Services, text: str) -> None:
    ran = await plans(large, lambda: large.tasks.page(ALL, today=TODAY, now=NOW,
                                                      query=parse_query(text)))
    plan = window_plan(ran)
    assert "INDEX ix_tasks_" in plan, plan
    assert "SCAN tasks" not in plan and "TEMP B-TREE" not in plan, plan
