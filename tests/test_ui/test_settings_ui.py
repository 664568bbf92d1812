"""The settings file in the app: keys moved (and shown where they are), the theme picked
from the palette and kept across a restart, each setting taking effect, a bad file told."""

from __future__ import annotations

from pathlib import Path

import pytest

from todo_tui import settings
from todo_tui.domain import ListKind, Status
from todo_tui.errors import NotFoundError
from todo_tui.service import Services
from todo_tui.ui.app import TodoApp, make_app
from todo_tui.ui.screens.help import HelpScreen, keys_table
from todo_tui.ui.widgets.key_bar import KeyBar

from .conftest import SIZE, add, due_today, fresh, notifications, press, settle

pytestmark = pytest.mark.sqlite_only


def configure(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    settings.use(settings.load(path))
    return path


def help_text(app: TodoApp) -> str:
    from rich.console import Console

    console = Console(width=120, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(keys_table(app.keymap))
    return console.export_text()


async def test_a_task_list_key_moved_works_and_the_old_one_does_nothing(
        tmp_path: Path, db_url: str, services: Services) -> None:
    configure(tmp_path, '[keys.task_list]\ndone = ["o", "ctrl+o"]\n')
    task = await add(services, "pay rent", **due_today())
    other = await add(services, "water plants", **due_today())
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        await press(pilot, "space")
        assert (await fresh(services, task.id)).status is Status.OPEN
        await press(pilot, "o")
        assert (await fresh(services, task.id)).status is Status.DONE
        await press(pilot, "ctrl+o")
        assert (await fresh(services, other.id)).status is Status.DONE
        bar = app.main_screen.query_one(KeyBar)
        hints, _ = bar.hints()
        assert ("o", "o", "Done", True) in hints
        assert not any(key in ("space", "x") for key, *_ in hints)


async def test_undo_moved_to_ctrl_u_in_help_key_bar_and_palette(
        tmp_path: Path, db_url: str, services: Services) -> None:
    configure(tmp_path, '# mine\n[keys]\nundo = ["ctrl+u", "f5"]\n')
    task = await add(services, "pay rent", **due_today())
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        assert (await fresh(services, task.id)).priority.value != 0
        await press(pilot, "u")
        assert (await fresh(services, task.id)).priority.value != 0  # u does nothing now
        await press(pilot, "f5")
        assert (await fresh(services, task.id)).priority.value == 0
        text = help_text(app)
        assert "ctrl+u/f5" in text and "u / ctrl+z" not in text
        hints, _ = app.main_screen.query_one(KeyBar).hints()
        assert ("ctrl+u", app.get_key_display(next(
            b for _n, b, _e, _t in app.screen.active_bindings.values()
            if b.action == "undo")), "Undo", True) in hints
        from todo_tui.ui.commands import live_help

        assert live_help(app, "quick capture (a)") == "quick capture (a)"
        assert live_help(app, "undo (u / ctrl+z)") == "undo (ctrl+u/f5)"
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_a_dialog_key_moved(tmp_path: Path, db_url: str, services: Services) -> None:
    configure(tmp_path, '[keys.confirm]\nyes = "j"\n')
    task = await add(services, "pay rent", **due_today())
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "d", "y")  # y no longer says yes
        assert (await fresh(services, task.id)).trashed_at is None
        await press(pilot, "escape", "d", "j")
        with pytest.raises(NotFoundError, match="is in the trash"):
            await fresh(services, task.id)


async def test_two_actions_on_one_key_is_told_naming_both(
        tmp_path: Path, db_url: str, services: Services) -> None:
    path = configure(tmp_path, '[keys.task_list]\nedit = "x"\n')
    task = await add(services, "pay rent", **due_today())
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        told = "\n".join(notifications(app))
        assert f"{path}:2: keys: x is bound to both 'done' and 'edit' in task_list" in told
        await press(pilot, "x")  # still done
        assert (await fresh(services, task.id)).status is Status.DONE


async def test_a_refused_key_leaves_the_action_its_default_keys(
        tmp_path: Path, db_url: str, services: Services) -> None:
    """The tryout: `done = "d"` (delete's key) was refused, and then x and space did nothing."""
    path = configure(tmp_path, '[keys.task_list]\ndone = "d"\n')
    task = await add(services, "pay rent", **due_today())
    other = await add(services, "water plants", **due_today())
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        told = "\n".join(notifications(app))
        assert (f"{path}:2: keys: d is bound to both 'delete' and 'done' in task_list; it stays "
                "on 'delete', and 'done' keeps its default keys (space, x)") in told
        hints, _ = app.main_screen.query_one(KeyBar).hints()
        assert ("space", "space", "Done", True) in hints
        await press(pilot, "x")
        assert (await fresh(services, task.id)).status is Status.DONE
        await press(pilot, "space")
        assert (await fresh(services, other.id)).status is Status.DONE
        assert (await fresh(services, task.id)).status is Status.DONE


async def test_help_moved_to_f1_keeps_quit_on_q_in_the_key_bar_and_q_a_letter(
        tmp_path: Path, db_url: str, services: Services) -> None:
    """The tryout: with `help = "f1"` the bar lost `q Quit`: remapping the app's keys put
    ctrl+c's hidden priority binding of quit on q as well. q stays a letter in a text box."""
    configure(tmp_path, '[keys]\nhelp = "f1"\n')
    app = make_app(db_url)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        hints, _ = app.main_screen.query_one(KeyBar).hints()
        assert ("q", "q", "Quit", True) in hints
        assert ("f1", "f1", "Help", True) in hints
        await press(pilot, "a")
        from todo_tui.ui.screens.capture import CaptureScreen

        assert isinstance(app.screen, CaptureScreen)
        for key in "quiz":
            await press(pilot, key)
        await press(pilot, "enter")
        assert app.is_running
        assert [t.title for t in await services.tasks.all()] == ["quiz"]
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_a_bad_file_never_stops_the_app(tmp_path: Path, db_url: str,
                                              services: Services) -> None:
    path = configure(tmp_path, 'backups = "lots"\nthem = "nord"\n[keys]\nfly = "f"\n')
    await add(services, "pay rent", **due_today())
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        told = [n for n in notifications(app) if str(path) in n]
        assert len(told) == 1
        assert f"{path}:1: backups: 'lots' is not a whole number" in told[0]
        assert f"{path}:2: unknown setting 'them' (did you mean 'theme'?)" in told[0]
        assert f"{path}:4: keys.fly: no such action" in told[0]
        assert app.main_screen.task_list.total == 1


async def test_theme_from_the_palette_is_saved_and_kept_after_a_restart(
        tmp_path: Path, db_url: str, services: Services) -> None:
    path = configure(tmp_path, '# my own comment\nbackups = 3\n\n[keys]\nundo = "u"\n')
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await app.run_action("change_theme")
        await pilot.pause()
        await press(pilot, "home")
        assert app.theme == "ansi-dark"  # the live preview
        await press(pilot, "escape")
        assert app.theme == "textual-dark"  # put back
        await app.run_action("change_theme")
        await pilot.pause()
        await press(pilot, "home", "down", "down")
        assert app.theme == "atom-one-dark"
        await press(pilot, "enter")
    text = path.read_text()
    assert "# my own comment" in text and 'theme = "atom-one-dark"' in text
    assert text.index("theme") < text.index("[keys]")
    settings.use(settings.load(path))
    again = make_app(db_url)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "atom-one-dark"


async def test_the_users_own_theme(tmp_path: Path, db_url: str, services: Services) -> None:
    configure(tmp_path, 'theme = "mine"\n[themes.mine]\nprimary = "#ff8800"\n'
                        'background = "#101010"\ndark = true\n')
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "mine"
        assert app.current_theme.primary == "#ff8800"


async def test_start_list_detail_and_ascii(tmp_path: Path, db_url: str,
                                           services: Services) -> None:
    await add(services, "in the inbox")
    configure(tmp_path, 'start_list = "inbox"\ndetail = "hidden"\nascii = true\n')
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main_screen.ref.kind is ListKind.INBOX
        assert app.main_screen.task_list.total == 1
        assert app.main_screen.has_class("-hide-detail")
        assert app.has_class("-ascii")
        await press(pilot, "i")
        assert not app.main_screen.has_class("-hide-detail")


async def test_no_color_tells_overdue_and_the_cursor_apart_by_type(
        monkeypatch: pytest.MonkeyPatch, db_url: str, services: Services) -> None:
    def styles(app: TodoApp) -> dict[str, tuple[bool, bool, bool]]:
        tasks = app.main_screen.task_list
        found = {}
        for name in ("overdue", "due", "cursor", "meta", "high", "medium"):
            style = tasks.get_component_rich_style(f"task-list--{name}", partial=True)
            found[name] = (bool(style.bold), bool(style.underline), bool(style.reverse))
        return found

    await add(services, "pay rent", **due_today())
    colour = make_app(db_url)
    async with colour.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert styles(colour)["overdue"] == (False, False, False)  # told by its colour
    monkeypatch.setenv("NO_COLOR", "1")
    plain = make_app(db_url)
    async with plain.run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = styles(plain)
        assert found["overdue"] == (True, True, False) != found["due"]
        assert found["cursor"][2] and not found["due"][2]
        assert len({found[name] for name in ("overdue", "due", "cursor", "high")}) == 4
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")  # 16 colours: red and orange may be one
    monkeypatch.delenv("COLORTERM", raising=False)
    few = make_app(db_url)
    async with few.run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = styles(few)
        assert found["overdue"] == (True, True, False) != found["due"]
        assert found["cursor"][2]


async def test_a_palette_command_gets_a_key(tmp_path: Path, db_url: str,
                                            services: Services) -> None:
    configure(tmp_path, '[keys]\nopen_inbox = "f2"\nchange_theme = "alt+t"\n')
    await add(services, "in the inbox")
    app = make_app(db_url)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main_screen.ref.kind is ListKind.TODAY
        await press(pilot, "f2")
        assert app.main_screen.ref.kind is ListKind.INBOX
        assert app.main_screen.task_list.total == 1
        assert not [n for n in notifications(app) if "config.toml" in n]
