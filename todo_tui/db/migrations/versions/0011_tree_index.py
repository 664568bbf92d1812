"""The index of subtasks carries their id and collapsed state: a tree list is paged without
reading a task row for its subtasks.

`ix_tasks_tree` (0006, 0007) becomes (category_id, status, parent_id, start_date, id,
collapsed), still of subtasks only. A list shown as a tree (service/tree.py) walks down it
from the top-level tasks to its shown subtasks, and leaves the subtasks out of a walk over the
list's own index by their ids, both from the index alone. An index only: the database keeps it
up to date, whichever instance writes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BEFORE = ["category_id", "status", "parent_id", "start_date"]
AFTER = [*BEFORE, "id", "collapsed"]


def upgrade() -> None:
    _tree_index(AFTER)


def downgrade() -> None:
    _tree_index(BEFORE)


def _tree_index(columns: list[str]) -> None:
    op.drop_index("ix_tasks_tree", table_name="tasks")
    op.create_index("ix_tasks_tree", "tasks", columns,
                    sqlite_where=sa.text("parent_id IS NOT NULL"),
                    postgresql_where=sa.text("parent_id IS NOT NULL"))
