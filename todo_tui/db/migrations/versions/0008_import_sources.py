"""Import and export (issue 18): where each task came from, and the fields we have no column for.

- `source` and `source_id`: the program an imported task came from (`taskwarrior`, `todotxt`,
  `ical`, `todoist`, `dooit`) and its id there (a uuid, a UID, ...), so a second import of
  the same file finds the task again and updates it instead of adding a duplicate. A unique
  index over the pair (NULLs, the tasks made here, never clash).
- `extras`: a JSON object of the imported fields that have no column (a taskwarrior UDA, an
  iCal property, ...), given back when the task is exported to the same format.

Plain ALTER TABLE (no batch copy on SQLite: that would drop the search triggers of 0003).

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tasks", sa.Column("extras", sa.JSON(), nullable=True))
    op.add_column("tasks", sa.Column("source", sa.String(32), nullable=True))
    op.add_column("tasks", sa.Column("source_id", sa.String(200), nullable=True))
    op.create_index("ix_tasks_source", "tasks", ["source", "source_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_tasks_source", table_name="tasks")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite's DROP COLUMN (3.35+) keeps the table, and with it the search triggers
        for column in ("source_id", "source", "extras"):
            op.execute(f"ALTER TABLE tasks DROP COLUMN {column}")
    else:
        for column in ("source_id", "source", "extras"):
            op.drop_column("tasks", column)
