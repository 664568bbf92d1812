"""Unsaved work kept across a lost connection or a kill: written at the signal, offered
back at the next start. One small JSON file per database, in the user's state directory."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

ENV_DRAFTS = "TODO_TUI_DRAFTS_DIR"


def drafts_dir() -> Path:
    override = os.environ.get(ENV_DRAFTS, "").strip()
    if override:
        return Path(override)
    from todo_tui.config import state_dir

    return state_dir() / "drafts"


def draft_path(db_url: str) -> Path:
    digest = hashlib.sha256(db_url.encode("utf-8")).hexdigest()[:20]
    return drafts_dir() / f"{digest}.json"


def save_drafts(db_url: str, drafts: list[dict[str, Any]]) -> Path | None:
    """Write the drafts atomically (mode 0600); nothing is written for an empty list."""
    if not drafts:
        return None
    path = draft_path(db_url)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".draft-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"db_url": db_url, "drafts": drafts}, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def take_drafts(db_url: str) -> list[dict[str, Any]]:
    """The drafts kept for this database, removed from disk as they are read."""
    path = draft_path(db_url)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        return []
    path.unlink(missing_ok=True)
    drafts = data.get("drafts") if isinstance(data, dict) else None
    return [d for d in drafts if isinstance(d, dict)] if isinstance(drafts, list) else []
