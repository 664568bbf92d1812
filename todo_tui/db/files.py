"""The files SQLite keeps for a database, and how to open one without writing (stdlib only)."""

from __future__ import annotations

from pathlib import Path


def sidecar(path: Path, suffix: str) -> Path:
    """The -wal, -shm or -journal file SQLite keeps next to `path`."""
    return path.with_name(path.name + suffix)


def reader_uri(path: Path) -> str:
    """An SQLite URI that opens `path` without ever writing to it or next to it.

    A read-only connection to a WAL database creates -wal and -shm files when they are
    missing, readable only (a later read-write open then fails with "attempt to write a
    readonly database"). When they are missing no one has the file open in WAL mode,
    so it is opened immutable instead, which creates nothing.
    """
    quoted = str(path.absolute()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    if sidecar(path, "-wal").exists() or sidecar(path, "-shm").exists():
        return f"file:{quoted}?mode=ro"
    return f"file:{quoted}?mode=ro&immutable=1"
