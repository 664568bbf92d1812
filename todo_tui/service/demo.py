"""Realistic demo data, inserted in bulk: 100 000 tasks in a few seconds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select, text

from todo_tui.db import models
from todo_tui.db.engine import CACHE_KIB, Database
from todo_tui.service import validate

CATEGORIES: dict[str, tuple[str, list[str], list[str]]] = {
    # name: (colour, title templates, tags)
    "Work": ("blue", [
        "Review {x} pull request", "Prepare slides for {x} meeting", "Reply to {x} about budget",
        "Write {x} design doc", "Fix flaky {x} test", "Plan {x} sprint", "Update {x} roadmap",
        "1:1 with {x}", "Deploy {x} release", "Triage {x} bug reports",
    ], ["urgent", "meeting", "review", "backend", "frontend"]),
    "Home": ("green", [
        "Pay {x} bill", "Fix the {x}", "Clean the {x}", "Buy new {x}", "Call the {x} repair",
        "Water the {x}", "Sort out the {x} drawer", "Replace {x} filter",
    ], ["chores", "bills", "weekend"]),
    "Errands": ("yellow", [
        "Pick up {x}", "Return {x} to the shop", "Post {x} parcel", "Buy {x} at the market",
        "Drop off {x} at the cleaners", "Renew {x} at the office",
    ], ["shopping", "town"]),
    "Health": ("red", [
        "Book {x} appointment", "Refill {x} prescription", "Run {x} km", "Yoga {x} session",
        "Go to the {x} class", "Stretch after {x}",
    ], ["fitness", "doctor"]),
    "Finance": ("magenta", [
        "File {x} receipt", "Check {x} statement", "Transfer to {x} savings",
        "Cancel {x} subscription", "Compare {x} insurance", "Send {x} invoice",
    ], ["tax", "bills", "money"]),
    "Learning": ("cyan", [
        "Read chapter on {x}", "Watch {x} talk", "Practise {x} for 30 min", "Write notes on {x}",
        "Finish {x} course module", "Try {x} tutorial",
    ], ["reading", "course", "rust", "python"]),
    "Side project": ("orange", [
        "Sketch {x} screen", "Refactor {x} module", "Write README for {x}", "Benchmark {x}",
        "Publish {x} release", "Answer {x} issue",
    ], ["oss", "ideas"]),
    "Family": ("purple", [
        "Call {x}", "Plan {x} birthday", "Book tickets for {x}", "Send photos to {x}",
        "Help {x} with homework", "Visit {x}",
    ], ["birthday", "weekend", "kids"]),
}
WORDS = [
    "Alice", "Bob", "Q3", "Q4", "kitchen", "garden", "car", "bike", "printer", "dentist",
    "passport", "library", "Berlin", "Lisbon", "API", "search", "login", "billing", "mobile",
    "laptop", "boiler", "gym", "Spanish", "piano", "SQL", "Textual", "grandma", "Sam", "Mia",
    "heating", "rent", "phone", "water", "electricity", "insurance", "pension", "5", "10",
]
NOTES = [
    "", "", "", "Remember to check the **details** first.",
    "- [ ] step one\n- [ ] step two\n- [ ] step three",
    "See the email from last week.\n\nCall before 5pm.",
    "Ref: #4721 — ask for *Dana*.", "Needs `make test` to pass first.",
]
BATCH = 5000
TASKS = cast(Table, models.Task.__table__)


async def fill_demo(db: Database, count: int, *, seed: int, now: datetime) -> int:
    """Add `count` demo tasks over eight categories (created as needed); returns the count."""
    rng = random.Random(seed)
    zone_name = str(now.tzinfo) if isinstance(now.tzinfo, ZoneInfo) else "UTC"
    today = now.date()
    sqlite = db.backend == "sqlite"
    async with db.write() as session:
        if sqlite:
            # many random-order index inserts: a bigger page cache saves most of the I/O
            await session.execute(text("PRAGMA cache_size = -262144"))
        category_ids: dict[str, str] = {}
        existing = {
            row.name_key: row for row in await session.scalars(select(models.Category))
        }
        last_category = await session.scalar(select(func.max(models.Category.position))) or 0
        for name, (colour, _titles, _tags) in CATEGORIES.items():
            row = existing.get(validate.key(name))
            if row is None:
                last_category += 1
                row = models.Category(name=name, name_key=validate.key(name), colour=colour,
                                      position=last_category)
                session.add(row)
                await session.flush()
            category_ids[name] = row.id
        tag_ids: dict[str, int] = {}
        for tag_name in sorted({t for _c, _t, tags in CATEGORIES.values() for t in tags}):
            tags = await session.scalars(
                select(models.Tag).where(models.Tag.name_key == tag_name)
            )
            tag = tags.first()
            if tag is None:
                tag = models.Tag(name=tag_name, name_key=tag_name)
                session.add(tag)
                await session.flush()
            tag_ids[tag_name] = tag.id
        position = await session.scalar(select(func.max(models.Task.position))) or 0
        names = list(CATEGORIES)
        stamp = now.astimezone(UTC)
        tasks: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        for _ in range(count):
            position += 1
            name = rng.choice(names + [""])  # one in nine goes to the Inbox
            colour_titles_tags = CATEGORIES.get(name or "Home")
            assert colour_titles_tags is not None
            _colour, titles, tag_pool = colour_titles_tags
            task_id = models.new_id()
            created = stamp - timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440))
            due_date = due_at = due_tz = None
            roll = rng.random()
            if roll < 0.7:
                due_date = today + timedelta(days=rng.randint(-10, 40))
                if rng.random() < 0.3:
                    local = datetime.combine(due_date, time(rng.choice([8, 9, 12, 15, 17, 19])),
                                             ZoneInfo(zone_name))
                    due_at = local.astimezone(UTC)
                    due_tz = zone_name
            done = rng.random() < 0.2
            tasks.append({
                "id": task_id,
                "title": rng.choice(titles).format(x=rng.choice(WORDS)),
                "notes": rng.choice(NOTES),
                "status": "done" if done else "open",
                "priority": rng.choices([0, 1, 2, 3], weights=[50, 20, 20, 10])[0],
                "due_date": due_date,
                "due_at": due_at,
                "due_tz": due_tz,
                "recurrence": "FREQ=WEEKLY" if rng.random() < 0.03 else None,
                "recurrence_from_completion": False,
                "category_id": category_ids[name] if name else None,
                "position": position,
                "created_at": created,
                "updated_at": created,
                "completed_at": stamp if done else None,
                "version": 1,
            })
            for tag_name in rng.sample(tag_pool, k=rng.choice([0, 0, 1, 1, 2])):
                links.append({"task_id": task_id, "tag_id": tag_ids[tag_name]})
            if len(tasks) >= BATCH:
                await _flush(session, tasks, links, tags_first=sqlite)
        await _flush(session, tasks, links, tags_first=sqlite)
        if sqlite:
            await session.execute(text(f"PRAGMA cache_size = -{CACHE_KIB}"))  # as it was
    return count


async def _flush(
    session: Any, tasks: list[dict[str, Any]], links: list[dict[str, Any]], *, tags_first: bool
) -> None:
    # Core inserts on the table, not the ORM class: far faster for many rows. On SQLite the
    # tags go in first (their tasks are checked at commit), so the search index's trigger
    # writes each task's row once, tags included, instead of again for every tag.
    if tags_first and links:
        await session.execute(text("PRAGMA defer_foreign_keys = ON"))
        await session.execute(insert(models.task_tags), links)
    if tasks:
        await session.execute(insert(TASKS), tasks)
    if links and not tags_first:
        await session.execute(insert(models.task_tags), links)
    tasks.clear()
    links.clear()
