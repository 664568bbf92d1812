"""Realistic demo data, inserted in bulk: 100 000 tasks in a few seconds.

The tasks read like one person's weeks: each title template is filled only from its own
list of objects (never "Water the login"), a few things are late by a day or two, most
dates fall in the coming fortnight, and what was done was done in the last weeks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select, text

from todo_tui.db import models
from todo_tui.db.engine import CACHE_KIB, Database
from todo_tui.service import validate


@dataclass(frozen=True)
class Template:
    """A title, with `{}` filled from `fills` (its own objects only), and what goes with it."""

    title: str
    fills: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    recurrence: str | None = None
    tags: tuple[str, ...] | None = None  # None: any of its area's

    def titles(self) -> list[str]:
        """Every title this template can make."""
        return [self.title.format(fill) for fill in self.fills] if self.fills else [self.title]


@dataclass(frozen=True)
class Area:
    """A category of the demo (or the Inbox): its colour, what its tasks say, its tags."""

    colour: str | None
    templates: tuple[Template, ...]
    tags: tuple[str, ...]


T = Template
PEOPLE = ("Sam", "Mia", "Priya", "Tom", "Alice", "Bob")
AREAS: dict[str, Area] = {
    "Work": Area("blue", (
        T("Review {} pull request", ("Sam's", "Mia's", "the search", "the billing"),
          ("Check the migration and the tests first.",), tags=("review", "backend")),
        T("Prepare slides for the {} review", ("Q3", "Q4", "design", "budget"),
          tags=("meeting",)),
        T("Reply to {} about the budget", PEOPLE, tags=("urgent",)),
        T("Write the {} design doc", ("search", "billing", "login", "export"),
          tags=("backend",)),
        T("Fix the flaky {} test", ("login", "search", "export"), tags=("backend", "urgent")),
        T("1:1 with {}", PEOPLE, ("- how is the project going\n- holidays\n- feedback",),
          "FREQ=WEEKLY", ("meeting",)),
        T("Plan the next sprint", notes=("Ask everyone for their capacity first.",),
          tags=("meeting",)),
        T("Deploy the {} release", ("2.4", "2.5", "mobile"), tags=("backend", "frontend")),
        T("Triage new bug reports", recurrence="FREQ=WEEKLY", tags=("urgent",)),
        T("Update the team roadmap", tags=("meeting",)),
        T("Submit expenses for the {} trip", ("Berlin", "Lisbon"), tags=()),
    ), ("urgent", "meeting", "review", "backend", "frontend")),
    "Home": Area("green", (
        T("Water the plants", recurrence="FREQ=WEEKLY"),
        T("Take out the recycling", recurrence="FREQ=WEEKLY"),
        T("Clean the {}", ("kitchen", "bathroom", "windows", "oven", "fridge")),
        T("Fix the {}", ("dripping tap", "squeaky door", "wobbly chair", "bike light")),
        T("Replace the {} filter", ("cooker hood", "water", "vacuum")),
        T("Book the boiler service", notes=("Last one was in March.",)),
        T("Sort out the {} drawer", ("kitchen", "cable", "sock")),
        T("Change the bed sheets", recurrence="FREQ=WEEKLY"),
        T("Defrost the freezer"),
        T("Buy new {}", ("light bulbs", "towels", "door mat", "bin bags")),
    ), ("chores", "weekend")),
    "Errands": Area("yellow", (
        T("Pick up {}", ("the dry cleaning", "the parcel", "a birthday card", "the photos")),
        T("Return the {} to the shop", ("jacket", "shoes", "kettle")),
        T("Post the parcel to {}", ("grandma", "Mia", "Tom")),
        T("Buy {} at the market", ("apples", "flowers", "cheese", "bread")),
        T("Renew the {}", ("passport", "library card", "parking permit")),
        T("Get the car washed"),
        T("Get a spare key cut"),
    ), ("shopping", "town")),
    "Health": Area("red", (
        T("Book a {} appointment", ("dentist", "GP", "eye test", "physio"), tags=("doctor",)),
        T("Refill the {} prescription", ("allergy", "asthma"), tags=("doctor",)),
        T("Run {} km", ("5", "8", "10"), recurrence="FREQ=WEEKLY", tags=("fitness",)),
        T("Go to the {} class", ("yoga", "spin", "pilates"), recurrence="FREQ=WEEKLY",
          tags=("fitness",)),
        T("Swim 20 lengths", tags=("fitness",)),
        T("Order contact lenses", tags=()),
    ), ("fitness", "doctor")),
    "Finance": Area("magenta", (
        T("Pay the {} bill", ("electricity", "water", "phone", "internet"), tags=("bills",)),
        T("Pay rent", recurrence="FREQ=MONTHLY", tags=("bills",)),
        T("Check the {} statement", ("bank", "credit card", "pension"), tags=("money",)),
        T("Move money to savings", recurrence="FREQ=MONTHLY", tags=("money",)),
        T("Cancel the {} subscription", ("gym", "streaming", "magazine"), tags=("money",)),
        T("Compare {} insurance quotes", ("car", "home", "travel"), tags=("money",)),
        T("File the {} receipts", ("October", "November"), tags=("tax",)),
        T("Send the invoice to {}", ("Acme", "Northwind"), tags=("money", "tax")),
    ), ("tax", "bills", "money")),
    "Learning": Area("cyan", (
        T("Read the chapter on {}", ("indexes", "async Python", "Rust lifetimes"),
          tags=("reading",)),
        T("Practise {} for 30 minutes", ("Spanish", "piano", "touch typing"), tags=()),
        T("Watch the {} talk", ("PyCon keynote", "SQLite internals", "Rust traits"),
          tags=("course",)),
        T("Finish the {} course module", ("Spanish", "SQL", "statistics"), tags=("course",)),
        T("Write notes on {}", ("the SQL book", "the Rust book"), tags=("reading",)),
    ), ("reading", "course", "rust", "python")),
    "Side project": Area("orange", (
        T("Sketch the {} screen", ("settings", "search", "welcome")),
        T("Answer the open issues"),
        T("Write the README"),
        T("Benchmark the start-up time"),
        T("Publish the {} release", ("0.3", "0.4")),
        T("Refactor the {} module", ("parser", "storage")),
    ), ("oss", "ideas")),
    "Family": Area("purple", (
        T("Call {}", ("grandma", "Mum", "Dad", "Aunt Jo"), recurrence="FREQ=WEEKLY", tags=()),
        T("Plan {} birthday", ("Mia's", "Tom's", "Dad's"), tags=("birthday",)),
        T("Book tickets for the {}", ("zoo", "theatre", "train to Lisbon"), tags=("weekend",)),
        T("Send the holiday photos to {}", ("grandma", "Aunt Jo"), tags=()),
        T("Help {} with homework", ("Mia", "Tom"), tags=("kids",)),
        T("Pack the school bags", tags=("kids",)),
    ), ("birthday", "weekend", "kids")),
}
INBOX = Area(None, (
    T("Look into standing desks"),
    T("Ask {} about the weekend", PEOPLE),
    T("Find a plumber"),
    T("Idea: a weekly review on Sundays"),
    T("Try the new bakery"),
    T("Back up the photos"),
), ())
NOTES = (  # for any task; most have none
    "", "", "", "", "", "",
    "See the email from last week.",
    "Not urgent, but **before the weekend**.",
    "- [ ] find the details\n- [ ] do it\n- [ ] tell whoever asked",
)
TIMES = (time(8), time(9), time(9, 30), time(12), time(15), time(17), time(18, 30))
BATCH = 5000
TASKS = cast(Table, models.Task.__table__)


def _due_offset(rng: random.Random) -> int:
    """Days from today to an open task's due day: a few late, most in the next fortnight."""
    kind = rng.choices(("late", "today", "week", "later"), weights=(4, 10, 44, 42))[0]
    if kind == "late":
        return -rng.randint(1, 3)
    if kind == "today":
        return 0
    if kind == "week":
        return rng.randint(1, 7)
    return rng.randint(8, 30)


def _awake(rng: random.Random, day: date, zone: ZoneInfo) -> datetime:
    """A moment of `day` when people write tasks down (8:00 to 22:00), in UTC."""
    moment = time(rng.randint(8, 21), rng.randint(0, 59))
    return datetime.combine(day, moment, zone).astimezone(UTC)


async def fill_demo(db: Database, count: int, *, seed: int, now: datetime) -> int:
    """Add `count` demo tasks over eight categories (created as needed); returns the count.

    The same seed and `now` give the same tasks (their ids apart).
    """
    rng = random.Random(seed)
    zone = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else ZoneInfo("UTC")
    zone_name = str(zone)
    today = now.astimezone(zone).date()
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
        for name, area in AREAS.items():
            row = existing.get(validate.key(name))
            if row is None:
                last_category += 1
                row = models.Category(name=name, name_key=validate.key(name), colour=area.colour,
                                      position=last_category)
                session.add(row)
                await session.flush()
            category_ids[name] = row.id
        tag_ids: dict[str, int] = {}
        for tag_name in sorted({t for area in AREAS.values() for t in area.tags}
                               | {t for area in AREAS.values() for template in area.templates
                                  for t in template.tags or ()}):
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
        # ids from a generator of their own, seeded with where this batch starts: the same on
        # a fresh database (the screenshots do not change), new when demo is run again
        ids = random.Random(f"demo ids {seed} {position}")
        names = list(AREAS)
        stamp = now.astimezone(UTC)
        tasks: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        for _ in range(count):
            position += 1
            name = rng.choice(names + [""])  # one in nine goes to the Inbox
            area = AREAS[name] if name else INBOX
            template = rng.choice(area.templates)
            title = template.title.format(rng.choice(template.fills)) if template.fills \
                else template.title
            notes = rng.choice(template.notes) if template.notes and rng.random() < 0.6 \
                else rng.choice(NOTES)
            task_id = f"{ids.getrandbits(128):032x}"
            done = rng.random() < 0.2
            due_day: date | None = None
            if done:  # done in the last three weeks, most of them about when they were due
                completed = stamp - timedelta(minutes=rng.randint(10, 21 * 1440))
                created = min(completed - timedelta(minutes=30),
                              _awake(rng, completed.astimezone(zone).date()
                                     - timedelta(rng.randint(0, 30)), zone))
                if rng.random() < 0.6:
                    due_day = completed.astimezone(zone).date() + timedelta(rng.randint(-2, 1))
            else:
                completed = None
                if template.recurrence or rng.random() < 0.55:
                    due_day = today + timedelta(_due_offset(rng))
                    if template.recurrence == "FREQ=MONTHLY" and due_day.day > 28:
                        due_day = due_day.replace(day=28)  # a day every month has
                late = (today - due_day).days if due_day is not None else 0
                made = today - timedelta(rng.randint(max(late, 0), max(late, 0) + 40))
                created = min(stamp - timedelta(minutes=5), _awake(rng, made, zone))
            due_at = due_tz = None
            if due_day is not None and rng.random() < 0.25:
                local = datetime.combine(due_day, rng.choice(TIMES), zone)
                due_at = local.astimezone(UTC)
                due_tz = zone_name
            tasks.append({
                "id": task_id,
                "title": title,
                "notes": notes,
                "status": "done" if done else "open",
                "priority": rng.choices([0, 1, 2, 3], weights=[55, 22, 15, 8])[0],
                "due_date": due_day,
                "due_at": due_at,
                "due_tz": due_tz,
                "recurrence": None if done else template.recurrence,
                "recurrence_from_completion": False,
                "category_id": category_ids[name] if name else None,
                "position": position,
                "created_at": created,
                "updated_at": completed or created,
                "completed_at": completed,
                "version": 1,
            })
            pool = area.tags if template.tags is None else template.tags
            for tag_name in rng.sample(pool, k=min(len(pool), rng.choice([0, 0, 0, 1, 1, 2]))):
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
