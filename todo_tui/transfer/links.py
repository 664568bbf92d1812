"""Parent links of an import made into subtasks, once every record is stored.

A format names a task's parent by its own id (Todoist's INDENT, dooit's parent todo, iCal's
RELATED-TO, taskwarrior's... none: see taskwarrior.py); our JSON by our id. The links are
collected while the records are written and resolved at the end, in one pass: one query per
chunk of parent ids finds our ids, one per chunk reads the rows they touch, and one
executemany UPDATE writes them, in the import's own transaction (so one undo removes them with
the rest). A subtask goes to its parent's category (a tree is in one category). A link is left
out, the task staying at the top, when its parent is in neither the file nor the database,
when it would make a cycle, or when the task is open under a done parent (an open task's
ancestors are open); the summary counts each reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui import domain
from todo_tui.db import models
from todo_tui.db.rows import TRASHED_PREFIX

CHUNK = 500
TASK: Table = models.Task.__table__  # type: ignore[assignment]
MISSING = "its parent is in neither the file nor the database"
CYCLE = "its parent is its own subtask"
OPEN_UNDER_DONE = "it is open and its parent is done"


@dataclass(frozen=True, slots=True)
class Link:
    """`task_id` goes under the task `source` calls `ref` (source "": our own id; ref None:
    at the top)."""

    task_id: str
    source: str
    ref: str | None


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


async def _resolve(session: AsyncSession, links: Iterable[Link]) -> dict[tuple[str, str], str]:
    """Our id of each (source, ref) the links name, when we have that task."""
    wanted: dict[str, set[str]] = {}
    for link in links:
        if link.ref is not None:
            wanted.setdefault(link.source, set()).add(link.ref)
    found: dict[tuple[str, str], str] = {}
    for source, refs in wanted.items():
        for chunk in _chunks(sorted(refs)):
            if source == "":
                rows = await session.execute(select(TASK.c.id, TASK.c.id)
                                             .where(TASK.c.id.in_(chunk)))
            else:
                rows = await session.execute(select(TASK.c.source_id, TASK.c.id).where(
                    TASK.c.source == source, TASK.c.source_id.in_(chunk)))
            found.update({(source, ref): task_id for ref, task_id in rows})
    return found


async def _rows(session: AsyncSession, ids: set[str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(ids)):
        found = await session.execute(
            select(TASK.c.id, TASK.c.parent_id, TASK.c.category_id, TASK.c.status)
            .where(TASK.c.id.in_(chunk)))
        rows.update({row["id"]: dict(row) for row in found.mappings()})
    return rows


def _done(status: str) -> bool:
    return status.removeprefix(TRASHED_PREFIX) == domain.Status.DONE.value


async def apply_links(session: AsyncSession, links: list[Link],
                      unlinked: Counter[str]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Write the links; returns each changed task's (id, fields before, fields after)."""
    if not links:
        return []
    ours = await _resolve(session, links)
    wanted: dict[str, str | None] = {}
    for link in links:
        if link.ref is None:
            wanted[link.task_id] = None
        elif (link.source, link.ref) in ours:
            wanted[link.task_id] = ours[(link.source, link.ref)]
        else:
            unlinked[MISSING] += 1
    rows = await _rows(session, set(wanted) | {p for p in wanted.values() if p is not None})
    parent_of = {task_id: row["parent_id"] for task_id, row in rows.items()}
    parent_of.update(wanted)
    for task_id, parent in list(wanted.items()):
        if parent is None:
            continue
        if not _done(rows[task_id]["status"]) and _done(rows[parent]["status"]):
            unlinked[OPEN_UNDER_DONE] += 1
            wanted[task_id] = parent_of[task_id] = rows[task_id]["parent_id"]
            continue
        seen: set[str] = {task_id}
        above: str | None = parent
        while above is not None and above not in seen:
            seen.add(above)
            above = parent_of.get(above)
        if above is not None:
            unlinked[CYCLE] += 1
            wanted[task_id] = parent_of[task_id] = rows[task_id]["parent_id"]
    changes: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    params: list[dict[str, Any]] = []
    for task_id, parent in wanted.items():
        row = rows[task_id]
        category = row["category_id"] if parent is None else _category(parent, rows, parent_of)
        if (parent, category) == (row["parent_id"], row["category_id"]):
            continue
        before = {"parent_id": row["parent_id"], "category_id": row["category_id"]}
        after = {"parent_id": parent, "category_id": category}
        changes.append((task_id, before, after))
        params.append({"b_id": task_id, "b_parent": parent, "b_category": category})
    if params:
        await session.execute(
            update(TASK).where(TASK.c.id == bindparam("b_id"))
            .values(parent_id=bindparam("b_parent"), category_id=bindparam("b_category"))
            .execution_options(synchronize_session=False), params)
    return changes


def _category(task_id: str, rows: dict[str, dict[str, Any]],
              parent_of: dict[str, str | None]) -> str | None:
    """The category of the top of the tree `task_id` is in (the tree's one category)."""
    seen = {task_id}
    while (above := parent_of.get(task_id)) is not None and above in rows and above not in seen:
        seen.add(above)
        task_id = above
    return rows[task_id]["category_id"] if task_id in rows else None
