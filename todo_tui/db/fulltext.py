"""The full-text search tables migration 0003 keeps in sync with triggers (SQLite).

`search_fts` is an FTS5 table with the trigram tokenizer: one row per task holding its title,
notes, tag names and category name, so any substring of three characters or more is found
through the index. Its rowid is `search_rows.id`, a stable integer per task (a table without
an INTEGER PRIMARY KEY may renumber its rowids on VACUUM, so tasks' own rowids are not used).
On PostgreSQL the same searches use pg_trgm GIN indexes on the columns themselves.

These objects live outside the ORM models: `is_search_object` tells Alembic's comparisons
to leave them alone.
"""

from __future__ import annotations

from sqlalchemy import Date, Integer, String, column, table

search_rows = table(
    "search_rows", column("id", Integer), column("task_id", String), column("status", String),
    column("category_id", String), column("due_date", Date), column("start_date", Date),
)
# the task columns search_rows keeps a copy of (a list filter on these alone counts fast;
# start_date since migration 0007)
COPIED_COLUMNS = ("status", "category_id", "due_date", "start_date")
search_fts = table(
    "search_fts", column("rowid"), column("search_fts"), column("title"), column("notes"),
    column("tags"), column("category"),
)
TRIGRAM = 3  # the shortest text the trigram index can look up


def is_search_object(name: str | None) -> bool:
    """Whether a table or index belongs to full-text search (made by migrations, not models)."""
    return name is not None and (name.startswith("search_") or name.endswith("_trgm"))
