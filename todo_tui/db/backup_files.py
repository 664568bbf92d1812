"""The backups of an SQLite database as files: where they live, what their names say, which
is the newest, and whether today's automatic one is still due (it only reads).

They live in `backups/` next to the database (mode 0700, files 0600), named
`<name>-<YYYYmmdd-HHMMSS>-<reason>.db` in local time. Making and restoring them is
db/backup.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from todo_tui import clock

ENV_KEEP = "TODO_TUI_BACKUPS"
DEFAULT_KEEP = 7
DIRECTORY = "backups"
DAILY, BEFORE_UPGRADE, BEFORE_RESTORE, MANUAL = (
    "daily", "before-upgrade", "before-restore", "manual")
DAMAGED = "damaged"  # the raw bytes of a database SQLite could not copy; never "the newest"
AUTOMATIC = frozenset({DAILY, BEFORE_UPGRADE, BEFORE_RESTORE})
STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    """One snapshot file and what its name says about it."""

    path: Path
    taken: datetime  # local time, naive, as in the name
    reason: str
    serial: int


def backup_dir(db_path: Path) -> Path:
    """The `backups/` directory next to the database."""
    return db_path.parent / DIRECTORY


def keep_count() -> int:
    """How many automatic snapshots to keep: the `backups` setting ($TODO_TUI_BACKUPS, else
    the settings file, else 7; 0: no daily one)."""
    from todo_tui.settings import current

    value = current()["backups"]
    return value if isinstance(value, int) else DEFAULT_KEEP


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(stem)}-(\d{{8}}-\d{{6}})-([a-z]+(?:-[a-z]+)*)(?:-(\d+))?\.db"
    )


def list_backups(db_path: Path) -> list[Backup]:
    """The snapshots of `db_path` in its backups directory, newest first."""
    pattern = _pattern(db_path.stem)
    found = []
    try:
        entries = list(backup_dir(db_path).iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            taken = datetime.strptime(match[1], STAMP)
        except ValueError:
            continue
        found.append(Backup(entry, taken, match[2], int(match[3] or 1)))
    return sorted(found, key=lambda b: (b.taken, b.serial), reverse=True)


def newest_backup(db_path: Path) -> Path | None:
    """The newest snapshot that can be restored (raw copies of damaged files do not count)."""
    backups = [b for b in list_backups(db_path) if b.reason != DAMAGED]
    return backups[0].path if backups else None


def daily_due(db_path: Path) -> bool:
    """Whether no automatic snapshot was taken today (and daily ones are wanted)."""
    today = clock.now().date()
    return keep_count() > 0 and not any(b.reason in AUTOMATIC and b.taken.date() == today
                                        for b in list_backups(db_path))
