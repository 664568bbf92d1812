"""The settings' themes on the app: the user's own [themes.NAME] registered, and `theme`
chosen (a bad colour or name is told, and the default theme stays)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from todo_tui.settings import Problem, Settings
from todo_tui.settings.registry import THEME


def users_themes(settings: Settings) -> tuple[list[Theme], list[Problem]]:
    """The file's [themes.NAME] as Textual themes, and each colour Textual cannot read."""
    themes: list[Theme] = []
    problems: list[Problem] = []
    for name, fields in settings.themes.items():
        colours: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "dark":
                continue
            try:
                Color.parse(str(value))
            except ColorParseError:
                problems.append(Problem(settings.path, settings.line_of("themes", name, key),
                                        f"themes.{name}.{key}: {value!r} is not a colour; "
                                        "ignored"))
                continue
            colours[key] = str(value)
        if "primary" in colours:
            themes.append(Theme(name=name, dark=bool(fields.get("dark", True)), **colours))
    return themes, problems


def use_themes(app: App[Any], settings: Settings) -> list[Problem]:
    """Register the file's themes and switch to the chosen one; what went wrong."""
    themes, problems = users_themes(settings)
    for theme in themes:
        app.register_theme(theme)
    chosen = str(settings[THEME.name])
    if chosen not in app.available_themes:
        problems.append(Problem(settings.path, settings.line_of(THEME.name),
                                f"theme: no theme called {chosen!r}; using {THEME.default!r}"))
        chosen = str(THEME.default)
    app.theme = chosen
    return problems
