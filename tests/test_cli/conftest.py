"""The shell tests' own home and database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers import cli_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment whose user directories are all under the test's directory."""
    return cli_env(tmp_path)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the test's database file goes (not made yet)."""
    return tmp_path / "todo.db"
