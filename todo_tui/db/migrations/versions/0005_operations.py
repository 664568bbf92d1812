"""The operation log (undo and redo) and the trash.

`operations` holds one row per change a user made: when, which window or command (origin),
a summary, its kind, whether it is undone (and when: the order of undos, and the newest
change then, which say what a redo may make again), and a JSON payload with, for each row it
touched, the fields it wrote, before and after. Tasks and categories gain `trashed_at`: a deleted
task or category stays in its table until it is restored or purged. A trashed task's status
becomes `t-open` / `t-done` (the status it had, marked): status leads every list index, so a
trashed task drops out of every list, count and search with no change to their query plans.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from todo_tui.db.models import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("origin", sa.String(100), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.Column("undone_seq", sa.Integer(), nullable=True),
        sa.Column("undone_after", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operations")),
    )
    op.create_index("ix_operations_origin", "operations", ["origin", "id"])
    op.create_index("ix_operations_at", "operations", ["at"])
    # plain ALTER TABLE (no batch copy on SQLite: that would drop the search triggers)
    op.add_column("tasks", sa.Column("trashed_at", UTCDateTime(), nullable=True))
    op.add_column("categories", sa.Column("trashed_at", UTCDateTime(), nullable=True))
    op.create_index("ix_tasks_trashed_at", "tasks", ["trashed_at", "id"])
    op.create_index("ix_categories_trashed_at", "categories", ["trashed_at"])


def downgrade() -> None:
    # what is in the trash is deleted for good: an older version has no trash to show it in
    op.execute("DELETE FROM tasks WHERE trashed_at IS NOT NULL")
    op.execute("UPDATE tasks SET category_id = NULL WHERE category_id IN "
                "(SELECT id FROM categories WHERE trashed_at IS NOT NULL)")
    op.execute("DELETE FROM categories WHERE trashed_at IS NOT NULL")
    op.drop_index("ix_categories_trashed_at", table_name="categories")
    op.drop_index("ix_tasks_trashed_at", table_name="tasks")
    op.drop_column("categories", "trashed_at")
    op.drop_column("tasks", "trashed_at")
    op.drop_index("ix_operations_at", table_name="operations")
    op.drop_index("ix_operations_origin", table_name="operations")
    op.drop_table("operations")
