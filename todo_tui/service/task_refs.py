"""The task a user names by what they type: an id's prefix (the shell's ID arguments), or
quick capture's `^trip` for a new task's parent.

`^3fa1` (four hex digits or more) is the task whose id starts with them, if one does; else
the open task titled `trip`, whatever its case; else the one open task whose title starts
with `trip`. Several open tasks of that title, or none, are refused with a message that says
which, so a subtask never lands under a task the user did not mean.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db import models
from todo_tui.db.fulltext import TRIGRAM
from todo_tui.errors import AmbiguousIdError, MalformedIdError, NotFoundError, ValidationError
from todo_tui.service.filters import fts_match, fts_phrase
from todo_tui.service.queries import LIVE, OPEN
from todo_tui.service.subtasks import short_title

ID_DIGITS = 4  # fewer hex digits are read as a title (^cafe is a title too, when no id is)
HEX = frozenset("0123456789abcdef")
SHOWN = 3  # the candidates a refusal names
STARTING = 50  # the titles starting with the name read, at most
AMBIGUOUS_SHOWN = 5  # the candidates an ambiguous id prefix names

Titled = Row[str, str]


async def task_with_prefix(session: AsyncSession, prefix: str) -> str:
    """The full id of the one task (in the trash too) whose id starts with `prefix`."""
    text = prefix.strip().lower()
    if not text or not set(text) <= HEX:
        raise MalformedIdError(f"not a task id: {prefix!r} (ids are hexadecimal)")
    found = await _with_prefix(session, text, AMBIGUOUS_SHOWN + 1)
    if not found:
        raise NotFoundError(f"no task with id {prefix!r}")
    if len(found) > 1:
        shown = ", ".join(f"{task_id[:max(8, len(text) + 1)]} {title!r}"
                          for task_id, title in found[:AMBIGUOUS_SHOWN])
        more = ", ..." if len(found) > AMBIGUOUS_SHOWN else ""
        raise AmbiguousIdError(
            f"id {prefix!r} matches several tasks ({shown}{more}); give more of it")
    return str(found[0].id)


async def named_parent(session: AsyncSession, name: str) -> str:
    """The id of the task `^name` names (see the module's docstring); NotFoundError or
    ValidationError when it names none or several."""
    text = " ".join(name.split())
    wanted = text.casefold()
    if not wanted:
        raise ValidationError("^ needs a task's title or id after it")
    by_id = await _by_id(session, wanted)
    if by_id is not None:
        return by_id
    # a LIKE narrows the titles (SQLite's folds ASCII letters only: any other letter matches
    # any character there), Python's casefold decides
    pattern = "".join(ch if ch.isascii() else "_" for ch in _escaped(text))
    # on SQLite the trigram index finds the few tasks holding the text, not a scan of all
    sqlite = session.bind is None or session.bind.dialect.name == "sqlite"
    narrow = sqlite and text.isascii() and len(text) >= TRIGRAM
    exact = [row for row in await _titled(session, pattern, narrow, text, None)
             if _folded(row.title) == wanted]
    if len(exact) == 1:
        return str(exact[0].id)
    if exact:
        raise ValidationError(f"^{text}: {len(exact)} open tasks have that title "
                              f"({_listed(exact)}); write its id instead (^{exact[0].id[:8]})")
    starting = [row for row in await _titled(session, pattern + "%", narrow, text, STARTING + 1)
                if _folded(row.title).startswith(wanted)]
    if len(starting) == 1:
        return str(starting[0].id)
    if starting:
        more = "" if len(starting) <= SHOWN else ", ..."
        raise ValidationError(f"^{text} could be several open tasks ({_listed(starting)}{more}); "
                              "write more of its title, or its id")
    raise NotFoundError(f"^{text}: no open task's title is or starts with {text!r}; "
                        "write its title as the list shows it, or its id")


async def _by_id(session: AsyncSession, wanted: str) -> str | None:
    if len(wanted) < ID_DIGITS or not set(wanted) <= HEX:
        return None
    rows = await _with_prefix(session, wanted, 2, LIVE)
    return str(rows[0].id) if len(rows) == 1 else None


async def _with_prefix(session: AsyncSession, text: str, limit: int,
                       *where: ColumnElement[bool]) -> Sequence[Titled]:
    """The tasks whose ids start with `text` (lowercase hex), a range of the primary key."""
    stmt = (select(models.Task.id, models.Task.title)
            .where(models.Task.id >= text, models.Task.id < text + "g", *where)
            .order_by(models.Task.id)
            .limit(limit))
    return (await session.execute(stmt)).all()


async def _titled(session: AsyncSession, pattern: str, narrow: bool, text: str,
                  limit: int | None) -> Sequence[Titled]:
    stmt = (select(models.Task.id, models.Task.title)
            .where(OPEN, models.Task.title.ilike(pattern, escape="\\"))
            .order_by(models.Task.position, models.Task.id)
            .limit(limit))
    if narrow:
        stmt = stmt.where(fts_match(fts_phrase(text)))
    return (await session.execute(stmt)).all()


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _folded(title: str) -> str:
    return " ".join(title.split()).casefold()


def _listed(rows: Sequence[Titled]) -> str:
    return ", ".join(f"{short_title(row.title)} {row.id[:8]}" for row in rows[:SHOWN])
