"""The phrasebook (issue 19) through `todo-tui add --dry-run --json`, as a user runs it: one
process per clock and zone, the phrases on standard input, one JSON object per line."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

import pytest

from ..helpers import cli_env, run_cli
from ..test_capture.phrasebook import PHRASES, Phrase, check_json


def _key(phrase: Phrase) -> tuple[str, str]:
    return phrase.now, phrase.zone


GROUPS = [(key, list(group)) for key, group in groupby(sorted(PHRASES, key=_key), key=_key)]


@pytest.mark.parametrize(("key", "phrases"), GROUPS, ids=[f"{k[0]}-{k[1]}" for k, _ in GROUPS])
def test_dry_run_json_reads_each_phrase(
    key: tuple[str, str], phrases: list[Phrase], tmp_path: Path
) -> None:
    now, zone = key
    env = cli_env(tmp_path, TZ=zone, TODO_TUI_NOW=now)
    stdin = "".join(p.text + "\n" for p in phrases)
    ran = run_cli(["--db", tmp_path / "todo.db", "add", "--dry-run", "--json", "-"], env,
                  stdin=stdin)
    assert ran.code == 0, ran.err
    objects = [json.loads(line) for line in ran.out.splitlines()]
    assert len(objects) == len(phrases)
    problems = {p.text: check_json(p, got) for p, got in zip(phrases, objects, strict=True)}
    assert {text: found for text, found in problems.items() if found} == {}


def test_a_duration_is_saved_and_listed(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    db = tmp_path / "todo.db"
    added = run_cli(["--db", db, "add", "--json", "meeting 3pm-4:30pm"], env)
    assert added.code == 0, added.err
    assert json.loads(added.out)["duration_minutes"] == 90
    listed = run_cli(["--db", db, "list"], env)
    assert "for 1 h 30 min" in listed.out
    dry = run_cli(["--db", db, "add", "--dry-run", "pay 12/01 at 13pm"], env)
    assert "not read:  12/01" in dry.out
    assert "'13pm' is not a valid time" in dry.out
