"""A task's duration: how long it takes, in minutes (`meeting 3pm-4pm`, `for 45 minutes`).

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy on SQLite: that would drop the search triggers)
    op.add_column("tasks", sa.Column("duration_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (the search triggers do not name this one)
    op.drop_column("tasks", "duration_minutes")
