"""Every setting, declared once: its name in config.toml, type, default and meaning.

The README's table, `todo-tui config show` and the checks of a file are all made from this
registry; a feature that needs a setting adds one `declare(...)` call (here, or in its own
module imported by `todo_tui.settings`). Nothing here imports Textual or SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Textual's built-in themes (tests/test_settings checks this against textual.theme, so the
# shell commands can check a theme name without importing Textual)
BUILTIN_THEMES = (
    "ansi-dark", "ansi-light", "atom-one-dark", "atom-one-light", "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki", "gruvbox",
    "monokai", "nord", "rose-pine", "rose-pine-dawn", "rose-pine-moon", "solarized-dark",
    "solarized-light", "textual-dark", "textual-light", "tokyo-night",
)


class Invalid(ValueError):
    """A value a setting cannot take; the message says what it can take."""


Parse = Callable[[object], object]


class Setting(NamedTuple):  # a NamedTuple, not a dataclass: 5x cheaper to define at start
    """One setting: `name = value` at the top of config.toml."""

    name: str
    default: object
    doc: str
    parse: Parse  # a value from the file (or, as text, from the environment) -> the value
    kind: str  # what the README's table says it takes
    env: str | None = None  # an environment variable that overrides the file
    flag: str | None = None  # a command-line option that overrides both
    default_text: str | None = None  # how the README shows the default, when not repr-able


SETTINGS: dict[str, Setting] = {}


def declare(name: str, default: object, doc: str, parse: Parse, kind: str, *,
            env: str | None = None, flag: str | None = None,
            default_text: str | None = None) -> Setting:
    """Add a setting to the registry (once per name)."""
    if name in SETTINGS:
        raise ValueError(f"setting {name!r} declared twice")
    setting = Setting(name, default, doc, parse, kind, env, flag, default_text)
    SETTINGS[name] = setting
    return setting


# -- what values look like ----------------------------------------------------------------


def count(low: int = 0, high: int = 100_000) -> Parse:
    """A whole number from `low` to `high` (text from the environment is read as one)."""

    def parse(value: object) -> object:
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise Invalid(f"{value!r} is not a whole number") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"{value!r} is not a whole number")
        if not low <= value <= high:
            raise Invalid(f"{value} is not between {low} and {high}")
        return value

    return parse


def choice(*values: str) -> Parse:
    """One of a few words (case does not matter)."""

    def parse(value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in values:
            return value.strip().lower()
        raise Invalid(f"{value!r} is not one of: {', '.join(values)}")

    return parse


def switch(*words: str) -> Parse:
    """true, false, or one of `words` ("auto"); "1"/"0" too, from the environment."""

    def parse(value: object) -> object:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in words:
                return word
            if word in ("1", "true", "yes", "on"):
                return True
            if word in ("0", "false", "no", "off"):
                return False
        shown = ", ".join(("true", "false", *words))
        raise Invalid(f"{value!r} is not one of: {shown}")

    return parse


def text(value: object) -> object:
    """Any string."""
    if not isinstance(value, str):
        raise Invalid(f"{value!r} is not a string (write it in quotes)")
    return value.strip()


def theme_name(value: object) -> object:
    """A theme's name: checked against the built-in and the file's own themes when loaded."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{value!r} is not a theme name")
    return value.strip()


# -- the settings -------------------------------------------------------------------------

DATABASE_URL = declare(
    "database_url", "", "the database to open: sqlite+aiosqlite:///PATH or "
    "postgresql+asyncpg://...; empty: todo.db in the user data directory",
    text, "URL or path", env="TODO_TUI_DB_URL", flag="--db-url, --db", default_text='""')
THEME = declare(
    "theme", "textual-dark", "the colours: a Textual built-in theme or one of your "
    "[themes.NAME]; the palette's \"Change theme\" saves it here", theme_name, "theme name")
DATE_FORMAT = declare(
    "date_format", "dmy", "how dates are written: dmy (Sat 28 Nov 2026, 28 Nov), "
    "mdy (Sat Nov 28 2026, Nov 28) or iso (2026-11-28)", choice("dmy", "mdy", "iso"),
    "dmy, mdy, iso")
CLOCK = declare(
    "clock", "24h", "times as 17:30 (24h) or 5:30pm (12h)", choice("24h", "12h"), "24h, 12h")
WEEK_START = declare(
    "week_start", "monday", "the first day of the week: quick capture's \"next week\" is "
    "the next one, and \"next fri\", \"fri next week\" and \"next weekend\" the Friday "
    "or Saturday of the week that starts then (Upcoming is the next 7 days, whatever the "
    "week_start)",
    choice(*WEEKDAYS), "a weekday")
START_LIST = declare(
    "start_list", "today", "the list the app opens on (only Today is on the first frame "
    "before the database is open)", choice("inbox", "today", "upcoming", "all", "done"),
    "inbox, today, upcoming, all, done")
DETAIL = declare(
    "detail", "shown", "the detail pane at start: shown or hidden (i toggles it)",
    choice("shown", "hidden"), "shown, hidden")
ASCII = declare(
    "ascii", "auto", "draw with ASCII only: true, false, or auto (on for TERM=dumb, vt100, "
    "vt102, vt220, linux, ansi)", switch("auto"), "auto, true, false", env="TODO_TUI_ASCII")
BACKUPS = declare(
    "backups", 7, "how many automatic daily snapshots to keep (0: no daily one)",
    count(0, 10_000), "a count", env="TODO_TUI_BACKUPS")
TRASH_DAYS = declare(
    "trash_days", 30, "days a task stays in the trash before a start deletes it for good "
    "(0: at the next start)",
    count(0, 100_000), "a count", env="TODO_TUI_TRASH_DAYS")

# the reminder settings (read through todo_tui.reminding.settings.reminder_settings)
NOTIFY_KINDS = ("auto", "osc9", "osc777", "osc99", "none")


def minutes_or_none(value: object) -> object:
    """A number of minutes, or "none" (no value)."""
    if isinstance(value, str) and value.strip().lower() in ("none", "off"):
        return None
    return count(0, 100_000)(value)


REMIND_DEFAULT = declare(
    "remind_default", None, "minutes: a reminder that long before the due time of every "
    "timed task without reminders of its own (\"none\": no such reminder)", minutes_or_none,
    "minutes, \"none\"", env="TODO_TUI_REMIND_DEFAULT", default_text='"none"')
NOTIFY = declare(
    "notify", "auto", "the desktop notification a reminder sends: osc9, osc777, osc99, none, "
    "or auto (from KITTY_WINDOW_ID, TERM, TERM_PROGRAM, LC_TERMINAL, WEZTERM_PANE, "
    "WT_SESSION; none when the terminal says nothing known, as often over SSH: set it then)",
    choice(*NOTIFY_KINDS), ", ".join(NOTIFY_KINDS), env="TODO_TUI_NOTIFY")
BELL = declare(
    "bell", False, "ring the terminal bell too when a reminder fires", switch(),
    "true, false", env="TODO_TUI_BELL", default_text="false")
SNOOZE = declare(
    "snooze", 10, "minutes z snoozes a reminder for", count(1, 100_000), "minutes",
    env="TODO_TUI_SNOOZE")


def readme_table() -> str:
    """The README's table of settings (tests/test_docs.py checks the README has it)."""
    rows = ["| setting | default | takes | what it does |", "|---|---|---|---|"]
    for setting in SETTINGS.values():
        default = setting.default_text or (
            f'"{setting.default}"' if isinstance(setting.default, str) else str(setting.default))
        overrides = ", ".join(f"`{o}`" for o in (
            f"${setting.env}" if setting.env else "", *(setting.flag or "").split(", "))
            if o)
        doc = setting.doc + (f"; overridden by {overrides}" if overrides else "")
        rows.append(f"| `{setting.name}` | `{default}` | {setting.kind} | {doc} |")
    return "\n".join(rows)
