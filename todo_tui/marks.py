"""Marked tasks: which tasks an action on many applies to, as values the UI and the service
share (no SQLAlchemy, no Textual).

Tasks are marked one by one (`v`: their ids) or a whole list at once (`V`: the list itself, as
a query, so that marking 80 000 tasks loads none of them). A list marked whole keeps every
list it was narrowed to since (a search typed after `V`, a live update): a task is marked
while it is in all of them, was created before the `V`, and was not unmarked by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the main screen imports this module at start: only names for the checker
    from todo_tui.domain import ListRef
    from todo_tui.search.terms import SearchQuery


@dataclass(frozen=True, slots=True)
class Scope:
    """A list as it was shown: which list, its search, and the day and moment it was read at."""

    ref: ListRef
    query: SearchQuery | None
    today: date
    now: datetime

    def same_list(self, other: Scope) -> bool:
        """Whether both are the same list with the same search (whatever the moment)."""
        return (self.ref, self.query) == (other.ref, other.query)


@dataclass(frozen=True, slots=True)
class Marked:
    """The marked tasks: `ids` marked one by one, and every task of all of `lists` created
    by `before`, but for `unmarked` (a whole list marked with `V`)."""

    ids: frozenset[str] = frozenset()
    lists: tuple[Scope, ...] = ()
    before: datetime | None = None
    unmarked: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.ids and not self.lists

    @property
    def whole(self) -> bool:
        """Whether a whole list is marked (`V`)."""
        return bool(self.lists)

    @classmethod
    def every(cls, scope: Scope, at: datetime) -> Marked:
        """Every task of a list, but for those created after `at` (the wall clock's now, as
        tasks' creation times are: not a frozen clock's)."""
        return cls(lists=(scope,), before=at)

    def toggled(self, task_id: str, marked_now: bool) -> Marked:
        """Marked the other way for one task (`marked_now`: whether it is marked now)."""
        if marked_now:
            if task_id in self.ids:
                return replace(self, ids=self.ids - {task_id})
            return replace(self, unmarked=self.unmarked | {task_id})
        if task_id in self.unmarked:
            return replace(self, unmarked=self.unmarked - {task_id})
        return replace(self, ids=self.ids | {task_id})

    def narrowed(self, scope: Scope, kept_ids: frozenset[str]) -> Marked:
        """What stays marked once the list shown is `scope` and, of `ids`, only `kept_ids`
        are in it: a whole list marked also has to be in `scope` from now on."""
        lists = self.lists
        if lists and not lists[-1].same_list(scope):
            lists = (*lists, scope)
        elif lists:
            lists = (*lists[:-1], scope)  # the same list read again: its newest moment
        return replace(self, ids=self.ids & kept_ids, lists=lists)
