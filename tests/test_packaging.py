"""Packaging: the app installs with only its own dependencies, and builds without warnings
about its metadata."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DEV_TOOLS = ("pytest", "syrupy", "hypothesis", "ruff", "mypy", "import-linter", "textual-dev")


def _name(requirement: str) -> str:
    for stop in "[<>=!~; ":
        requirement = requirement.split(stop, 1)[0]
    return requirement.strip().lower()


def test_running_the_app_needs_none_of_the_dev_tools() -> None:
    runtime = {_name(requirement) for requirement in PROJECT["dependencies"]}
    assert "textual" in runtime
    dev = {_name(requirement) for requirement in PROJECT["optional-dependencies"]["dev"]}
    for tool in DEV_TOOLS:
        assert not any(name.startswith(tool) for name in runtime), tool
        assert any(name.startswith(tool) for name in dev), tool


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_installs_the_app_without_its_dev_extras() -> None:
    plan = subprocess.run(
        ["make", "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "pip install" in plan
    assert "[dev]" not in plan
    plan = subprocess.run(
        ["make", "-n", "-B", "unit"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "'.[dev]'" in plan


def test_the_license_is_an_spdx_expression() -> None:
    assert PROJECT["license"] == "MIT"


def test_building_the_package_warns_about_nothing_in_its_metadata(tmp_path: Path) -> None:
    # a copy, so the build leaves nothing in the checkout; the venv's own setuptools (a dev
    # tool) builds it, so the test needs no network
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "todo_tui", source / "todo_tui", ignore=shutil.ignore_patterns("__pycache__")
    )
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    assert "license" not in output.lower(), output
    assert list((tmp_path / "dist").glob("todo_tui-*.whl"))
