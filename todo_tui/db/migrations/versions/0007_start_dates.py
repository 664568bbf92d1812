"""Start dates: a task may wait for a day before it shows in the lists.

`tasks.start_date` is the local day a task starts (NULL: it has always started). Before it,
an open task is in no list but All and the new Scheduled list. Every list index of 0003 gains
`start_date` as its last column, so the lists and counts that leave waiting tasks out decide
it from the index without reading a task row; `ix_tasks_start` serves the Scheduled list.
A plain ALTER TABLE (no batch copy on SQLite: that would drop the search triggers of 0003).
On SQLite `search_rows` (0003) copies `start_date` too, kept by its triggers, so a search's
count in a list that leaves waiting tasks out still reads no task row.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# (name, columns) as 0003 made them: "-x" is x descending; "(x IS NULL)" and "lower(x)" are
# expressions
BEFORE = {
    "ix_tasks_status_due": ["status", "due_date", "-priority", "due_at", "position", "id"],
    "ix_tasks_category_status": ["category_id", "status", "(due_date IS NULL)", "due_date",
                                 "-priority", "due_at", "position", "id"],
    "ix_tasks_category_manual": ["category_id", "status", "position", "id"],
    "ix_tasks_smart": ["status", "(due_date IS NULL)", "due_date", "-priority", "due_at",
                       "position", "id"],
    "ix_tasks_due": ["status", "(due_date IS NULL)", "due_date", "due_at", "position", "id"],
    "ix_tasks_priority": ["status", "-priority", "(due_date IS NULL)", "due_date", "position",
                          "id"],
    "ix_tasks_created": ["status", "-created_at", "id"],
    "ix_tasks_title": ["status", "lower(title)", "position", "id"],
    "ix_tasks_manual": ["status", "position", "id"],
}
AFTER = {name: [*columns, "start_date"] for name, columns in BEFORE.items()}
SCHEDULED = ("ix_tasks_start", ["status", "start_date", "id"])


ROW_OF = "(SELECT id FROM search_rows WHERE task_id = {task})"
TAGS_OF = (
    "(SELECT coalesce(group_concat(g.name, ' '), '') FROM task_tags tt "
    "JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = {task})"
)
CATEGORY_OF = "coalesce((SELECT name FROM categories WHERE id = {category}), '')"


def _search_triggers(copied: list[str]) -> list[str]:
    """0003's triggers that copy task columns into search_rows, copying `copied`."""
    names = ", ".join(copied)
    values = ", ".join(f"new.{name}" for name in copied)
    changed = " OR ".join(f"old.{name} IS NOT new.{name}" for name in copied)
    assigned = ", ".join(f"{name} = new.{name}" for name in copied)
    return [
        "DROP TRIGGER IF EXISTS search_task_insert",
        f"""CREATE TRIGGER search_task_insert AFTER INSERT ON tasks BEGIN
        INSERT INTO search_rows (task_id, {names}) VALUES (new.id, {values});
        INSERT INTO search_fts (rowid, title, notes, tags, category) VALUES (
            {ROW_OF.format(task="new.id")}, new.title, new.notes,
            {TAGS_OF.format(task="new.id")}, {CATEGORY_OF.format(category="new.category_id")});
    END""",
        "DROP TRIGGER IF EXISTS search_task_filed",
        f"""CREATE TRIGGER search_task_filed AFTER UPDATE OF {names} ON tasks
    WHEN {changed}
    BEGIN
        UPDATE search_rows SET {assigned} WHERE task_id = new.id;
    END""",
    ]


COPIED_BEFORE = ["status", "category_id", "due_date"]
COPIED_AFTER = [*COPIED_BEFORE, "start_date"]


def _index_sql(name: str, columns: list[str], postgres: bool) -> str:
    parts = []
    for column in columns:
        if column.startswith("-"):
            parts.append(f"{column[1:]} DESC")
        elif column == "due_at" and postgres:
            parts.append("due_at NULLS FIRST")  # SQLite's order for NULLs, which queries ask for
        else:
            parts.append(column)
    return f"CREATE INDEX {name} ON tasks ({', '.join(parts)})"


def _rebuild(indexes: dict[str, list[str]]) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, columns in indexes.items():
        op.drop_index(name, table_name="tasks")
        op.execute(_index_sql(name, columns, postgres))


def upgrade() -> None:
    op.add_column("tasks", sa.Column("start_date", sa.Date(), nullable=True))
    _rebuild(AFTER)
    op.execute(_index_sql(*SCHEDULED, postgres=False))
    _tree_index(["category_id", "status", "parent_id", "start_date"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE search_rows ADD COLUMN start_date DATE")  # NULL, as in tasks
        for statement in _search_triggers(COPIED_AFTER):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _search_triggers(COPIED_BEFORE):
            op.execute(statement)
        op.execute("ALTER TABLE search_rows DROP COLUMN start_date")
    op.drop_index(SCHEDULED[0], table_name="tasks")
    _tree_index(["category_id", "status", "parent_id"])
    _rebuild(BEFORE)
    op.drop_column("tasks", "start_date")


def _tree_index(columns: list[str]) -> None:
    """0006's index of subtasks, ending in the start day too: whether a list holds any
    subtask (a list leaves waiting tasks out) stays one seek that reads no row."""
    op.drop_index("ix_tasks_tree", table_name="tasks")
    op.create_index("ix_tasks_tree", "tasks", columns,
                    sqlite_where=sa.text("parent_id IS NOT NULL"),
                    postgresql_where=sa.text("parent_id IS NOT NULL"))
