"""Reminders: a task's reminders, the record of each firing, and how far each channel looked.

`reminders` holds a task's reminders (minutes before its due, or a fixed moment).
`reminder_firings` records each reminder fired, per channel (`tui`: any open app; `cli`:
`todo-tui remind`), with a unique key on (channel, task, occurrence, reminder): the insert is
the claim, so however many instances are open, one shows it. `reminder_marks` says where each
channel's next look for due reminders starts (what came due before it was dealt with).

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from todo_tui.db.models import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("task_id", sa.String(32), nullable=False),
        sa.Column("minutes_before", sa.Integer(), nullable=True),
        sa.Column("at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], ondelete="CASCADE",
                                name=op.f("fk_reminders_task_id_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    op.create_index("ix_reminders_task_id", "reminders", ["task_id"])
    op.create_index("ix_reminders_at", "reminders", ["at"])
    op.create_table(
        "reminder_firings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("task_id", sa.String(32), nullable=False),
        sa.Column("occurrence", UTCDateTime(), nullable=False),
        sa.Column("reminder", sa.String(40), nullable=False),
        sa.Column("fired_at", UTCDateTime(), nullable=False),
        sa.Column("origin", sa.String(100), nullable=False),
        sa.Column("snoozed_until", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], ondelete="CASCADE",
                                name=op.f("fk_reminder_firings_task_id_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_firings")),
        sa.UniqueConstraint("channel", "task_id", "occurrence", "reminder",
                            name="uq_reminder_firings_once"),
    )
    op.create_index("ix_reminder_firings_snoozed", "reminder_firings",
                    ["channel", "snoozed_until"])
    op.create_index("ix_reminder_firings_task_id", "reminder_firings", ["task_id"])
    op.create_table(
        "reminder_marks",
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("checked_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", name=op.f("pk_reminder_marks")),
    )


def downgrade() -> None:
    op.drop_table("reminder_marks")
    op.drop_index("ix_reminder_firings_task_id", table_name="reminder_firings")
    op.drop_index("ix_reminder_firings_snoozed", table_name="reminder_firings")
    op.drop_table("reminder_firings")
    op.drop_index("ix_reminders_at", table_name="reminders")
    op.drop_index("ix_reminders_task_id", table_name="reminders")
    op.drop_table("reminders")
