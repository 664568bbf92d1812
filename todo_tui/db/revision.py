"""The schema revision this version writes (the newest in migrations/versions).

A module of its own, free of SQLAlchemy, so the TUI's first look at the database (db/peek.py)
can check it before the database layer is imported.
"""

HEAD_REVISION = "0013"
