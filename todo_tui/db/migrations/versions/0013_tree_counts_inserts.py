"""PostgreSQL works out an inserted task's tree counts again instead of adding to them, and
counts every tree afresh once (SQLite's counts were right and are left as they are).

PostgreSQL runs a statement's row triggers after all its rows are in. 0012's trigger added an
inserted subtask's share to its parent, and worked an inserted task's own count out from the
subtasks already there: one INSERT of a parent and its subtasks (a repeating parent's next
occurrence, an import, any writer) counted each subtask twice, once in its parent's own count
and once as it was added. An insert now sets the inserted task's count and its parent's to what
their subtasks' rows say, which is right whatever the order the rows and their triggers come in;
an update or a delete still moves the change of a task's share on up (those add up whatever the
order). SQLite runs a row's trigger as the row goes in, so its 0012 triggers were right.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# a task's share of its parent's count, as a row of tasks named `row` (old, new, c)
SHARE = ("(CASE WHEN {row}.status = 'open' THEN 1 + CASE WHEN {row}.collapsed THEN 0 "
         "ELSE {row}.open_below END ELSE 0 END)")
CHILDREN = ("(SELECT coalesce(sum(" + SHARE.format(row="c") + "), 0) "
            "FROM tasks AS c WHERE c.parent_id = {task})")
# every task's count from scratch: the pairs (task, open subtask it shows when expanded)
COUNT_ALL = [
    "UPDATE tasks SET open_below = 0 WHERE open_below <> 0",
    """WITH RECURSIVE shown(above, id) AS (
        SELECT parent_id, id FROM tasks WHERE parent_id IS NOT NULL AND status = 'open'
        UNION ALL
        SELECT shown.above, c.id FROM shown
        JOIN tasks AS p ON p.id = shown.id
        JOIN tasks AS c ON c.parent_id = p.id
        WHERE NOT p.collapsed AND c.status = 'open'
    )
    UPDATE tasks SET open_below = counted.n
    FROM (SELECT above, count(*) AS n FROM shown GROUP BY above) AS counted
    WHERE tasks.id = counted.above""",
]

FUNCTION = f"""CREATE OR REPLACE FUNCTION tasks_tree_count() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    before_share integer := 0;
    after_share integer := 0;
    counted integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- set, never added to: the statement's other rows (this task's subtasks, its
        -- parent) are in already, and their own triggers may have run or not yet
        counted := {CHILDREN.format(task="NEW.id")};
        UPDATE tasks SET open_below = counted WHERE id = NEW.id AND open_below <> counted;
        IF NEW.parent_id IS NOT NULL THEN
            counted := {CHILDREN.format(task="NEW.parent_id")};
            UPDATE tasks SET open_below = counted
            WHERE id = NEW.parent_id AND open_below <> counted;
        END IF;
        RETURN NULL;
    END IF;
    IF OLD.parent_id IS NOT NULL THEN
        before_share := {SHARE.format(row="OLD")};
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.parent_id IS NOT NULL THEN
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
$$"""
TRIGGER = """CREATE TRIGGER tree_count AFTER INSERT OR DELETE
OR UPDATE OF status, collapsed, open_below, parent_id ON tasks
FOR EACH ROW EXECUTE FUNCTION tasks_tree_count()"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # the counts afresh with no trigger to pass the recount on, then the trigger again
    op.execute("DROP TRIGGER IF EXISTS tree_count ON tasks")
    for statement in COUNT_ALL:
        op.execute(statement)
    op.execute(FUNCTION)
    op.execute(TRIGGER)


def downgrade() -> None:
    # 0012's own downgrade drops the function and the trigger by name; putting back its
    # double-counting insert would only break the counts again
    pass
