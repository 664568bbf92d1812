"""Write SVG screenshots of the main views from demo data: `make screenshots`."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent
# a fixed clock and zone, so the pictures only change when the app does
os.environ.setdefault("TODO_TUI_NOW", "2026-11-27T10:00:00+00:00")
os.environ.setdefault("TZ", "UTC")
# the pictures show the defaults, never the settings file of whoever makes them
os.environ["TODO_TUI_CONFIG"] = str(OUT / "no-such-config.toml")
# `python screenshots/make.py theme-nord` makes only the pictures named
ONLY = set(sys.argv[1:])


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    for _ in range(50):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if app.main_screen.ready and not any(w.is_running for w in app.workers):
            break
    await pilot.pause(0.2)


async def shoot(url: str, name: str, size: tuple[int, int],
                steps: Callable[[object], Awaitable[None]] | None = None,
                theme: str | None = None) -> None:
    from todo_tui import settings
    from todo_tui.ui.app import make_app

    if ONLY and name not in ONLY:
        return
    chosen = settings.defaults()
    if theme is not None:
        chosen.values["theme"] = settings.Value(theme, "flag")
    settings.use(chosen)
    app = make_app(url)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
            await settle(pilot)
        path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
        print(path)


async def main() -> None:
    from todo_tui import clock
    from todo_tui.db.engine import sqlite_url
    from todo_tui.service import open_services
    from todo_tui.service.demo import fill_demo

    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_url(Path(tmp) / "demo.db")
        services = await open_services(url)
        # about what one person has on at a time; `make demo` shows thousands
        await fill_demo(services.db, 150, seed=9, now=clock.now())
        await services.close()

        async def keys(*names: str) -> Callable[[object], Awaitable[None]]:
            async def run(pilot) -> None:  # type: ignore[no-untyped-def]
                for key in names:
                    await pilot.press(key)
                    await pilot.pause(0.05)
            return run

        async def capture(pilot) -> None:  # type: ignore[no-untyped-def]
            await pilot.press("a")
            await pilot.pause(0.1)
            await pilot.press(*"pay rent tomorrow 9am #home !high every month // ref 42")

        await shoot(url, "main-120x35", (120, 35), await keys("j", "j"))
        await shoot(url, "main-80x24", (80, 24), await keys("j"))
        await shoot(url, "quick-capture", (120, 35), capture)
        await shoot(url, "edit-form", (120, 35), await keys("e"))
        await shoot(url, "help", (120, 35), await keys("question_mark"))
        await shoot(url, "theme-nord", (120, 35), await keys("j", "j"), theme="nord")
        await shoot(url, "theme-light", (120, 35), await keys("j", "j"), theme="textual-light")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
