"""The task quick capture's `^trip` names as a new task's parent: by its id, or its title.

`^3fa1` (four hex digits or more) is the task whose id starts with them, if one does; else
the open task titled `trip`, whatever its case; else the one open task whose title starts
with `trip`. Several open tasks of that title, or none, are refused with a message that says
which, so a subtask never lands under a task the user did not mean.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db import models
from todo_tui.db.fulltext import TRIGRAM
from todo_tui.errors import NotFoundError, ValidationError
from todo_tui.service.filters import fts_match, fts_phrase
from todo_tui.service.queries import LIVE, OPEN
from todo_tui.service.subtasks import short_title

ID_DIGITS = 4  # fewer hex digits are read as a title (^cafe is a title too, when no id is)
HEX = frozenset("0123456789abcdef")
SHOWN = 3  # the candidates a refusal names
STARTING = 50  # the titles starting with the name read, at most


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
    rows = (await session.scalars(
        select(models.Task.id)
        .where(models.Task.id >= wanted, models.Task.id < wanted + "g",
               LIVE)
        .limit(2))).all()
    return rows[0] if len(rows) == 1 else None


Titled = Row[str, str]


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
