"""Several instances on one database: an undo never overwrites another instance's change, and
two undos of one change at once revert it once (issue 15)."""

from __future__ import annotations

import asyncio

import pytest

from todo_tui.domain import NewTask, TaskChanges
from todo_tui.errors import NothingToUndo, UndoConflict
from todo_tui.service import open_services


async def test_two_instances_undoing_one_change_at_once_revert_it_once(db_url: str) -> None:
    first = await open_services(db_url)
    second = await open_services(db_url)
    try:
        task = await first.tasks.add(NewTask(title="pay rent"), origin="tui:1")
        await first.tasks.update(task.id, TaskChanges(notes="by Friday"), origin="tui:1")
        shown = await first.history.peek_undo()
        results = await asyncio.gather(
            first.history.undo(operation_id=shown.id),
            second.history.undo(operation_id=shown.id), return_exceptions=True)
        undone = [r for r in results if not isinstance(r, BaseException)]
        refused = [r for r in results if isinstance(r, BaseException)]
        assert len(undone) == 1 and len(refused) == 1, results
        assert isinstance(refused[0], UndoConflict | NothingToUndo)
        # the add is still there: only the edit was reverted
        back = await second.tasks.get(task.id)
        assert (back.title, back.notes) == ("pay rent", "")
    finally:
        await first.close()
        await second.close()


async def test_undo_never_overwrites_a_later_change_of_another_instance(db_url: str) -> None:
    mine = await open_services(db_url)
    theirs = await open_services(db_url)
    try:
        task = await mine.tasks.add(NewTask(title="pay rent"), origin="tui:mine")
        await mine.tasks.delete(task.id, origin="tui:mine")
        await theirs.tasks.restore(task.id, origin="tui:theirs")
        await theirs.tasks.update(task.id, TaskChanges(title="pay the rent"),
                                  origin="tui:theirs")
        with pytest.raises(UndoConflict, match="status changed since"):
            await mine.history.undo("tui:mine")
        assert (await mine.tasks.get(task.id)).title == "pay the rent"
    finally:
        await mine.close()
        await theirs.close()
