"""Reading config.toml (with the standard library's tomllib only: it is on the start-up path)
into the effective settings, with where each value came from and what was wrong."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from todo_tui.settings.registry import BUILTIN_THEMES, SETTINGS, THEME, Invalid

ENV_CONFIG = "TODO_TUI_CONFIG"
# the colours a [themes.NAME] table may give (Textual's Theme fields)
THEME_COLOURS = ("primary", "secondary", "accent", "foreground", "background", "surface",
                 "panel", "boost", "warning", "error", "success")
THEME_FIELDS = (*THEME_COLOURS, "dark")
TABLES = ("keys", "themes")


# NamedTuples and a plain class, not dataclasses: this is read before the first frame, and
# a dataclass costs five times as much to define.


class Problem(NamedTuple):
    """One bad entry: the file, its line (when known) and what is wrong."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class Value(NamedTuple):
    """An effective value and where it came from ("default", "file", "environment", "flag")."""

    value: object
    source: str
    detail: str = ""  # file:line, the variable's or the option's name

    def origin(self) -> str:
        return self.source if not self.detail else f"{self.source} ({self.detail})"


class KeyEntry(NamedTuple):
    """`action = ["key", ...]` in [keys] (context "") or [keys.CONTEXT]."""

    context: str
    action: str
    keys: tuple[str, ...]  # () unbinds ("none")
    line: int | None


class Settings:
    """The effective settings: every registered value, the key entries, the user's themes,
    and the problems found (each bad entry fell back to its default)."""

    def __init__(self, path: Path, values: dict[str, Value]) -> None:
        self.path = path
        self.values = values
        self.keys: list[KeyEntry] = []
        self.themes: dict[str, dict[str, object]] = {}
        self.problems: list[Problem] = []
        self.exists = False  # whether the file was there

    def __getitem__(self, name: str) -> object:
        """The value in effect: its environment variable is read now (it wins over the file,
        and a process may set it after the file was read), unless a flag set the value."""
        value = self.values[name]
        setting = SETTINGS[name]
        if setting.env and value.source != "flag":
            raw = os.environ.get(setting.env, "").strip()
            if raw:
                try:
                    return setting.parse(raw)
                except Invalid:
                    return value.value if value.source != "environment" else setting.default
        return value.value

    def line_of(self, *names: str) -> int | None:
        return find_line(self.path, names)


def defaults(path: Path | None = None) -> Settings:
    """Every setting at its default (no file read)."""
    return Settings(path or Path("config.toml"),
                    {name: Value(s.default, "default") for name, s in SETTINGS.items()})


# -- where an entry is ----------------------------------------------------------------------

# (compiled on first use, by re's own cache: only a start with a file pays for them)
_HEADER = r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$"
_KEY = r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*="""


def _name(raw: str) -> str:
    return raw[1:-1] if raw[:1] in "\"'" else raw


def lines_of(text: str) -> dict[tuple[str, ...], int]:
    """(table..., key) -> the line it is on (1-based), for tables and simple keys: tomllib
    keeps no positions, and a message without a line is half a message."""
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(_HEADER, line)
        if header:
            table = tuple(_name(part.strip()) for part in header.group(1).split("."))
            found.setdefault(table, number)
            continue
        key = re.match(_KEY, line)
        if key:
            found.setdefault((*table, _name(key.group(1))), number)
    return found


def find_line(path: Path, names: tuple[str, ...]) -> int | None:
    try:
        return lines_of(path.read_text(encoding="utf-8")).get(names)
    except (OSError, UnicodeDecodeError):
        return None


# -- reading ------------------------------------------------------------------------------


def _suggest(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def load(path: Path, env: Mapping[str, str] | None = None,
         flags: Mapping[str, object] | None = None) -> Settings:
    """The effective settings: `flags` over `env` over the file at `path` over the defaults.
    Never raises for what is in the file: a bad entry is a Problem and keeps its default."""
    env = os.environ if env is None else env
    settings = defaults(path)
    table: dict[str, object] = {}
    lines: dict[tuple[str, ...], int] = {}
    try:
        raw = path.read_bytes()
        settings.exists = True
    except FileNotFoundError:
        raw = None
    except OSError as exc:
        settings.problems.append(Problem(path, None, f"cannot be read: {exc.strerror}"))
        raw = None
    if raw is not None:
        import tomllib  # only when there is a file: nothing to pay at a start without one

        try:
            source = raw.decode("utf-8")
            table = tomllib.loads(source)
            lines = lines_of(source)
        except UnicodeDecodeError:
            settings.problems.append(Problem(path, None, "is not UTF-8 text; nothing in it "
                                             "was used"))
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"line (\d+)", str(exc))
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            settings.problems.append(Problem(
                path, int(line.group(1)) if line else None,
                f"not valid TOML: {message}; nothing in the file was used"))
    _read_values(settings, table, lines)
    _read_keys(settings, table.get("keys"), lines)
    _read_themes(settings, table.get("themes"), lines)
    _check_theme(settings, lines)
    for setting in SETTINGS.values():
        if setting.env and env.get(setting.env, "").strip():
            try:
                value = setting.parse(env[setting.env])
                settings.values[setting.name] = Value(value, "environment", setting.env)
            except Invalid as exc:
                settings.problems.append(Problem(
                    path, None, f"${setting.env}: {exc}; ignored"))
        if flags and flags.get(setting.name) not in (None, ""):
            settings.values[setting.name] = Value(flags[setting.name], "flag",
                                                  setting.flag or "")
    return settings


def _read_values(settings: Settings, table: dict[str, object],
                 lines: dict[tuple[str, ...], int]) -> None:
    for name, value in table.items():
        if name in TABLES:
            if not isinstance(value, dict):
                settings.problems.append(Problem(settings.path, lines.get((name,)),
                                                 f"{name} must be a table: [{name}]"))
            continue
        setting = SETTINGS.get(name)
        if setting is None:
            hint = _suggest(name, [*SETTINGS, *TABLES])
            settings.problems.append(Problem(settings.path, lines.get((name,)),
                                             f"unknown setting {name!r}{hint}"))
            continue
        try:
            parsed = setting.parse(value)
        except Invalid as exc:
            settings.problems.append(Problem(
                settings.path, lines.get((name,)),
                f"{name}: {exc}; using the default {setting.default!r}"))
            continue
        line = lines.get((name,))
        detail = f"{settings.path}:{line}" if line else str(settings.path)
        settings.values[name] = Value(parsed, "file", detail)


def _key_list(value: object) -> tuple[str, ...] | None:
    """A key or a list of keys; "none" or [] unbinds. None when it is neither."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        return None
    keys = [k.strip() for k in value if isinstance(k, str) and k.strip()]
    if any(k.lower() == "none" for k in keys):
        return () if len(keys) == 1 else None
    return tuple(keys)


def _read_keys(settings: Settings, table: object, lines: dict[tuple[str, ...], int]) -> None:
    if not isinstance(table, dict):
        return
    for name, value in table.items():
        if isinstance(value, dict):  # [keys.CONTEXT]
            for action, keys in value.items():
                _key_entry(settings, name, action, keys, lines.get(("keys", name, action)))
        else:
            _key_entry(settings, "", name, value, lines.get(("keys", name)))


def _key_entry(settings: Settings, context: str, action: str, value: object,
               line: int | None) -> None:
    keys = _key_list(value)
    if keys is None:
        where = f"keys.{context}.{action}" if context else f"keys.{action}"
        settings.problems.append(Problem(
            settings.path, line, f"{where}: {value!r} is not a key or a list of keys "
            '(like "ctrl+z" or ["u", "ctrl+z"]; "none" unbinds); the default keys stay'))
        return
    settings.keys.append(KeyEntry(context, action, keys, line))


def _read_themes(settings: Settings, table: object,
                 lines: dict[tuple[str, ...], int]) -> None:
    if not isinstance(table, dict):
        return
    for name, colours in table.items():
        line = lines.get(("themes", name))
        if not isinstance(colours, dict):
            settings.problems.append(Problem(settings.path, line,
                                             f"themes.{name} must be a table: [themes.{name}]"))
            continue
        theme: dict[str, object] = {}
        for key, value in colours.items():
            at = lines.get(("themes", name, key), line)
            if key not in THEME_FIELDS:
                settings.problems.append(Problem(
                    settings.path, at, f"themes.{name}: unknown field {key!r}"
                    f"{_suggest(key, list(THEME_FIELDS))}; ignored"))
            elif key == "dark" and not isinstance(value, bool):
                settings.problems.append(Problem(settings.path, at,
                                                 f"themes.{name}.dark must be true or false"))
            elif key != "dark" and not _colour(value):
                settings.problems.append(Problem(
                    settings.path, at, f"themes.{name}.{key}: {value!r} is not a colour "
                    '(like "#1e90ff", "rgb(30,144,255)" or "dodgerblue"); ignored'))
            else:
                theme[key] = value
        if "primary" not in theme:
            settings.problems.append(Problem(settings.path, line,
                                             f"themes.{name} needs a primary colour; ignored"))
            continue
        settings.themes[name] = theme


def _colour(value: object) -> bool:
    if not isinstance(value, str):
        return False
    from todo_tui.settings.colours import is_colour

    return is_colour(value)


def _check_theme(settings: Settings, lines: dict[tuple[str, ...], int]) -> None:
    value = settings.values[THEME.name]
    if value.source == "default" or value.value in BUILTIN_THEMES or value.value in settings.themes:
        return
    known = [*BUILTIN_THEMES, *settings.themes]
    settings.problems.append(Problem(
        settings.path, lines.get((THEME.name,)),
        f"theme: no theme called {value.value!r}{_suggest(str(value.value), known)}; using "
        f"the default {THEME.default!r}"))
    settings.values[THEME.name] = Value(THEME.default, "default")
