"""The main screen (screen.py) and the helpers it hands each feature to."""

from todo_tui.ui.screens.main.screen import MainScreen

__all__ = ["MainScreen"]
