"""Subtasks: a task may have a parent task, to any depth, and remembers whether its
subtasks are shown (collapsed).

`tasks.parent_id` points at the parent (NULL at the top), indexed for a parent's children.
It declares no foreign key: SQLite cannot add one to a table, nor drop a column that has
one, without copying the table (which would drop the search triggers); the service keeps
every subtree whole (it trashes, restores and deletes a subtree together, recording every
row). `tasks.collapsed` is true while a task's subtasks are hidden in its list.
`ix_tasks_tree` tells in one seek whether the Inbox or a category holds any subtask.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy on SQLite: that would drop the search triggers)
    op.add_column("tasks", sa.Column("parent_id", sa.String(32), nullable=True))
    op.add_column("tasks", sa.Column("collapsed", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.create_index("ix_tasks_parent_id", "tasks", ["parent_id", "status"])
    # whether the Inbox or a category holds any subtask: one seek (a list without one is
    # read as before, a walk over its list index)
    # (of subtasks only: the other lists' plans never pick it)
    op.create_index("ix_tasks_tree", "tasks", ["category_id", "status", "parent_id"],
                    sqlite_where=sa.text("parent_id IS NOT NULL"),
                    postgresql_where=sa.text("parent_id IS NOT NULL"))


def downgrade() -> None:
    # an older version has no subtasks: they become tasks of their own, in the same lists
    op.drop_index("ix_tasks_tree", table_name="tasks")
    op.drop_index("ix_tasks_parent_id", table_name="tasks")
    op.drop_column("tasks", "collapsed")
    op.drop_column("tasks", "parent_id")
