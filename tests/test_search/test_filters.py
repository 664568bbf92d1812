"""Every search term and sort on a small database, through the one service method."""

from __future__ import annotations

import pytest

from todo_tui.domain import ListKind, ListRef, Sort, TaskChanges
from todo_tui.errors import NotFoundError, ValidationError
from todo_tui.search.parse import parse_query
from todo_tui.service import filters

from .conftest import ALL, NOW, OPEN, TODAY, World

TODAY_LIST = ListRef(ListKind.TODAY)
INBOX = ListRef(ListKind.INBOX)
DONE = ListRef(ListKind.DONE)


@pytest.mark.parametrize(("text", "expected"), [
    # words and phrases: titles, notes, tag names, category names; case does not matter
    ("dentist", {"Call the dentist"}),
    ("DENTIST", {"Call the dentist"}),
    ("crowns", {"Call the dentist"}),
    ("market", {"Buy oat milk"}),
    ("urgent", {"Call the dentist"}),
    ("errand", {"Buy oat milk"}),
    ("side", {"Plan holiday"}),
    ('"side project"', {"Plan holiday"}),
    ('"oat milk"', {"Buy oat milk"}),
    ("milk oat", {"Buy oat milk"}),
    ('"milk oat"', set()),
    ("zeppelin", set()),
    # shorter than a trigram: LIKE, with %, _ and \ taken literally
    ("ok", {"Read a book"}),
    ("0%", {"Fix 50% discount_code"}),
    ("_c", {"Fix 50% discount_code"}),
    ("50%", {"Fix 50% discount_code"}),
    ("Wo", {"Write report", "Stand-up at eight"}),  # the tag "work", the category "Work"
    ("rk", {"Write report", "Stand-up at eight", "Buy oat milk"}),  # ...the market
    # due dates, resolved against today (Friday 27 November), "now" 10:00 UTC
    ("due:today", {"Call the dentist", "Stand-up at eight"}),
    ("due:tomorrow", {"Water plants"}),
    ("due:overdue", {"Pay rent", "Stand-up at eight"}),
    ("due:week", {"Call the dentist", "Stand-up at eight", "Write report", "Water plants"}),
    ("due:none", {"Buy oat milk", "Read a book", "Fix 50% discount_code"}),
    ("due:any", OPEN - {"Buy oat milk", "Read a book", "Fix 50% discount_code"}),
    ("due<fri", {"Pay rent"}),
    ("due<=today", {"Pay rent", "Call the dentist", "Stand-up at eight"}),
    ("due>+3d", {"Plan holiday"}),
    ("due>=mon", {"Write report", "Plan holiday"}),
    ("due:2026-12-17", {"Plan holiday"}),
    ("-due<fri", OPEN - {"Pay rent"}),
    # priority
    ("pri:high", {"Call the dentist"}),
    ("pri>=medium", {"Call the dentist", "Pay rent"}),
    ("pri:low", {"Read a book"}),
    ("pri<low", OPEN - {"Call the dentist", "Pay rent", "Read a book"}),
    # tags and categories
    ("tag:urgent", {"Call the dentist"}),
    ("tag:URGENT", {"Call the dentist"}),
    ("+errand", {"Buy oat milk"}),
    ("-tag:urgent", OPEN - {"Call the dentist"}),
    ("tag:nosuchtag", set()),
    ("#home", {"Call the dentist", "Pay rent"}),
    ('#"side project"', {"Plan holiday"}),
    ("cat:none", {"Buy oat milk", "Read a book", "Fix 50% discount_code", "Water plants"}),
    ("-#home", OPEN - {"Call the dentist", "Pay rent"}),
    ("#nosuchcategory", set()),
    # status (widens All), fields present
    ("is:done", {"Renew passport"}),
    ("is:open", OPEN),
    ("has:notes", {"Call the dentist", "Buy oat milk"}),
    ("has:tags", {"Call the dentist", "Pay rent", "Write report", "Buy oat milk"}),
    ("has:repeat", {"Water plants"}),
    ("-has:due", {"Buy oat milk", "Read a book", "Fix 50% discount_code"}),
    # and, or, not
    ("#home pri:high", {"Call the dentist"}),
    ("dentist or rent", {"Call the dentist", "Pay rent"}),
    ("dentist or pri:medium", {"Call the dentist", "Pay rent"}),
    ("dentist or ok", {"Call the dentist", "Read a book"}),
    ("-dentist", OPEN - {"Call the dentist"}),
    ('-"oat milk" -rent', OPEN - {"Buy oat milk", "Pay rent"}),
    ("-ok", OPEN - {"Read a book"}),
    ("is:done or dentist", {"Renew passport", "Call the dentist"}),
    ("passport", set()),  # done, and All shows open tasks
    ("passport is:done", {"Renew passport"}),
])
async def test_each_term_in_all(world: World, text: str, expected: set[str]) -> None:
    assert await world.titles(text) == expected


async def test_a_search_narrows_the_open_list(world: World) -> None:
    assert await world.titles("dentist", TODAY_LIST) == {"Call the dentist"}
    assert await world.titles("rent", TODAY_LIST) == {"Pay rent"}
    assert await world.titles("report", TODAY_LIST) == set()
    assert await world.titles("milk", INBOX) == {"Buy oat milk"}
    assert await world.titles("is:done", TODAY_LIST) == set()  # Today is open tasks
    assert await world.titles("passport", DONE) == {"Renew passport"}
    assert await world.titles("is:open dentist", DONE) == {"Call the dentist"}  # widened
    home = next(c for c in (await world.services.categories.list()) if c.name == "Home")
    assert await world.titles("pri:medium", ListRef(ListKind.CATEGORY, home.id)) == {"Pay rent"}


async def test_a_page_holds_each_task_whole(world: World) -> None:
    await world.services.tasks.update(world.tasks["Pay rent"].id,
                                      TaskChanges(tags=("zz", "Bills", "aa")))
    for ref in (ALL, DONE):
        page = await world.services.tasks.page(ref, today=TODAY, now=NOW)
        for task in page.tasks:
            assert task == await world.services.tasks.get(task.id)
    rent = await world.services.tasks.get(world.tasks["Pay rent"].id)
    assert rent.tags == ("aa", "bills", "zz")  # a tag keeps the case it was first given
    assert rent.category_name == "Home"


async def test_an_empty_search_is_the_whole_list(world: World) -> None:
    assert await world.titles("") == OPEN
    page = await world.services.tasks.page(ALL, today=TODAY, query=None)
    assert {t.title for t in page.tasks} == OPEN


@pytest.mark.parametrize("sort", list(Sort))
async def test_every_sort_orders_a_search(world: World, sort: Sort) -> None:
    text = "due:any or has:tags"
    searched = await world.ordered(text, sort=sort)
    whole = await world.ordered("", sort=sort)
    wanted = await world.titles(text)
    # the search keeps the list's own order, whatever the sort
    assert searched == [title for title in whole if title in wanted]
    assert set(searched) == wanted


async def test_sorts_are_what_they_say(world: World) -> None:
    text = "due:any"
    assert (await world.ordered(text, sort=Sort.SMART))[:3] == [
        "Pay rent", "Call the dentist", "Stand-up at eight"]
    assert (await world.ordered(text, sort=Sort.DUE))[:3] == [
        "Pay rent", "Call the dentist", "Stand-up at eight"]
    assert (await world.ordered("", sort=Sort.PRIORITY))[:3] == [
        "Call the dentist", "Pay rent", "Read a book"]
    assert await world.ordered("has:tags", sort=Sort.TITLE) == [
        "Buy oat milk", "Call the dentist", "Pay rent", "Write report"]
    assert await world.ordered("has:tags", sort=Sort.MANUAL) == [
        "Call the dentist", "Pay rent", "Write report", "Buy oat milk"]
    assert (await world.ordered("", sort=Sort.CREATED))[0] == "Water plants"


async def test_paging_a_search_and_the_page_around_a_task(world: World) -> None:
    text = "-zeppelin"
    whole = await world.ordered(text)
    pages = [await world.services.tasks.page(ALL, today=TODAY, now=NOW, limit=4, offset=o,
                                             query=parse_query(text)) for o in (0, 4, 8)]
    assert [t.title for p in pages for t in p.tasks] == whole
    assert {p.total for p in pages} == {len(whole)}
    target = world.tasks[whole[6]]
    around = await world.services.tasks.page(ALL, today=TODAY, now=NOW, limit=4,
                                             query=parse_query(text), around=target.id)
    assert (around.offset, around.focus) == (4, 6)
    assert around.tasks[2].id == target.id
    missing = await world.services.tasks.page(ALL, today=TODAY, now=NOW, limit=4,
                                              query=parse_query("dentist"),
                                              around=world.tasks["Pay rent"].id)
    assert (missing.offset, missing.focus, missing.total) == (0, None, 1)
    assert await world.services.tasks.index_in_list(
        ALL, target.id, today=TODAY, query=parse_query(text)) == 6


@pytest.mark.parametrize("sort", list(Sort))
async def test_every_task_is_found_where_the_list_puts_it(world: World, sort: Sort) -> None:
    for ref in (ALL, TODAY_LIST, INBOX, DONE):
        page = await world.services.tasks.page(ref, today=TODAY, now=NOW, sort=sort, limit=3)
        whole = await world.services.tasks.page(ref, today=TODAY, now=NOW, sort=sort)
        for index, task in enumerate(whole.tasks):
            assert await world.services.tasks.index_in_list(
                ref, task.id, today=TODAY, sort=sort) == index, (ref, sort, task.title)
            around = await world.services.tasks.page(ref, today=TODAY, now=NOW, sort=sort,
                                                     limit=3, around=task.id)
            assert around.focus == index and around.offset == index - index % 3
            assert around.tasks[index % 3].id == task.id
            centred = await world.services.tasks.page(
                ref, today=TODAY, now=NOW, sort=sort, limit=4, around=task.id, centre=True)
            assert centred.focus == index and centred.offset == max(0, index - 2)
            assert centred.tasks[index - centred.offset].id == task.id
            assert [t.id for t in centred.tasks] == [
                t.id for t in whole.tasks[centred.offset:centred.offset + 4]]
        assert page.total == whole.total


# --- saved views -------------------------------------------------------------------------


async def test_a_saved_view_is_a_list_with_its_count(world: World) -> None:
    lists = world.services.lists
    view = await lists.save_view("  Home,  urgent ", "#home pri>=medium", ALL)
    assert (view.name, view.query, view.scope) == ("Home, urgent", "#home pri>=medium", ALL)
    ref = ListRef(ListKind.VIEW, view_id=view.id)
    page = await world.services.tasks.page(ref, today=TODAY, now=NOW)
    assert {t.title for t in page.tasks} == {"Call the dentist", "Pay rent"}
    # a search inside a view narrows it further
    page = await world.services.tasks.page(ref, today=TODAY, now=NOW,
                                           query=parse_query("rent"))
    assert [t.title for t in page.tasks] == ["Pay rent"]
    counts = await world.services.tasks.counts(TODAY, now=NOW)
    assert [(v.name, v.count) for v in counts.views] == [("Home, urgent", 2)]
    # the count follows the data
    await world.services.tasks.set_done(world.tasks["Pay rent"].id, True, now=NOW)
    counts = await world.services.tasks.counts(TODAY, now=NOW)
    assert [(v.name, v.count) for v in counts.views] == [("Home, urgent", 1)]


async def test_a_view_keeps_the_list_it_was_made_in(world: World) -> None:
    lists = world.services.lists
    view = await lists.save_view("due soon", "has:tags", TODAY_LIST)
    assert view.scope == TODAY_LIST
    ref = ListRef(ListKind.VIEW, view_id=view.id)
    page = await world.services.tasks.page(ref, today=TODAY, now=NOW)
    assert {t.title for t in page.tasks} == {"Call the dentist", "Pay rent"}


async def test_views_are_named_renamed_ordered_and_deleted(world: World) -> None:
    lists = world.services.lists
    first = await lists.save_view("Bills", "tag:bills", ALL)
    second = await lists.save_view("Errands", "+errand", ALL)
    with pytest.raises(ValidationError, match="exists already"):
        await lists.save_view("bills", "x", ALL)
    with pytest.raises(ValidationError, match="no search to save"):
        await lists.save_view("Empty", "   ", ALL)
    with pytest.raises(ValidationError, match="unknown priority"):
        await lists.save_view("Bad", "pri:urgent", ALL)
    with pytest.raises(ValidationError, match="needs a name"):
        await lists.save_view("  ", "milk", ALL)
    renamed = await lists.rename_view(second.id, "Shopping")
    assert renamed.name == "Shopping"
    with pytest.raises(ValidationError, match="exists already"):
        await lists.rename_view(second.id, "BILLS")
    views = await lists.views(today=TODAY, now=NOW)
    assert [(v.name, v.count) for v in views] == [("Bills", 1), ("Shopping", 1)]
    await lists.set_sort(ListRef(ListKind.VIEW, view_id=first.id), Sort.TITLE)
    gone = await lists.delete_view(first.id)
    assert gone.name == "Bills"
    assert [v.name for v in await lists.views(today=TODAY, now=NOW)] == ["Shopping"]
    assert await lists.sorts() == {}  # its sort went with it
    with pytest.raises(NotFoundError):
        await lists.delete_view(first.id)
    with pytest.raises(NotFoundError):
        await world.services.tasks.page(ListRef(ListKind.VIEW, view_id=first.id), today=TODAY)


# --- sorts remembered per list -----------------------------------------------------------


async def test_sorts_are_remembered_per_list(world: World) -> None:
    lists = world.services.lists
    assert await lists.sorts() == {}
    home = ListRef(ListKind.CATEGORY, world.tasks["Pay rent"].category_id)
    await lists.set_sort(TODAY_LIST, Sort.TITLE)
    await lists.set_sort(home, Sort.PRIORITY)
    await lists.set_sort(TODAY_LIST, Sort.DUE)
    assert await lists.sorts() == {TODAY_LIST: Sort.DUE, home: Sort.PRIORITY}


def test_list_keys_round_trip() -> None:
    for ref in (ALL, TODAY_LIST, ListRef(ListKind.CATEGORY, "c1"),
                ListRef(ListKind.VIEW, view_id="v1")):
        assert ListRef.from_key(ref.key) == ref
    for bad in ("nonsense", "category:", "view:", "today:x"):
        with pytest.raises(ValueError):
            ListRef.from_key(bad)


# --- the SQL chosen per backend -----------------------------------------------------------


def test_postgresql_searches_text_with_ilike_and_sqlite_with_fts() -> None:
    from sqlalchemy.dialects import postgresql, sqlite

    q = parse_query('dentist "oat milk" ok tag:x')
    pg = filters.list_sql(ALL, q, today=TODAY, now=NOW, dialect="postgresql")
    lite = filters.list_sql(ALL, q, today=TODAY, now=NOW, dialect="sqlite")
    pg_sql = str(pg.where.compile(dialect=postgresql.dialect()))
    lite_sql = str(lite.where.compile(dialect=sqlite.dialect()))
    assert "ILIKE" in pg_sql and "search_fts" not in pg_sql and pg.match is None
    assert lite_sql.count("search_fts MATCH") == 1 and "ILIKE" not in lite_sql
    assert lite.match == '("dentist") AND ("oat milk")'
    assert "LIKE" in lite_sql  # "ok" is shorter than a trigram
