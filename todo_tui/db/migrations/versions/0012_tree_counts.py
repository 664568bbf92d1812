"""Each task carries how many rows its open subtasks show under it: a tree list is paged
without walking its subtasks.

`tasks.open_below` is, for every task, the number of its open subtasks that an expanded task
shows under it: each open child, and under each open child that is not collapsed, that
child's own `open_below` (a task's own collapsed state does not change its count; its
parent's count leaves out what a collapsed task hides). A tree list (service/tree.py) then
knows the size of each top-level task's tree, and the list's length, from the task rows and
one index, whatever the depth.

The database keeps the counts, whoever writes and however (the ORM, a bulk UPDATE, undo,
an import, another instance): triggers on tasks move a change of a task's share (open,
collapsed, its own count, its parent) to its parent, and the parent's trigger on to its
parent. SQLite runs a trigger again from within itself only with `PRAGMA recursive_triggers`
on, which db/engine.py sets on every connection. An inserted task's own count is worked out
from the subtasks already there (tasks.parent_id has no foreign key: an undo or an import may
add a subtask before its parent).

`ix_tasks_parents` (tasks that have open subtasks, by list) sums a list's counts from the
index alone.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# a task's share of its parent's count, as a row of tasks named `row` (old, new, c)
SHARE = ("(CASE WHEN {row}.status = 'open' THEN 1 + CASE WHEN {row}.collapsed THEN 0 "
         "ELSE {row}.open_below END ELSE 0 END)")
CHILDREN = ("(SELECT coalesce(sum(" + SHARE.format(row="c") + "), 0) "
            "FROM tasks AS c WHERE c.parent_id = {task})")
# every task's count from scratch: the pairs (task, open subtask it shows when expanded)
COUNT_ALL = """
WITH RECURSIVE shown(above, id) AS (
    SELECT parent_id, id FROM tasks WHERE parent_id IS NOT NULL AND status = 'open'
    UNION ALL
    SELECT shown.above, c.id FROM shown
    JOIN tasks AS p ON p.id = shown.id
    JOIN tasks AS c ON c.parent_id = p.id
    WHERE {not_collapsed} AND c.status = 'open'
)
UPDATE tasks SET open_below = counted.n
FROM (SELECT above, count(*) AS n FROM shown GROUP BY above) AS counted
WHERE tasks.id = counted.above
"""

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER tree_count_insert AFTER INSERT ON tasks BEGIN
        UPDATE tasks SET open_below = {CHILDREN.format(task="new.id")}
        WHERE id = new.id AND open_below IS NOT {CHILDREN.format(task="new.id")};
        UPDATE tasks SET open_below = open_below + {SHARE.format(row="new")}
        WHERE id = new.parent_id;
    END""",
    f"""CREATE TRIGGER tree_count_delete AFTER DELETE ON tasks
    WHEN old.parent_id IS NOT NULL AND old.status = 'open'
    BEGIN
        UPDATE tasks SET open_below = open_below - {SHARE.format(row="old")}
        WHERE id = old.parent_id;
    END""",
    f"""CREATE TRIGGER tree_count_update
    AFTER UPDATE OF status, collapsed, open_below, parent_id ON tasks
    WHEN old.parent_id IS NOT new.parent_id
        OR {SHARE.format(row="old")} != {SHARE.format(row="new")}
    BEGIN
        UPDATE tasks SET open_below = open_below - {SHARE.format(row="old")}
        WHERE id = old.parent_id;
        UPDATE tasks SET open_below = open_below + {SHARE.format(row="new")}
        WHERE id = new.parent_id;
    END""",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}"
               for name in ("tree_count_insert", "tree_count_delete", "tree_count_update")]

POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION tasks_tree_count() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        before_share integer := 0;
        after_share integer := 0;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            UPDATE tasks SET open_below = {CHILDREN.format(task="NEW.id")}
            WHERE id = NEW.id AND open_below IS DISTINCT FROM {CHILDREN.format(task="NEW.id")};
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.parent_id IS NOT NULL THEN
            before_share := {SHARE.format(row="OLD")};
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.parent_id IS NOT NULL THEN
            after_share := {SHARE.format(row="NEW")};
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.parent_id IS NOT DISTINCT FROM NEW.parent_id THEN
            IF after_share <> before_share THEN
                UPDATE tasks SET open_below = open_below + after_share - before_share
                WHERE id = NEW.parent_id;
            END IF;
        ELSE
            IF before_share <> 0 THEN
                UPDATE tasks SET open_below = open_below - before_share
                WHERE id = OLD.parent_id;
            END IF;
            IF after_share <> 0 THEN
                UPDATE tasks SET open_below = open_below + after_share
                WHERE id = NEW.parent_id;
            END IF;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER tree_count AFTER INSERT OR DELETE
    OR UPDATE OF status, collapsed, open_below, parent_id ON tasks
    FOR EACH ROW EXECUTE FUNCTION tasks_tree_count()""",
]
POSTGRESQL_DROP = ["DROP TRIGGER IF EXISTS tree_count ON tasks",
                   "DROP FUNCTION IF EXISTS tasks_tree_count()"]

PARENTS_COLUMNS = ["category_id", "status", "parent_id", "start_date", "collapsed",
                   "open_below"]
PARENTS_WHERE = "open_below > 0"


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy on SQLite: that would drop the search triggers)
    op.add_column("tasks", sa.Column("open_below", sa.Integer(), nullable=False,
                                     server_default=sa.text("0")))
    postgresql = op.get_bind().dialect.name == "postgresql"
    # the counts first, then the triggers that keep them (the count's UPDATE must not fire them)
    op.execute(COUNT_ALL.format(not_collapsed="NOT p.collapsed" if postgresql
                                else "p.collapsed = 0"))
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)
    op.create_index("ix_tasks_parents", "tasks", PARENTS_COLUMNS,
                    sqlite_where=sa.text(PARENTS_WHERE),
                    postgresql_where=sa.text(PARENTS_WHERE))


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.drop_index("ix_tasks_parents", table_name="tasks")
    for statement in POSTGRESQL_DROP if postgresql else SQLITE_DROP:
        op.execute(statement)
    # in place (SQLite 3.35+; a batch copy would drop the search triggers), once no trigger
    # or index names it
    op.drop_column("tasks", "open_below")
