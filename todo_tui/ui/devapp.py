"""For `textual run --dev todo_tui.ui.devapp:app`: the app on the usual database, CSS live."""

from __future__ import annotations

from todo_tui.config import database_url
from todo_tui.ui.app import make_app

app = make_app(database_url())
