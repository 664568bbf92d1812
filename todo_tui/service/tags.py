"""Tags by name: the ones a task is given, created when new."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from todo_tui.db import models
from todo_tui.service import validate


async def tags_named(session: AsyncSession, names: Iterable[str]) -> list[models.Tag]:
    """The tags with these names (any case), creating the new ones; duplicates dropped."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = validate.tag(name)
        wanted.setdefault(validate.key(clean), clean)
    if not wanted:
        return []
    existing = {
        tag.name_key: tag
        for tag in await session.scalars(
            select(models.Tag).where(models.Tag.name_key.in_(list(wanted)))
        )
    }
    tags = []
    for key, name in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = models.Tag(name=name, name_key=key)
            session.add(tag)
        tags.append(tag)
    # the order the relationship loads them in, so what add/update return equals what get returns
    return sorted(tags, key=lambda tag: tag.name_key)
