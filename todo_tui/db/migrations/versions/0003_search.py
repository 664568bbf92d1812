"""Search and scale: full-text search, list indexes for every sort, list prefs, saved views.

- SQLite: an FTS5 trigram table `search_fts` over each task's title, notes, tag names and
  category name, kept exact by triggers on tasks, task_tags, tags and categories; its rowid
  is `search_rows.id` (stable across VACUUM, unlike a plain table's rowid). `search_rows`
  also copies the columns the lists filter on (status, category, due date), so counting a
  search's matches in a list reads no task rows.
  A later migration that rebuilds `tasks` (Alembic batch mode copies and renames the table)
  drops these triggers with it and must create them again.
- PostgreSQL: pg_trgm GIN indexes on the same columns, for ILIKE '%text%'.
- Indexes whose columns are a list's filter then a sort's keys, so pages are index walks.
- `list_prefs` (the sort chosen per list) and `saved_views` (searches saved by name).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from todo_tui.db.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TAGS_OF = (
    "(SELECT coalesce(group_concat(g.name, ' '), '') FROM task_tags tt "
    "JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = {task})"
)
ROW_OF = "(SELECT id FROM search_rows WHERE task_id = {task})"
CATEGORY_OF = "coalesce((SELECT name FROM categories WHERE id = {category}), '')"

SQLITE_SEARCH = [
    # copies of the columns the lists filter on, so a search's count never leaves the index
    """CREATE TABLE search_rows (
        id INTEGER PRIMARY KEY, task_id VARCHAR(32) NOT NULL UNIQUE,
        status VARCHAR(8) NOT NULL, category_id VARCHAR(32), due_date DATE)""",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, notes, tags, category, "
    "tokenize = 'trigram')",
    f"""CREATE TRIGGER search_task_insert AFTER INSERT ON tasks BEGIN
        INSERT INTO search_rows (task_id, status, category_id, due_date)
            VALUES (new.id, new.status, new.category_id, new.due_date);
        INSERT INTO search_fts (rowid, title, notes, tags, category) VALUES (
            {ROW_OF.format(task="new.id")}, new.title, new.notes,
            {TAGS_OF.format(task="new.id")}, {CATEGORY_OF.format(category="new.category_id")});
    END""",
    f"""CREATE TRIGGER search_task_update AFTER UPDATE OF title, notes, category_id ON tasks
    WHEN old.title IS NOT new.title OR old.notes IS NOT new.notes
        OR old.category_id IS NOT new.category_id
    BEGIN
        UPDATE search_fts SET title = new.title, notes = new.notes,
            category = {CATEGORY_OF.format(category="new.category_id")}
        WHERE rowid = {ROW_OF.format(task="new.id")};
    END""",
    """CREATE TRIGGER search_task_filed AFTER UPDATE OF status, category_id, due_date ON tasks
    WHEN old.status IS NOT new.status OR old.category_id IS NOT new.category_id
        OR old.due_date IS NOT new.due_date
    BEGIN
        UPDATE search_rows SET status = new.status, category_id = new.category_id,
            due_date = new.due_date
        WHERE task_id = new.id;
    END""",
    """CREATE TRIGGER search_task_rekey AFTER UPDATE OF id ON tasks WHEN old.id IS NOT new.id
    BEGIN
        UPDATE search_rows SET task_id = new.id WHERE task_id = old.id;
    END""",
    f"""CREATE TRIGGER search_task_delete AFTER DELETE ON tasks BEGIN
        DELETE FROM search_fts WHERE rowid = {ROW_OF.format(task="old.id")};
        DELETE FROM search_rows WHERE task_id = old.id;
    END""",
    f"""CREATE TRIGGER search_tag_link AFTER INSERT ON task_tags BEGIN
        UPDATE search_fts SET tags = {TAGS_OF.format(task="new.task_id")}
        WHERE rowid = {ROW_OF.format(task="new.task_id")};
    END""",
    f"""CREATE TRIGGER search_tag_unlink AFTER DELETE ON task_tags BEGIN
        UPDATE search_fts SET tags = {TAGS_OF.format(task="old.task_id")}
        WHERE rowid = {ROW_OF.format(task="old.task_id")};
    END""",
    f"""CREATE TRIGGER search_tag_relink AFTER UPDATE ON task_tags BEGIN
        UPDATE search_fts SET tags = {TAGS_OF.format(task="old.task_id")}
        WHERE rowid = {ROW_OF.format(task="old.task_id")};
        UPDATE search_fts SET tags = {TAGS_OF.format(task="new.task_id")}
        WHERE rowid = {ROW_OF.format(task="new.task_id")};
    END""",
    f"""CREATE TRIGGER search_tag_rename AFTER UPDATE OF name ON tags
    WHEN old.name IS NOT new.name
    BEGIN
        UPDATE search_fts SET tags = {TAGS_OF.format(
            task="(SELECT task_id FROM search_rows WHERE id = search_fts.rowid)")}
        WHERE rowid IN (SELECT r.id FROM task_tags tt JOIN search_rows r
                        ON r.task_id = tt.task_id WHERE tt.tag_id = new.id);
    END""",
    """CREATE TRIGGER search_category_rename AFTER UPDATE OF name ON categories
    WHEN old.name IS NOT new.name
    BEGIN
        UPDATE search_fts SET category = new.name
        WHERE rowid IN (SELECT r.id FROM tasks t JOIN search_rows r ON r.task_id = t.id
                        WHERE t.category_id = new.id);
    END""",
    # with foreign keys on, deleting a category sets its tasks' category_id to NULL (and
    # search_task_update follows); this covers a connection that runs without them
    """CREATE TRIGGER search_category_delete AFTER DELETE ON categories BEGIN
        UPDATE search_fts SET category = ''
        WHERE rowid IN (SELECT r.id FROM tasks t JOIN search_rows r ON r.task_id = t.id
                        WHERE t.category_id = old.id);
    END""",
    """INSERT INTO search_rows (task_id, status, category_id, due_date)
        SELECT id, status, category_id, due_date FROM tasks ORDER BY rowid""",
    f"""INSERT INTO search_fts (rowid, title, notes, tags, category)
        SELECT r.id, t.title, t.notes, {TAGS_OF.format(task="t.id")},
               {CATEGORY_OF.format(category="t.category_id")}
        FROM search_rows r JOIN tasks t ON t.id = r.task_id""",
]
SQLITE_SEARCH_DOWN = [
    "DROP TRIGGER IF EXISTS " + name for name in (
        "search_task_insert", "search_task_update", "search_task_filed", "search_task_rekey",
        "search_task_delete",
        "search_tag_link", "search_tag_unlink", "search_tag_relink", "search_tag_rename",
        "search_category_rename", "search_category_delete",
    )
] + ["DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_rows"]

POSTGRES_TRIGRAM = {
    "ix_tasks_title_trgm": ("tasks", "title"),
    "ix_tasks_notes_trgm": ("tasks", "notes"),
    "ix_tags_name_trgm": ("tags", "name"),
    "ix_categories_name_trgm": ("categories", "name"),
}

# (name, columns): "-x" is x descending; "(x IS NULL)" and "lower(x)" are expressions
LIST_INDEXES = {
    "ix_tasks_status_due": ["status", "due_date", "-priority", "due_at", "position", "id"],
    "ix_tasks_category_status": ["category_id", "status", "(due_date IS NULL)", "due_date",
                                 "-priority", "due_at", "position", "id"],
    "ix_tasks_category_manual": ["category_id", "status", "position", "id"],
    "ix_tasks_completed_at": ["status", "-completed_at", "id"],
    "ix_tasks_smart": ["status", "(due_date IS NULL)", "due_date", "-priority", "due_at",
                       "position", "id"],
    "ix_tasks_due": ["status", "(due_date IS NULL)", "due_date", "due_at", "position", "id"],
    "ix_tasks_priority": ["status", "-priority", "(due_date IS NULL)", "due_date", "position",
                          "id"],
    "ix_tasks_created": ["status", "-created_at", "id"],
    "ix_tasks_title": ["status", "lower(title)", "position", "id"],
    "ix_tasks_manual": ["status", "position", "id"],
}
REPLACED = {  # the 0002 indexes these replace, as they were
    "ix_tasks_status_due": ["status", "due_date", "priority"],
    "ix_tasks_category_status": ["category_id", "status", "position"],
    "ix_tasks_completed_at": ["completed_at"],
}


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


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "list_prefs",
        sa.Column("list_key", sa.String(80), nullable=False),
        sa.Column("sort", sa.String(16), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("list_key", name=op.f("pk_list_prefs")),
    )
    op.create_table(
        "saved_views",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("scope", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
        sa.UniqueConstraint("name_key", name=op.f("uq_saved_views_name_key")),
    )
    for name in REPLACED:
        op.drop_index(name, table_name="tasks")
    for name, columns in LIST_INDEXES.items():
        op.execute(_index_sql(name, columns, dialect == "postgresql"))
    if dialect == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, (table, column) in POSTGRES_TRIGRAM.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_SEARCH_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        for name in POSTGRES_TRIGRAM:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in LIST_INDEXES:
        op.drop_index(name, table_name="tasks")
    for name, columns in REPLACED.items():
        op.create_index(name, "tasks", columns)
    op.drop_table("saved_views")
    op.drop_table("list_prefs")
