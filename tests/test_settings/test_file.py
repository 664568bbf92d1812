"""config.toml: every setting read, checked and overridden in the documented order; a bad
entry is a problem naming file:line and keeps its default."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from todo_tui import settings, timefmt
from todo_tui.capture.week import in_next_week, next_week
from todo_tui.config import database_url, sqlite_url
from todo_tui.domain import Due
from todo_tui.settings import SETTINGS, load
from todo_tui.settings.registry import BUILTIN_THEMES


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def use(tmp_path: Path, text: str) -> settings.Settings:
    return settings.use(load(write(tmp_path, text), env={}))


def test_no_file_means_every_default(tmp_path: Path) -> None:
    loaded = load(tmp_path / "missing.toml", env={})
    assert not loaded.exists and not loaded.problems
    assert {name: loaded[name] for name in SETTINGS} == {
        name: setting.default for name, setting in SETTINGS.items()}
    assert all(value.source == "default" for value in loaded.values.values())


GOOD = """\
# my settings
database_url = "sqlite+aiosqlite:///tmp/x.db"
theme = "nord"
date_format = "iso"
clock = "12h"
week_start = "sunday"
start_list = "inbox"
detail = "hidden"
ascii = true
backups = 3
trash_days = 9
remind_default = 15
notify = "osc777"
bell = true
snooze = 5
"""


def test_every_setting_is_read_from_the_file_with_its_line(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, GOOD), env={})
    assert not loaded.problems
    expected = {"database_url": "sqlite+aiosqlite:///tmp/x.db", "theme": "nord",
                "date_format": "iso", "clock": "12h", "week_start": "sunday",
                "start_list": "inbox", "detail": "hidden", "ascii": True, "backups": 3,
                "trash_days": 9, "remind_default": 15, "notify": "osc777", "bell": True,
                "snooze": 5}
    assert set(expected) == set(SETTINGS)  # a new setting needs its line here (and a test)
    for line, (name, value) in enumerate(expected.items(), start=2):
        assert loaded[name] == value
        assert loaded.values[name].origin() == f"file ({tmp_path / 'config.toml'}:{line})"


@pytest.mark.parametrize(("line", "problem"), [
    ("backups = -1", "backups: -1 is not between 0 and 10000; using the default 7"),
    ("backups = true", "backups: True is not a whole number; using the default 7"),
    ("trash_days = \"soon\"", "trash_days: 'soon' is not a whole number; using the default 30"),
    ("clock = \"13h\"", "clock: '13h' is not one of: 24h, 12h; using the default '24h'"),
    ("week_start = \"caturday\"", "week_start: 'caturday' is not one of: monday"),
    ("start_list = \"trash\"", "start_list: 'trash' is not one of: inbox, today"),
    ("detail = 1", "detail: 1 is not one of: shown, hidden"),
    ("ascii = \"maybe\"", "ascii: 'maybe' is not one of: true, false, auto"),
    ("date_format = \"%d\"", "date_format: '%d' is not one of: dmy, mdy, iso"),
    ("database_url = 5", "database_url: 5 is not a string"),
    ("theme = \"dracla\"", "theme: no theme called 'dracla' (did you mean 'dracula'?)"),
    ("trash_dayz = 3", "unknown setting 'trash_dayz' (did you mean 'trash_days'?)"),
    ("keys = 3", "keys must be a table: [keys]"),
    ("notify = \"popup\"", "notify: 'popup' is not one of: auto, osc9, osc777, osc99, none"),
    ("snooze = 0", "snooze: 0 is not between 1 and 100000; using the default 10"),
    ("remind_default = \"soon\"", "remind_default: 'soon' is not a whole number"),
    ("bell = \"loud\"", "bell: 'loud' is not one of: true, false"),
])
def test_a_bad_entry_is_named_with_its_line_and_keeps_the_default(
        tmp_path: Path, line: str, problem: str) -> None:
    other = "clock" if line.startswith(("trash", "backups")) else "trash_days"
    other_value = {"clock": '"12h"', "trash_days": "4"}[other]
    path = write(tmp_path, f"# first\n{other} = {other_value}\n\n{line}\n")
    loaded = load(path, env={})
    assert len(loaded.problems) == 1
    assert str(loaded.problems[0]).startswith(f"{path}:4: {problem}")
    name = line.split(" ")[0]
    if name in SETTINGS:
        assert loaded[name] == SETTINGS[name].default
    assert loaded[other] == {"clock": "12h", "trash_days": 4}[other]  # the good entry holds


def test_a_file_that_is_not_toml_is_one_problem_and_every_default(tmp_path: Path) -> None:
    path = write(tmp_path, 'backups = 3\ntheme = "nord\n')
    loaded = load(path, env={})
    assert [p.line for p in loaded.problems] == [2]
    assert "not valid TOML" in loaded.problems[0].message
    assert loaded["backups"] == 7 and loaded["theme"] == "textual-dark"


def test_bad_keys_and_themes_entries_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\nundo = 3\n[keys.task_list]\nedit = ["e", "none"]\n'
                 '[themes.mine]\nprimary = "#123456"\nsheen = "red"\n[themes.bad]\n'
                 'primary = 12\n')
    loaded = load(path, env={})
    assert [(p.line, p.message.split(":")[0]) for p in loaded.problems] == [
        (2, "keys.undo"), (4, "keys.task_list.edit"), (7, "themes.mine"),
        (9, "themes.bad.primary"), (8, "themes.bad needs a primary colour; ignored")]
    assert loaded.themes == {"mine": {"primary": "#123456"}}
    assert loaded.keys == []


def test_keys_entries_are_read_per_context_and_none_unbinds(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, '[keys]\nundo = ["u", "ctrl+z"]\nquit = "none"\n'
                                  '[keys.task_list]\ndone = "t"\n'), env={})
    assert [(k.context, k.action, k.keys, k.line) for k in loaded.keys] == [
        ("", "undo", ("u", "ctrl+z"), 2), ("", "quit", (), 3), ("task_list", "done", ("t",), 5)]


def test_environment_wins_over_the_file_and_flags_over_both(tmp_path: Path) -> None:
    path = write(tmp_path, "backups = 3\ntrash_days = 5\n")
    loaded = load(path, env={"TODO_TUI_BACKUPS": "4"})
    assert loaded["trash_days"] == 5
    assert loaded.values["backups"].origin() == "environment (TODO_TUI_BACKUPS)"
    flagged = load(path, env={"TODO_TUI_DB_URL": "sqlite+aiosqlite:///env.db"},
                   flags={"database_url": "sqlite+aiosqlite:///flag.db"})
    assert flagged.values["database_url"].value == "sqlite+aiosqlite:///flag.db"
    assert flagged.values["database_url"].source == "flag"
    bad_env = load(path, env={"TODO_TUI_BACKUPS": "many"})
    assert bad_env.values["backups"].value == 3
    assert "$TODO_TUI_BACKUPS: 'many' is not a whole number" in str(bad_env.problems[0])


def test_the_environment_is_read_when_a_value_is_asked_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = use(tmp_path, "backups = 3\n")
    assert loaded["backups"] == 3
    monkeypatch.setenv("TODO_TUI_BACKUPS", "5")
    assert loaded["backups"] == 5


def test_config_path_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TODO_TUI_CONFIG", str(tmp_path / "env.toml"))
    assert settings.config_path(str(tmp_path / "flag.toml")) == tmp_path / "flag.toml"
    assert settings.config_path() == tmp_path / "env.toml"
    monkeypatch.delenv("TODO_TUI_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert settings.config_path() == tmp_path / "xdg" / "todo-tui" / "config.toml"


def test_database_url_from_the_file_comes_after_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TODO_TUI_DB_URL", raising=False)
    assert database_url(None, None, "postgresql+asyncpg://x/y") == "postgresql+asyncpg://x/y"
    assert database_url(None, None, str(tmp_path / "a.db")) == sqlite_url(tmp_path / "a.db")
    monkeypatch.setenv("TODO_TUI_DB_URL", "sqlite+aiosqlite:///env.db")
    assert database_url(None, None, "postgresql+asyncpg://x/y") == "sqlite+aiosqlite:///env.db"


def test_the_builtin_theme_names_are_textuals() -> None:
    from textual.theme import BUILTIN_THEMES as TEXTUAL_THEMES

    assert sorted(BUILTIN_THEMES) == sorted(TEXTUAL_THEMES)


def test_date_format_and_clock(tmp_path: Path) -> None:
    day, moment = date(2026, 11, 28), time(17, 5)
    assert (timefmt.full_date(day), timefmt.day_month(day), timefmt.clock(moment)) == (
        "Sat 28 Nov 2026", "28 Nov", "17:05")
    use(tmp_path, 'date_format = "mdy"\nclock = "12h"\n')
    assert (timefmt.full_date(day), timefmt.day_month(day), timefmt.clock(moment)) == (
        "Sat Nov 28 2026", "Nov 28", "5:05pm")
    assert [timefmt.clock(time(h)) for h in (0, 9, 12)] == ["12:00am", "9:00am", "12:00pm"]
    use(tmp_path, 'date_format = "iso"\n')
    assert (timefmt.full_date(day), timefmt.day_month(day)) == ("2026-11-28", "11-28")
    due = Due.at_local(datetime(2026, 11, 28, 21, 30, tzinfo=UTC), "UTC")
    assert due.describe() == "2026-11-28 9:30pm (UTC)" or due.describe() == (
        "2026-11-28 21:30 (UTC)")
    use(tmp_path, 'date_format = "iso"\nclock = "12h"\n')
    assert due.describe() == "2026-11-28 9:30pm (UTC)"
    assert due.relative(date(2026, 11, 28)) == "today 9:30pm"


def test_the_task_list_and_detail_write_dates_as_chosen(tmp_path: Path) -> None:
    today = date(2026, 11, 27)
    assert Due.on(date(2026, 12, 25)).relative(today) == "25 Dec"
    assert Due.on(date(2026, 12, 25)).describe() == "Fri 25 Dec 2026"
    use(tmp_path, 'date_format = "mdy"\n')
    assert Due.on(date(2026, 12, 25)).relative(today) == "Dec 25"
    assert Due.on(date(2026, 12, 25)).describe() == "Fri Dec 25 2026"


def test_week_start_moves_next_week(tmp_path: Path) -> None:
    friday = date(2026, 11, 27)
    assert next_week(friday) == date(2026, 11, 30)  # Monday
    assert in_next_week(friday, 4) == date(2026, 12, 4)
    use(tmp_path, 'week_start = "sunday"\n')
    assert next_week(friday) == date(2026, 11, 29)  # Sunday
    assert in_next_week(friday, 4) == date(2026, 12, 4)  # the Friday of Sun 29 - Sat 5
    assert in_next_week(date(2026, 11, 29), 0) == date(2026, 12, 7)  # from a Sunday
    from todo_tui.capture import parse

    now = datetime(2026, 11, 27, 10, tzinfo=UTC)
    due = parse("plan next week", now=now, tz="UTC").due
    assert due is not None and due.day == date(2026, 11, 29)
    due = parse("plan next fri", now=now, tz="UTC").due
    assert due is not None and due.day == date(2026, 12, 4)


def test_reminder_settings_come_from_the_file_and_the_environment_wins(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from todo_tui.reminding.settings import ReminderSettings, reminder_settings

    for name in ("TODO_TUI_REMIND_DEFAULT", "TODO_TUI_NOTIFY", "TODO_TUI_BELL",
                 "TODO_TUI_SNOOZE"):
        monkeypatch.delenv(name, raising=False)
    use(tmp_path, 'remind_default = 15\nnotify = "osc99"\nbell = true\nsnooze = 5\n')
    assert reminder_settings() == ReminderSettings(15, "osc99", True, 5)
    monkeypatch.setenv("TODO_TUI_NOTIFY", "osc9")
    monkeypatch.setenv("TODO_TUI_SNOOZE", "20")
    monkeypatch.setenv("TODO_TUI_BELL", "0")
    monkeypatch.setenv("TODO_TUI_REMIND_DEFAULT", "0")
    assert reminder_settings() == ReminderSettings(0, "osc9", False, 20)
    monkeypatch.setenv("TODO_TUI_NOTIFY", "popup")  # a bad value keeps the file's
    assert reminder_settings().notification == "osc99"
    use(tmp_path, 'remind_default = "none"\n')
    monkeypatch.delenv("TODO_TUI_REMIND_DEFAULT")
    assert reminder_settings().default_minutes_before is None


def test_week_start_moves_next_weekend_and_tue_next_week_not_this_weekend(
        tmp_path: Path) -> None:
    from todo_tui.capture import parse

    def due(text: str, day: date) -> date:
        found = parse(text, now=datetime.combine(day, time(10), UTC), tz="UTC").due
        assert found is not None
        return found.day

    sunday = date(2026, 11, 29)
    assert due("picnic next weekend", sunday) == date(2026, 12, 5)  # weeks from Monday
    assert due("plan tue next week", sunday) == date(2026, 12, 1)
    assert due("picnic this weekend", sunday) == date(2026, 12, 5)
    use(tmp_path, 'week_start = "sunday"\n')
    assert due("picnic next weekend", sunday) == date(2026, 12, 12)  # Sun 6 - Sat 12
    assert due("plan tue next week", sunday) == date(2026, 12, 8)
    assert due("picnic this weekend", sunday) == date(2026, 12, 5)  # this week's Saturday
    assert due("picnic next weekend", date(2026, 11, 28)) == date(2026, 12, 5)
    use(tmp_path, 'week_start = "saturday"\n')
    friday = date(2026, 11, 27)  # the week Sat 21 - Fri 27; the next one starts Sat 28
    assert due("picnic this weekend", friday) == date(2026, 11, 28)
    assert due("picnic next weekend", friday) == date(2026, 11, 28)
    assert due("picnic next weekend", date(2026, 11, 28)) == date(2026, 12, 5)


def test_upcoming_is_the_next_7_days_whatever_the_week_start(tmp_path: Path) -> None:
    from todo_tui.domain import upcoming_end

    friday = date(2026, 11, 27)
    use(tmp_path, 'week_start = "sunday"\n')
    assert upcoming_end(friday) == date(2026, 12, 4)
    assert "Upcoming is the next 7 days" in SETTINGS["week_start"].doc
