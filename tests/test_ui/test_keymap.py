"""The key map: every Binding of the UI's classes is an action [keys] can move, found by
walking the classes (nothing lists them by hand), per context; moved and put back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.screen import ModalScreen

from todo_tui import settings
from todo_tui.ui.commands import COMMANDS
from todo_tui.ui.keymap import (
    Keymap,
    action_name,
    actions_of,
    context_classes,
    live_text,
    load_all,
    normalize_key,
)


def keymap(tmp_path: Path, text: str) -> Keymap:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return Keymap(settings.use(settings.load(path, env={})), palette=COMMANDS)


@pytest.mark.parametrize(("typed", "key"), [
    ("x", "x"), ("X", "X"), ("?", "question_mark"), ("/", "slash"), ("ctrl+z", "ctrl+z"),
    ("Ctrl+Z", "ctrl+z"), ("alt+shift+f5", "alt+shift+f5"), ("F12", "f12"), ("enter", "enter"),
    ("space", "space"), ("shift+tab", "shift+tab"), ("question_mark", "question_mark"),
    ("ctrl+/", "ctrl+slash"), ("pagedown", "pagedown"),
])
def test_keys_as_textual_names_them(typed: str, key: str) -> None:
    assert normalize_key(typed) == key


@pytest.mark.parametrize("typed", ["", "ctrl+", "cmd+x", "enterr", "hyperspace"])
def test_what_is_no_key(typed: str) -> None:
    assert normalize_key(typed) is None


def test_every_context_is_found_by_walking_the_classes() -> None:
    load_all()
    contexts = context_classes()
    assert {"app", "main", "task_list", "lists_pane", "search_box", "capture", "edit_form",
            "confirm", "picker", "help", "conflict", "prompt", "theme"} <= set(contexts)
    assert actions_of(contexts["main"])["undo"].default == ("u", "ctrl+z")
    assert actions_of(contexts["task_list"])["done"].default == ("space", "x")
    assert actions_of(contexts["capture"])["save_next"].default == ("ctrl+n",)


def test_a_binding_added_anywhere_is_an_action_at_once() -> None:
    class SnoozeScreen(ModalScreen[None]):
        BINDINGS = [Binding("z", "snooze", "Snooze"), Binding("Z", "snooze_all")]

    SnoozeScreen.__module__ = "todo_tui.ui.screens.snooze"
    contexts = context_classes()
    assert contexts["snooze"] is SnoozeScreen
    assert list(actions_of(SnoozeScreen)) == ["snooze", "snooze_all"]
    assert action_name(Binding("x", "go(1)")) == "go_1"
    assert action_name(Binding("x", "go(-1)")) == "go_minus_1"
    assert action_name(Binding("x", "go", "Go & see", id="custom")) == "custom"


def test_moved_keys_are_put_back_when_the_app_ends(tmp_path: Path) -> None:
    from todo_tui.ui.screens.confirm import ConfirmScreen
    from todo_tui.ui.widgets.task_list import TaskList

    before = dict(TaskList._merged_bindings.key_to_bindings)
    confirm_before = set(ConfirmScreen._merged_bindings.key_to_bindings)
    remap = keymap(tmp_path, '[keys]\nyes = "j"\n[keys.task_list]\ndone = "none"\n')
    remap.install()
    remap.complete()
    assert remap.problems == []
    assert "x" not in TaskList._merged_bindings.key_to_bindings
    keys = set(ConfirmScreen._merged_bindings.key_to_bindings)
    assert keys == confirm_before - {"y"} | {"j"}  # Textual's own tab & co. stay
    remap.uninstall()
    assert dict(TaskList._merged_bindings.key_to_bindings) == before


def test_problems_in_keys_name_the_line(tmp_path: Path) -> None:
    remap = keymap(tmp_path, '[keys]\nundo = "cmd+z"\nfly = "f"\n[keys.nowhere]\nx = "x"\n'
                             '[keys.task_list]\nsnooze = "z"\nedit = "p"\n')
    remap.install()
    problems = [(p.line, p.message) for p in remap.complete()]
    remap.uninstall()
    assert (2, "keys: 'cmd+z': 'cmd' is not a modifier (ctrl+, alt+ and shift+ are, like "
               "ctrl+alt+x); the default keys stay") in problems
    assert any(line == 3 and "keys.fly: no such action" in m for line, m in problems)
    assert any(line == 5 and "keys.nowhere: no such context" in m for line, m in problems)
    assert any(line == 7 and "keys.task_list.snooze: no such action in task_list" in m
               for line, m in problems)
    assert (8, "keys: p is bound to both 'priority' and 'edit' in task_list; it stays on "
               "'priority', and 'edit' keeps its default keys (enter, e)") in problems


def test_a_clash_leaves_the_action_its_default_keys(tmp_path: Path) -> None:
    """The tryout: `done = "d"` (delete's key) left done with no key at all."""
    from todo_tui.ui.widgets.task_list import TaskList

    remap = keymap(tmp_path, '[keys.task_list]\ndone = "d"\n')
    remap.install()
    problems = [(p.line, p.message) for p in remap.complete()]
    try:
        actions = remap.contexts["task_list"]
        assert (actions["done"].keys, actions["done"].source) == (("space", "x"), "default")
        assert actions["delete"].keys == ("d", "delete")
        bindings = TaskList._merged_bindings.key_to_bindings
        assert [b.action for b in bindings["x"]] == [b.action for b in bindings["space"]]
        assert bindings["x"][0].action == actions["done"].action
        assert [b.action for b in bindings["d"]] == [actions["delete"].action]
    finally:
        remap.uninstall()
    assert problems == [(2, "keys: d is bound to both 'delete' and 'done' in task_list; it "
                            "stays on 'delete', and 'done' keeps its default keys (space, x)")]


def test_a_refused_entry_can_refuse_the_one_that_took_its_default(tmp_path: Path) -> None:
    remap = keymap(tmp_path, '[keys.task_list]\ndone = "d"\nedit = "x"\n')
    remap.install()
    problems = [p.message for p in remap.complete()]
    remap.uninstall()
    actions = remap.contexts["task_list"]
    assert actions["done"].keys == ("space", "x")
    assert actions["edit"].keys == actions["edit"].default
    assert len(problems) == 2 and "it stays on 'done', and 'edit' keeps" in problems[1]


@pytest.mark.parametrize("typed", ["ctrl+shift+meta+q", "super+x", "hyper+x", "cmd+x"])
def test_an_unknown_modifier_is_refused(tmp_path: Path, typed: str) -> None:
    assert normalize_key(typed) is None
    remap = keymap(tmp_path, f'[keys.task_list]\ntags = "{typed}"\n')
    remap.install()
    problems = [p.message for p in remap.complete()]
    remap.uninstall()
    modifier = [m for m in typed.split("+") if m not in ("ctrl", "shift")][0]
    assert problems == [f"keys: {typed!r}: {modifier!r} is not a modifier (ctrl+, alt+ and "
                        "shift+ are, like ctrl+alt+x); the default keys stay"]
    assert remap.contexts["task_list"]["tags"].keys == remap.contexts["task_list"]["tags"].default


def test_the_help_texts_follow_the_keys(tmp_path: Path) -> None:
    remap = keymap(tmp_path, '[keys.task_list]\ndown = ["n"]\ndelete = "none"\n'
                             '[keys]\nsearch = "f"\n')
    remap.install()
    remap.complete()
    remap.uninstall()
    assert live_text(remap, ["task_list"], "up/down, j/k") == "up/n, k"
    assert live_text(remap, ["task_list"], "d / delete") == "(none)"
    assert live_text(remap, ["task_list"], "enter / e") == "enter / e"
    assert live_text(remap, ["main"], "/") == "f"
    assert live_text(None, ["main"], "/") == "/"
