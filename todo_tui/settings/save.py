"""Writing a choice the app makes for the user (the palette's "Change theme") into
config.toml, keeping the user's comments and layout (tomlkit; imported only here, never at
start)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from todo_tui.errors import TodoError


class SettingsNotSaved(TodoError):
    """The settings file could not be written (the choice still holds until the app ends)."""


def save_setting(path: Path, name: str, value: str | int | bool) -> None:
    """Set `name = value` at the top level of the file at `path` (made if missing), leaving
    every other line as it was."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsNotSaved(f"{path} cannot be read: {exc}") from None
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise SettingsNotSaved(f"{path} is not valid TOML ({exc}); fix it first") from None
    if name in document:
        document[name] = tomlkit.item(value)
    else:
        # a new top-level key goes before the first table, or it would land inside it
        tables = [key for key, item in document.body if key is not None
                  and isinstance(item, tomlkit.items.Table | tomlkit.items.AoT)]
        if tables:
            position = next(i for i, (key, _) in enumerate(document.body) if key is not None
                            and key.key == tables[0].key)
            document.add(name, tomlkit.item(value))  # then moved before the table
            entry = document.body.pop()
            document.body.insert(position, entry)
            document = tomlkit.parse(tomlkit.dumps(document))
        else:
            document.add(name, tomlkit.item(value))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(tomlkit.dumps(document))
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SettingsNotSaved(f"{path} cannot be written: {exc.strerror}") from None
