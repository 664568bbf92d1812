"""The README documents what the app really does: every key and the whole capture grammar."""

from __future__ import annotations

from pathlib import Path

from todo_tui.capture import GRAMMAR_HELP
from todo_tui.ui.keys import KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_command_quick_start() -> None:
    quick = README.split("## Quick start", 1)[1].split("```")[1]
    assert quick.strip().splitlines() == ["make run", "make test"]


def test_readme_lists_every_key() -> None:
    for _section, rows in KEYS:
        for key, what in rows:
            assert f"| `{key}` | {what} |" in README


def test_readme_documents_the_whole_grammar() -> None:
    assert GRAMMAR_HELP.rstrip() in README


def test_readme_screenshots_exist() -> None:
    root = Path(__file__).resolve().parents[1]
    for name in ("main-120x35", "main-80x24", "quick-capture", "edit-form", "help"):
        assert f"screenshots/{name}.svg" in README
        assert (root / "screenshots" / f"{name}.svg").is_file()


def test_readme_lists_every_setting() -> None:
    from todo_tui.settings.registry import readme_table

    assert readme_table() in README


def test_the_readmes_example_settings_file_is_all_good(tmp_path: Path) -> None:
    from todo_tui import settings
    from todo_tui.ui.keymap import Keymap

    example = README.split("# ~/.config/todo-tui/config.toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    loaded = settings.load(path, env={})
    keymap = Keymap(loaded)
    keymap.install()
    try:
        assert [*loaded.problems, *keymap.complete()] == []
        assert loaded["theme"] == "nord" and loaded.themes["paper"]["dark"] is False
    finally:
        keymap.uninstall()
