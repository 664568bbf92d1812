"""Indexes for the smart lists, category lists and tag look-ups.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tasks_status_due", "tasks", ["status", "due_date", "priority"])
    op.create_index("ix_tasks_category_status", "tasks", ["category_id", "status", "position"])
    op.create_index("ix_tasks_position", "tasks", ["position"])
    op.create_index("ix_tasks_completed_at", "tasks", ["completed_at"])
    op.create_index("ix_task_tags_tag_id", "task_tags", ["tag_id"])


def downgrade() -> None:
    op.drop_index("ix_task_tags_tag_id", table_name="task_tags")
    op.drop_index("ix_tasks_completed_at", table_name="tasks")
    op.drop_index("ix_tasks_position", table_name="tasks")
    op.drop_index("ix_tasks_category_status", table_name="tasks")
    op.drop_index("ix_tasks_status_due", table_name="tasks")
